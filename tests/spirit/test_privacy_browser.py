"""The privacy pages in a real browser: axe-core and the easy-read checks, at 2 widths."""

import pytest
from playwright.sync_api import expect

from tests.browser import assert_accessible
from tests.spirit.test_account_browser import (
    PASSWORD,
    assert_current_page_accessible,
    log_in,
    member_with_email,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/privacy/", "/your-information/deleted/"])
def test_privacy_page_for_everyone_is_accessible(browser_page, path):
    assert_accessible(browser_page, path)


def type_the_password_again(page):
    assert page.locator("h1").inner_text() == "Type your password again"
    page.get_by_label("Your password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Carry on").click()


@pytest.mark.parametrize("path", ["/your-information/", "/your-information/delete/"])
def test_privacy_page_for_members_is_accessible(browser_page, path):
    member_with_email()
    log_in(browser_page)
    if path.endswith("/delete/"):
        browser_page.goto(browser_page.base_url + path)
        assert_current_page_accessible(browser_page)
        type_the_password_again(browser_page)
    assert_accessible(browser_page, path)


def test_deleting_without_ticking_the_box_is_accessible_then_deleting_works(browser_page):
    member_with_email()
    log_in(browser_page)
    browser_page.goto(browser_page.base_url + "/your-information/delete/")
    type_the_password_again(browser_page)
    assert browser_page.locator("h1").inner_text() == "Delete your account"
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Delete my account").click()
    expect(browser_page).to_have_title("Error: Delete your account – SPIRIT")
    assert_current_page_accessible(browser_page)
    browser_page.get_by_label("Yes, delete my account and my information").check()
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Delete my account").click()
    assert browser_page.locator("h1").inner_text() == "Your account is deleted"
