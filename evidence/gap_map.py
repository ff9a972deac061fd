"""The gap map: tags against kinds of source, with how many findings in each cell, and what
members told us: how many of their own experiences, and how often they said "this happens
to me too" about the findings of each tag."""

from typing import NamedTuple
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.urls import reverse

from core.page_cache import content_version, marks_version
from evidence.models import (
    SOURCE_KIND_WORDS,
    Finding,
    FindingKind,
    SourceKind,
    Tag,
    published_findings,
)

# How long the counts stay in the cache; a change to the content makes them out of date at
# once anyway, as the content version is in the key.
MAP_CACHE_SECONDS = 60 * 60


def marks_sentence(marks: int) -> str:
    """How often members said "this happens to me too" about a tag's findings, in words."""
    if marks == 0:
        return "No member has said yet that it happens to them too."
    times = "once" if marks == 1 else f"{marks} times"
    return f"Members said {times} that it happens to them too."


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


class MapCounts(NamedTuple):
    """What the map counts, kept in the cache together."""

    # (tag slug, tag name, findings for each kind of source) for each tag with findings
    rows: list[tuple[str, str, dict[str, int]]]
    # how many times members said "this happens to me too" about a finding with the tag
    marks_by_tag: dict[str, int]
    experiences: int  # findings of the member-experience kind
    marks: int  # every "this happens to me too"


def map_counts() -> MapCounts:
    """The rows by tag name with the marks of each tag (in one GROUP BY), and the two totals
    (one more query); kept in the cache until the content or the marks change."""
    key = f"evidence:map:{counted_version()}"
    counted = cache.get(key)
    if counted is None:
        grouped = (
            Tag.objects.filter(published_findings("findings__"))
            .order_by()
            .values_list("slug", "name", "findings__source__kind")
            .annotate(count=Count("findings", distinct=True), marks=Count("findings__same_for_me"))
        )
        counts: dict[tuple[str, str], dict[str, int]] = {}
        marks_by_tag: dict[str, int] = {}
        for slug, name, kind, count, marks in grouped:
            counts.setdefault((slug, name), {})[kind] = count
            marks_by_tag[slug] = marks_by_tag.get(slug, 0) + marks
        rows = [(slug, name, counts[slug, name]) for slug, name in sorted(counts, key=_by_name)]
        totals = Finding.objects.published().aggregate(
            experiences=Count("pk", filter=Q(kind=FindingKind.MEMBER_EXPERIENCE), distinct=True),
            marks=Count("same_for_me"),
        )
        counted = MapCounts(rows, marks_by_tag, totals["experiences"], totals["marks"])
        cache.set(key, counted, MAP_CACHE_SECONDS)
    return counted


def _by_name(tag: tuple[str, str]) -> tuple[str, str]:
    return (tag[1].lower(), tag[0])


def _joined(words: list[str], last: str) -> str:
    """ "a, b and c" (or "a, b or c")."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def tag_sentences(kinds: dict[str, int]) -> list[str]:
    """A row of the map said in sentences, for a phone, after the tag's name: "3 findings
    from surveys that asked many people, 1 from letters." then "None yet from ... or ...".
    The kinds of
    source are in plain words (``SOURCE_KIND_WORDS``), in the columns' order."""
    found, missing = [], []
    for key, _ in SourceKind.choices:
        count = kinds.get(key, 0)
        if not count:
            missing.append(SOURCE_KIND_WORDS[key])
        elif not found:
            findings = "finding" if count == 1 else "findings"
            found.append(f"{count} {findings} from {SOURCE_KIND_WORDS[key]}")
        else:
            found.append(f"{count} from {SOURCE_KIND_WORDS[key]}")
    sentences = [", ".join(found) + "."] if found else []
    if missing:
        sentences.append("None yet from " + _joined(missing, "or") + ".")
    return sentences


def gap_map(page_number=None, per_page: int = 50) -> dict:
    """Tags with findings (rows, by name, ``per_page`` a page) against kinds of source
    (columns): how many findings in each cell. The gaps are counted over every row.

    Two queries whatever the number of findings, none when the counts are in the cache.
    """
    counted = map_counts()
    counts = counted.rows
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
        marks = counted.marks_by_tag.get(slug, 0)
        # What a phone shows when the tag is opened, and what Listen reads for the row (after
        # the tag's name) instead of the table's bare numbers: "Housing: 3 findings from
        # surveys that asked many people. None yet from letters. Members said 2 times ...".
        sentences = [*tag_sentences(kinds), marks_sentence(marks)]
        rows.append(
            {
                "tag": tag,
                "cells": cells,
                "total": sum(kinds.values()),
                "marks": marks,
                "spoken": f"{name}: " + " ".join(sentences),
                "sentences": sentences,
            }
        )
    filled = sum(1 for *_, kinds in counts for key, _ in SourceKind.choices if kinds.get(key))
    cells = len(counts) * len(columns)
    return {
        "columns": columns,
        "rows": rows,
        "page": page,
        "gaps": cells - filled,
        "cells": cells,
        "experiences": counted.experiences,
        "marks": counted.marks,
        "experiences_url": f"{list_url}?{urlencode({'kind': FindingKind.MEMBER_EXPERIENCE})}",
        # The counts' version: the page keeps its table, made once, for as long (the
        # template's ``{% cache %}``; making the 400 boxes took half the page's time).
        "version": counted_version(),
    }


def counted_version() -> str:
    """Which content and marks the map's counts are for: a change to either moves it on."""
    return f"{content_version()}:{marks_version()}"
