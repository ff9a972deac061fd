"""Meetings of the group and their minutes: parts, decisions, next steps and who came."""

import datetime
import zoneinfo

import nh3
import reversion
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from markdown_it import MarkdownIt

from core.concurrency import Versioned, VersionedChild
from easyread.pictures import PICTURES, picture_choices
from easyread.text import lines
from evidence.models import stored_search_vector

# The group meets in England: its times are the portal's time zone (settings.TIME_ZONE).
LONDON = zoneinfo.ZoneInfo(settings.TIME_ZONE)

# Notes are written in plain text with Markdown: an empty line between paragraphs, "- " for
# a list, **bold**, [words](https://link). What is shown keeps only simple formatting:
# paragraphs, line breaks, lists, bold and links (<b> typed in the box is bold too).
NOTES_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "a"}
NOTES_ATTRIBUTES = {"a": {"href"}}
NOTES_URL_SCHEMES = {"http", "https", "mailto"}


def clean_notes(html: str) -> str:
    """Notes with only the allowed tags; scripts, styles and other tags are removed."""
    return nh3.clean(
        html or "",
        tags=NOTES_TAGS,
        attributes=NOTES_ATTRIBUTES,
        url_schemes=NOTES_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


_MARKDOWN = MarkdownIt("commonmark", {"html": True, "breaks": True})


def render_notes(text: str) -> str:
    """The notes as typed (Markdown) made into HTML with only the allowed tags."""
    return clean_notes(_MARKDOWN.render(text or ""))


def validate_picture_name(value: str) -> None:
    """Migration 0001 refers to this check; the choices below now do the same job."""
    if value not in PICTURES:
        raise ValidationError(f"Choose a picture from the list. {value!r} is not one of them.")


class Venue(models.Model):
    """A place where the group meets, with how to get there."""

    name = models.CharField(
        max_length=200,
        unique=True,
        help_text="The organisation or place, e.g. People First Dorset.",
    )
    address = models.CharField(
        max_length=300,
        blank=True,
        help_text=(
            "The building and street or village, e.g. Herringston Barn, Winterborne Herringston. "
            "Leave empty if you do not know it yet."
        ),
    )
    town = models.CharField(max_length=100, help_text="e.g. Dorchester.")
    postcode = models.CharField(max_length=10, blank=True)
    how_to_get_there = models.TextField(
        blank=True,
        help_text="In easy read: one short sentence a line. Trains, buses, parking.",
    )
    accessibility_notes = models.TextField(
        blank=True,
        help_text="In easy read: one short sentence a line. Steps, lifts, toilets, quiet room.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.town}"

    @property
    def one_line(self) -> str:
        """The name and whole address on one line, postcode last: "At ..." in pages and
        emails, and a calendar's LOCATION. Empty parts are left out, so never ", , "."""
        return ", ".join(
            part.strip()
            for part in [self.name, self.address, self.town, self.postcode]
            if part and part.strip()
        )

    @property
    def address_line(self) -> str:
        """The address without the name: building and street, town, postcode; empty parts
        left out, so a venue with no address is just its town."""
        return ", ".join(
            part.strip()
            for part in [self.address, self.town, self.postcode]
            if part and part.strip()
        )

    @property
    def how_to_get_there_lines(self) -> list[str]:
        return lines(self.how_to_get_there)

    @property
    def accessibility_lines(self) -> list[str]:
        return lines(self.accessibility_notes)


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Meeting.Status.PUBLISHED)

    def upcoming(self, today: datetime.date | None = None):
        """Meetings today or later, soonest first."""
        today = today or timezone.localdate()
        return self.filter(held_on__gte=today).order_by("held_on", "start_time")

    def past(self, today: datetime.date | None = None):
        """Meetings before today, newest first."""
        today = today or timezone.localdate()
        return self.filter(held_on__lt=today).order_by("-held_on", "-start_time")

    def with_page_facts(self):
        """With venue, theme and how many people came or sent apologies, in one query."""
        return self.select_related("venue", "theme").annotate(
            present_count=Count("attendances", filter=Q(attendances__status="present")),
            apologies_count=Count("attendances", filter=Q(attendances__status="apologies")),
        )

    def after(self, meeting: "Meeting"):
        """Meetings after this one, soonest first."""
        return self.filter(held_on__gt=meeting.held_on).order_by("held_on", "start_time")


@reversion.register(
    follow=["parts", "decisions", "next_steps", "attendances"], exclude=["search_vector"]
)
class Meeting(Versioned, models.Model):
    """A meeting of the group, with its minutes."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft: only facilitators can see it"
        PUBLISHED = "published", "Published: everyone can see it"

    number = models.PositiveSmallIntegerField(
        unique=True, help_text="Which meeting this is: 2 for the second meeting."
    )
    title = models.CharField(max_length=200, help_text="e.g. Our second meeting.")
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The end of the web address, e.g. second-meeting."
    )
    held_on = models.DateField(help_text="The day of the meeting.")
    start_time = models.TimeField(
        null=True, blank=True, help_text="When it starts, UK time. Leave empty if not known."
    )
    end_time = models.TimeField(
        null=True, blank=True, help_text="When it ends, UK time. Leave empty if not known."
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="meetings", help_text="Where we meet."
    )
    summary = models.TextField(
        blank=True,
        help_text="The meeting in easy read: one short sentence a line, at most 15 words each.",
    )
    theme = models.ForeignKey(
        "evidence.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text="The research theme we look at in this meeting.",
    )
    findings = models.ManyToManyField(
        "evidence.Finding",
        blank=True,
        related_name="meetings",
        help_text="Findings discussed at the meeting. Type a word to find them.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Members only see published meetings. Use the preview link before publishing.",
    )
    calendar_sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Goes up by 1 when the day, time or place changes, so calendars update.",
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by 1 at each save, so a save from an old page is refused.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    # What the whole-site search reads (sitesearch.groups).
    search_vector = stored_search_vector("title", "summary")

    class Meta:
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="meeting_status_valid"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_at_least_1"),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False),
                name="meeting_end_time_needs_start_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "held_on"], name="meeting_status_held_on"),
            GinIndex(fields=["search_vector"], name="meeting_search_vector"),
        ]

    def __str__(self):
        return f"{self.title} ({self.held_on:%-d %B %Y})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            before = (
                Meeting.objects.filter(pk=self.pk)
                .values_list("held_on", "start_time", "end_time", "venue_id")
                .first()
            )
            if before is not None and before != self._calendar_facts():
                self.calendar_sequence += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"slug": self.slug})

    def _calendar_facts(self) -> tuple:
        return (self.held_on, self.start_time, self.end_time, self.venue_id)

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "The meeting must end after it starts."})
        if self.end_time and not self.start_time:
            raise ValidationError({"start_time": "Add the start time too."})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_past(self) -> bool:
        """True once the day of the meeting is over."""
        return self.held_on < timezone.localdate()

    @property
    def starts_at(self) -> datetime.datetime | None:
        """The start as a UK date and time, or None when the time is not known."""
        if self.start_time is None:
            return None
        return datetime.datetime.combine(self.held_on, self.start_time, tzinfo=LONDON)

    @property
    def ends_at(self) -> datetime.datetime | None:
        if self.end_time is None:
            return None
        return datetime.datetime.combine(self.held_on, self.end_time, tzinfo=LONDON)

    @property
    def summary_lines(self) -> list[str]:
        return lines(self.summary)


# The links between meetings and findings are kept in the history too, so a deleted finding
# comes back linked to its meetings (core.history.keep_before_deleting).
reversion.register(Meeting.findings.through)


@reversion.register(exclude=["search_vector"])
class MeetingPart(VersionedChild, models.Model):
    """One part of a meeting's agenda, with its notes and who led it."""

    version_parent = "meeting"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveSmallIntegerField(
        default=1, help_text="1 for the first part, 2 for the second."
    )
    title = models.CharField(max_length=200, help_text="e.g. Research on personal budgets.")
    picture = models.CharField(
        max_length=40,
        choices=picture_choices,
        default="talk",
        help_text="The picture shown beside this part.",
    )
    led_by = models.CharField(
        max_length=200, blank=True, help_text="Who led this part, e.g. Mel and Andrew."
    )
    easy_read = models.TextField(
        blank=True,
        help_text="What we talked about in easy read: one short sentence a line.",
    )
    notes = models.TextField(
        blank=True,
        help_text=(
            "The full notes, in plain words. Leave an empty line between paragraphs. "
            "Start a line with - for a list. Put ** on both sides of words to make them "
            "bold: **like this**. The preview under the box shows how members will see it."
        ),
    )

    # What the whole-site search reads (sitesearch.groups).
    search_vector = stored_search_vector("title", "easy_read", "led_by")

    class Meta:
        ordering = ["meeting", "position", "pk"]
        indexes = [GinIndex(fields=["search_vector"], name="meeting_part_search_vector")]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="meeting_part_position_unique",
                # Checked when the save ends, so rows can swap places in one save.
                deferrable=models.Deferrable.DEFERRED,
            )
        ]

    def __str__(self):
        return f"Part {self.position}: {self.title}"

    @property
    def notes_html(self) -> str:
        return render_notes(self.notes)

    @property
    def easy_read_lines(self) -> list[str]:
        return lines(self.easy_read)


