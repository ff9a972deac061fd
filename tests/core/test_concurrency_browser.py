"""In a real browser, two facilitators edit one meeting: the second, stale save is refused
and neither person's words are lost."""

import pytest
from allauth.account.models import EmailAddress

from meetings.models import Meeting
from tests.browser import WIDTHS
from tests.core.test_drafts_browser import log_in
from tests.factories import make_facilitator
from tests.meetings.factories import make_meeting, make_part
from tests.spirit.test_security_browser import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def facilitator_page(chromium, live_server, name):
    context = chromium.new_context(viewport=WIDTHS["desktop"], locale="en-GB")
    page = context.new_page()
    page.base_url = live_server.url
    person = make_facilitator(
        first_name=name, username=f"{name.lower()}@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    page.goto(live_server.url + "/accounts/login/")
    log_in(page, person.email)  # waits for the next code if the phone's code was just used
    return page


def save(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()


def test_the_second_stale_save_is_refused_and_both_peoples_words_are_kept(chromium, live_server):
    meeting = make_meeting(summary="We met in Dorchester.")
    make_part(meeting=meeting, position=1, title="Personal budgets")
    make_part(meeting=meeting, position=2, title="Our seminar", easy_read="We planned it.")
    url = f"{live_server.url}/admin/meetings/meeting/{meeting.pk}/change/"
    ann = facilitator_page(chromium, live_server, "Ann")
    bob = facilitator_page(chromium, live_server, "Bob")
    ann.goto(url)
    bob.goto(url)

    ann.locator("#id_summary").fill("We met in Dorchester.\nAnn added this line.")
    save(ann)
    assert "was changed successfully" in ann.locator(".messagelist").inner_text()

    bob.locator("#id_parts-1-easy_read").fill("We planned it.\nBob added this line.")
    save(bob)
    said = bob.locator(".errorlist.nonfield").inner_text()
    assert "Ann saved this meeting while you were writing." in said
    assert "Ann added this line." in said
    # Nothing Bob typed is lost, and Ann's words are saved.
    assert bob.locator("#id_parts-1-easy_read").input_value() == (
        "We planned it.\nBob added this line."
    )
    assert Meeting.objects.get(pk=meeting.pk).summary.endswith("Ann added this line.")

    # Bob puts Ann's line in too, and saves: this time it is accepted.
    bob.locator("#id_summary").fill("We met in Dorchester.\nAnn added this line.")
    save(bob)
    assert "was changed successfully" in bob.locator(".messagelist").inner_text()
    meeting.refresh_from_db()
    # (A browser sends each new line as \r\n.)
    assert meeting.summary.splitlines() == ["We met in Dorchester.", "Ann added this line."]
    assert meeting.parts.get(position=2).easy_read.splitlines() == [
        "We planned it.",
        "Bob added this line.",
    ]
    ann.context.close()
    bob.context.close()
