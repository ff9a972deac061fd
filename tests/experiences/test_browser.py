"""Telling us what happened in a real browser, on a phone (390 px): without JavaScript (a
sound file is chosen), and with it (the recorder, with Chromium's fake microphone).

Each screen is checked with axe and our easy-read rules at phone and desktop width. The
taps and seconds a member needs are printed (``-s`` shows them) for the issue's note.
"""

import json
import time

import pytest
from playwright.sync_api import expect

from experiences.models import Experience
from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    EASY_READ_CHECKS,
    WIDTHS,
    axe_violations,
    log_in_as,
)
from tests.evidence.factories import make_tag, make_theme
from tests.experiences.conftest import wav_bytes
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAKE_MICROPHONE = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


@pytest.fixture(scope="module")
def chromium_with_microphone(chromium):
    """Chromium whose microphone is a fake one that plays a tone, and that never asks.

    Launched by the same Playwright as ``chromium`` (one Playwright a test run)."""
    browser = chromium.browser_type.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS + FAKE_MICROPHONE
    )
    yield browser
    browser.close()


@pytest.fixture
def topics():
    theme = make_theme(name="Getting about", slug="getting-about", picture="transport")
    make_theme(name="Money", slug="money", picture="money")
    tag = make_tag(name="buses", slug="buses", picture="transport")
    return theme, tag


def check_here(page, where: str) -> None:
    """axe and our easy-read rules on the page as it is now, at phone then desktop width."""
    for width in ("phone", "desktop"):
        page.set_viewport_size(WIDTHS[width])
        violations = axe_violations(page)
        assert violations == [], f"{where} at {width}:\n" + json.dumps(violations, indent=2)
        problems = page.evaluate(EASY_READ_CHECKS)
        assert problems == [], f"{where} at {width}:\n" + "\n".join(problems)
    page.set_viewport_size(WIDTHS["phone"])


class Taps:
    """Counts what the member does: each tap, each box typed in, each file chosen."""

    def __init__(self):
        self.count = 0
        self.started = time.monotonic()

    def __call__(self, action, *args, **kwargs):
        self.count += 1
        return action(*args, **kwargs)

    def to_next_page(self, page, target) -> None:
        """One tap that loads a page: wait for it, so the next step acts on the new page."""
        self.count += 1
        with page.expect_navigation():
            target.click()

    def seconds(self) -> float:
        return time.monotonic() - self.started


def phone_page(browser, live_server, client, member, *, javascript=True):
    context = browser.new_context(
        viewport=WIDTHS["phone"], locale="en-GB", java_script_enabled=javascript
    )
    page = context.new_page()
    page.base_url = live_server.url
    log_in_as(page, client, member)
    return page


def test_without_javascript_a_member_sends_a_recording_file_on_a_phone(
    chromium, live_server, client, topics, tmp_path
):
    theme, tag = topics
    member = make_member(first_name="Sam")
    page = phone_page(chromium, live_server, client, member, javascript=False)
    sound = tmp_path / "my-story.wav"
    sound.write_bytes(wav_bytes())
    tap = Taps()
    page.goto(live_server.url + "/")
    tap.to_next_page(page, page.get_by_role("link", name="Tell us what happened to you").first)
    assert page.locator("h1").inner_text() == "What happened to you?"
    # No JavaScript: no recorder buttons, the file upload does the same.
    assert page.get_by_role("button", name="Start recording").count() == 0
    tap(page.get_by_label("Or choose a recording of you telling it").set_input_files, str(sound))
    tap.to_next_page(page, page.get_by_role("button", name="Next question"))

    assert page.locator("h1").inner_text() == "What is your story about?"
    tap(page.get_by_text("Getting about").click)
    tap(page.get_by_text("buses").click)
    tap.to_next_page(page, page.get_by_role("button", name="Next question"))

    assert page.locator("h1").inner_text() == "Where did it happen?"
    tap.to_next_page(page, page.get_by_role("button", name="Next question"))  # they need not say

    assert page.locator("h1").inner_text() == "May we share it?"
    tap(page.get_by_text("Yes, without my name").click)
    tap.to_next_page(page, page.get_by_role("button", name="Next question"))

    assert page.locator("h1").inner_text() == "Check and send"
    assert page.get_by_text("A recording.").is_visible()
    tap.to_next_page(page, page.get_by_role("button", name="Send it"))

    assert page.locator("h1").inner_text() == "My experiences"
    assert page.get_by_text("Thank you. We have got it.").is_visible()
    assert page.get_by_text("It is waiting.").is_visible()
    print(f"\nNo JavaScript, a sound file: {tap.count} taps, {tap.seconds():.1f} s in the browser")
    experience = Experience.objects.get()
    with experience.recording.open("rb") as recording:
        assert recording.read() == wav_bytes()
    assert experience.theme == theme and list(experience.tags.all()) == [tag]
    assert experience.sharing == "no_name"
    page.context.close()


