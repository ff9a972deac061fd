"""Each member page timed in-process: server time, SQL queries, size and requests.

Run by ``bench/run.py`` (``make bench``) with production settings and the page cache off,
so the real work of each page is measured:

    python -m bench.pages --label 1000 --out bench-results/pages-1000.json [--baseline]

``--baseline`` also times the search against a naive ``icontains`` search.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import django

# The correct and the misspelled search, as members type them.
SEARCH = "personal budgets"
MISSPELLED = "personel budjet"
HOST = "127.0.0.1"


def page_urls() -> list[tuple[str, str]]:
    """(name, address) of each member page, with bench content to show where one is needed.

    A page that does not exist yet gives an address starting with "!" and the reason.
    """
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from evidence.models import Finding, Theme
    from meetings.models import Meeting
    from seminars.models import Seminar

    theme = Theme.objects.filter(slug__startswith="bench-").order_by("slug").first()
    bench = Finding.objects.filter(source__slug__startswith="bench-")
    finding = bench.order_by("pk")[bench.count() // 2 :].first() if bench.exists() else None
    meetings = Meeting.objects.published().filter(slug__startswith="bench-")
    meeting = meetings.past().first() or meetings.first()
    seminar = (
        Seminar.objects.published()
        .filter(slug__startswith="bench-", starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )

    def address(name, query=None, **kwargs):
        try:
            url = reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            return f"!no page called {name}"
        return f"{url}?{urlencode(query)}" if query else url

    def needs(thing, what):
        return None if thing is not None else f"!no bench {what}: run make_bench_data"

    return [
        ("home", address("home")),
        ("findings list", address("evidence:list")),
        (
            "filtered list",
            needs(theme, "theme") or address("evidence:list", {"kind": "gap", "theme": theme.slug}),
        ),
        ("search", address("evidence:list", {"q": SEARCH})),
        ("search, misspelled", address("evidence:list", {"q": MISSPELLED})),
        ("whole-site search", address("sitesearch:search", {"q": SEARCH})),
        ("whole-site search, misspelled", address("sitesearch:search", {"q": MISSPELLED})),
        ("finding", needs(finding, "finding") or address("evidence:detail", pk=finding.pk)),
        ("evidence map", address("evidence:map")),
        ("meetings list", address("meetings:list")),
        ("meeting", needs(meeting, "meeting") or address("meetings:detail", slug=meeting.slug)),
        ("seminars list", address("seminars:list")),
        ("seminar", needs(seminar, "seminar") or address("seminars:detail", slug=seminar.slug)),
    ]


# --- What a page asks the browser to fetch ------------------------------------------------


class _Links(HTMLParser):
    """Addresses of the stylesheets, scripts, images, icons and media a page loads."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (kind, address)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").lower().split()
        if tag == "link" and attrs.get("href"):
            if "stylesheet" in rel:
                self.found.append(("css", attrs["href"]))
            elif "icon" in rel:
                # A browser fetches one of the icons offered (the SVG, or the .ico where
                # SVG icons are not shown): one request, however many are offered.
                self.found.append(("icon", attrs["href"]))
            elif {"preload", "manifest"} & set(rel):
                self.found.append(("other", attrs["href"]))
            # apple-touch-icon: fetched only when someone saves the page to a home screen.
        elif tag == "script" and attrs.get("src"):
            self.found.append(("js", attrs["src"]))
        elif tag == "img" and attrs.get("src"):
            self.found.append(("picture", attrs["src"]))
        elif tag in ("audio", "video", "source") and attrs.get("src"):
            self.found.append(("audio", attrs["src"]))


def _static_file(address: str) -> Path | None:
    from django.conf import settings

    path = urlsplit(address).path
    if not path.startswith(settings.STATIC_URL):
        return None
    file = Path(settings.STATIC_ROOT) / path.removeprefix(settings.STATIC_URL)
    return file if file.is_file() else None


