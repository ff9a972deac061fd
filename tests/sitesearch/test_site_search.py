"""One search for the whole site: findings first, then meetings, their parts and next steps,
seminars and their sessions, sources, themes, tags and hard words."""

import re

import pytest

from meetings.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(site_seeds, db):
    """The whole seeded site, loaded once for this module."""


def headings(response) -> list[str]:
    return re.findall(r'<h2 id="[a-z_]+" tabindex="-1">([^<]*)</h2>', response.content.decode())


def test_the_header_box_searches_the_whole_site_and_says_so(site, client):
    page = client.get("/").content.decode()
    assert 'action="/search/"' in page
    assert '<label for="site-search">Search the whole site</label>' in page
    assert "Search the findings" not in page


def test_a_next_step_and_a_seminar_are_found(site, client):
    response = client.get("/search/", {"q": "Norway"})
    assert response.status_code == 200
    assert headings(response) == ["Next steps: 1 next step", "Seminars: 1 seminar"]
    page = response.content.decode()
    assert "Talk to the Inclusive Research in Norway project" in page
    step = Meeting.objects.get(number=2).next_steps.get(what__contains="Norway")
    assert f'href="{step.meeting.get_absolute_url()}#happens-next"' in page


def test_findings_come_first_then_the_other_groups_in_order(site, client):
    found = headings(client.get("/search/", {"q": "research"}))
    order = [heading.split(":")[0] for heading in found]
    assert order[0] == "Findings"
    expected = [
        "Findings",
        "Meetings",
        "Parts of meetings",
        "Next steps",
        "Seminars",
        "Parts of seminars",
        "Sources",
        "Themes",
        "Tags",
        "Hard words",
    ]
    assert order == [group for group in expected if group in order]
    assert {"Meetings", "Seminars", "Hard words"} <= set(order)


def test_each_group_has_a_picture_and_a_count(site, client):
    page = client.get("/search/", {"q": "personal budget"}).content.decode()
    assert re.search(r"Findings: \d+ findings</a>", page)
    assert re.search(
        r'<img class="picture[^>]*>\s*<div class="row-text">\s*<h2 id="findings"', page
    )
    assert re.search(r"Hard words: \d+ hard words?</h2>", page)


def test_a_misspelt_meeting_word_is_corrected_at_once(site, client):
    response = client.get("/search/", {"q": "norwy"})
    assert headings(response) == ["Next steps: 1 next step", "Seminars: 1 seminar"]
    page = response.content.decode()
    assert "Showing results for <strong data-no-hard-words>norway</strong>." in page
    assert "Search for norwy instead" in page
    exact = client.get("/search/", {"q": "norwy", "exact": "1"})
    assert headings(exact) == []
    assert "We did not find anything." in exact.content.decode()


def test_words_as_typed_that_find_a_meeting_are_not_corrected(site, client):
    response = client.get("/search/", {"q": "launch"})
    assert "Showing results for" not in response.content.decode()
    assert "Parts of meetings: 1 part of a meeting" in headings(response)


def test_drafts_are_never_found(site, client):
    meeting = Meeting.objects.get(number=2)
    meeting.status = Meeting.Status.DRAFT
    meeting.save()
    assert "Next steps: 1 next step" not in headings(client.get("/search/", {"q": "Norway"}))


def test_hard_words_link_to_their_meaning(site, client):
    page = client.get("/search/", {"q": "safeguarding"}).content.decode()
    assert 'href="/glossary/#safeguarding"' in page


def test_an_empty_search_shows_the_box_only(site, client):
    response = client.get("/search/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Search the whole site</h1>" in page
    assert headings(response) == []


@pytest.mark.parametrize("q", ["<script>alert(1)</script>", "'\"&|!", "x" * 5000, "👍", ":*"])
def test_hostile_searches_never_break_the_page(site, client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content


def test_nul_byte_shows_an_error_next_to_the_box(site, client):
    page = client.get("/search/", {"q": "money\x00"}).content.decode()
    assert "<title>Error: " in page
    assert "Type letters and numbers only." in page


def test_every_group_after_the_findings_is_found_in_one_query(site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from evidence.search import understand
    from sitesearch.groups import GROUPS, _search_groups

    query = understand("research").query
    with CaptureQueriesContext(connection) as queries:
        groups = _search_groups(query)

    assert len(queries) == 1
    assert [group.key for group in groups] == [key for key, *_ in GROUPS]
    assert {"meetings", "seminars", "hard_words"} <= {g.key for g in groups if g.count}


def test_the_same_search_again_reads_the_groups_from_the_cache_until_the_content_changes(
    site, client, django_assert_num_queries, settings
):
    settings.PAGE_CACHE = False  # as for a member logged in: the page itself is made again
    client.get("/search/", {"q": "Norway"})
    # The words, the findings found (none) and the groups all come from the cache.
    with django_assert_num_queries(0):
        again = client.get("/search/", {"q": "Norway"})
    assert headings(again) == ["Next steps: 1 next step", "Seminars: 1 seminar"]

    step = Meeting.objects.get(number=2).next_steps.get(what__contains="Norway")
    step.what = "Talk to the research project in Sweden"
    step.save()

    assert headings(client.get("/search/", {"q": "Norway"})) == ["Seminars: 1 seminar"]


@pytest.mark.parametrize("q", ["research", "norwy", "personel budjet"])
def test_the_same_number_of_queries_however_much_is_found(
    site, client, q, django_assert_max_num_queries
):
    # One query for the groups, the findings' counts and list, the words understood;
    # a corrected search finds the groups again, once; the glossary, for the hard words.
    with django_assert_max_num_queries(12):
        client.get("/search/", {"q": q})
