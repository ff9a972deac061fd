"""Seminars: the programme, the people who speak, sign-ups and the members' planning survey.

Writes that have a rule (capacity, the waiting list, cancelling) go through
``seminars/services.py``; this module keeps the data and the rules PostgreSQL can hold.
"""

import base64
import contextlib
import hashlib
import hmac
import secrets
import uuid
from datetime import timedelta
from pathlib import Path

import reversion
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from core.concurrency import Versioned, VersionedChild
from core.uploads import reencoded_image, validate_image, validate_size

# --- Uploaded files: checked for type and size, stored under generated names -------------

AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "ogg": "audio/ogg",
}
PHOTO_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
MAX_AUDIO_BYTES = 200 * 1024 * 1024
MAX_PHOTO_BYTES = 5 * 1024 * 1024


def _starts_like(upload, extension: str) -> bool:
    """Whether the first bytes of the file match what its name says it is."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension == "mp3":
        return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] >= 0xE0)
    if extension == "m4a":
        return head[4:8] == b"ftyp"
    if extension == "ogg":
        return head.startswith(b"OggS")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension == "webp":
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    return False


def _validate_upload(upload, types: dict[str, str], max_bytes: int, what: str) -> None:
    extension = Path(upload.name).suffix.lower().lstrip(".")
    if extension not in types:
        raise ValidationError(
            f"Choose {what} file ending in " + ", ".join(f".{name}" for name in types) + ".",
            code="file_type",
        )
    validate_size(upload, max_bytes)
    if not _starts_like(upload, extension):
        raise ValidationError(
            f"This file is not really {what} file. Choose another file.", code="file_content"
        )


def validate_podcast_audio(upload) -> None:
    """A podcast is an MP3, M4A or Ogg file of at most 200 MB whose bytes match its name."""
    _validate_upload(upload, AUDIO_TYPES, MAX_AUDIO_BYTES, "a sound")


def validate_photo(upload) -> None:
    """A photo is a JPEG, PNG or WebP file of at most 5 MB that Pillow can read."""
    _validate_upload(upload, PHOTO_TYPES, MAX_PHOTO_BYTES, "a photo")
    validate_image(upload)


def podcast_upload_to(session: "Session", filename: str) -> str:
    extension = Path(filename).suffix.lower()
    return f"seminars/podcasts/{uuid.uuid4().hex}{extension}"


def speaker_photo_upload_to(speaker: "Speaker", filename: str) -> str:
    extension = Path(filename).suffix.lower()
    return f"seminars/speakers/{uuid.uuid4().hex}{extension}"


# --- Seminars ---------------------------------------------------------------------------


class SeminarQuerySet(models.QuerySet):
    def with_places(self):
        """Each seminar with ``places_taken`` and ``waiting_count``, in one query
        (``seminars.places.annotate``)."""
        from seminars import places

        return places.annotate(self)

    def published(self):
        return self.exclude(stage=Seminar.Stage.PLANNING)

    def upcoming(self, now=None):
        """Seminars still to come: being planned, or not finished yet. Soonest first."""
        now = now or timezone.now()
        return self.filter(Q(stage=Seminar.Stage.PLANNING) | Q(ends_at__gte=now)).order_by(
            F("starts_at").asc(nulls_last=True), "title"
        )

    def past(self, now=None):
        now = now or timezone.now()
        return self.published().filter(ends_at__lt=now).order_by("-starts_at")


# Registrations are not followed: their history would keep personal data past the purge.
@reversion.register(follow=["sessions"])
class Seminar(Versioned, models.Model):
    """An event where people learn and talk together about research."""

    class Stage(models.TextChoices):
        PLANNING = "planning", "Still planning: people cannot sign up yet"
        PUBLISHED = "published", "Ready: people can sign up when sign-up opens"

    class State(models.TextChoices):
        """What a person sees: worked out from the stage, the dates and the places taken."""

        PLANNING = "planning", "We are still planning it"
        NOT_OPEN_YET = "not_open_yet", "Sign-up has not opened yet"
        OPEN = "open", "Open: places left"
        FULL = "full", "Full: you can join the waiting list"
        CLOSED = "closed", "Sign-up has closed"
        PAST = "past", "It has happened"

    class Format(models.TextChoices):
        WORKSHOP = "workshop", "Workshop: short talks and small-group discussions"
        TALKS = "talks", "Talks"
        DISCUSSION = "discussion", "Discussion"

    class SupportWorkers(models.TextChoices):
        FREE = "free", "Support workers do not use a place"
        USE_PLACE = "use_place", "Support workers use a place"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="The seminar's web address.")
    stage = models.CharField(
        max_length=20,
        choices=Stage.choices,
        default=Stage.PLANNING,
        help_text="Keep it in planning until the date and place are fixed.",
    )
    starts_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty while you are still finding a date."
    )
    ends_at = models.DateTimeField(null=True, blank=True)
    date_plan = models.TextField(
        blank=True,
        help_text="While there is no date: how we will find one, in easy read.",
    )
    venue = models.ForeignKey(
        "meetings.Venue",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seminars",
        help_text="Where it happens. The venue says how to get there.",
    )
    planned_at = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seminars",
        help_text="The group meeting where we planned this seminar.",
    )
    description = models.TextField(
        help_text="What the seminar is about, in easy read: short sentences, one idea each."
    )
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.WORKSHOP)
    format_description = models.TextField(
        blank=True, help_text="What will happen on the day, in easy read."
    )
    opening_question = models.CharField(
        max_length=200, blank=True, help_text='The question we start with, e.g. "What is research?"'
    )
    opening_activity = models.TextField(
        blank=True, help_text="What people will do to answer the opening question."
    )
    getting_there = models.TextField(
        blank=True,
        help_text="How to get there for this seminar, if it adds to what the venue says.",
    )
    capacity = models.PositiveIntegerField(
        default=40,
        validators=[MinValueValidator(1)],
        help_text="How many places there are in the room.",
    )
    support_workers = models.CharField(
        max_length=20,
        choices=SupportWorkers.choices,
        default=SupportWorkers.FREE,
        help_text="Whether a support worker who comes with someone uses one of the places.",
    )
    signup_opens_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty means as soon as the seminar is ready."
    )
    signup_closes_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty means when the seminar starts."
    )
    promotion_stops_hours = models.PositiveIntegerField(
        default=24,
        help_text=(
            "Hours before the start when the waiting list stops moving by itself. "
            "After that, give places by hand."
        ),
    )
    reminder_days = models.PositiveIntegerField(
        default=7,
        help_text="How many days before the seminar we send a reminder email. 0 means none.",
    )
    calendar_sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Goes up each time the date changes, so calendars update the event.",
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by 1 at each save, so a save from an old page is refused.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SeminarQuerySet.as_manager()

    class Meta:
        ordering = [F("starts_at").asc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="seminar_capacity_at_least_1"
            ),
            models.CheckConstraint(
                condition=Q(stage__in=["planning", "published"]), name="seminar_stage_valid"
            ),
            models.CheckConstraint(
                condition=Q(format__in=["workshop", "talks", "discussion"]),
                name="seminar_format_valid",
            ),
            models.CheckConstraint(
                condition=Q(support_workers__in=["free", "use_place"]),
                name="seminar_support_workers_valid",
            ),
            models.CheckConstraint(
                condition=Q(stage="planning") | Q(starts_at__isnull=False, ends_at__isnull=False),
                name="seminar_published_has_dates",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(ends_at__gt=F("starts_at")),
                name="seminar_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(signup_opens_at__isnull=True)
                | Q(signup_closes_at__isnull=True)
                | Q(signup_closes_at__gt=F("signup_opens_at")),
                name="seminar_signup_closes_after_opening",
            ),
        ]
        indexes = [models.Index(fields=["stage", "starts_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("seminars:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.stage == self.Stage.PUBLISHED and not (self.starts_at and self.ends_at):
            errors["starts_at"] = "A seminar that is ready needs a start and an end."
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The end must be after the start."
        if (
            self.signup_opens_at
            and self.signup_closes_at
            and self.signup_closes_at <= self.signup_opens_at
        ):
            errors["signup_closes_at"] = "Sign-up must close after it opens."
        if errors:
            raise ValidationError(errors)

    @property
    def is_planning(self) -> bool:
        return self.stage == self.Stage.PLANNING or self.starts_at is None

    @property
    def signup_closes(self):
        return self.signup_closes_at or self.starts_at

    # The rules for places live in seminars/places.py; these ask it.

    def seats_for(self, has_support_worker: bool) -> int:
        from seminars import places

        return places.seats_needed(self, has_support_worker)

    def places_taken_now(self) -> int:
        from seminars import places

        return places.count_taken(self)

    @property
    def places_left(self) -> int:
        from seminars import places

        return places.left(self)

    def state_at(self, now=None) -> "Seminar.State":
        from seminars import places

        return places.state_at(self, now)

    @property
    def why_sign_up_closed(self) -> str:
        """Why nobody can sign up now, in easy read; empty while sign-up is open."""
        from seminars import places

        return places.why_closed(self)

    @property
    def state(self) -> "Seminar.State":
        return self.state_at()

    def can_promote_automatically(self, now=None) -> bool:
        """The waiting list moves by itself until some hours before the start."""
        now = now or timezone.now()
        if self.starts_at is None:
            return True
        return now < self.starts_at - timedelta(hours=self.promotion_stops_hours)


# --- Programme and podcasts -------------------------------------------------------------


@reversion.register()
class Speaker(models.Model):
    """A person who speaks at a seminar."""

    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    introduction = models.TextField(
        blank=True, help_text="Who they are, in easy read: 2 or 3 short sentences."
    )
    photo = models.FileField(
        upload_to=speaker_photo_upload_to,
        blank=True,
        validators=[FileExtensionValidator(list(PHOTO_TYPES)), validate_photo],
        help_text="A JPEG, PNG or WebP photo, at most 5 MB. Only with the speaker's consent.",
    )
    photo_alt = models.CharField(
        "photo description",
        max_length=250,
        blank=True,
        help_text='What the photo shows, for people who cannot see it, e.g. "Mel smiling".',
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt=""), name="speaker_photo_has_description"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def save(self, *args, **kwargs):
        if self.photo and not self.photo._committed:
            # A new photo is saved again: where it was taken, and anything hidden, is gone.
            self.photo = reencoded_image(self.photo)
        super().save(*args, **kwargs)

    def clean(self):
        if self.photo and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": "Say what the photo shows."})


class SessionQuerySet(models.QuerySet):
    def with_podcast(self):
        return self.exclude(podcast_audio="")


@reversion.register()
class Session(VersionedChild, models.Model):
    """One part of a seminar's programme: a talk, a workshop or a small-group discussion."""

    version_parent = "seminar"

    class Kind(models.TextChoices):
        TALK = "talk", "Talk"
        WORKSHOP = "workshop", "Workshop"
        DISCUSSION = "discussion", "Small-group discussion"

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TALK)
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    starts_at = models.DateTimeField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0, help_text="Sessions without a time use this.")
    summary = models.TextField(blank=True, help_text="What happens in this part, in easy read.")
    podcast_audio = models.FileField(
        upload_to=podcast_upload_to,
        blank=True,
        validators=[FileExtensionValidator(list(AUDIO_TYPES)), validate_podcast_audio],
        help_text="After the seminar: the recording as MP3, M4A or Ogg, at most 200 MB.",
    )
    podcast_bytes = models.PositiveBigIntegerField(default=0, editable=False)
    podcast_duration = models.DurationField(
        null=True, blank=True, help_text="How long the recording is, e.g. 00:25:00."
    )
    transcript = models.TextField(
        blank=True, help_text="Every word of the recording, written down. Needed with a podcast."
    )
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the podcast was first added."
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["seminar", "order", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["talk", "workshop", "discussion"]), name="session_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(podcast_audio="") | ~Q(transcript=""),
                name="session_podcast_has_transcript",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"

    def save(self, *args, **kwargs):
        if self.podcast_audio:
            with contextlib.suppress(FileNotFoundError, OSError):
                self.podcast_bytes = self.podcast_audio.size
            if self.published_at is None:
                self.published_at = timezone.now()
        else:
            self.podcast_bytes = 0
        super().save(*args, **kwargs)

    def clean(self):
        if self.podcast_audio and not self.transcript.strip():
            raise ValidationError({"transcript": "A podcast needs its transcript."})

    @property
    def podcast_type(self) -> str:
        return AUDIO_TYPES.get(Path(self.podcast_audio.name).suffix.lower().lstrip("."), "")

    @property
    def podcast_megabytes(self) -> str:
        return f"{max(self.podcast_bytes / (1024 * 1024), 0.1):.1f}"