def test_with_javascript_a_member_records_listens_and_sends_on_a_phone(
    chromium_with_microphone, live_server, client, topics
):
    member = make_member(first_name="Sam")
    page = phone_page(chromium_with_microphone, live_server, client, member)
    console_errors = []
    page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    tap = Taps()
    page.goto(live_server.url + "/findings/")
    tap.to_next_page(page, page.get_by_role("link", name="Tell us what happened to you").first)
    tap(page.get_by_role("button", name="Start recording").click)
    page.get_by_role("button", name="Stop").wait_for()
    page.wait_for_timeout(2500)  # the member speaks
    tap(page.get_by_role("button", name="Stop").click)
    page.get_by_text("Your recording is ready.").wait_for()
    assert page.get_by_role("button", name="Record again").is_visible()
    assert page.locator("[data-recorder-audio]").get_attribute("src").startswith("blob:")
    assert page.evaluate("document.querySelector('input[name=recording]').files.length") == 1
    # Listen back plays it (the page's Content Security Policy lets it play from memory).
    assert page.evaluate(LISTEN_BACK) == "playable"
    assert console_errors == []
    # Record again replaces it.
    tap(page.get_by_role("button", name="Record again").click)
    page.get_by_role("button", name="Stop").wait_for()
    page.wait_for_timeout(1500)
    tap(page.get_by_role("button", name="Stop").click)
    page.get_by_text("Your recording is ready.").wait_for()
    tap(page.get_by_label("I am helping someone to tell their story").check)
    tap.to_next_page(page, page.get_by_role("button", name="Next question"))

    assert page.locator("h1").inner_text() == "What is their story about?"
    tap(page.get_by_text("Money").click)
    tap.to_next_page(page, page.get_by_role("button", name="Next question"))
    tap(page.get_by_label("Where did it happen?").fill, "At the bank")
    tap.to_next_page(page, page.get_by_role("button", name="Next question"))
    assert page.get_by_text("We would like to share their story.").is_visible()
    tap(page.get_by_text("Yes, with their first name").click)
    tap.to_next_page(page, page.get_by_role("button", name="Next question"))
    # Back goes back with the answer kept, then on again.
    tap.to_next_page(page, page.get_by_role("button", name="Go back"))
    assert page.locator("h1").inner_text() == "May we share it?"
    assert page.get_by_label("Yes, with their first name").is_checked()
    tap.to_next_page(page, page.get_by_role("button", name="Next question"))
    tap.to_next_page(page, page.get_by_role("button", name="Send it"))
    page.get_by_text("Thank you. We have got it.").wait_for()
    print(f"\nJavaScript, the recorder: {tap.count} taps, {tap.seconds():.1f} s in the browser")

    experience = Experience.objects.get()
    assert experience.helped_by_supporter and experience.place == "At the bank"
    assert experience.consent_text.startswith("They agree that SPIRIT may share")
    assert experience.recording.name.endswith(".webm")
    with experience.recording.open("rb") as recording:
        assert recording.read(4) == b"\x1a\x45\xdf\xa3"  # a real WebM file
    # The member listens to what they sent, on My experiences.
    duration = page.evaluate(
        """async () => {
            const audio = document.querySelector('.experience audio');
            audio.preload = 'auto'; audio.load();
            await new Promise((done) => audio.addEventListener('loadedmetadata', done));
            return audio.duration;
        }"""
    )
    assert duration > 0
    page.context.close()


LISTEN_BACK = """async () => {
    const audio = document.querySelector('[data-recorder-audio]');
    if (audio.readyState > 0) return 'playable';
    return await new Promise((done) => {
        audio.addEventListener('loadedmetadata', () => done('playable'));
        audio.addEventListener('error', () => done('blocked'));
        setTimeout(() => done('timed out'), 5000);
        audio.load();
    });
}"""


def test_every_screen_is_easy_to_read_and_passes_axe(chromium, live_server, client, topics):
    member = make_member()
    page = phone_page(chromium, live_server, client, member)
    page.goto(live_server.url + "/tell-us/")
    check_here(page, "question 1")
    with page.expect_navigation():
        page.get_by_role("button", name="Next question").click()
    expect(page.get_by_text("Type what happened, or record it.").first).to_be_visible()
    check_here(page, "question 1 with an error")
    page.get_by_label("Type what happened").fill("The bus driver would not wait for me.")
    with page.expect_navigation():
        page.get_by_role("button", name="Next question").click()
    check_here(page, "question 2 (topics by picture)")
    with page.expect_navigation():
        page.get_by_role("button", name="Next question").click()
    check_here(page, "question 3 (where)")
    with page.expect_navigation():
        page.get_by_role("button", name="Next question").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Next question").click()
    expect(page.get_by_text("Choose if we may share it.").first).to_be_visible()
    check_here(page, "question 4 with an error")
    page.get_by_text("Do not share it").first.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Next question").click()
    check_here(page, "check and send")
    with page.expect_navigation():
        page.get_by_role("button", name="Send it").click()
    check_here(page, "my experiences")
    with page.expect_navigation():
        page.get_by_role("link", name="Take it back").click()
    check_here(page, "are you sure")
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, take it back").click()
    expect(page.get_by_text("You took it back on")).to_be_visible()
    check_here(page, "my experiences after taking it back")
    page.context.close()


def test_a_theme_page_leads_to_the_steps_with_its_topic_chosen(
    chromium, live_server, client, topics
):
    theme, _ = topics
    page = phone_page(chromium, live_server, client, make_member(), javascript=False)
    page.goto(live_server.url + theme.get_absolute_url())
    page.get_by_role("link", name="Tell us what happened to you").first.click()
    page.get_by_label("Type what happened").fill("I could not get on the train.")
    page.get_by_role("button", name="Next question").click()
    assert page.get_by_label("Getting about").is_checked()
    page.context.close()


def test_the_recording_is_not_at_any_public_address(chromium, live_server, client):
    from tests.experiences.factories import make_experience

    experience = make_experience(make_member(), recording=True)
    name = experience.recording.name
    page = phone_page(chromium, live_server, client, make_member(), javascript=False)
    for path in (f"/media/{name}", f"/static/{name}", f"/{name}", experience.recording_url()):
        response = page.request.get(live_server.url + path)
        assert response.status == 404, path
    page.context.close()
