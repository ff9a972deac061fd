"""Search, in one place: what members type, understood; findings found and ranked; and the one
way the words that search keeps are refreshed.

1. ``understand(text)`` reads what was typed: words, phrases, numbers (``£3,360``, ``3360``
   and ``3,360`` are the same number), synonyms and abbreviations that facilitators keep in
   the admin (``Synonym``: "PA" and "PAs" find "personal assistant"), American spellings
   ("personalization" finds "personalisation"), and spelling mistakes. A mistake is fixed
   with the Damerau-Levenshtein distance (a swap of two letters is one edit), as the best
   search engines do: words of 4 to 7 letters may have one mistake, longer words two;
   short words and common words are never changed. It becomes one PostgreSQL text-search
   query: every word must match, each word through any of its synonyms.
2. ``find_findings(data)`` filters and searches findings. When the words as typed find
   nothing (or almost nothing) and the corrected words find more, the corrected results
   are shown at once, with a link to the words as typed.
3. ``refresh_search(ids)`` is the only thing that writes what search keeps: each finding's
   ``keywords`` (its source's short name and its tag names, which the stored search vector
   reads) and the spelling vocabulary (``SearchTerm``). The signal receivers call it once
   per change; inside ``search_refreshed_once()`` (every admin save, the seeds) all changes
   are collected and it runs once at the end.
"""

import hashlib
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import reduce
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Concat
from django.db.models.signals import post_save
from django.http import QueryDict

from core.page_cache import content_version
from evidence.models import (
    MARK_START,
    MARK_STOP,
    MAX_QUERY_LENGTH,
    SEARCH_CONFIG,
    Finding,
    FindingKind,
    Source,
    SourceKind,
    Synonym,
    Tag,
)

# --- Reading what was typed ---------------------------------------------------------------

# At most this many words of a search are used.
MAX_WORDS = 12
# A number (with £, thousands separators, decimals) or a word (letters, inner - or ').
TOKEN = re.compile(r"£?\d[\d,]*(?:\.\d+)?|[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Words this short are never corrected ("on", "pa", "gp").
SHORTEST_TO_CORRECT = 4
# Words this long may have two mistakes; shorter ones one.
TWO_MISTAKES_FROM = 8
# Common words are never corrected, even when they are not in the findings.
COMMON_WORDS = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "also",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "could",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "even",
        "every",
        "from",
        "have",
        "having",
        "here",
        "hers",
        "herself",
        "himself",
        "into",
        "itself",
        "just",
        "more",
        "most",
        "much",
        "must",
        "myself",
        "never",
        "other",
        "ours",
        "over",
        "same",
        "should",
        "some",
        "such",
        "than",
        "that",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "very",
        "want",
        "wants",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "would",
        "your",
        "yours",
        "yourself",
        "able",
        "back",
        "come",
        "came",
        "does",
        "done",
        "gave",
        "give",
        "goes",
        "good",
        "help",
        "know",
        "like",
        "look",
        "made",
        "make",
        "makes",
        "many",
        "need",
        "only",
        "said",
        "same",
        "says",
        "tell",
        "told",
        "used",
        "uses",
        "well",
        "went",
        "work",
        "year",
        "years",
    ]
)
# How many nearest words of the vocabulary are compared with each typed word.
CANDIDATES = 12
# A search that finds fewer findings than this is tried again with the spelling corrected.
FEW = 3
# Seconds an understood search is kept; the content version in the key makes it fresh.
UNDERSTOOD_SECONDS = 60 * 60


def mistakes_allowed(word: str) -> int:
    """How many edits a typed word may be from the word meant: 0, 1 or 2."""
    if len(word) < SHORTEST_TO_CORRECT or word in COMMON_WORDS:
        return 0
    return 2 if len(word) >= TWO_MISTAKES_FROM else 1


