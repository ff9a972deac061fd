"""Security headers on every response (issue 8), with the production settings."""

import json

import pytest
from django.templatetags.static import static
from django.urls import reverse

from tests.factories import make_member
from tests.spirit.test_settings import PRODUCTION_SECRET, run_manage

pytestmark = pytest.mark.django_db

PRODUCTION_SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
]


@pytest.fixture(scope="module")
def production_security_settings():
    """The security settings exactly as production (DEBUG off) computes them."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {PRODUCTION_SECURITY_SETTINGS!r}}}))"
    )
    result = run_manage(
        "shell",
        "-c",
        code,
        DEBUG="false",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="spirit.example.org",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, production_security_settings):
    for name, value in production_security_settings.items():
        setattr(settings, name, value)
    settings.ALLOWED_HOSTS = ["spirit.example.org"]
    return settings


def https_get(client, path, **kwargs):
    return client.get(path, secure=True, headers={"host": "spirit.example.org"}, **kwargs)


def assert_strict_content_security_policy(policy: str):
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_production_settings_turn_on_https_only_rules(production_security_settings):
    assert production_security_settings == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_a_page_response_has_every_security_header(client, production):
    response = https_get(client, reverse("account_login"))
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert_strict_content_security_policy(response["Content-Security-Policy"])
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert permissions[feature] == "()"
    assert permissions["fullscreen"] == "(self)"


def test_the_csrf_cookie_is_secure_http_only_and_same_site(client, production):
    csrf = https_get(client, reverse("account_login")).cookies["csrftoken"]
    assert (csrf["secure"], csrf["httponly"], csrf["samesite"]) == (True, True, "Lax")


def test_the_session_and_message_cookies_made_by_logging_in_are_secure(client, production):
    from allauth.account.models import EmailAddress

    member = make_member(username="bo@example.org", email="bo@example.org", password="pw-9-long-x")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    https_get(client, reverse("account_login"))
    response = client.post(
        reverse("account_login"),
        {"login": "bo@example.org", "password": "pw-9-long-x"},
        secure=True,
        headers={"host": "spirit.example.org"},
    )
    assert response.status_code == 302
    for name in ["sessionid", "messages"]:
        cookie = response.cookies[name]
        assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax")


def test_plain_http_is_sent_to_https(client, production):
    response = client.get("/", headers={"host": "spirit.example.org"})
    assert response.status_code == 301
    assert response["Location"] == "https://spirit.example.org/"


def test_not_found_and_error_pages_have_the_headers_too(client, production):
    response = https_get(client, "/no-such-page/")
    assert response.status_code == 404
    assert_strict_content_security_policy(response["Content-Security-Policy"])
    assert response["X-Frame-Options"] == "DENY"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_static_files_have_the_headers_too(client, production):
    response = https_get(client, static("css/spirit.css"))
    response.close()
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == (
        "default-src 'none'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'"
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_a_form_sent_without_its_safety_code_gets_an_easy_read_page():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        reverse("account_login"), {"login": "ann@example.org", "password": "x"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Please send the form again</h1>" in html
    assert "<title>Please send the form again – SPIRIT</title>" in html