# --- Registrations ----------------------------------------------------------------------


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(state=Registration.State.CANCELLED)

    def cancellations_due(self, now=None):
        """Cancelled by a facilitator, held for undo, and now due to be emailed."""
        return self.filter(
            state=Registration.State.CANCELLED, cancel_email_due_at__lte=now or timezone.now()
        )

    def confirmed(self):
        return self.filter(state=Registration.State.CONFIRMED)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(state=Registration.State.WAITING).order_by("created_at", "pk")

    def for_token(self, token: str):
        return self.filter(token_hash=Registration.hash_token(token))

    def of_person(self, user):
        """The sign-ups of this account: made while logged in, or with an email address the
        person has checked. Never by an address they only typed in (it may be anyone's)."""
        from core.emails import verified_emails

        return self.alias(lower_email=Lower("email")).filter(
            Q(user=user) | Q(lower_email__in=verified_emails(user))
        )

    def to_anonymise(self, now=None, days=None):
        """Registrations whose seminar ended more than the retention days ago."""
        now = now or timezone.now()
        days = settings.SEMINARS_RETENTION_DAYS if days is None else days
        return self.filter(
            anonymised_at__isnull=True, seminar__ends_at__lt=now - timedelta(days=days)
        )


class Registration(models.Model):
    """A person's place at a seminar, or their place on its waiting list."""

    class State(models.TextChoices):
        CONFIRMED = "confirmed", "Has a place"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    class Role(models.TextChoices):
        SELF_ADVOCATE = "self_advocate", "A self-advocate"
        SUPPORTER = "supporter", "A supporter"
        FAMILY = "family", "A family member"
        PROFESSIONAL = "professional", "A professional"

    class AccessNeed(models.TextChoices):
        STEP_FREE = "step_free", "Step-free access"
        EASY_READ = "easy_read", "Easy-read papers"
        LARGE_PRINT = "large_print", "Large print"
        HEARING_LOOP = "hearing_loop", "A hearing loop"
        BSL = "bsl", "A British Sign Language interpreter"
        QUIET_ROOM = "quiet_room", "A quiet room"
        DIETARY = "dietary", "Special food"
        OTHER = "other", "Something else"

    seminar = models.ForeignKey(Seminar, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seminar_registrations",
        help_text="The member's account, if they were logged in.",
    )
    name = models.CharField(max_length=200, blank=True)
    # NULL (not "") once anonymised, so anonymised rows never collide in the unique index.
    email = models.EmailField(  # noqa: DJ001
        max_length=254, null=True, blank=True, help_text="Empty only after anonymising."
    )
    phone = models.CharField(max_length=40, blank=True)
    role = models.CharField("who they are", max_length=20, choices=Role.choices)
    access_needs = ArrayField(
        models.CharField(max_length=20, choices=AccessNeed.choices), default=list, blank=True
    )
    access_needs_other = models.TextField(
        "more about their needs", blank=True, help_text="Food, or anything else they told us."
    )
    has_support_worker = models.BooleanField(
        "support worker coming", default=False, help_text="A support worker comes with them."
    )
    has_consented = models.BooleanField(
        "agreed we keep their details",
        default=False,
        help_text="They agreed we keep their details until after the seminar.",
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.CONFIRMED)
    token_salt = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    facilitator_notes = models.TextField(
        blank=True, help_text="Only facilitators see this. Never shown to the person."
    )
    was_there = models.BooleanField(default=False, help_text="Tick on the day if they came.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    promoted_at = models.DateTimeField(
        null=True, blank=True, help_text="When they moved from the waiting list to a place."
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The facilitator who cancelled it. Empty if the person cancelled.",
    )
    cancel_email_due_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=(
            "A facilitator cancelled it: until this time it can be undone, and nobody has "
            "been emailed yet. Empty once the email has gone."
        ),
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(
        null=True, blank=True, help_text="When we removed their personal details."
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "seminar",
                condition=~Q(state="cancelled"),
                name="registration_one_place_per_email",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["confirmed", "waiting", "cancelled"]),
                name="registration_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(role__in=["self_advocate", "supporter", "family", "professional"]),
                name="registration_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(state="cancelled", cancelled_at__isnull=False)
                | (~Q(state="cancelled") & Q(cancelled_at__isnull=True)),
                name="registration_cancelled_has_time",
            ),
            models.CheckConstraint(
                condition=Q(cancel_email_due_at__isnull=True) | Q(state="cancelled"),
                name="registration_held_email_only_when_cancelled",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=False)
                | (Q(email__isnull=False) & ~Q(email="") & Q(has_consented=True)),
                name="registration_has_email_and_consent",
            ),
        ]
        indexes = [
            models.Index(fields=["seminar", "state", "created_at"]),
            models.Index(fields=["anonymised_at"]),
        ]

    def __str__(self):
        if self.anonymised_at:
            return f"Anonymised sign-up for {self.seminar}"
        return f"{self.name} – {self.seminar}"

    def get_absolute_url(self):
        return reverse("seminars:registration", kwargs={"token": self.token})

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def set_new_token(self) -> None:
        """A fresh secret link. Only its hash is stored; the link is made from the salt and
        the site's secret key, so the database alone cannot open anyone's booking."""
        self.token_salt = secrets.token_hex(32)
        self.token_hash = self.hash_token(self.token)

    @property
    def token(self) -> str:
        digest = hmac.new(
            settings.SECRET_KEY.encode(), f"seminars:{self.token_salt}".encode(), hashlib.sha256
        ).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    @property
    def seats(self) -> int:
        return self.seminar.seats_for(self.has_support_worker)

    def access_need_labels(self) -> list[str]:
        labels = dict(self.AccessNeed.choices)
        return [labels.get(need, need) for need in self.access_needs]

    def remember_waiting_position(self, position: int) -> None:
        """The number worked out under the seminar's lock as they joined the list, so the
        page after signing up can show it without asking the database again."""
        self._waiting_position = position

    def waiting_position(self) -> int | None:
        """Their number on the waiting list (1 is next), or None if they are not waiting."""
        if self.state != self.State.WAITING:
            return None
        if getattr(self, "_waiting_position", None) is not None:
            return self._waiting_position
        earlier = Registration.objects.filter(
            seminar_id=self.seminar_id, state=self.State.WAITING
        ).filter(Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk))
        return earlier.count() + 1


