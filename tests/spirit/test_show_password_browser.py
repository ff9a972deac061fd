"""'Show my password' on every password box: added by spirit.js, none without JavaScript."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tests.browser import WIDTHS, assert_accessible
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "bright-kettle-morning-42"


def check_toggles(page, label):
    box = page.get_by_label(label, exact=True)
    box.fill("secret-words")
    expect(box).to_have_attribute("type", "password")
    button = box.locator("xpath=following-sibling::button[1]")
    expect(button).to_have_text("Show my password")
    expect(button).to_have_attribute("aria-pressed", "false")
    size = button.bounding_box()
    assert size["height"] >= 44 and size["width"] >= 44
    button.click()
    expect(box).to_have_attribute("type", "text")
    expect(button).to_have_text("Hide my password")
    expect(button).to_have_attribute("aria-pressed", "true")
    assert box.input_value() == "secret-words"
    button.click()
    expect(box).to_have_attribute("type", "password")
    expect(button).to_have_attribute("aria-pressed", "false")


def test_log_in_and_sign_up_show_the_password_and_pass_axe_on_a_phone(browser_page):
    page = browser_page
    page.set_viewport_size(WIDTHS["phone"])
    page.goto(page.base_url + "/accounts/login/")
    expect(page.get_by_role("button", name="Show my password")).to_have_count(1)
    check_toggles(page, "Your password")
    page.goto(page.base_url + "/accounts/signup/")
    expect(page.get_by_role("button", name="Show my password")).to_have_count(2)
    for label in ("Choose a password", "Type the password again"):
        check_toggles(page, label)
    for path in ("/accounts/login/", "/accounts/signup/"):
        assert_accessible(page, path, widths=("phone",))


def test_changing_your_password_has_show_my_password_on_each_box(browser_page):
    page = browser_page
    member = make_member(username="ann@example.org", email="ann@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Your email address").fill(member.email)
    page.get_by_label("Your password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    page.goto(page.base_url + "/accounts/password/change/")
    boxes = page.locator("input[type=password]")
    expect(page.get_by_role("button", name="Show my password")).to_have_count(boxes.count())
    assert boxes.count() >= 2


def test_without_javascript_there_is_no_button_and_the_box_stays_a_password_box(
    chromium, live_server
):
    context = chromium.new_context(java_script_enabled=False, viewport=WIDTHS["phone"])
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    expect(page.get_by_label("Your password", exact=True)).to_have_attribute("type", "password")
    expect(page.get_by_role("button", name="Show my password")).to_have_count(0)
    context.close()
