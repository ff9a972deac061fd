"""The easy-read toolkit's models: the hard words and what they mean, and the pictures
facilitators upload themselves."""

import uuid
from pathlib import Path

import reversion
from asgiref.local import Local
from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.signals import request_finished, request_started
from django.db import models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, post_save

from core.uploads import reencoded_image, validate_image, validate_size
from easyread.pictures import OWN_PREFIX, picture_choices

# Longer text than this is cut before it is compared (a search box can hold anything).
MAX_QUERY_LENGTH = 200


class GlossaryTermQuerySet(models.QuerySet):
    def alphabetical(self) -> "GlossaryTermQuerySet":
        """A to Z whatever the capitals: "Access to Work" comes after "access needs"."""
        return self.order_by(Lower("term"), "term")

    def closest(self, text: str, *, threshold=0.35, lead=0.05) -> "GlossaryTerm | None":
        """The glossary term (or synonym) most like ``text``, if it is clearly the best.

        "personel budjet" gives "personal budget". The glossary is small, so every term is
        compared; the best must score at least ``threshold`` and beat the next by ``lead``.
        """
        text = text[:MAX_QUERY_LENGTH].lower()
        best = list(
            self.annotate(
                score=RawSQL(
                    "SELECT max(similarity(lower(name), %s)) "
                    "FROM unnest(array_append(easyread_glossaryterm.synonyms, "
                    "easyread_glossaryterm.term)) AS name",
                    [text],
                    output_field=models.FloatField(),
                )
            ).order_by("-score", "term")[:2]
        )
        if not best or best[0].score < threshold:
            return None
        if len(best) == 2 and best[0].score - best[1].score < lead:
            return None
        return best[0]


@reversion.register()
class GlossaryTerm(models.Model):
    """A hard word with its easy-read meaning; it also corrects misspelt searches."""

    term = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    synonyms = ArrayField(
        models.CharField(max_length=100),
        blank=True,
        default=list,
        help_text="Other ways people say it, such as 'PA' for personal assistant.",
    )
    meaning = models.TextField(help_text="What it means, in easy read: 1 to 3 short sentences.")
    picture = models.CharField(max_length=40, choices=picture_choices, default="information")

    objects = GlossaryTermQuerySet.as_manager()

    class Meta:
        ordering = ["term"]
        indexes = [
            GinIndex(fields=["term"], opclasses=["gin_trgm_ops"], name="glossary_term_trigram"),
        ]

    def __str__(self):
        return self.term

    @property
    def letter(self) -> str:
        """The letter the glossary lists it under: A to Z, in capitals."""
        return self.term[:1].upper()


# --- Facilitators' own pictures ---------------------------------------------------------

OWN_PICTURE_TYPES = ["png", "jpg", "jpeg", "webp"]
MAX_OWN_PICTURE_BYTES = 2 * 1024 * 1024
NOT_A_PICTURE = (
    "This file is not really a picture we can use. Choose a PNG, JPEG or WebP picture file."
)


def validate_own_picture(upload) -> None:
    """A PNG, JPEG or WebP picture of at most 2 MB that Pillow can read to the end.

    SVG drawings are refused: an SVG file is a program a browser runs, and can hide code.
    """
    extension = Path(upload.name).suffix.lower().lstrip(".")
    if extension == "svg":
        raise ValidationError(
            "We cannot take SVG drawings: they can hide code. "
            "Save the picture as PNG, then choose that file.",
            code="file_type",
        )
    if extension not in OWN_PICTURE_TYPES:
        raise ValidationError(
            "Choose a picture file ending in .png, .jpg, .jpeg or .webp.", code="file_type"
        )
    validate_size(upload, MAX_OWN_PICTURE_BYTES)
    validate_image(upload, message=NOT_A_PICTURE)


def own_picture_upload_to(picture: "OwnPicture", filename: str) -> str:
    """A safe name of our own: nothing of the name the file had on the computer."""
    extension = Path(filename).suffix.lower()
    return f"easyread/pictures/own-{uuid.uuid4().hex}{extension}"


_request = Local()


