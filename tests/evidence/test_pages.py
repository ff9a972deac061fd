"""Pages without the seed data: ordering, empty states, and a constant number of queries."""

import pytest

from easyread.models import GlossaryTerm
from evidence.models import Source
from tests.evidence.factories import make_findings, make_source, make_tag, make_theme


def test_list_shows_newest_first_and_3_a_page_so_a_page_fits_6_phone_screens(db, client):
    findings = make_findings(9)
    for number, finding in enumerate(findings):
        finding.easy_read = f"Finding number {number}."
        finding.save()
    first = client.get("/findings/")
    shown = [f.pk for f in first.context["page"].object_list]
    assert shown == [f.pk for f in reversed(findings)][:3]
    third = client.get("/findings/", {"page": 3})
    assert [f.pk for f in third.context["page"].object_list] == [f.pk for f in findings[:3]][::-1]
    assert "Page 3 of 3." in third.content.decode()


def test_missing_finding_is_not_found(db, client):
    assert client.get("/findings/999999/").status_code == 404


def test_home_panel_says_when_there_are_no_findings(db, client):
    assert "We have not added any findings yet." in client.get("/").content.decode()


# --- The same number of SQL queries whatever the number of findings -----------------------


def many_findings(count):
    tags = [make_tag(), make_tag()]
    source = make_source()
    return make_findings(count, tags=tags, source=source)


@pytest.mark.parametrize("count", [1, 30])
@pytest.mark.parametrize(
    ("path", "queries"),
    # Each page reads the glossary once for its hard words (then kept in the cache).
    [
        ("/findings/", 5),
        # A search also reads the words that mean the same and looks its words up in the
        # spelling vocabulary (one query each, then kept in the cache for this content).
        # It is ranked, counted and counted by filter in one query, and its page fetched.
        ("/findings/?q=budgets", 6),
        # With a filter chosen, the filter's own choices are counted without it: one more.
        ("/findings/?q=budgets&kind=finding", 7),
        # The words as typed and the corrected words are each found once.
        ("/findings/?q=personel+budjet", 5),
        # The tags with their counts and marks, then the totals of members' experiences
        # and of "this happens to me too".
        ("/evidence-map/", 3),
        ("/findings/export.csv", 2),
        ("/sources/", 2),
    ],
)
def test_pages_use_the_same_number_of_queries(
    db, client, django_assert_num_queries, count, path, queries
):

    GlossaryTerm.objects.create(term="personal budget", slug="personal-budget", meaning="Money.")
    many_findings(count)
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_detail_source_and_tag_pages_use_the_same_number_of_queries(
    db, client, django_assert_num_queries, count
):
    findings = many_findings(count)
    finding = findings[0]
    tag = finding.tags.first()
    # The first page reads the hard words (glossary) once; the cache keeps them after that.
    with django_assert_num_queries(5):
        client.get(finding.get_absolute_url())
    with django_assert_num_queries(4):
        client.get(finding.source.get_absolute_url())
    with django_assert_num_queries(5):
        client.get(tag.get_absolute_url())
    # The theme page also reads its meetings once, to say them from today's date, and the
    # findings' tags in one query (each finding shows its first tag's picture).
    with django_assert_num_queries(4):
        client.get(finding.theme.get_absolute_url())


# --- Filter counts: the top choices, all on request, and cached per content version -------


def findings_with_12_sources():
    """12 sources: source-01 has 12 findings, source-02 has 11, ... source-12 has 1."""
    theme = make_theme()
    for number in range(1, 13):
        source = make_source(slug=f"source-{number:02}", short_name=f"Source {number:02}")
        make_findings(13 - number, source=source, theme=theme)


def shown_sources(response):
    facet = next(f for f in response.context["facets"] if f["name"] == "source")
    return [(c["key"], c["count"]) for c in facet["choices"]]


def test_a_filter_shows_its_10_choices_with_most_findings_and_a_link_to_all(db, client):
    findings_with_12_sources()
    response = client.get("/findings/")
    assert shown_sources(response) == [(f"source-{n:02}", 13 - n) for n in range(1, 11)]
    page = response.content.decode()
    assert '<a href="?all=source#filter-source">Show all 12 sources</a>' in page
    assert "Source 11: 2" not in page

    everything = client.get("/findings/", {"all": "source"})
    assert shown_sources(everything) == [(f"source-{n:02}", 13 - n) for n in range(1, 13)]
    page = everything.content.decode()
    assert '<a href="?#filter-source">Show only the 10 sources with most findings</a>' in page
    # Choosing a source goes back to the top choices of each filter.
    assert '<a href="?source=source-12">Source 12: 1</a>' in page


