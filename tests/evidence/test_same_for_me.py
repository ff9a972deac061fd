"""'This happens to me too': a member marks a finding as true for them and takes it back;
the finding's pages count the marks without names, in a constant number of queries."""

import json

import pytest
from django.urls import reverse

from evidence.models import SameForMe
from tests.evidence.factories import make_finding
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def mark_url(finding):
    return reverse("evidence:same_for_me", args=[finding.pk])


def page_of(client, finding) -> str:
    response = client.get(finding.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# --- Who may do what (the access table of the toggle) ------------------------------------


def test_a_visitor_sees_the_count_and_is_asked_to_log_in(client):
    finding = make_finding()
    SameForMe.objects.create(finding=finding, member=make_member())
    page = page_of(client, finding)
    assert "1 member said this happens to them too." in page
    assert "Log in to say this happens to you too" in page
    assert f'action="{mark_url(finding)}"' not in page


def test_a_visitor_who_posts_is_sent_to_log_in_and_nothing_is_saved(client):
    finding = make_finding()
    response = client.post(mark_url(finding))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert not SameForMe.objects.exists()


def test_the_mark_is_only_saved_by_a_post(client):
    finding = make_finding()
    client.force_login(make_member())
    assert client.get(mark_url(finding)).status_code == 405
    assert not SameForMe.objects.exists()


def test_a_member_marks_a_finding_and_takes_it_back(client):
    finding = make_finding()
    member = make_member()
    client.force_login(member)
    assert "No members have said this happens to them yet." in page_of(client, finding)

    response = client.post(mark_url(finding))
    assert response.status_code == 302
    assert response["Location"] == finding.get_absolute_url() + "#same-for-me"
    assert SameForMe.objects.filter(finding=finding, member=member).count() == 1
    page = page_of(client, finding)
    assert "1 member said this happens to them too." in page
    assert "You said this happens to you too." in page
    assert "Take it back" in page

    client.post(mark_url(finding))  # pressed twice: still one
    assert SameForMe.objects.filter(finding=finding).count() == 1

    client.post(mark_url(finding), {"take_back": "yes"})
    assert not SameForMe.objects.exists()
    page = page_of(client, finding)
    assert "No members have said this happens to them yet." in page
    assert "This happens to me too</button>" in page


def test_another_member_cannot_take_back_someone_elses_mark(client):
    finding = make_finding()
    ann = make_member(first_name="Ann")
    SameForMe.objects.create(finding=finding, member=ann)
    client.force_login(make_member(first_name="Bob"))
    client.post(mark_url(finding), {"take_back": "yes"})
    assert SameForMe.objects.filter(finding=finding, member=ann).exists()
    page = page_of(client, finding)
    assert "1 member said this happens to them too." in page
    assert "You said this happens to you too." not in page


def test_the_count_names_nobody(client):
    finding = make_finding()
    for name in ("Ann", "Bob", "Cat"):
        SameForMe.objects.create(finding=finding, member=make_member(first_name=name))
    page = page_of(client, finding)
    assert "3 members said this happens to them too." in page
    for name in ("Ann", "Bob", "Cat"):
        assert name not in page


def test_a_mark_for_a_finding_that_does_not_exist_is_not_found(client):
    client.force_login(make_member())
    assert client.post("/findings/999999/happens-to-me-too/").status_code == 404


# --- Queries ---------------------------------------------------------------------------


@pytest.mark.parametrize("marks", [1, 6])
def test_the_finding_page_counts_in_the_same_queries_however_many_marks(
    client, django_assert_max_num_queries, marks
):
    finding = make_finding()
    for _ in range(marks):
        SameForMe.objects.create(finding=finding, member=make_member())
    client.force_login(make_member())
    page_of(client, finding)  # warm the caches (glossary, pictures)
    with django_assert_max_num_queries(8):
        page = page_of(client, finding)
    assert f"{marks} member" in page


# --- The person's own data -------------------------------------------------------------


def test_marks_are_in_download_my_information_and_go_with_the_account(client):
    from spirit.privacy import delete_account, export_personal_data

    finding = make_finding(easy_read="Money gave people more choice.")
    member = make_member()
    other = make_member()
    SameForMe.objects.create(finding=finding, member=member)
    SameForMe.objects.create(finding=finding, member=other)
    data = json.loads(json.dumps(export_personal_data(member)))
    rows = data["related"]["evidence.SameForMe (member)"]
    assert [row["finding"] for row in rows] == [str(finding)]
    delete_account(member)
    assert list(SameForMe.objects.values_list("member", flat=True)) == [other.pk]


# --- The page cache --------------------------------------------------------------------


def test_a_mark_makes_the_cached_pages_with_the_count_out_of_date(client, settings):
    from django.test import Client

    settings.PAGE_CACHE = True
    finding = make_finding()
    visitor = Client()
    assert visitor.get(finding.get_absolute_url())["X-Page-Cache"] == "miss"
    assert visitor.get(finding.get_absolute_url())["X-Page-Cache"] == "hit"
    assert visitor.get("/accessibility/")["X-Page-Cache"] == "miss"

    client.force_login(make_member())
    client.post(mark_url(finding))
    response = visitor.get(finding.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "1 member said this happens to them too." in response.content.decode()
    # A mark is not content: pages without the count stay in the cache.
    assert visitor.get("/accessibility/")["X-Page-Cache"] == "hit"

    client.post(mark_url(finding), {"take_back": "yes"})
    response = visitor.get(finding.get_absolute_url())
    assert "No members have said this happens to them yet." in response.content.decode()


# --- Counted on the lists, the search, the theme and the map ---------------------------


def mark(finding, times: int) -> None:
    for _ in range(times):
        SameForMe.objects.create(finding=finding, member=make_member())


def test_lists_and_search_show_each_count_in_the_same_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.evidence.factories import make_findings, make_tag

    tag = make_tag(name="Money", slug="money")
    findings = make_findings(2, tags=[tag], easy_read="Money gave people more choice.")
    paths = [
        "/findings/",
        "/findings/?q=money",
        "/search/?q=money",
        "/tags/money/",
        findings[0].source.get_absolute_url(),
        findings[0].theme.get_absolute_url(),
    ]
    queries = {}
    for shown, times in ((2, 1), (3, 3)):  # 2 findings marked once, then 3 (a page) 3 times
        while len(findings) < shown:
            findings += make_findings(
                1,
                tags=[tag],
                source=findings[0].source,
                theme=findings[0].theme,
                easy_read="Money gave people more choice.",
            )
        for finding in findings:
            mark(finding, times - SameForMe.objects.filter(finding=finding).count())
        words = f"{times} member{'s' if times > 1 else ''} said this happens to them too."
        for path in paths:
            client.get(path)  # warm the caches
            with CaptureQueriesContext(connection) as captured:
                page = client.get(path).content.decode()
            assert page.count(words) == shown, path
            queries.setdefault(path, []).append(len(captured))
    # More marks, more findings marked: the same number of queries on each page.
    assert {path: len(set(counts)) for path, counts in queries.items()} == dict.fromkeys(paths, 1)


def test_a_finding_nobody_marked_has_no_count_line_on_a_list(client):
    make_finding()
    page = client.get("/findings/").content.decode()
    assert "said this happens to them too" not in page


def test_the_map_counts_members_experiences_and_their_marks_by_tag(client):
    from tests.evidence.factories import make_findings, make_source, make_tag

    housing = make_tag(name="Housing", slug="housing")
    money = make_tag(name="Money", slug="money")
    stories = make_source(kind="members_experience")
    told = make_findings(2, tags=[housing], kind="member_experience", source=stories)
    research = make_findings(1, tags=[housing, money])[0]
    mark(told[0], 2)
    mark(research, 3)

    response = client.get("/evidence-map/")
    counted = response.context["map"]
    assert (counted["experiences"], counted["marks"]) == (2, 5)
    rows = {row["tag"].slug: row for row in counted["rows"]}
    assert (rows["housing"]["marks"], rows["money"]["marks"]) == (5, 3)
    page = response.content.decode()
    assert "Members told us 2 things that happened to them." in page
    assert "Members said 5 times that a finding happens to them too." in page
    assert 'href="/findings/?kind=member_experience"' in page


def test_the_map_shows_a_new_mark_at_once(client, django_assert_num_queries):
    from tests.evidence.factories import make_tag

    finding = make_finding(tags=[make_tag(name="Housing", slug="housing")])
    client.get("/evidence-map/")
    with django_assert_num_queries(0):
        client.get("/evidence-map/")
    mark(finding, 1)
    assert client.get("/evidence-map/").context["map"]["rows"][0]["marks"] == 1


def test_the_privacy_notice_says_what_we_keep_when_a_member_marks(client):
    page = client.get("/privacy/").content.decode()
    assert "You may say a finding happens to you too." in page
    assert "Other people only see how many members said it. They do not see your name." in page
