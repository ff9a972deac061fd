"""The evidence library: sources, the findings they give, themes, tags and hard words."""

import datetime
import operator
from functools import reduce

import reversion
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from core.concurrency import Versioned
from core.spreadsheets import safe_row
from easyread.pictures import picture_choices
from easyread.text import in_sentence, long_date

# The text search configuration made by migration 0001: English stemming after unaccent.
SEARCH_CONFIG = "evidence_en"


def stored_search_vector(*fields: str) -> models.GeneratedField:
    """The words of these fields for search, kept by PostgreSQL at each save: with a GIN
    index beside it, a search never works the words out again for each row."""
    return models.GeneratedField(
        expression=reduce(
            operator.add, (SearchVector(name, config=SEARCH_CONFIG) for name in fields)
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )


# The Care Act 2014 changed the rules on care and support in England.
CARE_ACT_YEAR = 2014


class SourceKind(models.TextChoices):
    """What kind of thing a source is."""

    EVALUATION = "evaluation", "Evaluation"
    SURVEY = "survey", "Survey"
    LOCAL_RESEARCH = "local_research", "Local research"
    BRIEFING = "briefing", "Briefing"
    LITERATURE_SEARCH = "literature_search", "Literature search"
    MEMBERS_EXPERIENCE = "members_experience", "Members' experience"
    LETTER = "letter", "Letter"


# What each kind of source is, in plain words, for a sentence "3 findings from ..." (the
# evidence map on a phone): never the jargon name on its own.
SOURCE_KIND_WORDS = {
    SourceKind.EVALUATION: "checks of how well a service works",
    SourceKind.SURVEY: "surveys that asked many people",
    SourceKind.LOCAL_RESEARCH: "research in our area",
    SourceKind.BRIEFING: "short reports about one subject",
    SourceKind.LITERATURE_SEARCH: "searches that looked at lots of research",
    SourceKind.MEMBERS_EXPERIENCE: "what members told us",
    SourceKind.LETTER: "letters",
}


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

    def meeting_lines(self, today: datetime.date | None = None) -> list[str]:
        """What the group did or will do about this theme, said from today's date.

        The last published meeting on it that has happened, in the past tense, and the first
        one still to come, in the future (or "today" on its day).
        Through ``Theme.meetings`` (the meetings app links its meetings to a theme), so the
        introduction a facilitator writes never needs a date that goes stale.
        """
        today = today or timezone.localdate()
        published = list(
            self.meetings.filter(status="published").select_related("venue").order_by("held_on")
        )
        lines = []
        held = [meeting for meeting in published if meeting.held_on < today]
        coming = next((meeting for meeting in published if meeting.held_on >= today), None)
        if held:
            last = held[-1]
            lines.append(
                f"We looked at it at {in_sentence(last.title)} on {long_date(last.held_on)}."
            )
        if coming is not None and coming.held_on == today:
            lines.append(f"We look at it at {in_sentence(coming.title)} today.")
            lines.append(f"The meeting is in {coming.venue.town}.")
        elif coming is not None:
            lines.append(f"We will look at it at {in_sentence(coming.title)}.")
            lines.append(f"The meeting is on {long_date(coming.held_on)} in {coming.venue.town}.")
        return lines

    def intro_lines(self, today: datetime.date | None = None) -> list[str]:
        """The introduction, one line each, then what we did or will do about it."""
        written = [line.strip() for line in self.easy_read_intro.splitlines() if line.strip()]
        return [*written, *self.meeting_lines(today)]


@reversion.register(exclude=["search_vector"])
class Tag(models.Model):
    """A word that groups findings and sources, such as "personal assistants"."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    easy_read_meaning = models.TextField(
        blank=True, help_text="What the tag means, in one or two short sentences."
    )
    picture = models.CharField(max_length=40, choices=picture_choices, default="findings")
    # What the whole-site search reads (sitesearch.groups).
    search_vector = stored_search_vector("name", "easy_read_meaning")

    class Meta:
        ordering = ["name"]
        indexes = [GinIndex(fields=["search_vector"], name="tag_search_vector")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("evidence:tag", kwargs={"slug": self.slug})


@reversion.register(exclude=["search_vector"])
class Source(Versioned, models.Model):
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
    link = models.URLField(
        "web address", blank=True, max_length=500, help_text="Where anyone can read it online."
    )
    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who published it, if not the authors, e.g. Social Care Institute for Excellence.",
    )
    easy_read_summary = models.TextField(
        help_text="What is this? In easy read: short sentences, one idea each."
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="sources")
    # What the whole-site search reads (sitesearch.groups), kept by PostgreSQL, with a GIN
    # index: thousands of sources are not read again at each search.
    search_vector = stored_search_vector("short_name", "title", "authors", "easy_read_summary")
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by 1 at each save, so a save from an old page is refused.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "short_name"]
        indexes = [GinIndex(fields=["search_vector"], name="source_search_vector")]
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


# Around highlighted words in search results; the template escapes the text, then turns
# these private-use characters into <mark> and </mark>.
MARK_START = "\ue000"
MARK_STOP = "\ue001"
# Longer searches are cut to this many characters.
MAX_QUERY_LENGTH = 200


# The order of kinds on theme pages, and the picture beside each kind.
KIND_ORDER = [
    FindingKind.FINDING,
    FindingKind.MEMBER_EXPERIENCE,
    FindingKind.PRACTICE_EXAMPLE,
    FindingKind.OBSTACLE,
    FindingKind.RECOMMENDATION,
    FindingKind.GAP,
]
KIND_PICTURES = {
    FindingKind.FINDING: "finding",
    FindingKind.GAP: "gap",
    FindingKind.MEMBER_EXPERIENCE: "story",
    FindingKind.RECOMMENDATION: "recommendation",
    FindingKind.OBSTACLE: "obstacle",
    FindingKind.PRACTICE_EXAMPLE: "practice-example",
}

KIND_HEADINGS = {
    FindingKind.FINDING: "What research found",
    FindingKind.MEMBER_EXPERIENCE: "What members told us",
    FindingKind.PRACTICE_EXAMPLE: "Examples from real life",
    FindingKind.OBSTACLE: "What gets in the way",
    FindingKind.RECOMMENDATION: "Ideas for change",
    FindingKind.GAP: "Gaps we found",
}

# What a finding is, said after its idea: "People chose their own support." then
# "What worked: a practice example, from SCIE At a glance 22 (2010)." (cards and pages).
KIND_AFTER_THE_IDEA = {
    FindingKind.FINDING: "What research found",
    FindingKind.MEMBER_EXPERIENCE: "What a member told us",
    FindingKind.PRACTICE_EXAMPLE: "What worked: a practice example",
    FindingKind.OBSTACLE: "What gets in the way",
    FindingKind.RECOMMENDATION: "An idea for change",
    FindingKind.GAP: "A gap: something nobody has found out yet",
}


class FindingState(models.TextChoices):
    """Whether members can see a finding: a facilitator's new finding is a draft until it
    is published (``evidence.services.publish_findings``)."""

    DRAFT = "draft", "Draft: only facilitators can see it"
    PUBLISHED = "published", "Published: members can see it"


def published_findings(through: str = "") -> Q:
    """The one rule of what members may see of findings: published ones, never drafts.

    ``through`` reaches the findings over a relation, such as ``"findings__"`` from a tag,
    for counts and filters over that relation; ``Finding.objects.published()`` uses it too.
    """
    return Q(**{f"{through}state": FindingState.PUBLISHED})


class FindingQuerySet(models.QuerySet):
    def published(self):
        """What members may see: published findings only (``published_findings``)."""
        return self.filter(published_findings())

    def drafts(self):
        return self.exclude(published_findings())

    def newest_first(self):
        return self.order_by("-created_at", "-id")

    def with_related(self):
        """Everything a list of findings shows, in a fixed number of queries: the source, the
        theme, the tags and how many members said "this happens to me too"."""
        return self.select_related("source", "theme").prefetch_related("tags").with_same_for_me()

    def with_published_meetings(self):
        """Each finding's published meetings, oldest first, in one more query.

        Through the link itself (``Finding.meetings``), so that evidence never imports meetings.
        """
        meeting = self.model._meta.get_field("meetings").related_model
        return self.prefetch_related(
            models.Prefetch("meetings", queryset=meeting.objects.published().order_by("held_on"))
        )

    def by_kind(self):
        """Findings in the order a theme page tells them: research, members, ideas, gaps."""
        order = Case(
            *[When(kind=kind, then=Value(place)) for place, kind in enumerate(KIND_ORDER)],
            output_field=models.IntegerField(),
        )
        return self.order_by(order, "source__year", "source_id", "position")

    def with_same_for_me(self):
        """Each finding with ``same_for_me_count``: how many members said "this happens to me
        too". A subquery on the index of the marks, so a list stays one query."""
        counted = (
            SameForMe.objects.filter(finding=OuterRef("pk"))
            .order_by()
            .values("finding")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(
            same_for_me_count=Coalesce(Subquery(counted), 0, output_field=models.IntegerField())
        )

    def related_to(self, finding: "Finding", limit: int = 5):
        """The ``limit`` other published findings that share most tags with ``finding``,
        newest first when they share as many.

        The shared tags are counted on the narrow tag links alone, and only the chosen few
        findings are read, so the work stays small however many findings a tag has.
        """
        tags = finding.tags.all()
        closest = (
            Finding.tags.through.objects.filter(tag__in=tags)
            .filter(published_findings("finding__"))
            .exclude(finding_id=finding.pk)
            .values("finding_id")
            .annotate(shared=Count("tag_id"))
            .order_by("-shared", "-finding_id")
            .values("finding_id")[:limit]
        )
        return (
            self.filter(pk__in=closest)
            .filter(tags__in=tags)
            .annotate(shared=Count("tags"))
            .order_by("-shared", "-id")
        )


@reversion.register(exclude=["search_vector"])
class Finding(Versioned, models.Model):
    """One thing a source says: a finding, a gap, a member's experience or a recommendation."""

    Kind = FindingKind
    Strength = Strength
    State = FindingState

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
        choices=Strength,
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
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by 1 at each save, so a save from an old page is refused.",
    )
    state = models.CharField(
        max_length=10,
        choices=FindingState,
        default=FindingState.DRAFT,
        editable=False,
        help_text="Members only see published findings. Press Publish when it is ready.",
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
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
            models.CheckConstraint(
                condition=Q(state=FindingState.DRAFT, published_at__isnull=True)
                | Q(state=FindingState.PUBLISHED, published_at__isnull=False),
                name="finding_published_has_a_date",
            ),
            models.UniqueConstraint(
                fields=["source", "position"],
                name="one_finding_per_place_in_source",
                violation_error_message=(
                    "another finding from this source has this position. Change the "
                    "position, or leave it empty to put the finding last."
                ),
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="finding_search_vector"),
            models.Index(fields=["-created_at", "-id"], name="finding_newest_first"),
            # What members see, newest first (drafts are few and never listed for them).
            models.Index(
                fields=["-created_at", "-id"],
                condition=Q(state=FindingState.PUBLISHED),
                name="finding_published_newest",
            ),
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
    def is_published(self) -> bool:
        return self.state == FindingState.PUBLISHED

    @property
    def easy_read_sentences(self) -> list[str]:
        """The easy-read version, one sentence a line."""
        return [line.strip() for line in self.easy_read.splitlines() if line.strip()]

    @property
    def kind_and_source(self) -> str:
        """What this finding is and where it is from, said after its idea (the heading)."""
        return (
            f"{KIND_AFTER_THE_IDEA[self.kind]}, from {self.source.short_name} ({self.source.year})."
        )

    @property
    def kind_heading(self) -> str:
        """What a theme page calls this kind of finding, such as "Ideas for change"."""
        return KIND_HEADINGS[self.kind]

    @property
    def picture(self) -> str:
        """The picture of what it is about: its first tag's, when its tags were fetched with
        it (``prefetch_related("tags")``), so a list does not repeat one picture; else its
        kind's."""
        tags = getattr(self, "_prefetched_objects_cache", {}).get("tags")
        if tags:
            return min(tags, key=lambda tag: tag.name).picture
        return KIND_PICTURES[self.kind]

    EXPORT_FIELDS = [
        "id",
        "kind",
        "easy_read",
        "original_wording",
        "key_figures",
        "how_sure",
        "how_sure_reason",
        "source",
        "source_year",
        "theme",
        "tags",
        "before_care_act_2014",
        "url",
    ]

    def as_row(self, *, base_url: str = "") -> dict:
        """The finding as one row of an export (tags, source and theme must be loaded):
        tags as a list, yes-or-no as a boolean, the address in full from ``base_url``."""
        return {
            "id": self.pk,
            "kind": self.get_kind_display(),
            "easy_read": self.easy_read,
            "original_wording": self.original_wording,
            "key_figures": self.key_figures,
            "how_sure": self.get_strength_display(),
            "how_sure_reason": self.strength_reason,
            "source": self.source.short_name,
            "source_year": self.source.year,
            "theme": self.theme.name,
            "tags": [tag.name for tag in self.tags.all()],
            "before_care_act_2014": self.is_before_care_act,
            "url": base_url + self.get_absolute_url(),
        }

    def as_spreadsheet_row(self, *, base_url: str = "") -> dict:
        """``as_row`` for a spreadsheet: tags joined by "; ", Yes or No, safe cells."""
        row = self.as_row(base_url=base_url)
        row["tags"] = "; ".join(row["tags"])
        row["before_care_act_2014"] = "Yes" if row["before_care_act_2014"] else "No"
        return safe_row(row)


def same_for_me_words(count: int) -> str:
    """What a finding says about its marks: "7 members said this happens to them too"."""
    if count == 0:
        return "No members have said this happens to them yet."
    if count == 1:
        return "1 member said this happens to them too."
    return f"{count} members said this happens to them too."


class SameForMe(models.Model):
    """A member said "this happens to me too" about a finding. Counted on the finding's
    pages without names; only the member can take it back, and it goes with their account."""

    # No index of its own: the unique index (finding, member) starts with the finding.
    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="same_for_me", db_index=False
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="same_for_me"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "“this happens to me too”"
        verbose_name_plural = "“this happens to me too”"
        constraints = [
            # Its index (finding, member) also serves the counts, which filter by finding.
            models.UniqueConstraint(fields=["finding", "member"], name="same_for_me_once"),
        ]

    def __str__(self):
        return f"This happens to me too: {self.finding}"


def _tag_link_name(link) -> str:
    """What a delete page calls a tag's link, e.g. "Tag 'Housing' on finding 'IBSEN 3: …'"."""
    owner = link.finding if hasattr(link, "finding_id") else link.source
    noun = "finding" if hasattr(link, "finding_id") else "source"
    return f"Tag '{link.tag}' on {noun} '{owner}'"


# The links made by ManyToManyField have no name of their own: "Finding_tags object (11)".
Finding.tags.through.__str__ = _tag_link_name
Source.tags.through.__str__ = _tag_link_name


class FindingImport(models.Model):
    """One spreadsheet imported into the library. Its rows are one change in the history
    (a reversion revision), so the whole import can be undone at once."""

    revision = models.OneToOneField(
        "reversion.Revision", on_delete=models.CASCADE, related_name="finding_import"
    )
    file_name = models.CharField(max_length=255)
    new_count = models.PositiveIntegerField(default=0)
    changed_count = models.PositiveIntegerField(default=0)
    # What undoing needs: the findings and tags it made, and the changed findings as they
    # were before (serialised as reversion keeps versions), as the history may not have them.
    made_findings = models.JSONField(default=list)
    made_tags = models.JSONField(default=list)
    before = models.JSONField(default=list)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-revision__date_created"]
        verbose_name = "import of findings"
        verbose_name_plural = "imports of findings"

    def __str__(self):
        return f"{self.file_name} ({self.new_count} new, {self.changed_count} changed)"


class SearchTerm(models.Model):
    """A word that appears in the library, used to correct spellings (``evidence.search``)."""

    word = models.CharField(max_length=100, unique=True)
    ndoc = models.PositiveIntegerField(default=1, help_text="How many findings use the word.")

    class Meta:
        ordering = ["word"]
        indexes = [
            # Nearest words first (ORDER BY word <-> typed), for spelling corrections.
            GistIndex(fields=["word"], opclasses=["gist_trgm_ops"], name="search_term_nearest"),
        ]

    def __str__(self):
        return self.word


@reversion.register()
class Synonym(models.Model):
    """Words that mean the same to search: an abbreviation and its words, members' own words
    and the words of research. Searching for one finds the others."""

    words = models.CharField(
        max_length=500,
        unique=True,
        help_text=(
            "Words or phrases that mean the same, with a comma between them. "
            "For example: PA, personal assistant. Plurals are found by themselves."
        ),
    )

    class Meta:
        ordering = ["words"]
        verbose_name = "word that means the same"
        verbose_name_plural = "words that mean the same"

    def __str__(self):
        return self.words

    @property
    def entries(self) -> list[str]:
        """Each word or phrase, lower case, without spaces around it."""
        entries = (" ".join(entry.lower().split()) for entry in self.words.split(","))
        return list(dict.fromkeys(entry for entry in entries if entry))

    def clean(self):
        if len(self.entries) < 2:
            raise ValidationError(
                {"words": "Type at least two words or phrases, with a comma between them."}
            )
        if any(not any(letter.isalnum() for letter in entry) for entry in self.entries):
            raise ValidationError({"words": "Each word or phrase needs letters or numbers."})
