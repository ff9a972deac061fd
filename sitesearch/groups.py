"""One search for the whole site: findings first, then meetings (with their parts and next
steps), seminars and their sessions, sources, themes, tags and hard words.

The words are understood once, by ``evidence.search`` (synonyms, numbers, British spellings,
corrected mistakes), and that one query is used for every group. Each group is one SQL
query that gives its first few matches and, through a window, how many there are: a
constant number of queries, whatever the size of the library.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchVector
from django.db.models import Count, F, Window
from django.http import QueryDict
from django.urls import reverse

from easyread.models import GlossaryTerm
from evidence.models import SEARCH_CONFIG, Source, Tag, Theme
from evidence.search import find_findings, understand
from meetings.models import Meeting, MeetingPart, NextStep
from seminars.models import Seminar, Session

# How many matches each group shows; the rest are counted.
SHOWN = 5


@dataclass
class Item:
    """One match: its words, where it is, and a line that says what it belongs to."""

    title: str
    url: str
    about: str = ""


@dataclass
class Group:
    """The matches of one kind of thing, with a picture and how many there are."""

    key: str
    heading: str
    picture: str
    one: str  # "1 meeting"
    many: str  # "3 meetings"
    count: int = 0
    items: list[Item] = field(default_factory=list)
    more_url: str = ""  # where to see them all
    findings: list = field(default_factory=list)  # the findings group shows finding cards
    more_than: str = ""  # "1,000" when a search found more findings than it counts

    @property
    def shown(self) -> int:
        return SHOWN

    @property
    def count_words(self) -> str:
        if self.more_than:
            return f"more than {self.more_than} {self.many}"
        return f"1 {self.one}" if self.count == 1 else f"{self.count} {self.many}"


@dataclass
class SiteSearch:
    typed: str
    query: str  # the words searched for: as typed, or corrected
    is_corrected: bool
    form: object
    groups: list[Group]

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


def _first_and_count(queryset, vector, query):
    """The first SHOWN matches, each with ``total`` (every match counted), in one query."""
    return list(
        queryset.annotate(search=vector, total=Window(Count("pk"))).filter(search=query)[:SHOWN]
    )


def _vector(*fields) -> SearchVector:
    """The words of a few rows (seminars, their sessions, themes, hard words), worked out
    at each search; meetings, their parts and next steps, sources and tags keep theirs
    (``search_vector``, with a GIN index)."""
    return SearchVector(*fields, config=SEARCH_CONFIG)


def _group(key, heading, picture, one, many, rows, item) -> Group:
    group = Group(key, heading, picture, one, many)
    if rows:
        group.count = rows[0].total
        group.items = [item(row) for row in rows]
    return group


def search_site(data: QueryDict) -> SiteSearch:
    """Every group for the words in ``?q=``; with no words (or a wrong search), no groups.

    A misspelt search is corrected when the words as typed find (almost) nothing on the
    whole site and the corrected words find more; ``?exact=1`` asks for the words as typed.
    """
    findings = find_findings(data)
    if findings.search_query is None:
        return _site(findings, [], findings.query)
    understood = understand(findings.typed)
    as_typed = _other_groups(understood.query)
    found_as_typed = any(group.count for group in as_typed)
    if findings.is_corrected and found_as_typed:
        return _site(find_findings(_with(data, exact="1")), as_typed, findings.typed)
    if findings.is_corrected:
        return _site(findings, _other_groups(findings.search_query), findings.query)
    nothing_found = not found_as_typed and findings.count() == 0
    if nothing_found and understood.corrected and not data.get("exact"):
        corrected = _other_groups(understood.corrected_query)
        if any(group.count for group in corrected):
            fixed = find_findings(_with(data, q=understood.corrected, exact="1"))
            return _site(fixed, corrected, understood.corrected, typed=findings.typed)
    return _site(findings, as_typed, findings.query)


def _with(data: QueryDict, **values) -> QueryDict:
    changed = data.copy()
    for name, value in values.items():
        changed[name] = value
    return changed


def _site(findings, others: list[Group], query: str, typed: str = "") -> SiteSearch:
    typed = typed or findings.typed
    return SiteSearch(
        typed=typed,
        query=query,
        is_corrected=query != typed,
        form=findings.filterset.form,
        groups=[_findings_group(findings), *others] if findings.search_query is not None else [],
    )


def _findings_group(findings) -> Group:
    rows = findings.top(SHOWN) if findings.count() else []
    group = Group("findings", "Findings", "findings", "finding", "findings", findings.count())
    group.findings = rows
    group.more_than = findings.most_ranked if findings.is_more else ""
    group.more_url = f"{reverse('evidence:list')}?{findings.data.urlencode()}"
    return group


def _other_groups(query) -> list[Group]:
    if query is None:
        return []
    meetings = Meeting.objects.published().order_by("-held_on")
    parts = (
        MeetingPart.objects.filter(meeting__in=Meeting.objects.published())
        .select_related("meeting")
        .order_by("-meeting__held_on", "position")
    )
    steps = (
        NextStep.objects.from_published_meetings()
        .select_related("meeting")
        .order_by("-meeting__held_on", "position")
    )
    seminars = Seminar.objects.order_by("-starts_at", "title")
    sessions = Session.objects.select_related("seminar").order_by("-seminar__starts_at", "order")
    return [
        _group(
            "meetings",
            "Meetings",
            "meetings",
            "meeting",
            "meetings",
            _first_and_count(meetings, F("search_vector"), query),
            lambda m: Item(m.title, m.get_absolute_url(), f"{m.held_on:%-d %B %Y}"),
        ),
        _group(
            "parts",
            "Parts of meetings",
            "talk",
            "part of a meeting",
            "parts of meetings",
            _first_and_count(parts, F("search_vector"), query),
            lambda p: Item(
                p.title,
                f"{p.meeting.get_absolute_url()}#part-{p.position}",
                f"At {p.meeting.title}",
            ),
        ),
        _group(
            "next_steps",
            "Next steps",
            "next-steps",
            "next step",
            "next steps",
            _first_and_count(steps, F("search_vector"), query),
            lambda s: Item(
                s.what,
                f"{s.meeting.get_absolute_url()}#happens-next",
                f"Agreed at {s.meeting.title}",
            ),
        ),
        _group(
            "seminars",
            "Seminars",
            "seminars",
            "seminar",
            "seminars",
            _first_and_count(
                seminars, _vector("title", "description", "opening_question", "date_plan"), query
            ),
            lambda s: Item(s.title, s.get_absolute_url()),
        ),
        _group(
            "sessions",
            "Parts of seminars",
            "presentation",
            "part of a seminar",
            "parts of seminars",
            _first_and_count(sessions, _vector("title", "summary"), query),
            lambda s: Item(
                s.title, f"{s.seminar.get_absolute_url()}#session-{s.pk}", f"At {s.seminar.title}"
            ),
        ),
        _group(
            "sources",
            "Sources",
            "source",
            "source",
            "sources",
            _first_and_count(
                Source.objects.order_by("-year", "short_name"), F("search_vector"), query
            ),
            lambda s: Item(s.short_name, s.get_absolute_url(), s.title),
        ),
        _group(
            "themes",
            "Themes",
            "theme",
            "theme",
            "themes",
            _first_and_count(
                Theme.objects.all(), _vector("name", "easy_read_intro", "gaps"), query
            ),
            lambda t: Item(t.name, t.get_absolute_url()),
        ),
        _group(
            "tags",
            "Tags",
            "tag",
            "tag",
            "tags",
            _first_and_count(Tag.objects.all(), F("search_vector"), query),
            lambda t: Item(t.name, t.get_absolute_url(), t.easy_read_meaning),
        ),
        _group(
            "hard_words",
            "Hard words",
            "hard-word",
            "hard word",
            "hard words",
            _first_and_count(
                GlossaryTerm.objects.order_by("term"), _vector("term", "meaning"), query
            ),
            lambda g: Item(g.term, f"{reverse('easyread:glossary')}#{g.slug}", g.meaning),
        ),
    ]
