import datetime

import pytest
from django.utils import timezone

from evidence import seeds as evidence_seeds
from meetings import seeds
from meetings.models import Meeting, MeetingPart
from tests.browser import assert_accessible
from tests.meetings.factories import make_meeting, make_part, make_venue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meetings():
    """The seed meetings, plus a next meeting in the future with travel help."""
    evidence_seeds.load()
    seeds.load()
    venue = make_venue(
        name="Choices Advocacy",
        how_to_get_there="Take the train to Southampton Central.\nIt is a 10 minute walk.",
        accessibility_notes="There is a lift to every floor.",
    )
    make_meeting(
        title="Our next meeting",
        slug="next-meeting",
        held_on=timezone.localdate() + datetime.timedelta(days=30),
        venue=venue,
    )
    return Meeting.objects.get(number=2)


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/",
        "/meetings/second-meeting/",
        "/meetings/third-meeting/",
        "/meetings/next-steps/",
    ],
)
def test_meeting_pages_are_accessible_at_phone_and_desktop_width(browser_page, meetings, path):
    assert_accessible(browser_page, path)


def test_full_notes_open_from_their_summary_without_javascript(chromium, live_server, meetings):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + meetings.get_absolute_url())
    notes = page.locator("details.notes").first
    assert not notes.locator(".notes-text").is_visible()
    notes.locator("summary").click()
    assert notes.locator(".notes-text").is_visible()
    assert page.locator("h1").inner_text() == "Our second meeting"
    context.close()


def test_a_script_put_in_notes_never_runs(browser_page, live_server):
    part = make_part(notes="<p>Notes</p>")
    MeetingPart.objects.filter(pk=part.pk).update(
        notes='<p>Notes</p><script>alert(1)</script><img src="x" onerror="alert(2)">'
    )
    dialogs = []
    browser_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    browser_page.goto(live_server.url + part.meeting.get_absolute_url())
    browser_page.locator("details.notes summary").click()
    browser_page.wait_for_timeout(300)
    assert dialogs == []
    assert browser_page.locator(".notes-text").inner_html() == "<p>Notes</p>"
