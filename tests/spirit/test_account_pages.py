"""Accounts in easy read: sign up, confirm, log in and out, new password, errors, rate limits."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from spirit.adapter import TOO_MANY_TRIES
from tests.factories import make_member

pytestmark = pytest.mark.django_db

PASSWORD = "bright-kettle-morning-42"
LINK = re.compile(r"^(http://\S+)$", re.MULTILINE)


def verified_member(email="ann@example.org", password=PASSWORD):
    member = make_member(username=email, email=email, password=password)
    EmailAddress.objects.create(user=member, email=email, verified=True, primary=True)
    return member


def link_in(message) -> str:
    """The one web address in an email, as a path the test client can open."""
    links = LINK.findall(message.body)
    assert len(links) == 1, message.body
    return re.sub(r"^https?://[^/]+", "", links[0])


def main_text(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def assert_easy_read_email(message):
    """Short lines and short sentences: every sentence of the email has at most 15 words."""
    assert message.subject.startswith("SPIRIT: ")
    for sentence in re.split(r"[.?!]\s|\n", message.body):
        assert len(sentence.split()) <= 15, sentence


# --- Sign up, confirm, log in, log out ------------------------------------------------------


def test_sign_up_confirm_log_in_and_log_out(client, mailoutbox, django_user_model):
    response = client.post(
        reverse("account_signup"),
        {"email": "Ann@Example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    check_page = client.get(response["Location"])
    assert "<h1>Check your email</h1>" in main_text(check_page)

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["ann@example.org"]
    assert email.subject == "SPIRIT: Please check your email address"
    assert email.body.startswith("Hello.\n\nSomeone wants to use this email address")
    assert_easy_read_email(email)

    confirm_url = link_in(email)
    confirm_page = client.get(confirm_url)
    assert "<h1>Is this your email address?</h1>" in main_text(confirm_page)
    assert "Your email address is ann@example.org" in main_text(confirm_page)
    assert not EmailAddress.objects.get(email="ann@example.org").verified
    confirmed = client.post(confirm_url)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="ann@example.org").verified

    logged_in = client.post(
        reverse("account_login"), {"login": "ann@example.org", "password": PASSWORD}, follow=True
    )
    member = django_user_model.objects.get(email="ann@example.org")
    assert client.session[SESSION_KEY] == str(member.pk)
    assert logged_in.redirect_chain[-1][0] == reverse("home")
    assert "You are logged in." in logged_in.content.decode()

    confirm_log_out = client.get(reverse("account_logout"))
    assert "<h1>Log out</h1>" in main_text(confirm_log_out)
    assert SESSION_KEY in client.session
    logged_out = client.post(reverse("account_logout"), follow=True)
    assert SESSION_KEY not in client.session
    assert "You are logged out." in logged_out.content.decode()


def test_log_in_before_confirming_sends_the_email_again(client, mailoutbox):
    member = make_member(username="bo@example.org", email="bo@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=member, email=member.email, verified=False, primary=True)
    response = client.post(
        reverse("account_login"), {"login": "bo@example.org", "password": PASSWORD}
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    assert SESSION_KEY not in client.session
    assert [message.subject for message in mailoutbox] == [
        "SPIRIT: Please check your email address"
    ]


def test_signing_up_with_a_used_address_emails_the_owner_and_says_nothing(client, mailoutbox):
    verified_member("cy@example.org")
    response = client.post(
        reverse("account_signup"),
        {"email": "cy@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    assert [message.subject for message in mailoutbox] == ["SPIRIT: You have an account already"]
    assert_easy_read_email(mailoutbox[0])
    assert link_in(mailoutbox[0]) == reverse("account_reset_password")


def test_an_old_confirmation_link_says_it_does_not_work(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))
    assert response.status_code == 200
    assert "<h1>This link does not work</h1>" in main_text(response)
    assert title(response) == "This link does not work – SPIRIT"


# --- New password -------------------------------------------------------------------------


def test_forgot_password_end_to_end(client, mailoutbox):
    member = verified_member()
    response = client.post(reverse("account_reset_password"), {"email": "ann@example.org"})
    assert response["Location"] == reverse("account_reset_password_done")
    assert "<h1>Check your email</h1>" in main_text(client.get(response["Location"]))

    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "SPIRIT: Choose a new password"
    assert_easy_read_email(mailoutbox[0])
    key_page = client.get(link_in(mailoutbox[0]), follow=True)
    assert "<h1>Choose a new password</h1>" in main_text(key_page)

    new_password = "quiet-river-station-77"
    done = client.post(
        key_page.redirect_chain[-1][0],
        {"password1": new_password, "password2": new_password},
        follow=True,
    )
    assert "<h1>Your password is changed</h1>" in main_text(done)
    member.refresh_from_db()
    assert member.check_password(new_password)

    client.post(reverse("account_login"), {"login": "ann@example.org", "password": new_password})
    assert client.session[SESSION_KEY] == str(member.pk)


def test_a_used_password_link_says_it_does_not_work(client):
    response = client.get("/accounts/password/reset/key/zz-not-a-token/")
    assert response.status_code == 200
    assert "<h1>This link does not work</h1>" in main_text(response)
    assert f'href="{reverse("account_reset_password")}"' in main_text(response)


def test_forgot_password_for_an_unknown_address_emails_that_address(client, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("account_reset_password_done")
    assert [message.subject for message in mailoutbox] == [
        "SPIRIT: We do not know this email address"
    ]
    assert_easy_read_email(mailoutbox[0])


def test_change_password_when_logged_in(client):
    member = verified_member()
    client.force_login(member)
    page = client.get(reverse("account_change_password"))
    assert "<h1>Change your password</h1>" in main_text(page)
    wrong = client.post(
        reverse("account_change_password"),
        {"oldpassword": "not-it", "password1": "x-new-pass-99", "password2": "x-new-pass-99"},
    )
    assert title(wrong).startswith("Error: Change your password")
    assert "This is not your password now. Please type it again." in main_text(wrong)
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "x-new-pass-99", "password2": "x-new-pass-99"},
    )
    member.refresh_from_db()
    assert member.check_password("x-new-pass-99")


# --- Errors next to the field -------------------------------------------------------------


def test_log_in_with_a_wrong_password_shows_the_error_and_keeps_the_email(client):
    verified_member()
    response = client.post(
        reverse("account_login"), {"login": "ann@example.org", "password": "wrong-one"}
    )
    assert response.status_code == 200
    assert title(response) == "Error: Log in – SPIRIT"
    main = main_text(response)
    message = "The email address or the password is wrong. Please check them."
    assert '<h2 id="error-summary-title">There is a problem</h2>' in main
    assert f'<li><a href="#id_login">{message}</a></li>' in main
    assert f'<span class="visually-hidden">Error:</span> {message}' in main
    assert 'value="ann@example.org"' in main
    assert "wrong-one" not in main
    assert SESSION_KEY not in client.session


def test_sign_up_errors_are_next_to_each_field_and_in_the_summary(client):
    response = client.post(
        reverse("account_signup"), {"email": "ann at example", "password1": "", "password2": ""}
    )
    assert title(response) == "Error: Sign up – SPIRIT"
    errors = re.findall(r'<li><a href="#(id_\w+)">(.*?)</a></li>', main_text(response))
    assert errors == [
        ("id_email", "Type an email address like name@example.org."),
        ("id_password1", "Choose a password."),
        ("id_password2", "Type your password again."),
    ]
    main = main_text(response)
    assert 'value="ann at example"' in main
    assert (
        '<p class="error-message" id="id_email_error"><span class="visually-hidden">Error:</span> '
        "Type an email address like name@example.org. </p>"
    ) in main
    assert 'aria-describedby="id_email_helptext id_email_error"' in main


@pytest.mark.parametrize(
    ("password1", "password2", "field", "message"),
    [
        ("short1", "short1", "id_password1", "This password is too short."),
        ("password123", "password123", "id_password1", "Lots of people use this password."),
        ("4815162342108", "4815162342108", "id_password1", "This password is only numbers."),
        (PASSWORD, PASSWORD + "x", "id_password2", "The 2 passwords are different."),
    ],
)
def test_sign_up_explains_what_is_wrong_with_a_password(
    client, password1, password2, field, message
):
    response = client.post(
        reverse("account_signup"),
        {"email": "dee@example.org", "password1": password1, "password2": password2},
    )
    assert response.status_code == 200
    summary = re.findall(r'<li><a href="#(id_\w+)">(.*?)</a></li>', main_text(response))
    assert summary[0][0] == field
    assert summary[0][1].startswith(message)
    assert 'value="dee@example.org"' in main_text(response)


def test_forms_have_plain_labels_hints_and_autocomplete(client):
    login = main_text(client.get(reverse("account_login")))
    assert '<label for="id_login">Your email address</label>' in login
    assert 'type="email" name="login" autocomplete="email"' in login
    assert 'name="password" autocomplete="current-password"' in login
    assert "placeholder" not in login
    assert "Forgot your password?</a>" in login
    signup = main_text(client.get(reverse("account_signup")))
    assert signup.count('autocomplete="new-password"') == 2
    assert '<label for="id_password1">Choose a password</label>' in signup
    assert (
        '<p class="hint" id="id_password1_helptext">Use 8 letters or numbers or more. '
        "Choose a password that is hard to guess.</p>"
    ) in signup
    assert "placeholder" not in signup
    # Nothing stops pasting (a password manager, or a password kept in a note).
    assert "onpaste" not in login + signup


# --- Rate limits --------------------------------------------------------------------------


def test_rate_limits_are_on_for_log_in_sign_up_and_new_passwords():
    limits = settings.ACCOUNT_RATE_LIMITS
    assert {"login", "login_failed", "signup", "reset_password"} <= limits.keys()
    assert limits["login_failed"] == "10/m/ip,5/5m/key"


def test_too_many_failed_log_ins_gives_the_too_many_tries_message(client):
    verified_member()
    for _ in range(5):
        response = client.post(
            reverse("account_login"), {"login": "ann@example.org", "password": "guess"}
        )
        assert TOO_MANY_TRIES not in response.content.decode()
    # Even the right password is refused until the wait is over.
    response = client.post(
        reverse("account_login"), {"login": "ann@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert title(response).startswith("Error: ")
    assert f'<li><a href="#id_login">{TOO_MANY_TRIES}</a></li>' in main_text(response)
    assert SESSION_KEY not in client.session


def test_one_visitors_failed_log_ins_behind_the_proxy_do_not_lock_out_another(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    verified_member("ann@example.org")
    verified_member("bob@example.org")
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    intruder, bob = Client(), Client()
    for number in range(10):
        intruder.post(
            reverse("account_login"),
            {"login": f"guess{number}@example.org", "password": "guess"},
            HTTP_X_FORWARDED_FOR="203.0.113.66",
            **proxy,
        )
    refused = intruder.post(
        reverse("account_login"),
        {"login": "ann@example.org", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.66",
        **proxy,
    )
    response = bob.post(
        reverse("account_login"),
        {"login": "bob@example.org", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    assert f'<li><a href="#id_login">{TOO_MANY_TRIES}</a></li>' in main_text(refused)
    assert response.status_code == 302
    assert bob.session[SESSION_KEY] == str(
        EmailAddress.objects.get(email="bob@example.org").user_id
    )


def test_too_many_password_emails_gives_the_easy_read_too_many_tries_page(client, mailoutbox):
    verified_member()
    for _ in range(5):
        client.post(reverse("account_reset_password"), {"email": "ann@example.org"})
    response = client.post(reverse("account_reset_password"), {"email": "ann@example.org"})
    assert response.status_code == 429
    assert "<h1>Too many tries</h1>" in main_text(response)
    assert "Please wait 5 minutes." in main_text(response)
    assert len(mailoutbox) == 5


def test_too_many_sign_ups_gives_the_easy_read_too_many_tries_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    for _ in range(2):
        assert client.post(reverse("account_signup"), {"email": ""}).status_code == 200
    response = client.post(reverse("account_signup"), {"email": ""})
    assert response.status_code == 429
    assert title(response) == "Too many tries – SPIRIT"


# --- Email addresses ----------------------------------------------------------------------


def test_a_member_can_add_an_email_address_and_is_sent_a_check(client, mailoutbox):
    member = verified_member()
    client.force_login(member)
    page = client.get(reverse("account_email"))
    assert "<h1>Your email addresses</h1>" in main_text(page)
    assert "ann@example.org" in main_text(page)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "ann.work@example.org"}, follow=True
    )
    assert list(member.emailaddress_set.order_by("email").values_list("email", "verified")) == [
        ("ann.work@example.org", False),
        ("ann@example.org", True),
    ]
    assert "We have sent an email to ann.work@example.org." in response.content.decode()
    assert [message.to for message in mailoutbox] == [
        ["ann.work@example.org"],
        ["ann@example.org"],
    ]
    assert mailoutbox[1].subject == "SPIRIT: Someone added an email address"
    assert_easy_read_email(mailoutbox[1])


def test_adding_a_bad_email_address_shows_the_error(client):
    client.force_login(verified_member())
    response = client.post(reverse("account_email"), {"action_add": "", "email": "nope"})
    assert title(response).startswith("Error: ")
    assert 'value="nope"' in main_text(response)
    assert "Type an email address like name@example.org." in main_text(response)


def test_pages_that_need_an_account_send_visitors_to_log_in(client):
    for name in ["account_email", "account_change_password", "account_logout"]:
        response = client.get(reverse(name))
        if name == "account_logout":
            assert response.status_code == 302
            assert response["Location"] == "/"
        else:
            assert response["Location"].startswith(reverse("account_login"))


# --- Lookalike email addresses (full-width letters) ----------------------------------------
FULL_WIDTH = "cy@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.org"  # cy@ｅｘａｍｐｌｅ.org


def test_signing_up_with_a_lookalike_of_a_used_address_makes_no_second_account(
    client, mailoutbox, django_user_model
):
    verified_member("cy@example.org")
    response = client.post(
        reverse("account_signup"),
        {"email": FULL_WIDTH, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    assert list(django_user_model.objects.values_list("email", flat=True)) == ["cy@example.org"]
    assert EmailAddress.objects.count() == 1
    assert [(message.subject, message.to) for message in mailoutbox] == [
        ("SPIRIT: You have an account already", ["cy@example.org"])
    ]


def test_a_new_account_keeps_its_address_in_its_plain_form(client, django_user_model):
    client.post(
        reverse("account_signup"),
        {"email": FULL_WIDTH, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert list(EmailAddress.objects.values_list("email", flat=True)) == ["cy@example.org"]
    assert list(django_user_model.objects.values_list("email", flat=True)) == ["cy@example.org"]


def test_adding_a_lookalike_of_an_address_already_on_the_account_is_refused(client):
    member = verified_member("cy@example.org")
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("account_email"), {"action_add": "", "email": FULL_WIDTH})
    assert "This email address is already on your account." in main_text(response)
    assert list(member.emailaddress_set.values_list("email", flat=True)) == ["cy@example.org"]


def test_a_lookalike_of_someone_elses_address_is_kept_plain_and_unchecked(client, mailoutbox):
    """allauth says nothing (no enumeration); the check goes to the real owner, unchecked
    addresses prove nothing, and a checked address cannot be checked by a second account."""
    verified_member("cy@example.org")
    member = verified_member()
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.post(reverse("account_email"), {"action_add": "", "email": FULL_WIDTH})
    assert list(member.emailaddress_set.order_by("email").values_list("email", "verified")) == [
        ("ann@example.org", True),
        ("cy@example.org", False),
    ]
    assert mailoutbox[0].to == ["cy@example.org"]


def test_a_lookalike_address_logs_in_to_the_same_account(client):
    member = verified_member("cy@example.org")
    response = client.post(reverse("account_login"), {"login": FULL_WIDTH, "password": PASSWORD})
    assert response["Location"] == reverse("home")
    assert client.session[SESSION_KEY] == str(member.pk)


@pytest.mark.parametrize("name", ["account_login", "account_signup"])
def test_log_in_and_sign_up_say_what_an_account_is_for(client, name):
    text = main_text(client.get(reverse(name)))
    assert "With an account you can tell us what happened to you." in text
    assert "You can say: this happens to me too." in text
    assert "You can see your seminar places." in text


def test_confirming_the_email_in_the_same_browser_logs_you_in(
    client, mailoutbox, django_user_model
):
    client.post(
        reverse("account_signup"),
        {"email": "bea@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert SESSION_KEY not in client.session
    confirmed = client.post(link_in(mailoutbox[0]), follow=True)
    member = django_user_model.objects.get(email="bea@example.org")
    assert client.session[SESSION_KEY] == str(member.pk)
    assert "You are logged in." in confirmed.content.decode()


def test_confirming_the_email_in_another_browser_does_not_log_you_in(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {"email": "cy@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    other = Client()
    other.post(link_in(mailoutbox[0]))
    assert EmailAddress.objects.get(email="cy@example.org").verified
    assert SESSION_KEY not in other.session
