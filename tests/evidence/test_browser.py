import pytest

from evidence import seeds
from evidence.models import Finding
from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_evidence_pages_are_accessible_at_phone_and_desktop_width(browser_page):
    seeds.load()
    finding = Finding.objects.get(source__slug="ibsen", position=4)
    paths = [
        "/findings/",
        "/findings/?q=personel+budjet",
        "/findings/?q=famly+suport",
        "/findings/?tag=leisure&kind=finding",
        finding.get_absolute_url(),
        "/sources/",
        "/sources/ibsen/",
        "/themes/personal-budgets-and-direct-payments/",
        "/themes/housing/",
        "/tags/leisure/",
        "/evidence-map/",
        "/",
    ]
    for path in paths:
        assert_accessible(browser_page, path)


def test_original_words_open_on_request_without_javascript(chromium, live_server):
    seeds.load()
    finding = Finding.objects.get(source__slug="poet", position=2)
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + finding.get_absolute_url())
    original = page.locator("blockquote.original-text")
    assert not original.is_visible()
    page.get_by_text("Read the original words").click()
    assert original.inner_text().strip() == finding.original_wording
    context.close()


def test_search_box_and_filters_work_without_javascript(chromium, live_server):
    seeds.load()
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/findings/")
    page.locator("#id_q").fill("direct payement")
    page.locator("form.search-form button[type=submit]").click()
    assert "Showing results for direct payment." in page.locator("main").inner_text()
    page.get_by_text("Kind of finding", exact=False).first.click()
    page.get_by_role("link", name="Finding: ").first.click()
    assert "kind=finding" in page.url
    assert "q=direct+payment" in page.url
    context.close()
