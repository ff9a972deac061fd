"""The admin: allauth's log-in page (with its rate limits) and a code from a phone app for staff."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from spirit.adapter import TOO_MANY_TRIES
from spirit.middleware import StaffTwoFactorMiddleware
from tests.factories import make_facilitator, make_member, totp_code
from tests.spirit.test_easy_read_words import assert_easy_read, sentences_in_main

pytestmark = pytest.mark.django_db

PASSWORD = "bright-kettle-morning-42"
SET_UP = reverse("mfa_activate_totp")


def facilitator(email="mel@example.org", **overrides):
    user = make_facilitator(username=email, email=email, password=PASSWORD, **overrides)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in_with_password(client, email="mel@example.org", password=PASSWORD, next_url="/admin/"):
    return client.post(
        f"{reverse('account_login')}?next={next_url}", {"login": email, "password": password}
    )


def open_set_up(client, password=PASSWORD):
    """The set-up page asks for the password again first (allauth), then opens."""
    asked = client.get(SET_UP)
    assert (
        asked["Location"]
        == f"{reverse('account_reauthenticate')}?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    )
    assert client.post(asked["Location"], {"password": password})["Location"] == SET_UP
    return client.get(SET_UP)


# --- The admin's log-in page is allauth's ---------------------------------------------------


def test_the_admin_log_in_page_sends_people_to_the_portals_log_in_page(client):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"


def test_30_wrong_passwords_and_then_the_right_one_at_the_admin_log_in_page_log_nobody_in(
    client,
):
    mel = facilitator()
    for _ in range(30):
        client.post(reverse("admin:login"), {"username": mel.username, "password": "guess"})
    response = client.post(reverse("admin:login"), {"username": mel.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert SESSION_KEY not in client.session
    assert client.get("/admin/")["Location"] == f"{reverse('admin:login')}?next=/admin/"


def test_wrong_passwords_for_the_admin_are_stopped_after_5_tries(client):
    facilitator()
    for _ in range(5):
        log_in_with_password(client, password="guess")
    response = log_in_with_password(client)
    assert response.status_code == 200
    assert TOO_MANY_TRIES in response.content.decode()
    assert SESSION_KEY not in client.session


# --- Logging in with a code -----------------------------------------------------------------


def test_a_facilitator_logs_in_with_a_password_and_a_code_then_the_admin_opens(client):
    mel = facilitator()
    response = log_in_with_password(client)
    assert response["Location"] == reverse("mfa_authenticate")
    assert SESSION_KEY not in client.session
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "<h1>Type the code from your phone</h1>" in page
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response["Location"] == "/admin/"
    assert client.session[SESSION_KEY] == str(mel.pk)
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert "What would you like to do?" in admin.content.decode()


def test_a_wrong_code_does_not_log_in(client):
    facilitator()
    log_in_with_password(client)
    wrong = "000000" if totp_code() != "000000" else "111111"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert "This code is wrong. Please look at the app and type the new code." in (
        response.content.decode()
    )
    assert SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_code_cannot_be_used_twice(client):
    facilitator()
    code = totp_code()
    log_in_with_password(client)
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.post(reverse("account_logout"))
    log_in_with_password(client)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_a_recovery_code_logs_in_once_without_the_phone(client):
    mel = facilitator()
    codes = RecoveryCodes.activate(mel).generate_codes()
    log_in_with_password(client)
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert response["Location"] == "/admin/"
    assert client.session[SESSION_KEY] == str(mel.pk)
    client.post(reverse("account_logout"))
    log_in_with_password(client)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert SESSION_KEY not in client.session


# --- Staff without the app are sent to set it up ---------------------------------------------


@pytest.mark.parametrize(
    "role",
    ["facilitator", "superuser", "staff"],
)
@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/seminars/registration/", "/admin/spirit/user/", "/admin/login/"]
)
def test_staff_without_the_app_are_sent_to_set_it_up_before_any_admin_page(client, role, path):
    if role == "facilitator":
        user = make_facilitator(two_factor=False)
    else:
        user = make_member(is_staff=True, is_superuser=role == "superuser", two_factor=False)
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == SET_UP


def test_the_set_up_page_says_why(client):
    user = make_facilitator(two_factor=False, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    log_in_with_password(client, email=user.email)
    assert client.get("/admin/")["Location"] == SET_UP
    page = open_set_up(client).content.decode()
    assert StaffTwoFactorMiddleware.MESSAGE in page
    assert "<h1>Set up the app on your phone</h1>" in page


def test_members_pages_stay_open_to_staff_without_the_app(client):
    client.force_login(make_facilitator(two_factor=False))
    assert client.get("/").status_code == 200
    assert client.get("/your-information/").status_code == 200


def test_a_facilitator_sets_up_the_app_sees_recovery_codes_then_the_admin_opens(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    mel = facilitator(two_factor=False)
    assert log_in_with_password(client)["Location"] == "/admin/"
    assert client.get("/admin/")["Location"] == SET_UP
    page = open_set_up(client).content.decode()
    secret = client.session[SECRET_SESSION_KEY]
    assert f'value="{secret}"' in page
    assert 'src="data:image/svg+xml;base64,' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SET_UP, {"code": totp_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert len(re.findall(r"<li><code>\d{8}</code></li>", codes_page)) == 10
    assert Authenticator.objects.filter(user=mel, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200
    assert [message.subject for message in mailoutbox] == [
        "SPIRIT: You log in with a code from your phone now"
    ]
    assert "Now you type a code from the app each time you log in." in mailoutbox[0].body


def test_a_wrong_first_code_does_not_set_up_the_app(client):
    mel = facilitator(two_factor=False)
    log_in_with_password(client)
    open_set_up(client)
    secret = client.session[SECRET_SESSION_KEY]
    wrong = "000000" if totp_code(secret) != "000000" else "111111"
    response = client.post(SET_UP, {"code": wrong})
    assert "This code is wrong. Please look at the app and type the new code." in (
        response.content.decode()
    )
    assert not Authenticator.objects.filter(user=mel).exists()


# --- Lost phone -----------------------------------------------------------------------------


def test_remove_two_factor_lets_a_facilitator_who_lost_their_phone_set_it_up_again(client):
    mel = facilitator()
    RecoveryCodes.activate(mel)
    call_command("remove_two_factor", "MEL@example.org")
    assert not Authenticator.objects.filter(user=mel).exists()
    assert log_in_with_password(client)["Location"] == "/admin/"
    assert client.get("/admin/")["Location"] == SET_UP


def test_remove_two_factor_says_when_there_is_no_such_account():
    with pytest.raises(CommandError, match="No account has the email address nobody@example.org"):
        call_command("remove_two_factor", "nobody@example.org")


def test_a_superuser_can_remove_a_facilitators_app_in_the_admin(admin_client):
    mel = facilitator()
    authenticator = Authenticator.objects.get(user=mel)
    url = reverse("admin:mfa_authenticator_delete", args=[authenticator.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Authenticator.objects.filter(user=mel).exists()


def test_the_admin_never_shows_the_secret_of_an_app(admin_client):
    mel = facilitator()
    authenticator = Authenticator.objects.get(user=mel)
    url = reverse("admin:mfa_authenticator_change", args=[authenticator.pk])
    page = admin_client.get(url).content.decode()
    assert authenticator.data["secret"] not in page


# --- Easy read ------------------------------------------------------------------------------


def test_the_two_factor_pages_use_short_sentences(client):
    mel = facilitator()
    RecoveryCodes.activate(mel)
    log_in_with_password(client)
    pages = [client.get(reverse("mfa_authenticate"))]
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    pages.append(client.get(reverse("mfa_reauthenticate")))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    for name in [
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_deactivate_totp",
    ]:
        pages.append(client.get(reverse(name)))
    Authenticator.objects.filter(user=mel).delete()
    pages.append(client.get(SET_UP))
    for page in pages:
        assert page.status_code == 200, page.request["PATH_INFO"]
        assert_easy_read(sentences_in_main(page))