@reversion.register()
class Decision(VersionedChild, models.Model):
    """Something everyone at the meeting agreed."""

    version_parent = "meeting"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    part = models.ForeignKey(
        MeetingPart,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        help_text="The part of the meeting it came from, if any.",
    )
    position = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(
        max_length=300,
        help_text="In easy read, e.g. We all agree: research has found lots of problems.",
    )
    review_on = models.DateField(
        null=True, blank=True, help_text="A day to check this decision again, if any."
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="decision_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            )
        ]

    def __str__(self):
        return self.text

    def clean(self):
        if self.part_id and self.meeting_id and self.part.meeting_id != self.meeting_id:
            raise ValidationError({"part": "Choose a part of this meeting."})


class NextStepQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=NextStep.Status.OPEN)

    def from_published_meetings(self):
        return self.filter(meeting__status=Meeting.Status.PUBLISHED)

    def for_meeting_page(self, meeting: Meeting):
        """This meeting's steps, then steps carried to it from earlier published meetings."""
        carried = _still_to_do_on(meeting) & Q(meeting__status=Meeting.Status.PUBLISHED)
        return self.filter(Q(meeting=meeting) | carried).order_by(
            "meeting__held_on", "meeting__pk", "position", "pk"
        )

    def carried_to(self, meeting: Meeting):
        """Steps from earlier meetings that were still to do on the day of this meeting."""
        return self.filter(_still_to_do_on(meeting)).order_by(
            "meeting__held_on", "meeting__pk", "position", "pk"
        )


