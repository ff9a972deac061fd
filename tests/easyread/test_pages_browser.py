"""The easy-read pages (settings, hard words, credits) pass axe and our easy-read checks."""

import pytest

from easyread.pictures import PICTURES
from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded():
    from evidence import seeds

    seeds.load()


@pytest.mark.parametrize("path", ["/settings/", "/credits/", "/glossary/"])
def test_easy_read_pages_are_accessible(browser_page, seeded, path):
    assert_accessible(browser_page, path)


def test_credits_page_pictures_load(browser_page):
    page = browser_page
    page.goto(page.base_url + "/credits/", wait_until="domcontentloaded")
    # The pictures load lazily, as a member scrolls: load them all at once instead.
    page.evaluate(
        "document.querySelectorAll('.picture-list img').forEach((img) => { img.loading = 'eager'; })"
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('.picture-list img')].every((img) => img.complete)"
    )

    broken = page.evaluate(
        "[...document.querySelectorAll('.picture-list img')]"
        ".filter((img) => img.naturalWidth === 0).length"
    )
    assert broken == 0
    assert page.locator(".picture-list img").count() == len(PICTURES)
