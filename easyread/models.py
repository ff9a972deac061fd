"""The easy-read toolkit's one model: the hard words and what they mean."""

import reversion
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from easyread.pictures import picture_choices

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