def _still_to_do_on(meeting: Meeting) -> Q:
    """Agreed at an earlier meeting, and open or done after this meeting's day."""
    return Q(meeting__held_on__lt=meeting.held_on) & (
        Q(status=NextStep.Status.OPEN) | Q(done_at__date__gt=meeting.held_on)
    )


@reversion.register(exclude=["search_vector"])
class NextStep(VersionedChild, models.Model):
    """Something to do after a meeting, who does it, and whether it is done."""

    version_parent = "meeting"

    class Status(models.TextChoices):
        OPEN = "open", "Still to do"
        DONE = "done", "Done"

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="next_steps",
        help_text="The meeting where we agreed this step.",
    )
    position = models.PositiveSmallIntegerField(default=1)
    what = models.CharField(max_length=300, help_text="What to do, in easy read.")
    who = models.CharField(
        max_length=200, blank=True, help_text="Who does it. Leave empty if nobody was named."
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_steps",
        help_text="The member who does it, if they have an account.",
    )
    due_on = models.DateField(null=True, blank=True, help_text="By when, if we said.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was done. Filled in for you when you choose Done."
    )
    done_at_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steps_done",
        help_text="The meeting where we said it was done, if any.",
    )

    objects = NextStepQuerySet.as_manager()

    # How long after its meeting the day a step was ticked done is taken as the day it was done.
    DONE_DATE_TRUSTED_FOR = datetime.timedelta(days=366)

    # What the whole-site search reads (sitesearch.groups).
    search_vector = stored_search_vector("what", "who")

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "done"]), name="next_step_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="open", done_at__isnull=True)
                | Q(status="done", done_at__isnull=False),
                name="next_step_done_at_only_when_done",
            ),
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="next_step_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]
        indexes = [
            models.Index(
                fields=["meeting"], condition=Q(status="open"), name="next_step_open_by_meeting"
            ),
            GinIndex(fields=["search_vector"], name="next_step_search_vector"),
        ]

    def __str__(self):
        return self.what

    def clean(self):
        # Choosing "Done" is enough: the time is filled in. Opening it again clears it.
        if self.status == self.Status.DONE and self.done_at is None:
            self.done_at = timezone.now()
        if self.status == self.Status.OPEN:
            self.done_at = None
            self.done_at_meeting = None

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def who_does_it(self) -> str:
        return self.who or (str(self.member) if self.member_id else "")

    @property
    def done_date(self) -> datetime.date | None:
        """The day it was done, when we know it and it makes sense; otherwise None.

        ``done_at`` is filled in when a facilitator ticks Done, so it is the day it was
        ticked, not always the day it was done. We trust it only when it is on or after the
        day of the meeting that agreed the step, not in the future, and at most
        ``DONE_DATE_TRUSTED_FOR`` after that meeting. A step from a 2016 meeting ticked in
        2026 was written down late: we say it is done, with no date.
        """
        if self.done_at is None:
            return None
        done_on = timezone.localdate(self.done_at)
        agreed_on = self.meeting.held_on
        if agreed_on <= done_on <= timezone.localdate() and (
            done_on - agreed_on <= self.DONE_DATE_TRUSTED_FOR
        ):
            return done_on
        return None

    @property
    def due_is_past(self) -> bool:
        return self.due_on is not None and self.due_on < timezone.localdate()


@reversion.register()
class Attendance(VersionedChild, models.Model):
    """Whether a person came to a meeting or sent apologies."""

    version_parent = "meeting"

    class Status(models.TextChoices):
        PRESENT = "present", "Came to the meeting"
        APOLOGIES = "apologies", "Sent apologies"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
        help_text="The member, if they have an account.",
    )
    name = models.CharField(
        max_length=200, blank=True, help_text="Their name, if they have no account."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PRESENT)

    class Meta:
        ordering = ["meeting", "status", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["present", "apologies"]), name="attendance_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(name=""), name="attendance_has_a_person"
            ),
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(member__isnull=False),
                name="attendance_one_row_per_member",
            ),
            models.UniqueConstraint(
                Lower("name"),
                "meeting",
                condition=~Q(name=""),
                name="attendance_one_row_per_name",
            ),
        ]

    def __str__(self):
        person = self.name or str(self.member)
        return f"{person}: {self.get_status_display()}"

    def clean(self):
        if self.member_id is None and not self.name.strip():
            raise ValidationError({"name": "Choose a member or type their name."})
