"""Finding the findings: filters, search with spelling help, and counts for each choice.

Everything lives in the web address (``?q=...&tag=...&kind=...``), so a search can be
shared, bookmarked and exported as it is.
"""

import hashlib
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, F, Value
from django.http import QueryDict
from django.urls import reverse

from core.page_cache import content_version
from easyread.models import GlossaryTerm
from evidence.models import (
    MAX_QUERY_LENGTH,
    Finding,
    FindingKind,
    SearchTerm,
    SourceKind,
    Tag,
)

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
# How long facet counts stay in the cache; a change to the content makes them out of date
# at once anyway, as the content version is in the key.
FACET_CACHE_SECONDS = 60 * 60
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
    """The filters of the findings list; each one is a parameter in the web address."""

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

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


@dataclass
class FindingSearch:
    """A list of findings for the words and filters in the web address."""

    filterset: FindingFilter
    typed: str = ""  # what the person typed
    query: str = ""  # what we searched for: the typed words or a glossary correction
    suggestion: str = ""  # "Did you mean ...?" when nothing was found
    data: QueryDict = field(default_factory=QueryDict)

    @property
    def is_corrected(self) -> bool:
        return self.query != self.typed

    @property
    def results(self):
        """The matching findings: best match first when searching, otherwise newest first."""
        findings = self.filterset.qs.with_related()
        if self.query:
            return findings.ranked(self.query)
        return findings.newest_first()

    def facets(self) -> list[dict]:
        """Each facet with its choices and counts: the TOP_CHOICES with most findings and the
        chosen one, or every choice for the facet named by ``?all=``."""
        counts = self.facet_counts()
        selected = {name: self.data.get(name, "") for name, *_ in FACETS}
        show_all = self.data.get(SHOW_ALL, "")
        facets = []
        for name, _, _, heading, plural in FACETS:
            ordered = counts.get(name, [])
            shown = [
                {
                    "key": key,
                    "label": words,
                    "count": count,
                    "is_selected": selected[name] == key,
                    "query": self._query_with(name, key),
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
                    "clear_query": self._query_with(name, None),
                    "choices": shown,
                    "total": len(ordered),
                    "is_cut": len(shown) < len(ordered),
                    "is_all": name == show_all and len(ordered) > TOP_CHOICES,
                    "all_query": self._query_with(SHOW_ALL, name),
                    "top_query": self._query_with(SHOW_ALL, None),
                }
            )
        return facets

    def count(self) -> int:
        """How many findings match, from the cache like the filter counts."""
        return self._cached("count", self.filterset.qs.count)

    def facet_counts(self) -> dict[str, list[tuple[str, str, int]]]:
        """For each facet, its choices as (key, words, count), most findings first; counted
        in one SQL query (a UNION ALL).

        A facet's counts use every other filter but not its own, so people can switch
        from one choice to another.
        """
        return self._cached("facets", self._count_choices)

    def _cached(self, what: str, compute):
        """``compute()``, kept in the cache for this content version and these filters, so
        the same list is counted once and any change to the content is seen at once."""
        filters = sorted(
            (name, value)
            for name in ["q", *(facet[0] for facet in FACETS)]
            for value in self.data.getlist(name)
        )
        digest = hashlib.sha256(repr(filters).encode()).hexdigest()
        key = f"evidence:{what}:{content_version()}:{digest}"
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, FACET_CACHE_SECONDS)
        return value

    def _count_choices(self) -> dict[str, list[tuple[str, str, int]]]:
        parts = []
        for name, key, label, *_ in FACETS:
            others = self.data.copy()
            others.pop(name, None)
            findings = FindingFilter(others, queryset=Finding.objects.all()).qs
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
        choices: dict[str, list[tuple[str, str, int]]] = {name: [] for name, *_ in FACETS}
        for name, key, label, count in parts[0].union(*parts[1:], all=True):
            if key is not None:
                choices[name].append((key, CHOICE_LABELS.get(name, {}).get(key, label), count))
        for ordered in choices.values():
            ordered.sort(key=lambda choice: (-choice[2], choice[1]))
        return choices

    def _query_with(self, name: str, value: str | None) -> str:
        """The web address query for these filters with one changed (None takes it away).

        A new choice starts again at page 1, with the top choices of each facet.
        """
        data = self.data.copy()
        for key in ("page", "exact", SHOW_ALL, name):
            data.pop(key, None)
        if value is not None:
            data[name] = value
        return data.urlencode()


