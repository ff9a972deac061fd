"""The member pages: lists, filters with counts, detail pages, the map and the exports."""

import csv
import io
import json
import re

import bibtexparser
import pytest
import rispy

from evidence.models import Finding
from evidence.search import search_findings


@pytest.fixture
def library(seeded, db):
    return seeded


def words_of(page: str) -> str:
    """The page's words as read, hard words' meanings (hidden until opened) and tags left out."""
    page = re.sub(r'<span class="hard-word-meaning".*?</a></span>', "", page, flags=re.S)
    return re.sub(r"<[^>]+>", "", page)


def facet(response, name):
    return {
        c["key"]: c["count"]
        for f in response.context["facets"]
        if f["name"] == name
        for c in f["choices"]
    }


def test_filters_show_counts_for_each_choice(library, client):
    response = client.get("/findings/", {"tag": "leisure"})
    assert response.context["page"].paginator.count == 2
    assert facet(response, "source") == {"ibsen": 1, "scie-at-a-glance-22": 1}
    assert facet(response, "kind") == {"finding": 1, "practice_example": 1}
    assert facet(response, "source_kind") == {"evaluation": 1, "briefing": 1}
    # A facet's own counts ignore its own choice, so people can switch tags.
    tags = facet(response, "tag")
    assert tags["leisure"] == 2
    assert tags["councils"] == Finding.objects.filter(tags__slug="councils").count() == 8
    page = response.content.decode()
    assert "Leisure: 2 (chosen)" in page
    assert '<a href="?tag=councils">Councils: 8</a>' in page


def test_filters_and_search_combine_in_the_address(library, client):
    response = client.get("/findings/", {"q": "budget", "source": "poet", "kind": "finding"})
    results = list(response.context["page"].object_list)
    assert results
    assert {f.source.slug for f in results} == {"poet"}
    page = response.content.decode()
    assert 'name="source" value="poet"' in page
    assert "q=budget&amp;source=poet&amp;kind=finding&amp;theme=" in page


def test_source_kind_filter_narrows_the_list(library, client):
    response = client.get("/findings/", {"source_kind": "letter"})
    assert response.context["page"].paginator.count == 9


