"""In a real browser: what a facilitator types in the admin is kept in the browser, and put
back after the log-in ran out, or after logging out and in again."""

import pytest
from allauth.account.models import EmailAddress

from meetings.models import Meeting
from tests.browser import WIDTHS
from tests.factories import make_facilitator, totp_code
from tests.meetings.factories import make_meeting, make_part
from tests.spirit.test_security_browser import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE_PAGE = "Type the code from your phone"


@pytest.fixture(autouse=True)
def next_code_taken(settings):
    """Each code works once. A person logging in again within the same period waits for
    the phone's next code; here the next period's code is taken at once instead, as from a
    phone whose clock is a little ahead."""
    settings.MFA_TOTP_TOLERANCE = 1


def log_in(page, email):
    """Email and password, then the code from the phone (a used code: the next one)."""
    page.get_by_label("Your email address").fill(email)
    page.get_by_label("Your password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    for periods_ahead in range(2):
        page.get_by_label("Code from the app on your phone").fill(
            totp_code(periods_ahead=periods_ahead)
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        if page.locator("h1").inner_text() != CODE_PAGE:
            return
    raise AssertionError("The code from the phone was not taken")


@pytest.fixture
def facilitator():
    person = make_facilitator(username="mel@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    return person


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(viewport=WIDTHS["desktop"], locale="en-GB")
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def test_words_typed_before_the_log_in_ran_out_are_put_back_after_logging_in(page, facilitator):
    meeting = make_meeting(summary="We met in Dorchester.")
    make_part(meeting=meeting, position=1, title="Personal budgets")
    url = f"{page.base_url}/admin/meetings/meeting/{meeting.pk}/change/"
    page.goto(url)
    log_in(page, facilitator.email)
    assert page.url == url

    page.locator("#id_summary").fill("We met in Dorchester.\nWe talked about homes.")
    page.locator("#parts-group .add-row a").click()
    page.locator("#id_parts-1-title").fill("Planning our seminar")
    page.locator("#id_parts-1-position").fill("2")

    # Logged out in another tab: the Save goes to the log-in page.
    other = page.context.new_page()
    other.goto(page.base_url + "/accounts/logout/")
    with other.expect_navigation():
        other.get_by_role("button", name="Yes, log out").click()
    other.close()
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert "/accounts/login/" in page.url
    assert Meeting.objects.get(pk=meeting.pk).summary == "We met in Dorchester."

    log_in(page, facilitator.email)
    assert page.url == url
    offer = page.locator(".draft-offer")
    assert "not saved yet. Do you want them back?" in offer.inner_text()
    assert page.locator("#id_summary").input_value() == "We met in Dorchester."
    page.get_by_role("button", name="Put back what I typed").click()
    assert page.locator("#id_summary").input_value() == (
        "We met in Dorchester.\nWe talked about homes."
    )
    assert page.locator("#id_parts-1-title").input_value() == "Planning our seminar"

    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    meeting.refresh_from_db()
    assert meeting.summary.splitlines() == ["We met in Dorchester.", "We talked about homes."]
    assert [part.title for part in meeting.parts.all()] == [
        "Personal budgets",
        "Planning our seminar",
    ]
    # Saved: the draft is gone, so the page does not offer it again.
    page.goto(url)
    assert page.locator(".draft-offer").count() == 0
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('spirit-draft'))") == []
    )
