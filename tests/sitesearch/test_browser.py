import pytest

from evidence import seeds
from meetings import seeds as meeting_seeds
from seminars import seeds as seminar_seeds
from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_whole_site_search_is_accessible_at_phone_and_desktop_width(browser_page):
    seeds.load()
    meeting_seeds.load()
    seminar_seeds.load()
    for path in ["/search/", "/search/?q=research", "/search/?q=norwy", "/search/?q=zzzz"]:
        assert_accessible(browser_page, path)


def test_header_box_searches_the_whole_site_without_javascript(chromium, live_server):
    seeds.load()
    meeting_seeds.load()
    seminar_seeds.load()
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search the whole site").fill("Norway")
    page.locator("form.site-search button[type=submit]").click()
    page.wait_for_url("**/search/?q=Norway")
    main = page.locator("main").inner_text()
    assert "Next steps: 1 next step" in main
    assert "Talk to the Inclusive Research in Norway project" in main
    context.close()