def edit_distance(typed: str, word: str, limit: int = 2) -> int:
    """The Damerau-Levenshtein distance (optimal string alignment): how many letters added,
    taken away, changed or swapped with the next one. Gives ``limit + 1`` once it is
    certain to be more than ``limit``."""
    if abs(len(typed) - len(word)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(word) + 1))
    for i, a in enumerate(typed, 1):
        current = [i] + [0] * len(word)
        for j, b in enumerate(word, 1):
            cost = 0 if a == b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == word[j - 2] and typed[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


# American endings and their British spelling, tried when a word is not in the findings.
AMERICAN = [
    (re.compile(r"iz(e|es|ed|ing|ation|ations|er|ers)$"), r"is\1"),
    (re.compile(r"yz(e|es|ed|ing)$"), r"ys\1"),
    (re.compile(r"(?<=[^aeiou])or(s|ed|ing|ful|ite)?$"), r"our\1"),
    (re.compile(r"(?<=[^aeiou])er(s)?$"), r"re\1"),
    (re.compile(r"ense(s)?$"), r"ence\1"),
    (re.compile(r"og(s)?$"), r"ogue\1"),
    (re.compile(r"program(s)?$"), r"programme\1"),
    (re.compile(r"eling$"), "elling"),
    (re.compile(r"eled$"), "elled"),
]


def british(word: str) -> list[str]:
    """The British spellings ``word`` may be ("personalization" -> "personalisation")."""
    return [rule.sub(repl, word) for rule, repl in AMERICAN if rule.search(word)]


def number_forms(token: str) -> list[str]:
    """A number as it may be written: "£3,360", "3360" and "3,360" are all the same."""
    digits = token.lstrip("£").replace(",", "")
    whole, dot, decimals = digits.partition(".")
    if not whole.isdigit():
        return [digits]
    grouped = f"{int(whole):,}{dot}{decimals}"
    return list(dict.fromkeys([digits, grouped]))


def tokens_of(text: str) -> list[str]:
    """The words and numbers of a search, lower case and without accents (as the
    vocabulary keeps them: "café" is "cafe"), at most MAX_WORDS."""
    words = TOKEN.findall(text[:MAX_QUERY_LENGTH].lower().replace("’", "'"))[:MAX_WORDS]
    return [_without_accents(word) for word in words]


def _without_accents(word: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return plain if TOKEN.fullmatch(plain) else word


@dataclass
class Unit:
    """One word, number or known phrase of a search, with everything it may be written as."""

    typed: str
    forms: list[str]
    is_number: bool = False
    is_phrase: bool = False  # a synonym phrase: never corrected


@dataclass
class Understood:
    """A search as typed and, when a word was misspelt, as corrected."""

    typed: str
    units: list[Unit] = field(default_factory=list)
    corrected_units: list[Unit] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.units

    @property
    def corrected(self) -> str:
        """The corrected words, or "" when nothing was corrected."""
        if self.corrected_units == self.units:
            return ""
        return " ".join(unit.typed for unit in self.corrected_units)

    @property
    def query(self) -> SearchQuery | None:
        return to_query(self.units)

    @property
    def corrected_query(self) -> SearchQuery | None:
        return to_query(self.corrected_units)


def to_query(units: list[Unit]) -> SearchQuery | None:
    """Every unit must match; each unit through any of its forms (each form a phrase)."""
    parts = [
        reduce(
            lambda a, b: a | b,
            [SearchQuery(form, search_type="phrase", config=SEARCH_CONFIG) for form in unit.forms],
        )
        for unit in units
    ]
    return reduce(lambda a, b: a & b, parts) if parts else None


def synonym_table() -> dict[tuple[str, ...], list[str]]:
    """Each word or phrase facilitators gave as a synonym, with all the words of its group."""
    key = f"evidence:synonyms:{content_version()}"
    table = cache.get(key)
    if table is None:
        table = {}
        for synonym in Synonym.objects.all():
            entries = synonym.entries
            for entry in entries:
                same = table.setdefault(tuple(tokens_of(entry)), [])
                same.extend(other for other in entries if other not in same)
        cache.set(key, table, UNDERSTOOD_SECONDS)
    return table


def _singulars(word: str) -> list[str]:
    """What a plural may be the plural of: "authorities", "PAs", "boxes"."""
    if len(word) < 3 or not word.endswith("s"):
        return []
    forms = [word[:-1]]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    return forms


def _group_units(tokens: list[str], synonyms: dict) -> list[Unit]:
    """Tokens as units: the longest known phrase first ("local authority"), a plural of an
    abbreviation as the abbreviation ("PAs" as "PA"), numbers in all their forms."""
    longest = max((len(phrase) for phrase in synonyms), default=1)
    units, i = [], 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            phrase = tuple(tokens[i : i + size])
            same = synonyms.get(phrase)
            for singular in _singulars(phrase[-1]) if same is None else []:
                same = synonyms.get((*phrase[:-1], singular))  # PAs, local authorities
                if same is not None:
                    break
            if same is not None:
                units.append(Unit(" ".join(phrase), [" ".join(phrase), *same], is_phrase=True))
                i += size
                break
        else:
            token = tokens[i]
            if token[0].isdigit() or token[0] == "£":
                units.append(Unit(token, number_forms(token), is_number=True))
            else:
                units.append(Unit(token, [token]))
            i += 1
    return units


def _nearest_words(words: list[str]) -> dict[str, list[tuple[str, int]]]:
    """For each word, with how many findings use each: the word itself when the vocabulary
    knows it, or else the CANDIDATES closest words by trigrams (the GiST index orders them);
    one query for all the words. A known word is found through the unique index on the
    word alone: looking for its nearest words took most of the time of a search."""
    if not words:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT typed.word, near.word, near.ndoc
            FROM unnest(%s::text[]) AS typed(word)
            CROSS JOIN LATERAL (
                SELECT term.word, term.ndoc FROM evidence_searchterm AS term
                WHERE term.word = typed.word
                UNION ALL
                (
                    SELECT term.word, term.ndoc FROM evidence_searchterm AS term
                    WHERE NOT EXISTS (
                        SELECT FROM evidence_searchterm AS known WHERE known.word = typed.word
                    )
                    ORDER BY term.word <-> typed.word
                    LIMIT %s
                )
            ) AS near
            """,
            [words, CANDIDATES],
        )
        rows = cursor.fetchall()
    nearest: dict[str, list[tuple[str, int]]] = {word: [] for word in words}
    for typed, word, ndoc in rows:
        nearest[typed].append((word, ndoc))
    return nearest


def _known(word: str, near: dict[str, list[tuple[str, int]]]) -> bool:
    return any(candidate == word for candidate, _ in near.get(word, []))


def _closest(word: str, near: dict[str, list[tuple[str, int]]]) -> str:
    """The known word meant: within the mistakes allowed, the fewest edits, then the most
    used; the word itself when none is close enough."""
    allowed = mistakes_allowed(word)
    if not allowed:
        return word
    scored = [
        (edit_distance(word, candidate, allowed), -ndoc, candidate)
        for candidate, ndoc in near.get(word, [])
    ]
    best = min((score for score in scored if score[0] <= allowed), default=None)
    return best[2] if best else word


def _spelled(units: list[Unit], synonyms: dict) -> tuple[list[Unit], list[Unit]]:
    """The units with American spellings made British (always: the American spelling is
    not in the library), and the same with spelling mistakes corrected too."""
    words = [unit.typed for unit in units if not (unit.is_number or unit.is_phrase)]
    lookups = list(dict.fromkeys(words + [b for word in words for b in british(word)]))
    near = _nearest_words(lookups)
    british_units, corrected = [], []
    for unit in units:
        if unit.is_number or unit.is_phrase or _known(unit.typed, near):
            british_units.append(unit)
            corrected.append(unit)
            continue
        spelling = next((b for b in british(unit.typed) if _known(b, near)), None)
        if spelling is not None:
            regrouped = _group_units([spelling], synonyms)
            british_units.extend(regrouped)
            corrected.extend(regrouped)
            continue
        british_units.append(unit)
        best = _closest(unit.typed, near)
        corrected.extend([unit] if best == unit.typed else _group_units([best], synonyms))
    return british_units, corrected


def understand(text: str) -> Understood:
    """What was typed, as units with their synonyms and numbers, and as corrected.

    Kept in the cache for this content version: the same search is understood once.
    """
    typed = text[:MAX_QUERY_LENGTH]
    tokens = tokens_of(typed)
    if not tokens:
        return Understood(typed)
    digest = hashlib.sha256(" ".join(tokens).encode()).hexdigest()
    key = f"evidence:understood:{content_version()}:{digest}"
    found = cache.get(key)
    if found is None:
        synonyms = synonym_table()
        found = _spelled(_group_units(tokens, synonyms), synonyms)
        cache.set(key, found, UNDERSTOOD_SECONDS)
    return Understood(typed, *found)


# --- Findings: found, ranked, highlighted -------------------------------------------------


# A search that matches more findings than this counts "more than 1,000" and ranks the
# first 1,000 found: the time of a search does not grow with the size of the library.
MOST_RANKED = 1000


def first_found(findings: QuerySet) -> QuerySet:
    """The first MOST_RANKED + 1 of these findings that PostgreSQL finds, in the order they
    are stored (oldest first, as findings are added): the ones a search ranks, counts and
    counts by filter.

    With no ORDER BY, PostgreSQL stops as soon as it has them: it reads at most
    MOST_RANKED + 1 rows of the table, never every match of a common word. The order
    is the same each time, as the settings turn synchronised scans off.
    """
    return findings.order_by()[: MOST_RANKED + 1]


def matching(findings: QuerySet, query: SearchQuery | None) -> QuerySet:
    """The findings that match the query, through the stored vector and its GIN index."""
    return findings.none() if query is None else findings.filter(search_vector=query)


def _cards(ids: list[int], query: SearchQuery) -> QuerySet:
    """These findings with everything a card shows, and the matching words of the easy-read
    version marked (``ts_headline``: for these rows only, so a page of a search marks the
    words of its own cards, not of every match)."""
    return (
        Finding.objects.filter(pk__in=ids)
        .order_by()
        .with_related()
        .annotate(
            headline=SearchHeadline(
                "easy_read",
                query,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                highlight_all=True,
            )
        )
    )


def shown(ids: list[int], query: SearchQuery) -> list[Finding]:
    """The cards of these findings, in the order of ``ids`` (put in order here: an ORDER BY
    on the place of each id costs more to build than the query takes to run)."""
    cards = {finding.pk: finding for finding in _cards(ids, query)}
    return [cards[pk] for pk in ids if pk in cards]


def ranked(ids: list[int], query: SearchQuery) -> QuerySet:
    """The cards of these findings as a queryset, in the order of ``ids`` (for exports)."""
    place = Func(
        Value(list(ids), output_field=ArrayField(BigIntegerField())),
        F("pk"),
        function="array_position",
        output_field=IntegerField(),
    )
    return _cards(ids, query).annotate(place=place).order_by("place")


def search_findings(text: str) -> QuerySet:
    """Findings for the words as typed (synonyms, numbers and spellings understood)."""
    return matching(Finding.objects.published(), understand(text).query)


# The facets shown beside the list: (URL parameter, the finding field its value comes from,
# the field of its words, its heading, its plural in a sentence).
FACETS = [
    ("theme", "theme__slug", "theme__name", "Theme", "themes"),
    ("kind", "kind", None, "Kind of finding", "kinds of finding"),
    ("tag", "tags__slug", "tags__name", "Tag", "tags"),
    ("source", "source__slug", "source__short_name", "Source", "sources"),
    ("source_kind", "source__kind", None, "Kind of source", "kinds of source"),
]
# Each facet shows its choices with most findings (and the chosen one); ?all=<facet> shows all.
TOP_CHOICES = 10
SHOW_ALL = "all"
# The parameters that choose which findings are counted.
FILTER_NAMES = ["q", "exact", *(facet[0] for facet in FACETS)]
# How long counts stay in the cache; a change to the content makes them out of date at
# once anyway, as the content version is in the key.
COUNT_CACHE_SECONDS = 60 * 60
CHOICE_LABELS = {
    "kind": dict(FindingKind.choices),
    "source_kind": dict(SourceKind.choices),
}


class SearchField(forms.CharField):
    """A search box that keeps the first 200 characters of whatever was typed."""

    def to_python(self, value):
        return super().to_python(value)[:MAX_QUERY_LENGTH]


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class FindingFilter(django_filters.FilterSet):
    """The filters of the findings list; each one is a parameter in the web address.

    ``query`` is the understood search to use for ``q`` (so that it is understood once for
    the list and all its counts).
    """

    q = SearchFilter(
        method="filter_search",
        label="Search for words",
        error_messages={"null_characters_not_allowed": "Type letters and numbers only."},
    )
    theme = django_filters.CharFilter(field_name="theme__slug")
    tag = django_filters.CharFilter(field_name="tags__slug")
    source = django_filters.CharFilter(field_name="source__slug")
    source_kind = django_filters.ChoiceFilter(field_name="source__kind", choices=SourceKind.choices)
    kind = django_filters.ChoiceFilter(choices=FindingKind.choices)

    class Meta:
        model = Finding
        fields = []

    def __init__(self, *args, query: SearchQuery | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.query = query

    def filter_search(self, queryset, name, value):
        return matching(queryset, self.query if self.query is not None else understand(value).query)


# The facets each found finding carries in its own row; a finding has many tags, which are
# counted by PostgreSQL (GROUP BY) in the same query.
ROW_FACETS = [facet for facet in FACETS if facet[0] != "tag"]
Choices = dict[str, list[tuple[str, str, int]]]


@dataclass(frozen=True)
class Found:
    """What a search finds: the ids of its ``first_found`` findings, best match first, and
    for each facet its choices among them as (key, words, count), most findings first.

    When more than MOST_RANKED findings match, each count is -1 (not shown, as it would be
    too small) and the choices are in order of their counts among the first found.
    """

    ids: list[int]
    choices: Choices


def find(findings: QuerySet, query: SearchQuery) -> Found:
    """Rank, count and count by filter the ``first_found`` of these findings, in one SQL
    query that reads their rows once.

    Best match first: ``ts_rank`` of the stored vector (tags and source name weigh most,
    then easy read, then wording), then newest first. Each finding's row brings its theme,
    kind and source, counted here; its tags are counted by PostgreSQL.
    """
    columns = {"found_id": F("pk"), "rank": SearchRank(F("search_vector"), query)}
    columns["added"] = F("created_at")
    for name, key, label, *_ in ROW_FACETS:
        columns[f"{name}_key"] = F(key)
        columns[f"{name}_words"] = F(label) if label else Value("")
    rows = first_found(findings.annotate(**columns).values(*columns))
    sql, params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    facet_columns = [quote(name) for name in list(columns)[3:]]
    link, tags = quote(Finding.tags.through._meta.db_table), quote(Tag._meta.db_table)
    query_sql = f"""
        WITH found AS MATERIALIZED ({sql})
        SELECT row_number() OVER (ORDER BY rank DESC, added DESC, found_id DESC) AS place,
               found_id, {", ".join(facet_columns)}, NULL AS tag_key, NULL AS tag_words,
               NULL::bigint AS tagged
        FROM found
        UNION ALL
        SELECT NULL, NULL, {", ".join("NULL" for _ in facet_columns)}, tag.slug, tag.name,
               count(*)
        FROM found
        JOIN {link} AS link ON link.finding_id = found.found_id
        JOIN {tags} AS tag ON tag.id = link.tag_id
        GROUP BY tag.slug, tag.name
        ORDER BY place
    """
    ids: list[int] = []
    counts: dict[str, Counter] = {name: Counter() for name, *_ in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(query_sql, params)
        for _, pk, *values, tag_key, tag_words, tagged in cursor.fetchall():
            if pk is None:
                counts["tag"][(tag_key, tag_words)] = tagged
                continue
            ids.append(pk)
            for (name, *_), key, words in zip(ROW_FACETS, values[::2], values[1::2], strict=True):
                if key is not None:
                    counts[name][(key, words)] += 1
    partial = len(ids) > MOST_RANKED
    choices = {}
    for name, *_ in FACETS:
        labels = CHOICE_LABELS.get(name, {})
        ordered = sorted(
            ((key, labels.get(key, words), n) for (key, words), n in counts[name].items()),
            key=lambda choice: (-choice[2], choice[1]),
        )
        choices[name] = [(key, words, -1 if partial else n) for key, words, n in ordered]
    return Found(ids, choices)


def found_for(data: QueryDict, filterset: FindingFilter) -> Found:
    """``find`` for these filters and their understood search, from the cache."""
    return _cached("found", data, lambda: find(filterset.qs, filterset.query))


@dataclass
class FindingSearch:
    """A list of findings for the words and filters in the web address."""

    filterset: FindingFilter
    typed: str = ""  # what the person typed
    query: str = ""  # what we searched for: the typed words or the corrected ones
    suggestion: str = ""  # "Did you mean ...?" when the words as typed found some already
    data: QueryDict = field(default_factory=QueryDict)
    search_query: SearchQuery | None = None
    # What ``found()`` read from the cache, and for which filters: read once per page.
    _found: tuple[FindingFilter, Found] | None = field(default=None, init=False, repr=False)

    @property
    def is_corrected(self) -> bool:
        return self.query != self.typed

    def found(self) -> Found:
        """What the search finds (``find``), from the cache once for this list: a page asks
        for its count, its pages and its filters, and the cache is Redis in production."""
        if self._found is None or self._found[0] is not self.filterset:
            self._found = (self.filterset, found_for(self.data, self.filterset))
        return self._found[1]

    @property
    def results(self):
        """The matching findings: best match first when searching, otherwise newest first."""
        if self.search_query is not None:
            return ranked(self.found().ids, self.search_query)
        return self.filterset.qs.with_related().newest_first()

    def top(self, number: int) -> list:
        """The first ``number`` findings of the list."""
        if self.search_query is not None:
            return shown(self.found().ids[:number], self.search_query)
        return list(self.results[:number])

    def page(self, number, per_page: int):
        """One page of the list; a search pages through at most MOST_RANKED findings, and
        fetches only the findings of its page."""
        if self.search_query is None:
            paginator = Paginator(self.results, per_page)
            paginator.count = self.count()  # counted once for this content and these filters
            return paginator.get_page(number)
        page = Paginator(self.found().ids[:MOST_RANKED], per_page).get_page(number)
        page.object_list = shown(list(page.object_list), self.search_query)
        return page

    @property
    def is_searching(self) -> bool:
        return self.search_query is not None

    @property
    def most_ranked(self) -> str:
        return f"{MOST_RANKED:,}"

    @property
    def is_more(self) -> bool:
        """True when a search found more than MOST_RANKED findings (not counted further)."""
        return self.is_searching and self.count() > MOST_RANKED

    @property
    def shown_count(self) -> int:
        """How many findings the pages show: every match, or MOST_RANKED of them."""
        return min(self.count(), MOST_RANKED) if self.is_searching else self.count()

    def facets(self) -> list[dict]:
        """Each facet with its choices and counts: the TOP_CHOICES with most findings and the
        chosen one, or every choice for the facet named by ``?all=``."""
        counts = self.facet_counts()
        selected = {name: self.data.get(name, "") for name, *_ in FACETS}
        show_all = self.data.get(SHOW_ALL, "")
        kept = [
            (key, value)
            for key, values in self.data.lists()
            if key not in ("page", SHOW_ALL)
            for value in values
        ]
        facets = []
        for name, _, _, heading, plural in FACETS:
            ordered = counts.get(name, [])
            others = [(key, value) for key, value in kept if key != name]
            shown_choices = [
                {
                    "key": key,
                    "label": words,
                    "count": None if count < 0 else count,
                    "is_selected": selected[name] == key,
                    "query": urlencode([*others, (name, key)]),
                }
                for place, (key, words, count) in enumerate(ordered)
                if name == show_all or place < TOP_CHOICES or key == selected[name]
            ]
            facets.append(
                {
                    "name": name,
                    "heading": heading,
                    "plural": plural,
                    "selected": selected[name],
                    "clear_query": urlencode(others),
                    "choices": shown_choices,
                    "total": len(ordered),
                    "is_cut": len(shown_choices) < len(ordered),
                    "is_all": name == show_all and len(ordered) > TOP_CHOICES,
                    "all_query": urlencode([*kept, (SHOW_ALL, name)]),
                    "top_query": urlencode(kept),
                }
            )
        return facets

    def count(self) -> int:
        """How many findings match, from the cache like the filter counts; a search is
        counted up to MOST_RANKED + 1."""
        if self.is_searching:
            return len(self.found().ids)
        return cached_count(self.data, self.filterset)

    def facet_counts(self) -> Choices:
        """For each facet, its choices as (key, words, count), most findings first.

        A facet's counts use every other filter but not its own, so people can switch
        from one choice to another: one query for each different set of other filters
        (one when no filter is chosen).
        """
        if self.is_searching:
            return self._count_choices_found()
        return _cached("facets", self.data, self._count_choices)

    def _count_choices(self) -> Choices:
        parts = []
        for name, key, label, *_ in FACETS:
            findings = FindingFilter(self._others(name), queryset=Finding.objects.published()).qs
            parts.append(
                findings.order_by()
                .annotate(
                    facet=Value(name),
                    key=F(key),
                    label=F(label) if label else Value(""),
                )
                .values_list("facet", "key", "label")
                .annotate(count=Count("pk"))
            )
        choices: Choices = {name: [] for name, *_ in FACETS}
        for name, key, label, count in parts[0].union(*parts[1:], all=True):
            if key is not None:
                choices[name].append((key, CHOICE_LABELS.get(name, {}).get(key, label), count))
        for ordered in choices.values():
            ordered.sort(key=lambda choice: (-choice[2], choice[1]))
        return choices

    def _count_choices_found(self) -> Choices:
        """Each facet's choices among what the search with the other filters finds (the
        same ``Found`` as that search's own list, from the cache)."""
        choices: Choices = {}
        for name, *_ in FACETS:
            if name not in self.data:  # the other filters are all the filters
                choices[name] = self.found().choices[name]
                continue
            others = self._others(name)
            filterset = FindingFilter(
                others, queryset=Finding.objects.published(), query=self.search_query
            )
            choices[name] = found_for(others, filterset).choices[name]
        return choices

    def _others(self, name: str) -> QueryDict:
        others = self.data.copy()
        others.pop(name, None)
        return others


def _cached(what: str, data: QueryDict, compute):
    """``compute()``, kept in the cache for this content version and these filters, so the
    same list is counted once and any change to the content is seen at once."""
    filters = sorted((name, value) for name in FILTER_NAMES for value in data.getlist(name))
    digest = hashlib.sha256(repr(filters).encode()).hexdigest()
    key = f"evidence:{what}:{content_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, COUNT_CACHE_SECONDS)
    return value


def cached_count(data: QueryDict, filterset: FindingFilter) -> int:
    """How many findings a list without a search has."""
    return _cached("count", data, filterset.qs.count)


def find_findings(data: QueryDict) -> FindingSearch:
    """Filter and search. When the words as typed find fewer than FEW findings and the
    corrected words find more, the corrected results are shown ("Showing findings for
    ..."); ``?exact=1`` asks for the words as typed. When the words as typed found some
    already, the correction is only offered ("Did you mean ...?")."""
    data = data.copy()
    filterset = FindingFilter(data, queryset=Finding.objects.published())
    typed = filterset.form.cleaned_data.get("q", "") if filterset.is_valid() else ""
    understood = understand(typed)
    filterset.query = understood.query
    search = FindingSearch(
        filterset=filterset, typed=typed, query=typed, data=data, search_query=understood.query
    )
    if understood.is_empty or not understood.corrected or data.get("exact"):
        return search
    found = len(found_for(data, filterset).ids)
    corrected = data.copy()
    corrected["q"] = understood.corrected
    better = FindingFilter(
        corrected, queryset=Finding.objects.published(), query=understood.corrected_query
    )
    if len(found_for(corrected, better).ids) <= found:
        return search
    if found >= FEW:
        search.suggestion = understood.corrected
        return search
    search.filterset, search.data = better, corrected
    search.query, search.search_query = understood.corrected, understood.corrected_query
    return search


# --- Keeping what search reads up to date ---------------------------------------------------

_state = threading.local()


@contextmanager
def search_refreshed_once() -> Iterator[None]:
    """Inside this block the changed findings are collected, and refreshed once at its end
    (an admin save changes a finding and then its tags: one refresh, not two)."""
    outer = getattr(_state, "pending", None) is None
    if outer:
        _state.pending = set()
    try:
        yield
    finally:
        if outer:
            pending, _state.pending = _state.pending, None
            if pending:
                refresh_search(pending)


def _changed(finding_ids) -> None:
    pending = getattr(_state, "pending", None)
    if pending is None:
        refresh_search(finding_ids)
    else:
        pending.update(finding_ids)


def refresh_search(finding_ids: Iterable[int] | None = None) -> int:
    """The one refresh: copy tag names and the source's short name into each finding's
    ``keywords`` (one UPDATE), and add the findings' words to the spelling vocabulary.

    With no ids, every finding is refreshed. Returns how many findings were updated.
    """
    findings = Finding.objects.all()
    ids = None if finding_ids is None else [int(pk) for pk in finding_ids]
    if ids is not None:
        findings = findings.filter(pk__in=ids)
    tag_names = (
        Tag.objects.filter(findings=OuterRef("pk"))
        .order_by()
        .values("findings")
        .annotate(names=StringAgg("name", delimiter=" ", order_by="name"))
        .values("names")
    )
    source_name = Source.objects.filter(pk=OuterRef("source_id")).values("short_name")
    with transaction.atomic():
        updated = findings.update(
            keywords=Concat(
                Subquery(source_name, output_field=TextField()),
                Value(" "),
                Coalesce(Subquery(tag_names), Value(""), output_field=TextField()),
                output_field=TextField(),
            )
        )
        if ids is None:
            rebuild_vocabulary()
        elif updated:
            _add_words_of_findings(ids)
    return updated


# Words of the vocabulary: letters (and inner hyphens), 3 to 100 of them.
WORD_FILTER = "length(word) BETWEEN 3 AND 100 AND word ~ '^[[:alpha:]-]+$'"


def _add_words_of_findings(ids: list[int]) -> None:
    """Add the words of these findings to the spelling vocabulary (known words stay);
    a draft's words wait until it is published, so no correction points at a draft."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO evidence_searchterm (word, ndoc)
            SELECT word, ndoc FROM ts_stat(format(
                'SELECT to_tsvector(''simple'', unaccent(concat_ws('' '', easy_read,
                    original_wording, keywords))) FROM evidence_finding
                    WHERE id = ANY(%%L::bigint[]) AND state = ''published''',
                %s::bigint[]
            ))
            WHERE {WORD_FILTER}
            ON CONFLICT (word) DO NOTHING
            """,
            [ids],
        )


def add_search_terms(texts: Iterable[str]) -> None:
    """Add the words of ``texts`` to the spelling vocabulary (words already there stay)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO evidence_searchterm (word, ndoc)
            SELECT word, ndoc FROM ts_stat(
                format('SELECT to_tsvector(''simple'', unaccent(%%L))', %s)
            )
            WHERE {WORD_FILTER}
            ON CONFLICT (word) DO NOTHING
            """,
            [" ".join(texts)],
        )


