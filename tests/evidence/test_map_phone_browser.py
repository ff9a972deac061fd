"""The evidence map in a browser: sentences at 390 px, the table at 1280 px, axe 0 on both,
and a screen reader gets only one of them."""

import pytest

from evidence import seeds
from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_map_is_sentences_on_a_phone_and_a_table_on_a_wide_screen(browser_page):
    seeds.load()
    page = browser_page
    assert_accessible(page, "/evidence-map/", widths=("phone",))
    sentences = page.locator(".map-sentences")
    table = page.locator("table.evidence-map")
    assert sentences.is_visible() and not table.is_visible()
    first = page.locator(".map-sentence-list li").first
    assert first.locator("summary").inner_text() == "Choice and control: 11 findings"
    first.locator("summary").click()
    assert "from " in first.inner_text() and "None yet from" in first.inner_text()
    for jargon in ("Evaluation", "Briefing", "Literature search"):
        assert jargon not in sentences.inner_text()
    # Only the sentences are in what a screen reader reads.
    tree = page.locator("main").aria_snapshot()
    assert "- table" not in tree and "Findings for each tag" in tree
    assert "Choice and control: 11 findings" in tree

    assert_accessible(page, "/evidence-map/", widths=("desktop",))
    assert table.is_visible() and not sentences.is_visible()
    tree = page.locator("main").aria_snapshot()
    assert "- table" in tree and "None yet from" not in tree