def test_the_chosen_choice_is_shown_even_when_it_is_not_in_the_top_10(db, client):
    findings_with_12_sources()
    response = client.get("/findings/", {"source": "source-12"})
    assert shown_sources(response)[-1] == ("source-12", 1)
    assert len(shown_sources(response)) == 11
    assert "Source 12: 1 (chosen)" in response.content.decode()


def test_filter_counts_are_cached_until_the_content_changes(db, client, django_assert_num_queries):
    findings_with_12_sources()
    client.get("/findings/", {"kind": "finding"})
    with django_assert_num_queries(2):  # the counts come from the cache: only the page
        response = client.get("/findings/", {"kind": "finding"})
    assert shown_sources(response)[0] == ("source-01", 12)

    make_findings(2, source=Source.objects.get(slug="source-01"))
    response = client.get("/findings/", {"kind": "finding"})
    assert shown_sources(response)[0] == ("source-01", 14)
    # Other filters have counts of their own.
    other = client.get("/findings/", {"source": "source-02"})
    kinds = next(f for f in other.context["facets"] if f["name"] == "kind")["choices"]
    assert [(c["key"], c["count"]) for c in kinds] == [("finding", 11)]


# --- The evidence map: tags with findings, 50 a page, counted once per content version ----


def test_map_shows_only_tags_with_findings_by_name_50_a_page(db, client):
    source = make_source(kind="survey")
    tags = [make_tag(name=f"Tag {number:02}", slug=f"tag-{number:02}") for number in range(55)]
    make_tag(name="Aaa no findings", slug="no-findings")
    for tag in tags:
        make_findings(1, tags=[tag], source=source)
    first = client.get("/evidence-map/")
    assert [row["tag"].slug for row in first.context["map"]["rows"]] == [
        f"tag-{number:02}" for number in range(50)
    ]
    assert (first.context["map"]["gaps"], first.context["map"]["cells"]) == (55 * 6, 55 * 7)
    page = first.content.decode()
    assert "Aaa no findings" not in page
    assert '<a href="/findings/?tag=tag-00&amp;source_kind=survey">1<span' in page
    assert "Go to page 2</a>" in page
    second = client.get("/evidence-map/", {"page": 2})
    assert [row["tag"].name for row in second.context["map"]["rows"]] == [
        f"Tag {number}" for number in range(50, 55)
    ]


def test_map_counts_are_cached_until_the_content_changes(db, client, django_assert_num_queries):
    tag = make_tag(name="Housing", slug="housing")
    make_findings(2, tags=[tag], source=make_source(kind="survey"))
    client.get("/evidence-map/")
    with django_assert_num_queries(0):
        client.get("/evidence-map/")
    make_findings(1, tags=[tag], source=make_source(kind="letter"))
    cells = client.get("/evidence-map/").context["map"]["rows"][0]["cells"]
    assert {c["key"]: c["count"] for c in cells if c["count"]} == {"survey": 2, "letter": 1}


def test_related_findings_share_most_tags_first_then_newest_three_at_most(db, client):
    money, leisure, other = make_tag(), make_tag(), make_tag()
    finding = make_findings(1, tags=[money, leisure])[0]
    both = make_findings(1, tags=[money, leisure])[0]
    first_one = make_findings(1, tags=[leisure])[0]
    second_one = make_findings(1, tags=[money])[0]
    third_one = make_findings(1, tags=[money])[0]
    make_findings(1, tags=[other])
    related = list(client.get(finding.get_absolute_url()).context["related"])
    assert related == [both, third_one, second_one]
    assert [f.shared for f in related] == [2, 1, 1]
    assert first_one not in related  # the oldest of those sharing one tag: three at most


def test_a_hard_word_on_a_finding_page_opens_its_meaning(db, client):
    from evidence import seeds
    from evidence.models import Finding

    seeds.load()
    finding = Finding.objects.filter(easy_read__contains="direct payment").first()
    html = client.get(finding.get_absolute_url()).content.decode()
    assert html.count('<a class="hard-word" id="hard-word-direct-payment-word"') == 1
    assert 'id="hard-word-direct-payment" tabindex="-1">' in html