def find_findings(data: QueryDict) -> FindingSearch:
    """Filter and search; when a search finds nothing, try to fix the spelling.

    First the whole search is compared with the glossary ("personel budjet" becomes
    "personal budget") and we show those results. Otherwise each word is compared with the
    words in the findings, and we only offer "Did you mean ...?".
    """
    data = data.copy()
    filterset = FindingFilter(data, queryset=Finding.objects.all())
    typed = filterset.form.cleaned_data.get("q", "") if filterset.is_valid() else ""
    search = FindingSearch(filterset=filterset, typed=typed, query=typed, data=data)
    if not typed or data.get("exact") or filterset.qs.exists():
        return search
    term = GlossaryTerm.objects.closest(typed)
    if term is not None and term.term.lower() != typed.lower():
        data["q"] = term.term
        search.filterset = FindingFilter(data, queryset=Finding.objects.all())
        search.query = term.term
        search.data = data
        return search
    search.suggestion = SearchTerm.objects.suggest(typed)
    return search


def _shade(count: int) -> str:
    """The CSS class that shades a gap-map cell: more findings, darker."""
    if count == 0:
        return "map-gap"
    if count == 1:
        return "map-few"
    if count <= 3:
        return "map-some"
    return "map-many"


class MapTag(NamedTuple):
    """A row's tag on the gap map: what its link needs, without a query."""

    slug: str
    name: str
    url: str


def map_counts() -> list[tuple[str, str, dict[str, int]]]:
    """(tag slug, tag name, findings for each kind of source) for each tag with findings,
    by name; in one GROUP BY, kept in the cache until the content changes."""
    key = f"evidence:map:{content_version()}"
    rows = cache.get(key)
    if rows is None:
        grouped = (
            Tag.objects.filter(findings__isnull=False)
            .order_by()
            .values_list("slug", "name", "findings__source__kind")
            .annotate(count=Count("findings"))
        )
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for slug, name, kind, count in grouped:
            counts.setdefault((slug, name), {})[kind] = count
        rows = [(slug, name, counts[slug, name]) for slug, name in sorted(counts, key=_by_name)]
        cache.set(key, rows, FACET_CACHE_SECONDS)
    return rows


def _by_name(tag: tuple[str, str]) -> tuple[str, str]:
    return (tag[1].lower(), tag[0])


def gap_map(page_number=None, per_page: int = 50) -> dict:
    """Tags with findings (rows, by name, ``per_page`` a page) against kinds of source
    (columns): how many findings in each cell. The gaps are counted over every row.

    One query whatever the number of findings, none when the counts are in the cache.
    """
    counts = map_counts()
    columns = [{"key": key, "label": label} for key, label in SourceKind.choices]
    page = Paginator(counts, per_page).get_page(page_number)
    list_url = reverse("evidence:list")
    rows = []
    for slug, name, kinds in page.object_list:
        cells = []
        for column in columns:
            count = kinds.get(column["key"], 0)
            query = urlencode({"tag": slug, "source_kind": column["key"]})
            cells.append(
                {**column, "count": count, "shade": _shade(count), "url": f"{list_url}?{query}"}
            )
        tag = MapTag(slug, name, reverse("evidence:tag", args=[slug]))
        rows.append({"tag": tag, "cells": cells, "total": sum(kinds.values())})
    filled = sum(1 for *_, kinds in counts for key, _ in SourceKind.choices if kinds.get(key))
    cells = len(counts) * len(columns)
    return {"columns": columns, "rows": rows, "page": page, "gaps": cells - filled, "cells": cells}
