"""Easy read on a phone (issue 15): measured at 390 x 844, at each reading text size.

The header leaves room for the page (at most a quarter of the first screen), the places
fold into a "Menu" button that opens without JavaScript, and every page ends with the
main places and "Go to the top".
"""

import pytest

from easyread.choices import COOKIE_NAME, TEXT_SIZES
from tests.browser import EASY_READ_CHECKS, WIDTHS, axe_violations

# Read-only pages of the seeds, committed once for the module (tests/browser.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = WIDTHS["phone"]


@pytest.fixture
def key_pages(committed_seeds):
    """The pages members use most, with the group's real seeded content."""
    from evidence.models import Finding, Theme
    from meetings.models import Meeting
    from seminars.models import Seminar

    return {
        "home": "/",
        "findings": "/findings/",
        "search results": "/findings/?q=direct+payments",
        "a finding": Finding.objects.order_by("pk").first().get_absolute_url(),
        "a theme": Theme.objects.order_by("pk").first().get_absolute_url(),
        "a meeting": Meeting.objects.get(slug="second-meeting").get_absolute_url(),
        "next steps": "/meetings/next-steps/",
        "seminars": "/seminars/",
        "a seminar": Seminar.objects.order_by("pk").first().get_absolute_url(),
        "glossary": "/glossary/",
        "evidence map": "/evidence-map/",
    }


def phone_page(chromium, site_server, *, text="normal", javascript=True):
    context = chromium.new_context(viewport=PHONE, locale="en-GB", java_script_enabled=javascript)
    context.add_cookies([{"name": COOKIE_NAME, "value": f"text:{text}", "url": site_server.url}])
    page = context.new_page()
    page.base_url = site_server.url
    return page


def header_share(page) -> float:
    height = page.evaluate("() => document.querySelector('.site-header').offsetHeight")
    return height / PHONE["height"]


@pytest.mark.parametrize("text", list(TEXT_SIZES))
def test_the_header_is_at_most_a_quarter_of_the_first_phone_screen(
    chromium, site_server, key_pages, text
):
    page = phone_page(chromium, site_server, text=text)
    shares = {}
    for name, path in key_pages.items():
        page.goto(page.base_url + path)
        shares[name] = round(header_share(page), 3)
    page.context.close()
    too_big = {name: share for name, share in shares.items() if share > 0.25}
    assert too_big == {}, f"header share of the first screen at {text} text: {shares}"


def test_the_menu_opens_without_javascript_and_leads_to_each_place(chromium, site_server):
    page = phone_page(chromium, site_server, text="biggest", javascript=False)
    page.goto(page.base_url + "/")
    places = page.get_by_role("navigation", name="Main", exact=True)
    assert not places.is_visible()

    page.get_by_text("Menu", exact=True).click()
    assert places.is_visible()
    assert page.get_by_role("search").is_visible()
    places.get_by_role("link", name="Findings").click()
    page.wait_for_url("**/findings/")
    assert page.get_by_role("heading", level=1).inner_text() == "Findings"
    page.context.close()


def test_escape_closes_the_menu_and_keeps_the_keyboard_on_its_button(chromium, site_server):
    page = phone_page(chromium, site_server)
    page.goto(page.base_url + "/")
    menu = page.locator("summary.menu-button")
    menu.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.querySelector('[data-menu]').open") is True
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.querySelector('[data-menu]').open") is False
    assert page.evaluate("() => document.activeElement.classList.contains('menu-button')")
    page.context.close()


def test_the_places_show_in_a_row_on_a_wide_screen(site_page):
    page = site_page
    page.goto(page.base_url + "/")
    assert not page.locator("summary.menu-button").is_visible()
    assert page.get_by_role("navigation", name="Main", exact=True).is_visible()
    assert page.get_by_role("search").is_visible()


def test_go_to_the_top_at_the_end_of_the_page_goes_back_to_the_header(chromium, site_server):
    page = phone_page(chromium, site_server, javascript=False)
    page.goto(page.base_url + "/glossary/")
    page.get_by_role("link", name="Go to the top").click()
    assert page.evaluate("() => window.scrollY") == 0
    assert page.evaluate("() => location.hash") == "#top"
    page.context.close()


@pytest.mark.parametrize("text", ["normal", "biggest"])
def test_the_open_menu_is_accessible_on_a_phone(chromium, site_server, text):
    page = phone_page(chromium, site_server, text=text)
    page.goto(page.base_url + "/")
    page.locator("summary.menu-button").click()
    assert page.get_by_role("navigation", name="Main", exact=True).is_visible()
    assert axe_violations(page) == []
    assert page.evaluate(EASY_READ_CHECKS) == []
    page.context.close()


def test_the_target_check_exempts_only_links_inside_running_text(chromium):
    page = chromium.new_page(viewport=PHONE)
    page.set_content(
        '<html lang="en-GB"><body style="font-size: 20px; line-height: 1.6"><h1>Links</h1>'
        '<p><a href="/findings/">Back to all findings</a></p>'
        '<ul><li><a href="/seminars/">See all seminars</a></li></ul>'
        '<p>We talked about <a href="/glossary/">personal budgets</a> today.</p>'
        "</body></html>"
    )
    problems = [problem for problem in page.evaluate(EASY_READ_CHECKS) if "target" in problem]
    page.close()
    assert len(problems) == 2
    assert "'Back to all findings'" in problems[0]
    assert "'See all seminars'" in problems[1]


def test_standalone_links_on_the_key_pages_are_44px_targets(chromium, site_server, key_pages):
    page = phone_page(chromium, site_server)
    paths = [*key_pages.values(), "/accounts/login/", "/accounts/signup/", "/meetings/"]
    problems = []
    for path in paths:
        page.goto(page.base_url + path)
        for width in ("phone", "desktop"):
            page.set_viewport_size(WIDTHS[width])
            found = [p for p in page.evaluate(EASY_READ_CHECKS) if p.startswith("target")]
            problems += [f"{path} at {width}: {problem}" for problem in found]
        page.set_viewport_size(PHONE)
    page.context.close()
    assert problems == []


def test_each_key_page_is_at_most_6_phone_screens_at_normal_text(chromium, site_server, key_pages):
    page = phone_page(chromium, site_server)
    screens = {}
    for name, path in key_pages.items():
        page.goto(page.base_url + path)
        height = page.evaluate("() => document.documentElement.scrollHeight")
        screens[name] = round(height / PHONE["height"], 1)
    page.context.close()
    too_long = {name: count for name, count in screens.items() if count > 6}
    assert too_long == {}, f"phone screens per page: {screens}"


def test_a_link_to_a_hard_word_opens_its_letter_of_the_glossary(chromium, site_server, key_pages):
    page = phone_page(chromium, site_server, javascript=False)
    page.goto(page.base_url + "/glossary/")
    meaning = page.locator("#direct-payment-name")
    assert not meaning.is_visible()

    page.goto(page.base_url + "/glossary/#direct-payment")
    assert meaning.is_visible()
    page.context.close()


def test_no_key_page_runs_off_a_320px_screen_at_the_biggest_text(chromium, site_server, key_pages):
    """Reflow (WCAG 1.4.10): nothing is wider than the screen, so nobody scrolls sideways."""
    page = phone_page(chromium, site_server, text="biggest")
    page.set_viewport_size({"width": 320, "height": 700})
    wider = {}
    for name, path in key_pages.items():
        page.goto(page.base_url + path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 320:
            wider[name] = width
    page.context.close()
    assert wider == {}
