"""The seminar pages in a real browser: axe-clean and easy read at phone and desktop width."""

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from seminars import seeds, services
from seminars.models import Seminar
from tests.browser import EASY_READ_CHECKS, WIDTHS, assert_accessible, axe_violations
from tests.factories import make_member
from tests.seminars.factories import make_seminar, make_session, make_speaker, sign_up_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_current_page_accessible(page) -> None:
    """Check the page already open (after a form was sent) at both widths."""
    for width in ("phone", "desktop"):
        page.set_viewport_size(WIDTHS[width])
        violations = axe_violations(page)
        assert violations == [], f"{page.url} at {width} width: {violations}"
        problems = page.evaluate(EASY_READ_CHECKS)
        assert problems == [], f"{page.url} at {width} width: {problems}"


@pytest.fixture
def seminar():
    seminar = make_seminar(opening_question="What is research?")
    make_session(
        seminar, speaker=make_speaker(introduction="Mel works at a university.\nMel likes maps.")
    )
    return seminar


def test_list_and_detail_pages_are_accessible(browser_page, seminar):
    make_seminar(
        title="Launch seminar",
        slug="launch-seminar",
        stage=Seminar.Stage.PLANNING,
        starts_at=None,
        ends_at=None,
        date_plan="We want to hold it in May 2016.",
    )
    assert_accessible(browser_page, "/seminars/")
    assert_accessible(browser_page, seminar.get_absolute_url())
    assert_accessible(browser_page, "/seminars/launch-seminar/")


def test_sign_up_form_is_accessible_with_and_without_errors(browser_page, seminar):
    path = f"/seminars/{seminar.slug}/sign-up/"
    assert_accessible(browser_page, path)
    browser_page.get_by_label("Your name").fill("Ann Smith")
    browser_page.get_by_label("Your email address").fill("not an email")
    browser_page.get_by_role("button", name="Sign up").click()
    expect(browser_page).to_have_title(re.compile(r"^Error: "))
    assert browser_page.get_by_label("Your name").input_value() == "Ann Smith"
    assert browser_page.locator(".error-summary h2").inner_text() == "There is a problem"
    assert_current_page_accessible(browser_page)


def test_a_person_signs_up_on_a_phone_and_cancels(browser_page, seminar):
    browser_page.set_viewport_size(WIDTHS["phone"])
    browser_page.goto(browser_page.base_url + seminar.get_absolute_url())
    browser_page.get_by_role("link", name=f"Sign up for {seminar.title}").click()
    browser_page.get_by_label("Your name").fill("Ann Smith")
    browser_page.get_by_label("Your email address").fill("ann@example.org")
    browser_page.get_by_label("A self-advocate").check()
    browser_page.get_by_label("Easy-read papers").check()
    browser_page.locator("#id_has_support_worker_0").check()
    browser_page.get_by_label("I agree that SPIRIT keeps my details").check()
    browser_page.get_by_role("button", name="Sign up").click()
    assert browser_page.locator("h1").inner_text() == "You have a place"
    assert_current_page_accessible(browser_page)
    registration = seminar.registrations.get()
    assert registration.has_support_worker is True
    assert_accessible(browser_page, registration.get_absolute_url())
    assert_accessible(browser_page, f"/seminars/registration/{registration.token}/cancel/")
    browser_page.get_by_role("button", name="Yes, cancel my place").click()
    assert browser_page.locator(".messages").inner_text() == (
        "You have cancelled your place. We will email you to say so."
    )
    registration.refresh_from_db()
    assert registration.state == "cancelled"


def test_full_seminar_waiting_list_pages_are_accessible(browser_page):
    seminar = make_seminar(capacity=1)
    services.sign_up(seminar, **sign_up_data(email="first@example.org"))
    waiting = services.sign_up(seminar, **sign_up_data())
    assert_accessible(browser_page, seminar.get_absolute_url())
    assert_accessible(browser_page, f"/seminars/{seminar.slug}/sign-up/")
    assert_accessible(browser_page, waiting.get_absolute_url())


def test_sign_up_works_without_javascript(chromium, live_server, seminar):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + f"/seminars/{seminar.slug}/sign-up/")
    _sign_up_as_bob(page)
    assert page.locator("h1").inner_text() == "You have a place"
    context.close()


def test_planning_survey_is_accessible_for_a_logged_in_member(browser_page, client):
    seeds.load()
    client.force_login(make_member())
    browser_page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": browser_page.base_url,
            }
        ]
    )
    assert_accessible(browser_page, "/seminars/surveys/launch-seminar-planning/")
    browser_page.get_by_label("Research can be turned into action").check()
    browser_page.get_by_role("button", name="Save my answers").click()
    assert browser_page.locator(".messages").inner_text() == (
        "Thank you. We have saved your answers."
    )
    assert_current_page_accessible(browser_page)


def _sign_up_as_bob(page) -> None:
    page.locator("#id_name").fill("Bob")
    page.locator("#id_email").fill("bob@example.org")
    page.get_by_label("A supporter").check()
    page.locator("#id_has_support_worker_1").check()
    page.get_by_label("I agree that SPIRIT keeps my details").check()
    page.get_by_role("button", name="Sign up").click()


def test_already_signed_up_offers_the_secret_link_again_and_every_step_is_accessible(
    browser_page, seminar
):
    services.sign_up(seminar, **sign_up_data(email="bob@example.org"))
    browser_page.goto(browser_page.base_url + f"/seminars/{seminar.slug}/sign-up/")
    _sign_up_as_bob(browser_page)
    expect(browser_page).to_have_title(re.compile("^Error: "))
    expect(browser_page.locator("#id_link-email")).to_have_value("bob@example.org")
    assert_current_page_accessible(browser_page)
    browser_page.get_by_role("button", name="Send me my secret link").click()
    expect(browser_page).to_have_title(re.compile("^Look in your emails"))
    assert_current_page_accessible(browser_page)
    assert_accessible(browser_page, f"/seminars/{seminar.slug}/send-link/")


def test_the_page_after_signing_up_is_accessible_and_gone_once_the_browser_closes(
    chromium, live_server, seminar
):
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto(f"/seminars/{seminar.slug}/sign-up/")
    _sign_up_as_bob(page)
    expect(page).to_have_title(re.compile("^You have a place"))
    assert_current_page_accessible(page)
    page.goto(f"/seminars/{seminar.slug}/signed-up/")
    expect(page).to_have_title(re.compile("^You have a place"))
    # The browser closes: only cookies with an expiry date survive into the next visit.
    kept = [cookie for cookie in context.cookies() if cookie["expires"] != -1]
    context.close()
    next_person = chromium.new_context(base_url=live_server.url)
    next_person.add_cookies(kept)
    page = next_person.new_page()
    page.goto(f"/seminars/{seminar.slug}/signed-up/")
    expect(page.locator("h1")).to_have_text(seminar.title)
    next_person.close()


def test_a_transcript_page_is_accessible(browser_page, seminar, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    session = seminar.sessions.get()
    session.podcast_audio = SimpleUploadedFile(
        "talk.mp3", b"ID3\x04\x00" + b"\xff\xfb\x90\x00" * 64
    )
    session.transcript = "Hello everyone.\nResearch means finding things out carefully."
    session.save()
    assert_accessible(browser_page, f"/seminars/{seminar.slug}/transcripts/{session.pk}/")
