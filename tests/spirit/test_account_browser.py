"""Every account page in a real browser: axe-core and the easy-read checks, at 2 widths."""

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from playwright.sync_api import expect

from tests.browser import EASY_READ_CHECKS, WIDTHS, assert_accessible, axe_violations
from tests.factories import make_facilitator, make_member, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "bright-kettle-morning-42"


def member_with_email(email="ann@example.org", *, verified=True):
    member = make_member(username=email, email=email, password=PASSWORD)
    address = EmailAddress.objects.create(user=member, email=email, verified=verified, primary=True)
    return member, address


def log_in(page, email="ann@example.org", password=PASSWORD):
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Your email address").fill(email)
    page.get_by_label("Your password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


def assert_current_page_accessible(page):
    """Like assert_accessible, for a page reached by sending a form (it cannot be re-opened)."""
    for name, size in WIDTHS.items():
        page.set_viewport_size(size)
        assert axe_violations(page) == [], f"{page.url} at {name} width"
        assert page.evaluate(EASY_READ_CHECKS) == [], f"{page.url} at {name} width"


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/key/zz-not-a-token/",
        "/accounts/confirm-email/",
        "/accounts/confirm-email/not-a-real-key/",
    ],
)
def test_account_page_for_visitors_is_accessible(browser_page, path):
    assert_accessible(browser_page, path)


def test_email_confirmation_page_is_accessible(browser_page):
    _, address = member_with_email(verified=False)
    key = EmailConfirmationHMAC(address).key
    assert_accessible(browser_page, f"/accounts/confirm-email/{key}/")
    assert browser_page.locator("h1").inner_text() == "Is this your email address?"


def test_choose_a_new_password_page_is_accessible(browser_page):
    member, _ = member_with_email()
    token = default_token_generator.make_token(member)
    assert_accessible(
        browser_page, f"/accounts/password/reset/key/{user_pk_to_url_str(member)}-{token}/"
    )
    assert browser_page.locator("h1").inner_text() == "Choose a new password"


@pytest.mark.parametrize(
    "path", ["/accounts/logout/", "/accounts/email/", "/accounts/password/change/"]
)
def test_account_page_for_members_is_accessible(browser_page, path):
    member_with_email()
    log_in(browser_page)
    assert_accessible(browser_page, path)


def test_log_in_page_with_errors_is_accessible_and_focuses_the_summary(browser_page):
    member_with_email()
    browser_page.goto(browser_page.base_url + "/accounts/login/")
    browser_page.get_by_label("Your email address").fill("ann@example.org")
    browser_page.get_by_label("Your password").fill("not-my-password")
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Log in").click()
    expect(browser_page).to_have_title("Error: Log in – SPIRIT")
    assert browser_page.evaluate("document.activeElement.className") == "error-summary"
    assert browser_page.get_by_label("Your email address").input_value() == "ann@example.org"
    assert_current_page_accessible(browser_page)


def test_sign_up_page_with_errors_is_accessible(browser_page):
    browser_page.goto(browser_page.base_url + "/accounts/signup/")
    browser_page.get_by_label("Your email address").fill("ann at example")
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Sign up").click()
    expect(browser_page).to_have_title("Error: Sign up – SPIRIT")
    browser_page.get_by_role("link", name="Choose a password.").click()
    assert browser_page.evaluate("document.activeElement.id") == "id_password1"
    assert_current_page_accessible(browser_page)


def test_a_password_can_be_pasted(browser_page):
    member_with_email()
    browser_page.goto(browser_page.base_url + "/accounts/login/")
    allowed = browser_page.evaluate(
        """() => {
          const field = document.querySelector('#id_password');
          const event = new ClipboardEvent('paste', {bubbles: true, cancelable: true});
          return field.dispatchEvent(event);
        }"""
    )
    assert allowed is True
    assert browser_page.get_attribute("#id_password", "autocomplete") == "current-password"


def test_log_in_and_log_out_in_the_browser(browser_page):
    member_with_email()
    log_in(browser_page)
    assert browser_page.url == browser_page.base_url + "/"
    assert browser_page.get_by_role("status").inner_text() == "You are logged in."
    with browser_page.expect_navigation(url=browser_page.base_url + "/"):
        browser_page.get_by_role("button", name="Log out").click()
    assert browser_page.get_by_role("status").inner_text() == "You are logged out."
    assert browser_page.get_by_role("link", name="Log in").is_visible()


def test_two_factor_log_in_pages_are_accessible(browser_page):
    facilitator = make_facilitator(
        username="mel@example.org", email="mel@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(
        user=facilitator, email=facilitator.email, verified=True, primary=True
    )
    log_in(browser_page, email="mel@example.org")
    assert browser_page.locator("h1").inner_text() == "Type the code from your phone"
    assert_current_page_accessible(browser_page)
    browser_page.get_by_label("Code from the app on your phone").fill(totp_code())
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Log in").click()
    assert_accessible(browser_page, "/accounts/2fa/")
    assert_accessible(browser_page, "/accounts/2fa/reauthenticate/")


def test_setting_up_the_app_on_a_phone_is_accessible(browser_page):
    facilitator = make_facilitator(
        username="mel@example.org", email="mel@example.org", password=PASSWORD, two_factor=False
    )
    EmailAddress.objects.create(
        user=facilitator, email=facilitator.email, verified=True, primary=True
    )
    log_in(browser_page, email="mel@example.org")
    browser_page.goto(browser_page.base_url + "/admin/")
    # The admin says why; allauth asks for the password again before the set-up page opens.
    assert browser_page.get_by_role("status").inner_text() == (
        "To use the admin, you need a code from your phone. Please set this up first."
    )
    browser_page.get_by_label("Your password").fill(PASSWORD)
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Carry on").click()
    assert browser_page.locator("h1").inner_text() == "Set up the app on your phone"
    assert browser_page.get_by_text("You need this to use the admin.").is_visible()
    assert_current_page_accessible(browser_page)
    secret = browser_page.get_by_label(
        "Cannot read the square? Type this into the app"
    ).input_value()
    browser_page.get_by_label("Code from the app on your phone").fill(totp_code(secret))
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Set it up").click()
    assert browser_page.locator("h1").inner_text() == "Your recovery codes"
    assert_current_page_accessible(browser_page)
    with browser_page.expect_navigation():
        browser_page.get_by_role("link", name="Go to the admin").click()
    assert browser_page.locator("h1").inner_text() == "What would you like to do?"