def test_unknown_filter_values_show_nothing_and_no_error(library, client):
    response = client.get("/findings/", {"tag": "no-such-tag", "page": "x"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert "We did not find any findings." in response.content.decode()


def test_search_page_says_what_it_showed(library, client):
    page = client.get("/findings/", {"q": "personel budjet"}).content.decode()
    assert "Showing results for <strong data-no-hard-words>personal budget</strong>." in page
    assert "<title>Search results for personal budget – SPIRIT</title>" in page
    assert "Search for personel budjet instead" in page
    assert "<mark>" in page


def test_search_page_shows_corrected_results_at_once(library, client):
    page = client.get("/findings/", {"q": "famly suport"}).content.decode()
    assert "Showing results for <strong data-no-hard-words>family support</strong>." in page
    assert "Search for famly suport instead" in page
    assert "We did not find any findings." not in page


def test_finding_page_shows_easy_read_first_then_original_words(library, client):
    finding = Finding.objects.get(source__slug="ibsen", position=4)
    page = client.get(finding.get_absolute_url()).content.decode()
    easy = page.index("People with a learning disability spent more on leisure")
    original = page.index("<summary>Read the original words</summary>")
    assert easy < original
    assert "(mean £3,360; p&lt; 0.05)" in page
    assert "Numbers from the research: mean £3,360 on leisure; p &lt; 0.05" in page
    assert "Good evidence." in words_of(page)
    assert "That is before the Care Act 2014." in words_of(page)
    assert 'href="/tags/leisure/"' in page
    assert "Individual Budgets Evaluation Network (IBSEN) (2008)" in page
    related = client.get(finding.get_absolute_url()).context["related"]
    assert finding not in related
    assert all({"leisure", "money"} & {t.slug for t in r.tags.all()} for r in related)


def test_finding_page_links_the_meetings_that_discussed_it(library, client):
    from meetings.models import Meeting, Venue

    finding = Finding.objects.get(source__slug="poet", position=1)
    venue = Venue.objects.create(name="People First Dorset", town="Dorchester")
    meeting = Meeting.objects.create(
        number=99,
        title="Our test meeting",
        slug="test-meeting",
        held_on="2015-12-03",
        venue=venue,
        status=Meeting.Status.PUBLISHED,
    )
    meeting.findings.add(finding)
    page = client.get(finding.get_absolute_url()).content.decode()
    assert "Read about Our test meeting" in page


def test_sources_page_lists_each_source_with_its_count(library, client):
    page = client.get("/sources/").content.decode()
    assert "13 findings" in page
    assert [s.short_name for s in client.get("/sources/").context["sources"]][0] == (
        "Centre for Welfare Reform letter"
    )


def test_source_page_gives_a_reference_and_its_findings(library, client):
    response = client.get("/sources/poet/")
    page = response.content.decode()
    assert "In Control (2014) In Control POET survey of personal budget holders." in page
    assert len(response.context["findings"]) == 5
    assert "4,000 people with personal budgets answered" in words_of(page)


def test_theme_page_says_what_research_says_and_the_gaps(library, client):
    page = client.get("/themes/personal-budgets-and-direct-payments/").content.decode()
    assert "What research found" in page
    assert '<h2 id="kind-2">What members told us: 6</h2>' in page
    assert "<summary>Open the 6 findings</summary>" in page
    assert "Ideas for change: 12" in page
    assert '<a href="#kind-2">What members told us: 6</a>' in page
    assert "Only 104 of 1,531 research papers came from the UK." in words_of(page)
    housing = client.get("/themes/housing/").content.decode()
    assert "We have not added any findings about housing yet." in words_of(housing)


def test_tag_page_lists_its_findings_and_sources(library, client):
    response = client.get("/tags/leisure/")
    assert response.context["page"].paginator.count == 2
    assert "Things you do for fun, like art or sport." in response.content.decode()


def test_evidence_map_counts_each_cell_and_marks_gaps(library, client):
    response = client.get("/evidence-map/")
    rows = {row["tag"].slug: row for row in response.context["map"]["rows"]}
    leisure = {cell["key"]: cell["count"] for cell in rows["leisure"]["cells"]}
    assert leisure == {
        "evaluation": 1,
        "survey": 0,
        "local_research": 0,
        "briefing": 1,
        "literature_search": 0,
        "members_experience": 0,
        "letter": 0,
    }
    page = response.content.decode()
    assert 'href="/findings/?tag=leisure&amp;source_kind=briefing"' in page
    assert (
        page.count('<span class="map-gap-label">No research yet</span>')
        == response.context["map"]["gaps"]
    )
    assert 'class="map-gap"' in page
    assert "style=" not in page


def test_csv_export_reads_back_with_the_filtered_findings(library, client):
    response = client.get("/findings/export.csv", {"tag": "leisure"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 2
    assert {row["source"] for row in rows} == {"IBSEN", "SCIE At a glance 22"}
    assert all("Leisure" in row["tags"] for row in rows)


def test_json_export_reads_back_with_search_results(library, client):
    response = client.get("/findings/export.json", {"q": "leisure"})
    data = json.loads(response.content)
    assert data["count"] == len(data["findings"]) == search_findings("leisure").count()
    assert data["findings"][0]["source"] == "IBSEN"
    assert set(data["findings"][0]) == set(Finding.EXPORT_FIELDS)


def test_citation_exports_read_back(library, client):
    ris = client.get("/sources/richmond-ruils/cite.ris")
    assert ris["Content-Type"].startswith("application/x-research-info-systems")
    [entry] = rispy.loads(ris.content.decode())
    assert entry["title"] == "Research shows personalisation works well if done well"
    assert entry["year"] == "2010"
    bib = bibtexparser.parse_string(client.get("/sources/ibsen/cite.bib").content.decode())
    [record] = bib.entries
    assert record.key == "ibsen"
    assert record.fields_dict["year"].value == "2008"
    csl = json.loads(client.get("/sources/poet/cite.json").content)
    assert csl[0]["issued"] == {"date-parts": [[2014]]}
    assert csl[0]["author"] == [{"literal": "In Control"}]
    assert client.get("/sources/poet/cite.doc").status_code == 404


def test_home_panel_shows_the_newest_findings(library, client):
    page = client.get("/").content.decode()
    newest = Finding.objects.newest_first().first()
    assert "Newest findings" in page
    assert newest.easy_read_sentences[0] in page
