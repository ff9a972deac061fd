"""Pages without the seed data: ordering, empty states, and a constant number of queries."""

import pytest

from evidence.models import GlossaryTerm
from tests.evidence.factories import make_findings, make_source, make_tag


def test_list_shows_newest_first_and_20_a_page(db, client):
    findings = make_findings(25)
    for number, finding in enumerate(findings):
        finding.easy_read = f"Finding number {number}."
        finding.save()
    first = client.get("/findings/")
    shown = [f.pk for f in first.context["page"].object_list]
    assert shown == [f.pk for f in reversed(findings)][:20]
    second = client.get("/findings/", {"page": 2})
    assert [f.pk for f in second.context["page"].object_list] == [f.pk for f in findings[:5]][::-1]
    assert "Page 2 of 2." in second.content.decode()


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
    [
        ("/findings/", 4),
        ("/findings/?q=budgets", 5),
        ("/findings/?q=budgets&kind=finding", 5),
        ("/findings/?q=personel+budjet", 6),
        ("/evidence-map/", 2),
        ("/findings/export.csv", 2),
        ("/sources/", 1),
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
    with django_assert_num_queries(4):
        client.get(finding.get_absolute_url())
    with django_assert_num_queries(4):
        client.get(finding.source.get_absolute_url())
    with django_assert_num_queries(5):
        client.get(tag.get_absolute_url())
    with django_assert_num_queries(2):
        client.get(finding.theme.get_absolute_url())
