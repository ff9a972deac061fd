"""Any page prints as a handout: big text, no menus or buttons, pictures kept."""

import pytest

from easyread.choices import COOKIE_NAME
from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_page_prints_big_without_menus_and_with_pictures(browser_page, live_server):
    page = browser_page
    page.context.add_cookies(
        [
            {
                "name": COOKIE_NAME,
                "value": "text:biggest,contrast:normal,pictures:show",
                "url": live_server.url,
            }
        ]
    )
    page.goto(page.base_url + "/")
    page.emulate_media(media="print")

    assert page.locator("header nav").is_hidden()
    assert page.locator(".site-search").is_hidden()
    assert page.locator(".page-tools").is_hidden()
    assert page.locator(".footer-links").is_hidden()
    assert page.locator("main .picture-row").first.is_visible()
    sizes = page.evaluate(
        """[...document.querySelectorAll('main p, footer p')]
             .map((p) => parseFloat(getComputedStyle(p).fontSize))"""
    )
    assert min(sizes) >= 18.66  # 14 pt
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == pytest.approx(
        21.33, abs=0.01
    )  # 16 pt, whatever the text size chosen on screen


def test_a_printed_hard_word_shows_its_meaning(browser_page):
    from easyread.models import GlossaryTerm

    GlossaryTerm.objects.create(term="research", slug="research", meaning="Finding things out.")
    browser_page.goto(browser_page.base_url + "/")
    browser_page.emulate_media(media="print")

    assert browser_page.locator("#hard-word-research").is_visible()
    assert browser_page.locator("#hard-word-research .hard-word-close").is_hidden()


def test_handouts_page_is_accessible(browser_page):
    from evidence import seeds

    seeds.load()

    assert_accessible(browser_page, "/handouts/")
