import pytest

from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "path",
    ["/", "/accessibility/", "/no-such-page/", "/accounts/login/", "/accounts/signup/"],
)
def test_page_is_accessible_at_phone_and_desktop_width(browser_page, path):
    if path == "/no-such-page/":
        response = browser_page.goto(browser_page.base_url + path)
        assert response.status == 404
        from tests.browser import WIDTHS, axe_violations

        for width in WIDTHS.values():
            browser_page.set_viewport_size(width)
            browser_page.goto(browser_page.base_url + path)
            assert axe_violations(browser_page) == []
        return
    assert_accessible(browser_page, path)


def test_skip_link_moves_focus_to_the_main_part(browser_page):
    browser_page.goto(browser_page.base_url + "/")
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate("document.activeElement.className") == "skip-link"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"


def test_pages_work_without_javascript(chromium, live_server):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Log in").click()
    assert page.locator("h1").inner_text() != ""
    assert page.url.endswith("/accounts/login/")
    context.close()
