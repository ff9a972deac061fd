"""The Listen button reads the main part of the page aloud, a sentence at a time.

Headless Chromium has no voices, so these tests replace ``speechSynthesis.speak`` and
check what it was given.
"""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAKE_SPEECH = """
window.spoken = [];
window.speechCalls = [];
window.autoEnd = false;
speechSynthesis.speak = (utterance) => {
  window.spoken.push(utterance);
  if (window.autoEnd) setTimeout(() => utterance.onend(new Event("end")), 0);
};
speechSynthesis.pause = () => window.speechCalls.push("pause");
speechSynthesis.resume = () => window.speechCalls.push("resume");
speechSynthesis.cancel = () => window.speechCalls.push("cancel");
"""

# The words a person sees in <main>, without the words kept for screen readers only and
# what Listen never reads (navigation and what the templates mark to skip).
VISIBLE_MAIN_TEXT = """
() => {
  const quiet = [...document.querySelectorAll(
    "#main .visually-hidden, #main .listen-skip, #main nav")];
  quiet.forEach((element) => { element.hidden = true; });
  const text = document.getElementById("main").innerText;
  quiet.forEach((element) => { element.hidden = false; });
  return text;
}
"""


def visible_sentences(page) -> list[str]:
    sentences = []
    for line in page.evaluate(VISIBLE_MAIN_TEXT).splitlines():
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            sentence = " ".join(sentence.split())
            if sentence:
                sentences.append(sentence)
    return sentences


def spoken_texts(page) -> list[str]:
    return page.evaluate("window.spoken.map((utterance) => utterance.text)")


def reading_now(page) -> str:
    return page.evaluate(
        """[...document.querySelectorAll('.listen-sentence.is-reading')]
             .map((span) => span.textContent).join('').replace(/\\s+/g, ' ').trim()"""
    )


@pytest.fixture
def speaking_page(browser_page):
    browser_page.add_init_script(FAKE_SPEECH)
    return browser_page


def test_listen_reads_every_visible_sentence_of_the_page_in_order(speaking_page):
    page = speaking_page
    page.goto(page.base_url + "/")
    expected = visible_sentences(page)
    page.evaluate("window.autoEnd = true")

    page.get_by_role("button", name="Listen", exact=True).click()

    page.wait_for_function("(count) => window.spoken.length >= count", arg=len(expected))
    page.get_by_role("button", name="Listen", exact=True).wait_for()  # shown again at the end
    assert spoken_texts(page) == expected
    assert expected[:4] == [
        "Welcome to SPIRIT",
        "What is SPIRIT?",
        "SPIRIT is a group of people with learning disabilities.",
        "We live in the south of England.",
    ]
    assert page.evaluate("window.spoken[0].rate") == pytest.approx(0.9)
    assert page.evaluate("window.spoken[0].lang") == "en-GB"


def test_listen_highlights_the_sentence_being_read(speaking_page):
    page = speaking_page
    page.goto(page.base_url + "/")

    page.get_by_role("button", name="Listen", exact=True).click()

    assert spoken_texts(page) == ["Welcome to SPIRIT"]
    assert reading_now(page) == "Welcome to SPIRIT"
    page.evaluate("window.spoken[0].onend(new Event('end'))")
    page.evaluate("window.spoken[1].onend(new Event('end'))")
    assert spoken_texts(page)[2] == "SPIRIT is a group of people with learning disabilities."
    assert reading_now(page) == "SPIRIT is a group of people with learning disabilities."
    assert page.locator(".is-reading").count() == 1
    # A CSS class does the highlighting: no style attribute is written (strict CSP).
    assert page.locator("#main [style]").count() == 0


def test_pause_carry_on_and_stop(speaking_page):
    page = speaking_page
    page.goto(page.base_url + "/")
    page.get_by_role("button", name="Listen", exact=True).click()

    page.get_by_role("button", name="Pause").click()
    assert page.get_by_role("button", name="Carry on").is_visible()
    assert page.get_by_role("button", name="Pause").is_hidden()
    page.get_by_role("button", name="Carry on").click()
    page.get_by_role("button", name="Stop").click()

    assert page.evaluate("window.speechCalls") == ["cancel", "pause", "resume", "cancel"]
    assert page.get_by_role("button", name="Listen", exact=True).is_visible()
    assert page.get_by_role("button", name="Stop").is_hidden()
    assert page.locator(".is-reading").count() == 0
    # A sentence that ends after Stop does not start the next one.
    page.evaluate("window.spoken[0].onend(new Event('end'))")
    assert len(spoken_texts(page)) == 1


def test_listen_works_with_the_keyboard(speaking_page):
    page = speaking_page
    page.goto(page.base_url + "/")

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText.trim()") == "Listen"
    page.keyboard.press("Enter")
    assert spoken_texts(page) == ["Welcome to SPIRIT"]
    assert page.evaluate("document.activeElement.innerText.trim()") == "Pause"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.innerText.trim()") == "Carry on"
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")

    assert page.evaluate("window.speechCalls") == ["cancel", "pause", "resume", "cancel"]
    assert page.evaluate("document.activeElement.innerText.trim()") == "Listen"


def test_listen_is_hidden_where_the_browser_cannot_speak(browser_page):
    browser_page.add_init_script(
        "delete Window.prototype.speechSynthesis; delete window.speechSynthesis;"
    )
    browser_page.goto(browser_page.base_url + "/")

    assert browser_page.evaluate("'speechSynthesis' in window") is False
    assert browser_page.locator("[data-listen-start]").is_hidden()


def test_listen_is_hidden_without_javascript(chromium, live_server):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")

    assert page.locator("[data-listen] button").count() == 6
    assert page.locator("[data-listen] button:visible").count() == 0
    context.close()


def test_listen_shows_where_the_browser_can_speak(speaking_page):
    speaking_page.goto(speaking_page.base_url + "/")

    assert speaking_page.locator("[data-listen] button:visible").all_inner_texts() == ["Listen"]
