"""What keeps search fast at 100,000 findings, so it cannot slip back without a test failing.

Never timed: each test checks the structure that makes search fast (what SQL runs, which
index it uses, how many rows it may read), as ``make bench`` measures the time itself.
"""

import pytest
from django.db import connection
from django.http import QueryDict

from evidence import search as evidence_search
from evidence.models import Finding, Source
from evidence.search import find_findings, first_found, understand
from tests.evidence.factories import make_finding, make_findings, make_source, make_theme


def search(q: str, **filters):
    data = QueryDict(mutable=True)
    data["q"] = q
    data.update(filters)
    return find_findings(data)


def explain(queryset) -> str:
    """PostgreSQL's plan for a queryset, with sequential scans off, as with many rows."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    return plan


@pytest.fixture
def few_ranked(monkeypatch):
    """Rank and count at most 3 findings, so a few rows stand for many."""
    monkeypatch.setattr(evidence_search, "MOST_RANKED", 3)


def test_a_common_word_is_counted_to_more_than_the_most_ranked(db, few_ranked, client):
    make_findings(5, easy_read="Buses are late.")
    found = search("buses")
    assert found.count() == 4  # counted up to MOST_RANKED + 1, then it stops
    assert found.is_more
    page = client.get("/findings/", {"q": "buses"})
    assert "More than 3 findings" in page.text
    assert "We show the first 3 we found, best match first." in page.text


def test_only_the_first_found_are_ranked_and_paged(db, few_ranked, client):
    make_findings(5, easy_read="Buses are late.")
    found = search("buses")
    assert found.results.count() == 4
    page = client.get("/findings/", {"q": "buses"})
    assert page.context["page"].paginator.count == 3


def test_a_search_with_few_findings_is_counted_exactly(db, few_ranked, client):
    make_findings(2, easy_read="Trains are late.")
    found = search("trains")
    assert found.count() == 2
    assert not found.is_more
    assert "2 findings" in client.get("/findings/", {"q": "trains"}).text


def test_filter_counts_of_a_big_search_are_not_shown_as_exact(db, few_ranked, client):
    theme = make_theme(name="Transport", slug="transport")
    make_findings(5, easy_read="Buses are late.", theme=theme)
    page = client.get("/findings/", {"q": "buses"})
    themes = next(f for f in page.context["facets"] if f["name"] == "theme")
    assert [(c["key"], c["count"]) for c in themes["choices"]] == [("transport", None)]
    assert "Transport: " not in page.text


def test_filter_counts_of_a_small_search_are_exact_in_one_query_for_each_other_filter(
    db, client, django_assert_num_queries
):
    theme = make_theme(name="Transport", slug="transport")
    make_findings(2, easy_read="Buses are late.", theme=theme)
    make_finding(easy_read="Buses are late.", kind="gap", theme=theme)
    found = search("buses", kind="gap")
    # One query for the search with the kind chosen, one for the kinds without it.
    with django_assert_num_queries(2):
        counts = found.facet_counts()
    # The theme is counted with the chosen kind; the kinds without it.
    assert counts["theme"] == [("transport", "Transport", 1)]
    assert {key: n for key, _, n in counts["kind"]} == {"finding": 2, "gap": 1}


def test_whole_site_search_says_more_than_for_many_findings(db, few_ranked, client):
    make_findings(5, easy_read="Buses are late.")
    page = client.get("/search/", {"q": "buses"})
    assert "Findings: more than 3 findings" in page.text
    assert "See more findings, and choose what to see" in page.text


def test_search_reads_the_stored_vector_through_its_gin_index(db):
    make_findings(3, easy_read="Buses are late.")
    plan = explain(first_found(Finding.objects.filter(search_vector=understand("buses").query)))
    assert "finding_search_vector" in plan
    assert "to_tsvector" not in plan  # never worked out again for each row
    assert "Limit" in plan


def test_ranking_counting_and_filter_counts_read_the_first_found_once(
    db, django_assert_num_queries
):
    make_findings(3, easy_read="Buses are late.")
    found = search("buses")
    with django_assert_num_queries(1) as queries:
        assert len(found.found().ids) == 3
        assert found.count() == 3
        assert found.facet_counts()["kind"] == [("finding", "Finding", 3)]
    sql = queries.captured_queries[0]["sql"]
    assert f"LIMIT {evidence_search.MOST_RANKED + 1}" in sql
    assert sql.count("ts_rank") == 1


def test_a_page_of_a_search_fetches_only_its_own_findings(db, django_assert_num_queries):
    make_findings(5, easy_read="Buses are late.")
    found = search("buses")
    found.found()
    with django_assert_num_queries(2) as queries:  # the findings, then their tags
        page = found.page(2, per_page=2)
    assert [f.pk for f in page.object_list] == found.found().ids[2:4]
    assert "ts_headline" in queries.captured_queries[0]["sql"]
    assert "ts_rank" not in queries.captured_queries[0]["sql"]


def test_whole_site_search_reads_the_sources_stored_vector(db):
    source = make_source(short_name="Travel survey", slug="travel-survey", authors="NDTi")
    assert Source.objects.filter(search_vector=understand("travel").query).get() == source
    plan = explain(Source.objects.filter(search_vector=understand("travel").query))
    assert "source_search_vector" in plan
    assert "to_tsvector" not in plan


def test_filter_counts_of_a_search_leave_drafts_out(db):
    theme = make_theme(name="Transport", slug="transport")
    make_findings(2, easy_read="Buses are late.", theme=theme)
    make_finding(easy_read="Buses are late.", theme=theme, published=False)
    assert search("buses").facet_counts()["theme"] == [("transport", "Transport", 2)]
