"""In a real browser: the strict Content Security Policy blocks nothing the portal or the admin needs."""

import pytest
from allauth.account.models import EmailAddress

from tests.factories import make_facilitator, make_member, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "bright-kettle-morning-42"
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


def log_in(page, user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Your email address").fill(user.email)
    page.get_by_label("Your password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    if user.is_staff:  # staff have an authenticator app: step 2 is its code
        page.get_by_label("Code from the app on your phone").fill(totp_code())
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()


def violations_on(page, path):
    response = page.goto(page.base_url + path)
    assert response.status == 200, path
    # Everything the page loads (scripts, styles, pictures, fonts) is in by "load". Not
    # "networkidle": under load it waited 30 s on a busy machine, for nothing more.
    page.wait_for_load_state("load")
    return page.evaluate("window.cspViolations")


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/admin/auth/group/", "/admin/auth/group/add/", "/admin/spirit/user/"],
)
def test_the_admin_works_under_the_content_security_policy(browser_page, path):
    browser_page.add_init_script(RECORD_VIOLATIONS)
    superuser = make_member(
        username="root@example.org",
        email="root@example.org",
        password=PASSWORD,
        is_staff=True,
        is_superuser=True,
    )
    log_in(browser_page, superuser)
    assert violations_on(browser_page, path) == []


def test_the_facilitators_admin_works_under_the_content_security_policy(browser_page):
    browser_page.add_init_script(RECORD_VIOLATIONS)
    log_in(browser_page, make_facilitator(password=PASSWORD))
    for path in [
        "/admin/",
        "/admin/evidence/finding/",
        "/admin/evidence/finding/add/",
        "/admin/meetings/meeting/add/",
        "/admin/seminars/seminar/add/",
        "/admin/seminars/registration/",
    ]:
        assert violations_on(browser_page, path) == [], path


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/"])
def test_member_pages_break_no_rule_of_the_content_security_policy(browser_page, path):
    browser_page.add_init_script(RECORD_VIOLATIONS)
    assert violations_on(browser_page, path) == []


def _serve_in_browser(page, path, html):
    """Let the browser open a page that the test made another way (a fault cannot be reopened)."""
    page.route(
        page.base_url + path,
        lambda route: route.fulfill(status=200, content_type="text/html", body=html),
    )


def test_the_fault_pages_are_accessible(browser_page, settings):
    from django.db import OperationalError, connection
    from django.test import Client
    from django.urls import reverse

    from tests.browser import assert_accessible

    client = Client()
    client.force_login(make_member())

    def database_gone(*args):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(database_gone):
        try_again = client.get(reverse("account_email"))
    assert try_again.status_code == 503
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    anonymous = Client()
    anonymous.post(reverse("account_signup"), {"email": ""})
    too_many = anonymous.post(reverse("account_signup"), {"email": ""})
    assert too_many.status_code == 429
    send_again = Client(enforce_csrf_checks=True).post(reverse("account_login"), {})
    assert send_again.status_code == 403
    for name, response in [("503", try_again), ("429", too_many), ("403", send_again)]:
        _serve_in_browser(browser_page, f"/fault-{name}/", response.content.decode())
        assert_accessible(browser_page, f"/fault-{name}/")
