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
from evidence.models import SearchTerm

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
        "whole-site search",
        "whole-site search, misspelled",
        "finding",
        "evidence map",
        "meetings list",
        "meeting",
        "seminars list",
        "seminar",
    }


@pytest.mark.django_db
def test_the_search_mix_has_200_different_searches_of_each_kind():
    from bench.pages import search_mix

    call_command("load_seeds", verbosity=0)
    call_command(MakeBenchData(), findings=300, verbosity=0)
    mix = search_mix(240)
    assert len(set(mix)) == 240
    assert sum(" " in q for q in mix) >= 60
    assert sum(q not in SearchTerm.objects.values_list("word", flat=True) for q in mix) >= 120
