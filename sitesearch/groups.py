"""One search for the whole site: findings first, then meetings (with their parts and next
steps), seminars and their sessions, sources, themes, tags and hard words.

The words are understood once, by ``evidence.search`` (synonyms, numbers, British spellings,
corrected mistakes), and those words are used for every group. The groups after the
findings come from one SQL query (``_search_groups``): a UNION of one SELECT a group, each
giving its first few matches and, through a window, how many there are. What it finds is
kept in the cache for the content version, as the findings' counts are.
"""

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    DateField,
    F,
    IntegerField,
    Value,
    Window,
)
from django.db.models.expressions import Func, RawSQL
from django.db.models.functions import Cast, RowNumber
from django.db.models.sql import Query
from django.http import QueryDict
from django.urls import reverse

from core.page_cache import content_version
from easyread.models import GlossaryTerm
from evidence.models import SEARCH_CONFIG, Source, Tag, Theme
from evidence.search import Unit, find_findings, to_query, understand
from meetings.models import Meeting, MeetingPart, NextStep
from seminars.models import Seminar, Session

# How many matches each group shows; the rest are counted.
SHOWN = 5
# How long the groups found for some words are kept (a change to the content forgets them).
GROUPS_CACHE_SECONDS = 60 * 60


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


def _vector(*fields) -> SearchVector:
    """The words of a few rows (seminars, their sessions, themes, hard words), worked out
    at each search; meetings, their parts and next steps, sources and tags keep theirs
    (``search_vector``, with a GIN index)."""
    return SearchVector(*fields, config=SEARCH_CONFIG)


def search_site(data: QueryDict) -> SiteSearch:
    """Every group for the words in ``?q=``; with no words (or a wrong search), no groups.

    A misspelt search is corrected when the words as typed find (almost) nothing on the
    whole site and the corrected words find more; ``?exact=1`` asks for the words as typed.
    """
    findings = find_findings(data)
    if findings.search_query is None:
        return _site(findings, [], findings.query)
    understood = understand(findings.typed)
    as_typed = _other_groups(understood.units)
    found_as_typed = any(group.count for group in as_typed)
    if findings.is_corrected and found_as_typed:
        return _site(find_findings(_with(data, exact="1")), as_typed, findings.typed)
    if findings.is_corrected:
        return _site(findings, _other_groups(understood.corrected_units), findings.query)
    nothing_found = not found_as_typed and findings.count() == 0
    if nothing_found and understood.corrected and not data.get("exact"):
        corrected = _other_groups(understood.corrected_units)
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


def _other_groups(units: list[Unit]) -> list[Group]:
    """The groups after the findings for these words, kept in the cache for this content
    version (any change to a meeting, seminar, source, tag or hard word moves it on): paging
    through the findings, or going back, does not search the rest of the site again."""
    if not units:
        return []
    digest = hashlib.sha256(repr(units).encode()).hexdigest()
    key = f"sitesearch:groups:{content_version()}:{digest}"
    return cache.get_or_set(key, lambda: _search_groups(to_query(units)), GROUPS_CACHE_SECONDS)


# Each group after the findings: its key, heading, picture, "1 ..." and "3 ...".
GROUPS = [
    ("meetings", "Meetings", "meetings", "meeting", "meetings"),
    ("parts", "Parts of meetings", "talk", "part of a meeting", "parts of meetings"),
    ("next_steps", "Next steps", "next-steps", "next step", "next steps"),
    ("seminars", "Seminars", "seminars", "seminar", "seminars"),
    ("sessions", "Parts of seminars", "presentation", "part of a seminar", "parts of seminars"),
    ("sources", "Sources", "source", "source", "sources"),
    ("themes", "Themes", "theme", "theme", "themes"),
    ("tags", "Tags", "tag", "tag", "tags"),
    ("hard_words", "Hard words", "hard-word", "hard word", "hard words"),
]
# The columns each group's rows give, the same for every group (one query for them all).
_COLUMNS = {
    "title": CharField(),
    "slug": CharField(),
    "about": CharField(),
    "number": IntegerField(),
    "day": DateField(),
}


# The words searched for, worked out once at the top of the query (``_search_groups``):
# the query that finds every group is then the same SQL for every search.
_WORDS = "(SELECT words FROM site_search_words)"


def _holds_the_words(vector) -> Func:
    return Func(
        vector,
        RawSQL(_WORDS, ()),
        template="%(expressions)s",
        arg_joiner=" @@ ",
        output_field=BooleanField(),
    )


def _rows(key: str, queryset, vector, **columns):
    """The first SHOWN matches of one group, each with ``total`` (every match counted), as
    the shared columns; a column the group has no use for is NULL."""
    values = {
        name: Cast(columns[name], field) if name in columns else Value(None, output_field=field)
        for name, field in _COLUMNS.items()
    }
    # The place of each row in its group's order: the rows of a UNION come in no set order.
    order = [
        F(name[1:]).desc() if name.startswith("-") else F(name).asc()
        for name in queryset.query.order_by
    ]
    return (
        queryset.filter(_holds_the_words(vector))
        .annotate(
            group=Value(key),
            total=Window(Count("pk")),
            place=Window(RowNumber(), order_by=order),
            **{f"_{name}": value for name, value in values.items()},
        )
        .values("group", "total", "place", *(f"_{name}" for name in _COLUMNS))[:SHOWN]
    )