# --- Members' planning survey -----------------------------------------------------------


class SurveyQuerySet(models.QuerySet):
    def open(self):
        return self.filter(is_open=True)


@reversion.register(follow=["questions"])
class Survey(models.Model):
    """Questions facilitators ask members while planning a seminar."""

    seminar = models.ForeignKey(
        Seminar, null=True, blank=True, on_delete=models.SET_NULL, related_name="surveys"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    introduction = models.TextField(blank=True, help_text="Why we ask, in easy read.")
    is_open = models.BooleanField(default=True, help_text="Members can answer while it is open.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("seminars:survey", kwargs={"slug": self.slug})


@reversion.register(follow=["choices"])
class SurveyQuestion(models.Model):
    """One question in a planning survey."""

    class Kind(models.TextChoices):
        CHOOSE_ONE = "choose_one", "Choose one"
        CHOOSE_MANY = "choose_many", "Choose one or more"
        IDEA = "idea", "Write an idea"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True, help_text="A short easy-read hint.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CHOOSE_ONE)
    order = models.PositiveIntegerField(default=0)
    is_required = models.BooleanField(default=False)

    class Meta:
        ordering = ["survey", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["choose_one", "choose_many", "idea"]),
                name="survey_question_kind_valid",
            )
        ]

    def __str__(self):
        return self.text


@reversion.register()
class SurveyChoice(models.Model):
    """An answer members can pick for a choose-one or choose-many question."""

    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=200)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["question", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "text"], name="survey_choice_unique_text")
        ]

    def __str__(self):
        return self.text


class SurveyResponse(models.Model):
    """One member's answers to a survey: one set per member, which they can change."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_responses"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["survey", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "member"], name="survey_one_response_per_member"
            )
        ]

    def __str__(self):
        return f"{self.member} – {self.survey}"


class SurveyAnswer(models.Model):
    """One answer: a chosen choice, or a written idea."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        SurveyChoice, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["response", "question", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "choice"],
                condition=Q(choice__isnull=False),
                name="survey_answer_choice_once",
            ),
            models.CheckConstraint(
                condition=Q(choice__isnull=False) | ~Q(text=""),
                name="survey_answer_has_content",
            ),
        ]

    def __str__(self):
        return str(self.choice) if self.choice_id else self.text[:60]
