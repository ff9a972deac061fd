"""Hard words open in place, with and without JavaScript."""

import pytest

from tests.browser import EASY_READ_CHECKS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEANING = "#hard-word-research"
WORD = "a.hard-word[href='#hard-word-research']"


@pytest.fixture
def glossary():
    from easyread.models import GlossaryTerm

    GlossaryTerm.objects.create(
        term="research",
        slug="research",
        meaning="Finding things out carefully. Researchers write down what they find.",
        picture="research",
    )


def test_a_hard_word_opens_and_closes_without_javascript(chromium, live_server, glossary):
    context = chromium.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator(MEANING).is_hidden()

    page.locator(WORD).click()

    assert page.url == live_server.url + "/" + MEANING
    assert page.locator(MEANING).is_visible()
    assert page.locator(MEANING + " .hard-word-text").inner_text() == (
        "Research. Finding things out carefully. Researchers write down what they find."
    )
    page.locator(MEANING).get_by_role("link", name="Close the meaning of Research").click()
    assert page.locator(MEANING).is_hidden()
    context.close()


def test_a_hard_word_opens_and_closes_in_place_with_javascript(browser_page, glossary):
    page = browser_page
    page.goto(page.base_url + "/")
    word = page.locator(WORD)
    assert word.get_attribute("aria-expanded") == "false"
    assert word.get_attribute("aria-controls") == "hard-word-research"

    word.click()

    assert page.locator(MEANING).is_visible()
    assert word.get_attribute("aria-expanded") == "true"
    assert page.url == page.base_url + "/"  # no jump: the page stays where it was
    word.click()
    assert page.locator(MEANING).is_hidden()
    assert word.get_attribute("aria-expanded") == "false"


def test_a_hard_word_works_with_the_keyboard(browser_page, glossary):
    page = browser_page
    page.goto(page.base_url + "/")
    page.locator(WORD).focus()

    page.keyboard.press("Enter")
    assert page.locator(MEANING).is_visible()
    page.locator(MEANING).get_by_role("link", name="Close the meaning of Research").focus()
    page.keyboard.press("Enter")

    assert page.locator(MEANING).is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('href')") == MEANING


@pytest.mark.parametrize("width", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}])
def test_an_open_hard_word_is_accessible(browser_page, glossary, width):
    page = browser_page
    page.set_viewport_size(width)
    page.goto(page.base_url + "/")
    page.locator(WORD).click()

    assert axe_violations(page) == []
    assert page.evaluate(EASY_READ_CHECKS) == []


def test_listen_reads_an_open_meaning_but_not_a_closed_one(browser_page, glossary):
    from tests.easyread.test_listen import FAKE_SPEECH

    page = browser_page
    page.add_init_script(FAKE_SPEECH)
    page.goto(page.base_url + "/")
    page.evaluate("window.autoEnd = true")
    page.get_by_role("button", name="Listen", exact=True).click()
    page.get_by_role("button", name="Listen", exact=True).wait_for()
    closed = page.evaluate("window.spoken.map((u) => u.text)")
    page.locator(WORD).click()
    page.evaluate("window.spoken = []")
    page.get_by_role("button", name="Listen", exact=True).click()
    page.get_by_role("button", name="Listen", exact=True).wait_for()
    opened = page.evaluate("window.spoken.map((u) => u.text)")

    assert "We find out what research says about our lives." in closed
    assert not any("Researchers write down" in text for text in closed)
    assert "Researchers write down what they find." in opened
