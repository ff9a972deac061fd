"""Listen on real pages (issue 15, item 6): what it reads and what it leaves out, the
controls that stay on screen, the speed, and "Listen to this part".

Headless Chromium has no voices: the page's ``speechSynthesis`` is replaced (as in
test_listen.py) and the tests check what it was given.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import EASY_READ_CHECKS, WIDTHS, axe_violations
from tests.easyread.test_listen import FAKE_SPEECH, spoken_texts

# Read-only pages of the seeds, committed once for the module (tests/browser.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def pages(committed_seeds):
    from evidence.models import Finding
    from meetings.models import Meeting

    return {
        "finding": Finding.objects.published().order_by("pk").first().get_absolute_url(),
        "meeting": Meeting.objects.get(slug="second-meeting").get_absolute_url(),
        "map": "/evidence-map/",
    }


@pytest.fixture
def phone(chromium, site_server):
    context = chromium.new_context(viewport=WIDTHS["phone"], locale="en-GB")
    context.add_init_script(FAKE_SPEECH)
    page = context.new_page()
    page.base_url = site_server.url
    yield page
    context.close()


def listen_to_all(page, path) -> list[str]:
    page.goto(page.base_url + path)
    page.evaluate("window.autoEnd = true")
    page.get_by_role("button", name="Listen", exact=True).click()
    expect(page.get_by_role("button", name="Listen", exact=True)).to_be_visible()  # the end
    return spoken_texts(page)


def never_read(page) -> list[str]:
    """Words on the page that Listen must not read: navigation, "Back to …", the original
    words, citations."""
    return page.evaluate(
        """() => [...document.querySelectorAll('nav, .listen-skip, header, footer')]
             .map((element) => element.textContent.replace(/\\s+/g, ' ').trim())
             .filter((words) => words.length > 3)"""
    )


def assert_reads_none_of(spoken, skipped):
    everything = " ".join(spoken)
    for words in skipped:
        assert words not in everything


def test_a_finding_is_read_without_navigation_back_links_original_words_or_citations(phone, pages):
    spoken = listen_to_all(phone, pages["finding"])

    heading = phone.locator("h1").inner_text()
    assert spoken[0] == heading
    assert_reads_none_of(spoken, never_read(phone))
    everything = " ".join(spoken)
    for words in ["Back to all findings", "Read the original words", "How to write it in a report"]:
        assert words not in everything
    assert "Listen to this part" not in everything
    assert "Where this comes from" in spoken


def test_a_meeting_is_read_without_its_on_this_page_list(phone, pages):
    spoken = listen_to_all(phone, pages["meeting"])

    assert spoken[0] == phone.locator("h1").inner_text()
    assert "On this page" not in spoken
    assert "Back to all meetings" not in " ".join(spoken)
    assert_reads_none_of(spoken, never_read(phone))
    assert "What we talked about" in spoken


def test_the_evidence_map_is_read_as_sentences_not_numbers(phone, pages):
    spoken = listen_to_all(phone, pages["map"])

    rows = [text for text in spoken if re.match(r"^[A-Z][\w' -]*: \d+ findings? from ", text)]
    assert len(rows) == phone.locator(".evidence-map tbody tr").count()
    assert any(text.startswith("None yet from ") for text in spoken)
    assert any(text.startswith(("Members said ", "No member has said yet")) for text in spoken)
    for text in spoken:
        assert not re.fullmatch(r"[\d\s]+", text), f"a bare number was read: {text!r}"
        assert text != "No research yet"
    # The first row says each kind with findings, and "none yet" for the rest.
    first = phone.locator(".evidence-map tbody tr").first
    assert first.get_attribute("data-listen-say").startswith(
        first.locator("th").inner_text() + ": "
    )


def test_the_row_being_read_is_highlighted(phone, pages):
    phone.goto(phone.base_url + pages["map"])
    phone.get_by_role("button", name="Listen", exact=True).click()
    # Each sentence ends in turn until the first row is being read.
    phone.evaluate(
        """() => {
          while (!/: \\d+ findings? from /.test(window.spoken[window.spoken.length - 1].text)) {
            window.spoken[window.spoken.length - 1].onend(new Event('end'));
          }
        }"""
    )

    # On a phone the map is a list, one tag a line, each read whole even while folded.
    row = phone.locator(".map-sentence-list li").first
    expect(row).to_have_class(re.compile(r"\bis-reading\b"))
    assert phone.locator(".is-reading").count() == 1


def bar_box(page):
    return page.evaluate(
        """() => {
          const box = document.querySelector('[data-listen]').getBoundingClientRect();
          return { top: box.top, bottom: box.bottom, height: box.height };
        }"""
    )


def test_the_controls_stay_on_screen_while_it_reads_and_cover_nothing(phone, pages):
    page = phone
    page.goto(page.base_url + pages["meeting"])
    page.get_by_role("button", name="Listen", exact=True).click()

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    page.wait_for_function("window.scrollY > 0")
    stop = page.get_by_role("button", name="Stop")
    expect(stop).to_be_in_viewport()
    expect(page.get_by_role("button", name="Pause")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Slower")).to_be_in_viewport()
    box = bar_box(page)
    assert box["bottom"] == pytest.approx(WIDTHS["phone"]["height"], abs=1)
    for name in ["Stop", "Pause", "Slower"]:
        assert page.get_by_role("button", name=name).bounding_box()["height"] >= 44

    # The sentence being read is scrolled to above the bar, not under it.
    for index in range(12):
        page.evaluate(f"window.spoken[{index}].onend(new Event('end'))")
    reading = page.locator(".is-reading").first.bounding_box()
    assert reading["y"] >= 0
    assert reading["y"] + reading["height"] <= box["top"]

    # At the very end of the page, the last words are above the bar too.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    last = page.locator("footer").bounding_box()
    assert last["y"] + last["height"] <= bar_box(page)["top"] + 1

    # What has the keyboard's focus is not hidden by the bar (WCAG 2.4.11).
    page.locator("footer a").last.focus()
    focused = page.locator("footer a").last.bounding_box()
    assert focused["y"] + focused["height"] <= bar_box(page)["top"] + 1

    page.keyboard.press("Escape")
    expect(stop).to_be_hidden()
    assert page.evaluate("document.documentElement.classList.contains('is-listening')") is False
    assert page.evaluate("window.speechCalls").count("cancel") == 2


def test_slower_changes_the_rate_now_and_is_remembered_in_the_settings(phone, pages):
    page = phone
    page.goto(page.base_url + pages["finding"])
    page.get_by_role("button", name="Listen", exact=True).click()
    assert page.evaluate("window.spoken[0].rate") == pytest.approx(0.9)

    with page.expect_response(
        lambda response: response.url.endswith("/settings/") and response.request.method == "POST"
    ):
        page.get_by_role("button", name="Slower").click()

    # The sentence being read starts again, slower.
    assert page.evaluate("window.spoken.length") == 2
    assert page.evaluate("window.spoken[1].text") == page.evaluate("window.spoken[0].text")
    assert page.evaluate("window.spoken[1].rate") == pytest.approx(0.7)
    assert page.evaluate("window.speechCalls") == ["cancel", "cancel"]
    normal = page.get_by_role("button", name="Normal speed")
    expect(normal).to_be_visible()
    expect(normal).to_be_focused()
    page.evaluate("window.spoken[1].onend(new Event('end'))")
    assert page.evaluate("window.spoken[2].rate") == pytest.approx(0.7)

    # Another page remembers it (the reading settings keep it, with or without an account).
    page.goto(page.base_url + pages["meeting"])
    assert "listen-slower" in page.evaluate("document.documentElement.className")
    page.get_by_role("button", name="Listen", exact=True).click()
    assert page.evaluate("window.spoken[0].rate") == pytest.approx(0.7)
    with page.expect_response(
        lambda response: response.url.endswith("/settings/") and response.request.method == "POST"
    ):
        page.get_by_role("button", name="Normal speed").click()
    assert page.evaluate("window.spoken[1].rate") == pytest.approx(0.9)

    page.goto(page.base_url + "/settings/")
    expect(page.get_by_label("Normal speed")).to_be_checked()


def test_listen_to_this_part_reads_only_that_part(phone, pages):
    page = phone
    page.goto(page.base_url + pages["finding"])
    section = page.locator("section", has=page.locator("h2", has_text="Where this comes from"))
    expected = section.evaluate(
        """(section) => {
          const quiet = [...section.querySelectorAll('.visually-hidden, .listen-skip')];
          quiet.forEach((element) => { element.hidden = true; });
          const text = section.innerText;
          quiet.forEach((element) => { element.hidden = false; });
          return text.split('\\n').map((line) => line.replace(/\\s+/g, ' ').trim()).filter(Boolean);
        }"""
    )
    page.evaluate("window.autoEnd = true")

    part = page.get_by_role("button", name="Listen to this part: Where this comes from")
    part.click()
    expect(page.get_by_role("button", name="Listen", exact=True)).to_be_visible()

    spoken = spoken_texts(page)
    assert spoken[0] == "Where this comes from"
    assert " ".join(spoken) == " ".join(expected)
    assert page.locator("h1").inner_text() not in spoken


def test_escape_stops_a_part_and_gives_the_keyboard_back_to_its_button(phone, pages):
    page = phone
    page.goto(page.base_url + pages["meeting"])
    part = page.get_by_role("button", name="Listen to this part: What we agreed")
    part.focus()
    page.keyboard.press("Enter")
    assert spoken_texts(page) == ["What we agreed"]
    expect(page.get_by_role("button", name="Pause")).to_be_focused()

    page.keyboard.press("Escape")

    expect(part).to_be_focused()
    expect(page.get_by_role("button", name="Stop")).to_be_hidden()
    assert page.locator(".is-reading").count() == 0
    page.evaluate("window.spoken[0].onend(new Event('end'))")
    assert len(spoken_texts(page)) == 1


def test_without_javascript_there_are_no_listen_buttons(chromium, site_server, pages):
    context = chromium.new_context(java_script_enabled=False, viewport=WIDTHS["phone"])
    page = context.new_page()
    page.goto(site_server.url + pages["finding"])

    assert page.locator("button:visible", has_text="Listen").count() == 0
    assert page.locator(".listen-part").count() == 0
    context.close()


@pytest.mark.parametrize("name", ["finding", "meeting", "map"])
def test_pages_are_accessible_with_the_bar_shown(phone, pages, name):
    page = phone
    page.goto(page.base_url + pages[name])
    page.get_by_role("button", name="Listen", exact=True).click()
    for index in range(3):
        page.evaluate(f"window.spoken[{index}].onend(new Event('end'))")
    expect(page.get_by_role("button", name="Stop")).to_be_visible()

    for width in ["phone", "desktop"]:
        page.set_viewport_size(WIDTHS[width])
        assert axe_violations(page) == [], f"{name} at {width}"
        assert page.evaluate(EASY_READ_CHECKS) == [], f"{name} at {width}"
