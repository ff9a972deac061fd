"""The gap map: tags against kinds of source, with how many findings in each cell."""

from typing import NamedTuple
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.urls import reverse

from core.page_cache import content_version
from evidence.models import SourceKind, Tag, published_findings

# How long the counts stay in the cache; a change to the content makes them out of date at
# once anyway, as the content version is in the key.
MAP_CACHE_SECONDS = 60 * 60


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
            Tag.objects.filter(published_findings("findings__"))
            .order_by()
            .values_list("slug", "name", "findings__source__kind")
            .annotate(count=Count("findings"))
        )
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for slug, name, kind, count in grouped:
            counts.setdefault((slug, name), {})[kind] = count
        rows = [(slug, name, counts[slug, name]) for slug, name in sorted(counts, key=_by_name)]
        cache.set(key, rows, MAP_CACHE_SECONDS)
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
