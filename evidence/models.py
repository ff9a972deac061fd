"""The evidence library: sources, the findings they give, themes, tags and hard words."""

import reversion
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse

from spirit.pictures import PICTURES

# The text search configuration made by migration 0001: English stemming after unaccent.
SEARCH_CONFIG = "evidence_en"
# The Care Act 2014 changed the rules on care and support in England.
CARE_ACT_YEAR = 2014


def picture_choices():
    """The pictures a facilitator can choose (a callable, so new pictures need no migration)."""
    return [(name, f"{name} ({description})") for name, (_, description) in PICTURES.items()]


class SourceKind(models.TextChoices):
    """What kind of thing a source is."""

    EVALUATION = "evaluation", "Evaluation"
    SURVEY = "survey", "Survey"
    LOCAL_RESEARCH = "local_research", "Local research"
    BRIEFING = "briefing", "Briefing"
    LITERATURE_SEARCH = "literature_search", "Literature search"
    MEMBERS_EXPERIENCE = "members_experience", "Members' experience"
    LETTER = "letter", "Letter"


class FindingKind(models.TextChoices):
    """What a finding is: research, a gap, a story, an idea for change."""

    FINDING = "finding", "Finding"
    GAP = "gap", "Gap"
    MEMBER_EXPERIENCE = "member_experience", "Member experience"
    RECOMMENDATION = "recommendation", "Recommendation"
    OBSTACLE = "obstacle", "Obstacle"
    PRACTICE_EXAMPLE = "practice_example", "Practice example"


class Strength(models.IntegerChoices):
    """How sure we can be, in words for members."""

    ONE_STORY = 0, "One person's story"
    SOME = 1, "Some evidence"
    GOOD = 2, "Good evidence"
    STRONG = 3, "Strong evidence"


@reversion.register()
class Theme(models.Model):
    """A research issue the group takes up at a meeting, such as personal budgets."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    easy_read_intro = models.TextField(
        help_text="What this theme is about, in easy read: short sentences, one idea each."
    )
    gaps = models.TextField(
        blank=True,
        help_text="What research has not found out yet. One gap a line, in easy read.",
    )
    picture = models.CharField(max_length=40, choices=picture_choices, default="findings")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Themes are listed in this order, smallest first."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("evidence:theme", kwargs={"slug": self.slug})

    @property
    def gap_list(self) -> list[str]:
        """The gaps, one a line, without blank lines."""
        return [line.strip() for line in self.gaps.splitlines() if line.strip()]


@reversion.register()
class Tag(models.Model):
    """A word that groups findings and sources, such as "personal assistants"."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    easy_read_meaning = models.TextField(
        blank=True, help_text="What the tag means, in one or two short sentences."
    )
    picture = models.CharField(max_length=40, choices=picture_choices, default="findings")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("evidence:tag", kwargs={"slug": self.slug})


@reversion.register()
class Source(models.Model):
    """Where findings come from: a report, a survey, a briefing, a letter or members' stories."""

    Kind = SourceKind

    short_name = models.CharField(
        max_length=80, unique=True, help_text="The name members know it by, such as IBSEN."
    )
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300, help_text="The full title of the report or letter.")
    authors = models.CharField(
        max_length=300, help_text="The organisation or the people who wrote it."
    )
    year = models.PositiveSmallIntegerField(help_text="The year it was published.")
    published_on = models.DateField(
        null=True, blank=True, help_text="The exact date, if we know it."
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    sample_size = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many people or papers it looked at, if known."
    )
    sample_description = models.CharField(
        max_length=200,
        blank=True,
        help_text="The sample in words, such as '1,531 sources, of which 104 from the UK'.",
    )
    link = models.URLField(blank=True, max_length=500)
    easy_read_summary = models.TextField(
        help_text="What is this? In easy read: short sentences, one idea each."
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="sources")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "short_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values),
                name="source_kind_is_known",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900) & Q(year__lte=2100), name="source_year_is_sensible"
            ),
        ]

    def __str__(self):
        return f"{self.short_name} ({self.year})"

    def get_absolute_url(self):
        return reverse("evidence:source", kwargs={"slug": self.slug})

    @property
    def is_before_care_act(self) -> bool:
        """True when the research is older than the Care Act 2014."""
        return self.year < CARE_ACT_YEAR


class FindingQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-created_at", "-id")

    def with_related(self):
        """Everything a list of findings shows, in a fixed number of queries."""
        return self.select_related("source", "theme").prefetch_related("tags")


@reversion.register(exclude=["search_vector"])
class Finding(models.Model):
    """One thing a source says: a finding, a gap, a member's experience or a recommendation."""

    Kind = FindingKind
    Strength = Strength

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="findings")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="findings")
    tags = models.ManyToManyField(Tag, blank=True, related_name="findings")
    position = models.PositiveIntegerField(
        help_text="Where this finding comes in its source: 1 for the first, 2 for the next."
    )
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.FINDING)
    original_wording = models.TextField(help_text="The words of the source, copied exactly.")
    easy_read = models.TextField(
        help_text="The easy-read version: short sentences, one idea each, 15 words at most."
    )
    key_figures = models.CharField(
        max_length=300,
        blank=True,
        help_text="Numbers the source gives, such as 'mean £3,360 on leisure; p < 0.05'.",
    )
    strength = models.PositiveSmallIntegerField(
        choices=Strength.choices,
        default=Strength.SOME,
        help_text="How sure we can be, in words members know.",
    )
    strength_reason = models.TextField(
        help_text="Why we can be this sure, in easy read. For example: 4,000 people answered."
    )
    keywords = models.TextField(
        blank=True,
        editable=False,
        help_text="Tag names and the source's short name, kept up to date for search.",
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("keywords", weight="A", config=SEARCH_CONFIG)
        + SearchVector("easy_read", weight="B", config=SEARCH_CONFIG)
        + SearchVector("original_wording", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=FindingKind.values),
                name="finding_kind_is_known",
            ),
            models.CheckConstraint(
                condition=Q(strength__in=Strength.values),
                name="finding_strength_is_known",
            ),
            models.UniqueConstraint(
                fields=["source", "position"], name="one_finding_per_place_in_source"
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="finding_search_vector"),
            models.Index(fields=["-created_at", "-id"], name="finding_newest_first"),
            models.Index(fields=["kind"], name="finding_kind"),
        ]

    def __str__(self):
        return f"{self.source.short_name} {self.position}: {self.original_wording[:60]}"

    def get_absolute_url(self):
        return reverse("evidence:detail", kwargs={"pk": self.pk})

    @property
    def is_before_care_act(self) -> bool:
        """True when the source is older than the Care Act 2014."""
        return self.source.is_before_care_act

    @property
    def easy_read_sentences(self) -> list[str]:
        """The easy-read version, one sentence a line."""
        return [line.strip() for line in self.easy_read.splitlines() if line.strip()]


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

    class Meta:
        ordering = ["term"]
        indexes = [
            GinIndex(fields=["term"], opclasses=["gin_trgm_ops"], name="glossary_term_trigram"),
        ]

    def __str__(self):
        return self.term


class SearchTerm(models.Model):
    """A word that appears in findings, used to suggest spellings ("Did you mean ...?")."""

    word = models.CharField(max_length=100, unique=True)
    ndoc = models.PositiveIntegerField(default=1, help_text="How many findings use the word.")

    class Meta:
        ordering = ["word"]
        indexes = [
            GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="search_term_trigram"),
        ]

    def __str__(self):
        return self.word