def _compressed_size(file: Path) -> int:
    """What whitenoise sends: the brotli copy when there is one, else the file."""
    for suffix in (".br", ".gz"):
        copy = file.with_name(file.name + suffix)
        if copy.is_file():
            return copy.stat().st_size
    return file.stat().st_size


def _css_urls(file: Path) -> list[str]:
    import re

    return re.findall(r"url\(\s*['\"]?([^'\")]+)", file.read_text(errors="ignore"))


def page_weight(html: bytes) -> dict:
    """Requests and compressed bytes: HTML, CSS, JS and fonts; pictures and audio apart."""
    import brotli

    parser = _Links()
    parser.feed(html.decode("utf-8", "replace"))
    kinds: dict[str, str] = {}
    for kind, address in parser.found:
        kinds.setdefault(address, kind)
        file = _static_file(address)
        if kind == "css" and file is not None:
            for inner in _css_urls(file):
                if not inner.startswith("data:"):
                    resolved = str(Path(urlsplit(address).path).parent / inner)
                    kinds.setdefault(resolved, "picture" if inner.endswith(".svg") else "font")
    html_br = len(brotli.compress(html, quality=6))
    icons = [a for a, k in kinds.items() if k == "icon"]
    counted = {a: k for a, k in kinds.items() if k not in ("picture", "audio", "icon")}
    if icons:
        counted[icons[-1]] = "icon"  # the last one offered (the SVG here) is the one shown
    sizes = {a: _compressed_size(f) for a in counted if (f := _static_file(a)) is not None}
    return {
        "html_bytes": len(html),
        "html_br": html_br,
        "requests": 1 + len(counted),
        "pictures": sum(1 for k in kinds.values() if k == "picture"),
        "page_br": html_br + sum(sizes.values()),
    }


# --- Timing ---------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary_ms(seconds: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(seconds) * 1000, 1),
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 1),
        "runs": len(seconds),
    }


# Seconds one page may take to time: a page taking seconds gets fewer runs (5 at least).
BUDGET = float(os.environ.get("BENCH_PAGE_SECONDS", "8"))


def time_calls(call, runs: int, warmup: int, budget: float = BUDGET) -> list[float]:
    """Times of ``runs`` calls after ``warmup`` calls; slow calls stop after ``budget``
    seconds (at least 5 runs), so a page taking seconds does not take the run hostage."""
    started = time.perf_counter()
    call()
    first = time.perf_counter() - started
    for _ in range(warmup - 1 if first < 0.5 else 0):
        call()
    runs = max(5, min(runs, int(budget / max(first, 1e-3))))
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times