class OwnPictureQuerySet(models.QuerySet):
    def by_name(self, name: str) -> "OwnPicture | None":
        """The uploaded picture called ``name`` ("own-3"), if there is one. Every uploaded
        picture is read with one query the first time a request asks for one (there are
        a few), so a page showing many of them still makes a fixed number of queries."""
        pictures = getattr(_request, "own_pictures", None)
        if pictures is None:
            pictures = _request.own_pictures = {picture.key: picture for picture in self.all()}
        return pictures.get(str(name))


def forget_own_pictures(**kwargs) -> None:
    """Start afresh: a new request, or a picture was uploaded, changed or deleted."""
    _request.own_pictures = None


request_started.connect(forget_own_pictures, dispatch_uid="easyread.own_pictures.started")
request_finished.connect(forget_own_pictures, dispatch_uid="easyread.own_pictures.finished")


class OwnPicture(models.Model):
    """A picture a facilitator uploaded, with what it shows and who made it."""

    name = models.CharField(
        max_length=60, help_text="A word or two to find it by in the pictures, e.g. our office."
    )
    image = models.FileField(
        "picture file",
        upload_to=own_picture_upload_to,
        validators=[validate_own_picture],
        help_text="A PNG, JPEG or WebP picture, at most 2 MB. Not SVG.",
    )
    alt_text = models.CharField(
        "what the picture shows",
        max_length=200,
        help_text='For people who cannot see it, e.g. "Our group at the town hall".',
    )
    credit = models.CharField(
        "who made it",
        max_length=200,
        help_text='Shown on the credits page, e.g. "Photo by Sam Lee, shared with consent".',
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnPictureQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "our own picture"
        verbose_name_plural = "our own pictures"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(alt_text="") & ~models.Q(credit=""),
                name="own_picture_has_alt_text_and_credit",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            # Saved again from its dots: where a photo was taken, and anything hidden, is gone.
            self.image = reencoded_image(self.image)
        super().save(*args, **kwargs)

    @property
    def key(self) -> str:
        """What a tag, a hard word or a meeting part keeps in its picture field."""
        return f"{OWN_PREFIX}{self.pk}"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.alt_text})"

    def places_used(self) -> list[str]:
        """Where it is chosen, in plain words: "the tag 'Housing'". Every model with a
        picture field of these choices is asked, so this app need not know them."""
        places = []
        for model in apps.get_models():
            try:
                field = model._meta.get_field("picture")
            except FieldDoesNotExist:
                continue
            if getattr(field, "choices", None) is None or field.get_internal_type() != "CharField":
                continue
            noun = model._meta.verbose_name
            places.extend(f"the {noun} '{row}'" for row in model.objects.filter(picture=self.key))
        return places


class FeedbackAnswer(models.TextChoices):
    YES = "yes", "Yes, it was easy"
    NO = "no", "No, it was hard"
    WORDS_ONLY = "", "Only words"


class PageFeedbackQuerySet(models.QuerySet):
    def per_page(self) -> "PageFeedbackQuerySet":
        """One row a page: how many said yes, how many said no, and when the newest came,
        newest first (one GROUP BY)."""
        return (
            self.order_by()
            .values("path")
            .annotate(
                yes=models.Count("pk", filter=models.Q(answer=FeedbackAnswer.YES)),
                no=models.Count("pk", filter=models.Q(answer=FeedbackAnswer.NO)),
                answers=models.Count("pk"),
                newest=models.Max("created_at"),
            )
            .order_by("-newest", "path")
        )


class PageFeedback(models.Model):
    """An answer to "Was this page easy to understand?": the page, yes or no, and any
    words. Nobody is named: no account, no internet address, nothing of the visitor."""

    MOST_WORDS = 500

    path = models.CharField(max_length=200, db_index=True)
    answer = models.CharField(max_length=3, choices=FeedbackAnswer, blank=True)
    words = models.TextField(max_length=MOST_WORDS, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = "answer to “Was this page easy to understand?”"
        verbose_name_plural = "answers to “Was this page easy to understand?”"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.path}: {self.get_answer_display()}"


post_save.connect(forget_own_pictures, sender=OwnPicture, dispatch_uid="easyread.own.saved")
post_delete.connect(forget_own_pictures, sender=OwnPicture, dispatch_uid="easyread.own.deleted")
