"""Reading choices in a real browser: remembered across pages, with or without JavaScript,
and every page stays accessible in every choice (no sideways scroll at 390 px)."""

import pytest
from playwright.sync_api import expect

from easyread.choices import COOKIE_NAME
from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/settings/", "/credits/", "/glossary/", "/accessibility/"]


def html_classes(page) -> str:
    return page.evaluate("document.documentElement.className")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_settings_are_remembered_across_pages(chromium, live_server, javascript):
    context = chromium.new_context(java_script_enabled=javascript, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + "/accessibility/")

    page.get_by_role("link", name="Settings").click()
    page.get_by_label("Biggest text").check()
    page.get_by_label("Higher contrast").check()
    page.get_by_role("button", name="Save my settings").click()

    assert page.url == live_server.url + "/accessibility/"
    assert page.get_by_role("status").inner_text() == (
        "Your settings are saved. They work on every page."
    )
    assert html_classes(page) == "text-biggest contrast-higher"
    body_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body_size == 30  # 20 px times 1.5
    page.get_by_role("navigation", name="Main places").get_by_role("link", name="Home").click()
    page.wait_for_url(live_server.url + "/")
    assert html_classes(page) == "text-biggest contrast-higher"
    page.goto(live_server.url + "/credits/")
    assert html_classes(page) == "text-biggest contrast-higher"
    text_colour = page.evaluate("getComputedStyle(document.body).color")
    assert text_colour == "rgb(0, 0, 0)"
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_saving_settings_goes_back_to_the_filtered_list_you_came_from(
    chromium, live_server, javascript
):
    context = chromium.new_context(java_script_enabled=javascript, locale="en-GB")
    page = context.new_page()
    came_from = live_server.url + "/findings/?kind=barrier&page=1"
    page.goto(came_from)

    with page.expect_navigation():
        page.get_by_role("link", name="Settings").click()
    # Tapping Settings again on the settings page keeps the way back.
    with page.expect_navigation():
        page.get_by_role("link", name="Settings").click()
    page.get_by_label("Bigger text").check()
    # A save with a missing answer keeps it too.
    page.evaluate("document.querySelectorAll('[name=pictures]').forEach(e => e.remove())")
    with page.expect_navigation():
        page.get_by_role("button", name="Save my settings").click()
    expect(page.get_by_role("link", name="Choose if you want pictures.")).to_be_visible()
    assert page.get_by_label("Bigger text").is_checked()
    page.get_by_label("Show pictures").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save my settings").click()

    assert page.url == came_from
    expect(page.get_by_role("status")).to_have_text(
        "Your settings are saved. They work on every page."
    )
    assert html_classes(page) == "text-bigger"
    context.close()


@pytest.mark.parametrize(
    "choice",
    [
        "text:bigger,contrast:normal,pictures:show",
        "text:biggest,contrast:higher,pictures:show",
        "text:normal,contrast:higher,pictures:hide",
    ],
)
@pytest.mark.parametrize("path", PAGES)
def test_pages_are_accessible_in_every_setting(browser_page, live_server, choice, path):
    browser_page.context.add_cookies(
        [{"name": COOKIE_NAME, "value": choice, "url": live_server.url}]
    )

    assert_accessible(browser_page, path)


def test_the_browsers_own_wish_for_more_contrast_is_honoured(browser_page):
    browser_page.emulate_media(contrast="more")
    browser_page.goto(browser_page.base_url + "/")

    assert browser_page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert html_classes(browser_page) == ""


def test_reduced_motion_stops_animation(browser_page):
    browser_page.emulate_media(reduced_motion="reduce")
    browser_page.goto(browser_page.base_url + "/")

    assert (
        browser_page.evaluate(
            "getComputedStyle(document.querySelector('.skip-link')).transitionDuration"
        )
        == "0s"
    )


def test_hidden_pictures_leave_the_words(browser_page, live_server):
    browser_page.context.add_cookies(
        [
            {
                "name": COOKIE_NAME,
                "value": "text:normal,contrast:normal,pictures:hide",
                "url": live_server.url,
            }
        ]
    )
    browser_page.goto(browser_page.base_url + "/")

    assert browser_page.locator("main .picture-row:visible").count() == 0
    assert browser_page.locator("header .picture-nav:visible").count() >= 5
    assert (
        browser_page.locator("main")
        .get_by_text("SPIRIT is a group of people with learning disabilities.")
        .is_visible()
    )
