"""'This happens to me too' in a browser: with and without JavaScript, and accessible."""

import pytest

from evidence import seeds
from evidence.models import Finding, SameForMe
from tests.browser import assert_accessible, log_in_as
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_finding_page_is_accessible_for_a_visitor_and_a_member(browser_page, client):
    seeds.load()
    finding = Finding.objects.get(source__slug="ibsen", position=4)
    SameForMe.objects.create(finding=finding, member=make_member())
    assert_accessible(browser_page, finding.get_absolute_url())  # a visitor
    member = make_member()
    log_in_as(browser_page, client, member)
    assert_accessible(browser_page, finding.get_absolute_url())  # the button
    SameForMe.objects.create(finding=finding, member=member)
    assert_accessible(browser_page, finding.get_absolute_url())  # "Take it back"


def test_a_member_says_it_happens_to_them_too_without_a_reload(browser_page, client):
    seeds.load()
    finding = Finding.objects.get(source__slug="ibsen", position=4)
    member = make_member()
    log_in_as(browser_page, client, member)
    page = browser_page
    page.goto(page.base_url + finding.get_absolute_url())
    page.evaluate("() => { window.notReloaded = true; }")
    section = page.locator("#same-for-me")
    section.get_by_role("button", name="This happens to me too").click()
    take_back = section.get_by_role("button", name="Take it back")
    take_back.wait_for()
    assert "1 member said this happens to them too." in section.inner_text()
    assert page.evaluate("() => window.notReloaded === true")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Take it back"
    assert SameForMe.objects.filter(finding=finding, member=member).exists()

    take_back.click()
    section.get_by_role("button", name="This happens to me too").wait_for()
    assert "No members have said this happens to them yet." in section.inner_text()
    assert page.evaluate("() => window.notReloaded === true")
    assert not SameForMe.objects.exists()


def test_a_member_says_it_happens_to_them_too_without_javascript(chromium, live_server, client):
    seeds.load()
    finding = Finding.objects.get(source__slug="poet", position=2)
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.base_url = live_server.url
    log_in_as(page, client, make_member())
    page.goto(live_server.url + finding.get_absolute_url())
    page.get_by_role("button", name="This happens to me too").click()
    page.get_by_role("button", name="Take it back").wait_for()
    assert page.url.endswith(finding.get_absolute_url() + "#same-for-me")
    assert "1 member said this happens to them too." in page.locator("#same-for-me").inner_text()
    page.get_by_role("button", name="Take it back").click()
    page.get_by_role("button", name="This happens to me too").wait_for()
    assert not SameForMe.objects.exists()
    context.close()
