"""The facilitators' start page: jobs with pictures and what needs doing, in few queries."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting, NextStep
from seminars import services
from seminars.models import Seminar
from tests.browser import WIDTHS, axe_violations, log_in_as
from tests.factories import make_facilitator, make_member
from tests.meetings.factories import make_meeting, make_next_step
from tests.seminars.factories import make_seminar, sign_up_data

pytestmark = pytest.mark.django_db

JOBS = [
    "Write meeting notes",
    "Add findings",
    "Plan a seminar",
    "Who is coming?",
    "Read members' experiences",
]


def open_start_page(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response, len(queries)


def make_work(number: int):
    """``number`` drafts, open next steps, seminars being planned and people waiting."""
    for _ in range(number):
        make_meeting(status=Meeting.Status.DRAFT)
        make_next_step(status=NextStep.Status.OPEN)
        make_seminar(stage=Seminar.Stage.PLANNING, starts_at=None, ends_at=None)
        full = make_seminar(capacity=1)
        services.sign_up(full, **sign_up_data(email=f"first{full.pk}@example.org"))
        services.sign_up(full, **sign_up_data(email=f"second{full.pk}@example.org"))


def test_the_start_page_leads_with_the_jobs_and_what_needs_doing(client):
    make_work(2)
    client.force_login(make_facilitator())

    response, _ = open_start_page(client)
    page = response.content.decode()

    assert [job.title for job in response.context["jobs"]] == JOBS
    assert "<h1>What would you like to do?</h1>" in page
    for words in [
        "2 meetings are drafts: members cannot see them yet.",
        "2 next steps are still open.",
        "2 seminars are still being planned: people cannot sign up yet.",
        "2 people are on a waiting list for a seminar still to come.",
        "Import findings from a spreadsheet",
    ]:
        assert words in page
    assert page.index("Who is coming?") < page.index("Everything you can change")
    assert 'href="/admin/evidence/finding/"' in page
    assert 'href="/admin/seminars/registration/?state__exact=waiting"' in page


def test_the_start_page_counts_in_the_same_number_of_queries_however_much_is_waiting(client):
    client.force_login(make_facilitator())
    make_work(1)
    _, few = open_start_page(client)
    make_work(3)
    _, many = open_start_page(client)
    assert many == few


def test_nothing_waiting_says_nothing(client):
    client.force_login(make_facilitator())
    page = open_start_page(client)[0].content.decode()
    assert "drafts" not in page
    assert "waiting list" not in page


def test_staff_see_only_the_jobs_they_may_do(client):
    staff = make_member(is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="view_registration"),
        Permission.objects.get(codename="view_seminar"),
    )
    client.force_login(staff)
    response, _ = open_start_page(client)
    assert [job.title for job in response.context["jobs"]] == ["Who is coming?"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_start_page_is_accessible(browser_page, client, width):
    make_work(1)
    log_in_as(browser_page, client, make_facilitator())
    browser_page.set_viewport_size(WIDTHS[width])
    browser_page.goto(browser_page.base_url + "/admin/")
    assert browser_page.locator("h1").inner_text() == "What would you like to do?"
    assert browser_page.get_by_role("link", name="Write meeting notes").is_visible()
    assert axe_violations(browser_page) == []
