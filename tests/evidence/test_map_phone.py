"""The evidence map said in sentences for a phone, from the same counts as the table."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence.gap_map import marks_sentence, tag_sentences
from tests.evidence.factories import make_finding, make_findings, make_source, make_tag


def test_a_tag_is_told_in_plain_words_with_its_gaps():
    assert tag_sentences({"survey": 3, "letter": 1}) == [
        "3 findings from surveys that asked many people, 1 from letters.",
        "None yet from checks of how well a service works, research in our area, "
        "short reports about one subject, searches that looked at lots of research or what members told us.",
    ]
    assert tag_sentences({"briefing": 1})[0] == "1 finding from short reports about one subject."


def map_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/evidence-map/")
    assert response.status_code == 200
    return len(queries)


def test_the_map_page_has_the_sentences_without_drafts_or_a_query_per_tag(db, client):
    housing = make_tag(name="Housing", slug="housing")
    money = make_tag(name="Money", slug="money")
    make_findings(3, tags=[housing], source=make_source(kind="survey"))
    make_finding(tags=[housing], source=make_source(kind="evaluation"), published=False)
    one_tag = map_queries(client)
    make_findings(2, tags=[money], source=make_source(kind="letter"))
    assert map_queries(client) == one_tag  # the counts moved on, in the same queries
    page = client.get("/evidence-map/").content.decode()
    assert "<summary>Housing: 3 findings</summary>" in page
    assert "<p>3 findings from surveys that asked many people.</p>" in page
    assert "None yet from checks of how well a service works, research in our area" in page
    assert "<summary>Money: 2 findings</summary>" in page
    assert '<a href="/tags/money/">See the findings about Money</a>' in page
    # The table is still there for wider screens.
    assert '<table class="evidence-map">' in page


def test_members_marks_are_said_in_words():
    assert marks_sentence(0) == "No member has said yet that it happens to them too."
    assert marks_sentence(1) == "Members said once that it happens to them too."
    assert marks_sentence(4) == "Members said 4 times that it happens to them too."