def measure_page(client, name: str, url: str, runs: int, warmup: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if url.startswith("!"):
        return {"name": name, "url": "", "error": url[1:]}
    response = client.get(url)
    result = {"name": name, "url": url, "status": response.status_code}
    if response.status_code != 200:
        result["error"] = f"answered {response.status_code}"
        return result
    times = time_calls(lambda: client.get(url), runs, warmup)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    result.update(summary_ms(times))
    captured = queries.captured_queries
    result["queries"] = len(captured)
    # Time in SQL on one run; the rest of the server time is Python: view and templates.
    result["sql_ms"] = round(sum(float(q["time"]) for q in captured) * 1000, 1)
    slowest = max(captured, key=lambda q: float(q["time"]), default=None)
    if slowest:
        result["slowest_query_ms"] = round(float(slowest["time"]) * 1000, 1)
        result["slowest_query"] = slowest["sql"][:400]
    result.update(page_weight(response.content))
    return result


def search_baseline(runs: int, warmup: int, page: dict | None) -> dict:
    """The same words found the naive way: ``icontains`` on every text, newest first."""
    from django.core.cache import cache
    from django.db.models import Q
    from django.http import QueryDict

    from evidence.models import Finding
    from evidence.search import find_findings

    def naive():
        words = Q(original_wording__icontains=SEARCH) | Q(easy_read__icontains=SEARCH)
        findings = Finding.objects.filter(words | Q(keywords__icontains=SEARCH))
        list(findings.select_related("source", "theme").order_by("-created_at", "-id")[:20])
        return findings.count()

    def ranked():
        cache.clear()  # the real work each time, never a count kept from the last run
        found = find_findings(QueryDict(urlencode({"q": SEARCH})))
        found.top(20)
        return found.count()

    result = {"query": SEARCH, "naive_matches": naive(), "app_matches": ranked()}
    result["naive"] = summary_ms(time_calls(naive, runs, warmup))
    result["app_query"] = summary_ms(time_calls(ranked, runs, warmup))
    if page and "p95_ms" in page:
        result["page_p95_ms"] = page["p95_ms"]
        result["ratio"] = round(result["naive"]["p95_ms"] / page["p95_ms"], 2)
    result["query_ratio"] = round(result["naive"]["p95_ms"] / result["app_query"]["p95_ms"], 2)
    return result


# How many different searches the mix has: plain words, two words, and misspelled words.
MIX_SIZE = int(os.environ.get("BENCH_SEARCHES", "240"))


def search_mix(size: int = MIX_SIZE) -> list[str]:
    """``size`` different searches as members type them, from the words of the library:
    a third single words, a third two words, a third with two letters swapped."""
    import random

    from evidence.models import SearchTerm

    rng = random.Random(16)
    words = list(
        SearchTerm.objects.filter(ndoc__gte=3, word__regex=r"^[a-z]{4,}$")
        .order_by("-ndoc", "word")
        .values_list("word", flat=True)[:2000]
    )
    mix: dict[str, None] = {}
    while len(mix) < size:
        kind = len(mix) % 3
        word = rng.choice(words)
        if kind == 1:
            word = f"{word} {rng.choice(words)}"
        elif kind == 2 and len(word) >= 5:
            i = rng.randrange(1, len(word) - 2)
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        mix[word] = None
    return list(mix)


def time_search_mix(client, queries: list[str]) -> dict:
    """Each search of the mix once, cold (nothing of it in the cache): server time."""
    from django.core.cache import cache
    from django.urls import reverse

    cache.clear()
    times = {"findings": [], "whole site": []}
    for name, url in (
        ("findings", reverse("evidence:list")),
        ("whole site", reverse("sitesearch:search")),
    ):
        for q in queries:
            started = time.perf_counter()
            response = client.get(url, {"q": q})
            times[name].append(time.perf_counter() - started)
            assert response.status_code == 200, (q, response.status_code)
    return {"queries": len(queries), **{name: summary_ms(t) for name, t in times.items()}}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--label", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "30")))
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--baseline", action="store_true")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.conf import settings
    from django.test import Client

    from evidence.models import Finding

    assert not settings.PAGE_CACHE, "measure with the page cache off (PAGE_CACHE=false)"
    client = Client(HTTP_HOST=HOST)
    pages = []
    for name, url in page_urls():
        result = measure_page(client, name, url, args.runs, args.warmup)
        pages.append(result)
        shown = result.get("error") or f"{result['median_ms']} / {result['p95_ms']} ms"
        print(f"  {args.label:>7} findings  {name:<20} {shown}", file=sys.stderr, flush=True)
    from django.templatetags.static import static

    report = {
        "label": args.label,
        "findings": Finding.objects.count(),
        "static_url": static("css/spirit.css"),
        "pages": pages,
    }
    mix = search_mix()
    report["search_mix"] = {"examples": mix[:9], **time_search_mix(client, mix)}
    report["search_urls"] = [f"/findings/?{urlencode({'q': q})}" for q in mix] + [
        f"/search/?{urlencode({'q': q})}" for q in mix
    ]
    print(f"  {args.label:>7} findings  search mix {report['search_mix']}", file=sys.stderr)
    if args.baseline:
        search_page = next((p for p in pages if p["name"] == "search"), None)
        report["search_baseline"] = search_baseline(args.runs, args.warmup, search_page)
    Path(args.out).write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
