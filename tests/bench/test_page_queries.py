"""Every member page makes the same number of SQL queries with 10 times more content.

The pages are the ones ``make bench`` times (``bench.pages.page_urls``); the content is
made by ``make_bench_data``. Times are for ``make bench``; here only queries are counted.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.management.commands.make_bench_data import Command as MakeBenchData
from bench.pages import page_urls

pytestmark = pytest.mark.django_db


def queries_per_page(client) -> dict[str, int]:
    counts = {}
    for name, url in page_urls():
        assert not url.startswith("!"), url
        assert client.get(url).status_code == 200, url  # caches warmed, as in use
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[name] = len(queries.captured_queries)
    return counts


def test_queries_do_not_grow_with_the_content(client):
    call_command("load_seeds", verbosity=0)
    call_command(MakeBenchData(), findings=40, verbosity=0)
    small = queries_per_page(client)

    call_command(MakeBenchData(), findings=400, verbosity=0)
    big = queries_per_page(client)

    assert big == small
    assert set(big) == {
        "home",
        "findings list",
        "filtered list",
        "search",
        "search, misspelled",
        "finding",
        "evidence map",
        "meetings list",
        "meeting",
        "seminars list",
        "seminar",
    }
