"""Hard words on every member page, with the group's seeded content, at 390 px (issue 15).

Each hard word is marked once a page; its meaning follows the paragraph (never inside the
sentence), is out of the accessibility tree until opened, opens by tap and by keyboard, one
at a time, and Escape closes it and goes back to the word.
"""

import pytest
from playwright.sync_api import expect

from easyread.glossary import Term, terms_used
from tests.browser import EASY_READ_CHECKS, WIDTHS, axe_violations

# Read-only pages of the seeds, committed once for the module (tests/browser.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = WIDTHS["phone"]

# The words of the main part that the marker may mark: one text piece each (the marker
# reads the HTML between tags), never in headings, links, buttons, labels and the like.
PAGE_WORDS = """() => {
  const skip = "a:not(.hard-word), button, summary, label, legend, h1, h2, h3, h4, h5, h6, th, select, option,"
    + " textarea, script, style, svg, code, pre, noscript, [data-no-hard-words],"
    + " .hard-word-meaning";
  const texts = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.parentElement.closest(skip)) texts.push(node.textContent);
  }
  const problems = [];
  const marked = [];
  document.querySelectorAll("main a.hard-word").forEach((word) => {
    const id = word.getAttribute("href").slice(1);
    marked.push(id);
    const meaning = document.getElementById(id);
    if (!meaning) { problems.push("no meaning for " + id); return; }
    const block = word.closest("p, li, dd, dt, td, caption, figcaption, blockquote, div");
    if (word.closest("p") && word.closest("p").contains(meaning)) {
      problems.push(id + " opens inside its sentence");
    }
    if (!(word.compareDocumentPosition(meaning) & Node.DOCUMENT_POSITION_FOLLOWING)) {
      problems.push(id + " comes before its word");
    }
    if (block && !block.contains(meaning) && block.nextElementSibling !== meaning
        && !(block.parentElement && block.parentElement.contains(meaning))) {
      problems.push(id + " is not right after the paragraph that holds its word");
    }
    if (getComputedStyle(meaning).display !== "none") problems.push(id + " is open already");
  });
  return { texts, marked, problems };
}"""


@pytest.fixture
def member_pages(committed_seeds):
    from easyread.models import GlossaryTerm
    from evidence.models import Finding, Source, Tag, Theme
    from meetings.models import Meeting
    from seminars.models import Seminar

    terms = [
        Term(g.term, g.meaning, g.slug, g.picture, tuple(g.synonyms))
        for g in GlossaryTerm.objects.all()
    ]
    pages = {
        "findings": "/findings/",
        "a finding": Finding.objects.get(source__slug="ibsen", position=4).get_absolute_url(),
        "search results": "/findings/?q=direct+payments",
        "whole-site search": "/search/?q=personal+budget",
        "a tag": Tag.objects.get(slug="leisure").get_absolute_url(),
        "a source": Source.objects.get(slug="poet").get_absolute_url(),
        "a theme": Theme.objects.order_by("pk").first().get_absolute_url(),
        "a meeting": Meeting.objects.get(slug="second-meeting").get_absolute_url(),
        "next steps": "/meetings/next-steps/",
        "seminars": "/seminars/",
        "a seminar": Seminar.objects.order_by("pk").first().get_absolute_url(),
        "evidence map": "/evidence-map/",
    }
    return pages, terms


def test_every_hard_word_on_each_page_is_marked_once_and_opens_after_its_paragraph(
    site_page, member_pages
):
    pages, terms = member_pages
    page = site_page
    page.set_viewport_size(PHONE)
    for name, path in pages.items():
        page.goto(page.base_url + path)
        found = page.evaluate(PAGE_WORDS)

        assert found["problems"] == [], name
        slugs = [anchor.removeprefix("hard-word-") for anchor in found["marked"]]
        assert len(slugs) == len(set(slugs)), f"{name}: a hard word marked twice"
        assert sorted(slugs) == sorted(t.slug for t in terms_used(found["texts"], terms)), name
        assert slugs, f"{name} marks no hard word"
        # Out of the accessibility tree until opened: no "All hard words" link is there.
        expect(page.get_by_role("link", name="All hard words")).to_have_count(0)
        assert axe_violations(page) == [], name


def test_a_meaning_opens_by_tap_one_at_a_time_and_escape_closes_it(site_page, member_pages):
    pages, _ = member_pages
    page = site_page
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + pages["a meeting"])
    words = page.locator("main a.hard-word")
    first, second = words.nth(0), words.nth(1)
    first_meaning = page.locator("#" + first.get_attribute("aria-controls"))
    second_meaning = page.locator("#" + second.get_attribute("aria-controls"))
    assert first.get_attribute("aria-expanded") == "false"
    main_before = page.locator("main").aria_snapshot()
    meaning_words = page.evaluate(
        "(id) => document.querySelector('#' + id + ' .hard-word-text').textContent",
        first.get_attribute("aria-controls"),
    )
    assert meaning_words.split(". ", 1)[1][:30] not in main_before  # not read while closed

    first.click()

    expect(first_meaning).to_be_visible()
    assert first.get_attribute("aria-expanded") == "true"
    expect(first_meaning).to_be_focused()
    paragraph = first.locator("xpath=ancestor::p[1]")
    if paragraph.count():
        assert first_meaning.bounding_box()["y"] >= (
            paragraph.bounding_box()["y"] + paragraph.bounding_box()["height"] - 1
        )
    assert meaning_words.split(". ", 1)[1][:30] in page.locator("main").aria_snapshot()
    for link in (
        first_meaning.locator(".hard-word-more"),
        first_meaning.locator(".hard-word-close"),
    ):
        assert link.bounding_box()["height"] >= 44
    assert axe_violations(page) == []
    assert page.evaluate(EASY_READ_CHECKS) == []

    second.click()
    expect(second_meaning).to_be_visible()
    expect(first_meaning).to_be_hidden()  # one at a time
    assert first.get_attribute("aria-expanded") == "false"

    page.keyboard.press("Escape")
    expect(second_meaning).to_be_hidden()
    assert second.get_attribute("aria-expanded") == "false"
    expect(second).to_be_focused()


def test_a_meaning_opens_and_closes_with_the_keyboard(site_page, member_pages):
    pages, _ = member_pages
    page = site_page
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + pages["a finding"])
    word = page.locator("main a.hard-word").first
    meaning = page.locator("#" + word.get_attribute("aria-controls"))
    word.focus()

    page.keyboard.press("Enter")
    expect(meaning).to_be_visible()
    page.keyboard.press("Tab")
    expect(meaning.get_by_role("link", name="All hard words")).to_be_focused()
    page.keyboard.press("Tab")
    expect(meaning.locator(".hard-word-close")).to_be_focused()
    page.keyboard.press("Enter")

    expect(meaning).to_be_hidden()
    expect(word).to_be_focused()
    page.keyboard.press("Enter")
    expect(meaning).to_be_visible()
    page.keyboard.press("Escape")
    expect(meaning).to_be_hidden()
    expect(word).to_be_focused()
