"""Finding the findings: filters, search with spelling help, and counts for each choice.

Everything lives in the web address (``?q=...&tag=...&kind=...``), so a search can be
shared, bookmarked and exported as it is.
"""

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.db.models import Count, F, Value
from django.http import QueryDict

from evidence.models import (
    MAX_QUERY_LENGTH,
    Finding,
    FindingKind,
    GlossaryTerm,
    SearchTerm,
    SourceKind,
    Tag,
)

# The facets shown beside the list: (URL parameter, the finding field its value comes from,
# the field of its words, its heading).
FACETS = [
    ("theme", "theme__slug", "theme__name", "Theme"),
    ("kind", "kind", None, "Kind of finding"),
    ("tag", "tags__slug", "tags__name", "Tag"),
    ("source", "source__slug", "source__short_name", "Source"),
    ("source_kind", "source__kind", None, "Kind of source"),
]
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
        """Each facet with its choices and counts, in one SQL query (a UNION ALL).

        A facet's counts use every other filter but not its own, so people can switch
        from one choice to another.
        """
        parts = []
        for name, key, label, _ in FACETS:
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
                .values("facet", "key", "label")
                .annotate(count=Count("pk"))
            )
        rows = parts[0].union(*parts[1:], all=True)
        choices: dict[str, list[dict]] = {name: [] for name, *_ in FACETS}
        selected = {name: self.data.get(name, "") for name, *_ in FACETS}
        for row in rows:
            if row["key"] is None:
                continue
            name = row["facet"]
            words = CHOICE_LABELS.get(name, {}).get(row["key"], row["label"])
            choices[name].append(
                {
                    "key": row["key"],
                    "label": words,
                    "count": row["count"],
                    "is_selected": selected[name] == row["key"],
                    "query": self._query_with(name, row["key"]),
                }
            )
        return [
            {
                "name": name,
                "heading": heading,
                "selected": selected[name],
                "clear_query": self._query_with(name, None),
                "choices": sorted(choices[name], key=lambda c: (-c["count"], c["label"])),
            }
            for name, _, _, heading in FACETS
        ]

    def _query_with(self, name: str, value: str | None) -> str:
        """The web address query for these filters with one changed (None takes it away)."""
        data = self.data.copy()
        for key in ("page", "exact", name):
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


def gap_map() -> dict:
    """Tags (rows) against kinds of source (columns): how many findings in each cell.

    Two queries whatever the number of findings: the tags, and one GROUP BY.
    """
    counts = {
        (row["tags"], row["source__kind"]): row["count"]
        for row in Finding.objects.filter(tags__isnull=False)
        .order_by()
        .values("tags", "source__kind")
        .annotate(count=Count("pk"))
    }
    columns = [{"key": key, "label": label} for key, label in SourceKind.choices]
    rows = []
    for tag in Tag.objects.order_by("name"):
        cells = []
        for column in columns:
            count = counts.get((tag.pk, column["key"]), 0)
            cells.append({**column, "count": count, "shade": _shade(count)})
        rows.append({"tag": tag, "cells": cells, "total": sum(c["count"] for c in cells)})
    gaps = sum(1 for row in rows for cell in row["cells"] if cell["count"] == 0)
    return {"columns": columns, "rows": rows, "gaps": gaps, "cells": len(rows) * len(columns)}