def _item(key: str, row: dict) -> Item:
    """One match as the page shows it; addresses come from the models themselves."""
    title, slug, about, number = row["_title"], row["_slug"], row["_about"], row["_number"]
    if key == "meetings":
        return Item(title, Meeting(slug=slug).get_absolute_url(), f"{row['_day']:%-d %B %Y}")
    if key == "parts":
        return Item(title, f"{Meeting(slug=slug).get_absolute_url()}#part-{number}", f"At {about}")
    if key == "next_steps":
        return Item(
            title, f"{Meeting(slug=slug).get_absolute_url()}#happens-next", f"Agreed at {about}"
        )
    if key == "seminars":
        return Item(title, Seminar(slug=slug).get_absolute_url())
    if key == "sessions":
        return Item(
            title, f"{Seminar(slug=slug).get_absolute_url()}#session-{number}", f"At {about}"
        )
    if key == "sources":
        return Item(title, Source(slug=slug).get_absolute_url(), about)
    if key == "themes":
        return Item(title, Theme(slug=slug).get_absolute_url())
    if key == "tags":
        return Item(title, Tag(slug=slug).get_absolute_url(), about)
    return Item(title, f"{reverse('easyread:glossary')}#{slug}", about)  # hard words


def _search_groups(query: SearchQuery) -> list[Group]:
    """Every group's first SHOWN matches and count, in one SQL query (a UNION of one SELECT
    a group), in the order of GROUPS.

    The words are worked out once (``WITH``), not once a group, and the rest of the query
    is built once per process (``_groups_sql``): building it took longer than running it.
    """
    words_sql, words_params = _compiled(query)
    union_sql, union_params = _groups_sql()
    sql = f"WITH site_search_words AS MATERIALIZED (SELECT {words_sql} AS words) {union_sql}"
    with connection.cursor() as cursor:
        cursor.execute(sql, (*words_params, *union_params))
        names = [column.name for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    found: dict[str, list[dict]] = {}
    for row in rows:
        found.setdefault(row["group"], []).append(row)
    groups = []
    for key, heading, picture, one, many in GROUPS:
        group = Group(key, heading, picture, one, many)
        shown = sorted(found.get(key, []), key=lambda row: row["place"])
        if shown:
            group.count = shown[0]["total"]
            group.items = [_item(key, row) for row in shown]
        groups.append(group)
    return groups


def _compiled(query: SearchQuery) -> tuple[str, tuple]:
    """The SQL of the words searched for (``to_tsquery`` and friends) and its parameters."""
    sql_query = Query(GlossaryTerm)
    compiler = sql_query.get_compiler(connection=connection)
    sql, params = query.resolve_expression(sql_query).as_sql(compiler, connection)
    return sql, tuple(params)


@lru_cache(maxsize=1)
def _groups_sql() -> tuple[str, tuple]:
    """The UNION that finds every group, as SQL that reads the words from ``_WORDS``."""
    published = Meeting.objects.published()
    parts = [
        _rows(
            "meetings",
            published.order_by("-held_on"),
            F("search_vector"),
            title=F("title"),
            slug=F("slug"),
            day=F("held_on"),
        ),
        _rows(
            "parts",
            MeetingPart.objects.filter(meeting__in=published).order_by(
                "-meeting__held_on", "position"
            ),
            F("search_vector"),
            title=F("title"),
            slug=F("meeting__slug"),
            about=F("meeting__title"),
            number=F("position"),
        ),
        _rows(
            "next_steps",
            NextStep.objects.from_published_meetings().order_by("-meeting__held_on", "position"),
            F("search_vector"),
            title=F("what"),
            slug=F("meeting__slug"),
            about=F("meeting__title"),
        ),
        _rows(
            "seminars",
            Seminar.objects.order_by("-starts_at", "title"),
            _vector("title", "description", "opening_question", "date_plan"),
            title=F("title"),
            slug=F("slug"),
        ),
        _rows(
            "sessions",
            Session.objects.order_by("-seminar__starts_at", "order"),
            _vector("title", "summary"),
            title=F("title"),
            slug=F("seminar__slug"),
            about=F("seminar__title"),
            number=F("pk"),
        ),
        _rows(
            "sources",
            Source.objects.order_by("-year", "short_name"),
            F("search_vector"),
            title=F("short_name"),
            slug=F("slug"),
            about=F("title"),
        ),
        _rows(
            "themes",
            Theme.objects.order_by("position", "name"),
            _vector("name", "easy_read_intro", "gaps"),
            title=F("name"),
            slug=F("slug"),
        ),
        _rows(
            "tags",
            Tag.objects.order_by("name"),
            F("search_vector"),
            title=F("name"),
            slug=F("slug"),
            about=F("easy_read_meaning"),
        ),
        _rows(
            "hard_words",
            GlossaryTerm.objects.order_by("term"),
            _vector("term", "meaning"),
            title=F("term"),
            slug=F("slug"),
            about=F("meaning"),
        ),
    ]
    return parts[0].union(*parts[1:], all=True).query.sql_with_params()