# Texts of other apps whose words search knows (meetings, seminars): the whole-site
# search gives them (``add_vocabulary_source``), as evidence never imports those apps.
_VOCABULARY_SOURCES: dict[type, tuple[str, ...]] = {}


def add_vocabulary_source(model, *fields: str) -> None:
    """Words in these fields of ``model`` are known words: never corrected, and a
    misspelling of them is corrected to them. New and changed rows add their words."""
    _VOCABULARY_SOURCES[model] = fields
    post_save.connect(_vocabulary_row_saved, sender=model, dispatch_uid=f"vocabulary-{model}")


def _vocabulary_row_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        add_search_terms(str(getattr(instance, name) or "") for name in _VOCABULARY_SOURCES[sender])


def _other_texts() -> list[tuple[str, str]]:
    quote = connection.ops.quote_name
    return [
        (
            quote(model._meta.db_table),
            ", ".join(quote(model._meta.get_field(name).column) for name in fields),
        )
        for model, fields in _VOCABULARY_SOURCES.items()
    ]


def rebuild_vocabulary() -> int:
    """Rebuild the spelling vocabulary from findings, glossary terms, synonyms, tags, themes,
    sources, and the texts other apps gave (``add_vocabulary_source``).

    ``ndoc`` counts the findings that use each word, which helps pick common words
    when two spellings are equally close. Returns the number of words.
    """
    others = "".join(
        f" UNION ALL SELECT to_tsvector('simple', unaccent(concat_ws(' ', {columns}))) FROM {table}"
        for table, columns in _other_texts()
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM evidence_searchterm")
        cursor.execute(
            f"""
            INSERT INTO evidence_searchterm (word, ndoc)
            SELECT word, ndoc FROM ts_stat($$
                SELECT to_tsvector('simple', unaccent(concat_ws(' ', easy_read, original_wording, keywords)))
                FROM evidence_finding WHERE state = 'published'
                UNION ALL
                SELECT to_tsvector('simple', unaccent(concat_ws(' ', term, array_to_string(synonyms, ' '))))
                FROM easyread_glossaryterm
                UNION ALL
                SELECT to_tsvector('simple', unaccent(words)) FROM evidence_synonym
                UNION ALL
                SELECT to_tsvector('simple', unaccent(concat_ws(' ', name, easy_read_meaning)))
                FROM evidence_tag
                UNION ALL
                SELECT to_tsvector('simple', unaccent(concat_ws(' ', name, easy_read_intro, gaps)))
                FROM evidence_theme
                UNION ALL
                SELECT to_tsvector('simple', unaccent(concat_ws(' ', short_name, title, easy_read_summary)))
                FROM evidence_source
                {others}
            $$)
            WHERE {WORD_FILTER}
            """
        )
        cursor.execute("SELECT count(*) FROM evidence_searchterm")
        return cursor.fetchone()[0]


# --- Signal receivers, connected in EvidenceConfig.ready ------------------------------


def findings_changed(finding_ids) -> None:
    """Findings saved without signals (an import's bulk insert): refresh them as if saved."""
    _changed(finding_ids)


def finding_saved(sender, instance: Finding, raw=False, **kwargs):
    """A finding's words or source may have changed."""
    if not raw:
        _changed([instance.pk])


def finding_tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Tags were added to or taken from findings (from either side)."""
    if action == "pre_clear" and reverse:
        instance._evidence_cleared_ids = list(instance.findings.values_list("pk", flat=True))
    elif action == "post_clear":
        _changed(getattr(instance, "_evidence_cleared_ids", []) if reverse else [instance.pk])
    elif action in ("post_add", "post_remove"):
        _changed(pk_set if reverse else [instance.pk])


def source_saved(sender, instance: Source, raw=False, **kwargs):
    """A source's short name is part of its findings' keywords."""
    if not raw:
        _changed(instance.findings.values_list("pk", flat=True))


def tag_saved(sender, instance: Tag, raw=False, **kwargs):
    """A tag's name is part of its findings' keywords."""
    if not raw:
        _changed(instance.findings.values_list("pk", flat=True))


def tag_deleting(sender, instance: Tag, **kwargs):
    """Take the tag off its findings first, so that their keywords lose its name."""
    instance.findings.clear()


def synonym_saved(sender, instance: Synonym, raw=False, **kwargs):
    """A synonym's words are words search knows: never corrected into something else."""
    if not raw:
        add_search_terms([instance.words])
