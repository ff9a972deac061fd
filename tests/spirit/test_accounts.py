import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError

from spirit.apps import FACILITATORS

pytestmark = pytest.mark.django_db


def test_migration_makes_the_facilitators_group():
    assert Group.objects.filter(name=FACILITATORS).exists()


def test_facilitators_may_change_every_model_of_the_three_apps():
    group = Group.objects.get(name=FACILITATORS)
    expected = set(
        Permission.objects.filter(
            content_type__app_label__in=["evidence", "meetings", "seminars"]
        ).values_list("codename", flat=True)
    )
    granted = set(group.permissions.values_list("codename", flat=True))
    assert expected <= granted
    assert not group.permissions.filter(content_type__app_label="auth").exists()


def test_make_facilitator_makes_a_staff_account_in_the_group(django_user_model):
    call_command("make_facilitator", "Mel@Example.org", "--password", "a-long-password-1")
    user = django_user_model.objects.get(email="mel@example.org")
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [FACILITATORS]
    assert user.check_password("a-long-password-1")
    assert user.emailaddress_set.get().verified


def test_make_facilitator_twice_updates_the_same_account(django_user_model):
    call_command("make_facilitator", "mel@example.org", "--password", "first-password-1")
    call_command("make_facilitator", "mel@example.org", "--password", "second-password-2")
    assert django_user_model.objects.filter(email="mel@example.org").count() == 1
    assert django_user_model.objects.get().check_password("second-password-2")


def test_make_facilitator_refuses_something_that_is_not_an_email():
    with pytest.raises(CommandError, match="is not an email address"):
        call_command("make_facilitator", "not-an-email", "--password", "x-long-password")


def test_make_facilitator_refuses_a_weak_password(django_user_model):
    with pytest.raises(CommandError) as refused:
        call_command("make_facilitator", "weak@example.org", "--password", "1")
    assert str(refused.value) == (
        "This password is not safe enough. "
        "This password is too short. It must contain at least 8 characters. "
        "This password is too common. "
        "This password is entirely numeric."
    )
    assert not django_user_model.objects.filter(email="weak@example.org").exists()


def test_make_facilitator_refuses_a_password_like_the_email_address(django_user_model):
    call_command("make_facilitator", "mel.jones@example.org", "--password", "first-password-1")
    with pytest.raises(CommandError, match="too similar to the username"):
        call_command("make_facilitator", "mel.jones@example.org", "--password", "mel.jones")
    assert django_user_model.objects.get().check_password("first-password-1")


def test_createsuperuser_refuses_a_weak_password_from_the_environment(
    django_user_model, monkeypatch
):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "1")
    with pytest.raises(
        CommandError, match="This password is not safe enough. This password is too"
    ):
        call_command(
            "createsuperuser", "--noinput", "--username", "boss", "--email", "boss@example.org"
        )
    assert not django_user_model.objects.filter(username="boss").exists()


def test_createsuperuser_takes_a_strong_password_from_the_environment(
    django_user_model, monkeypatch
):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "bright-kettle-morning-42")
    call_command(
        "createsuperuser", "--noinput", "--username", "boss", "--email", "boss@example.org"
    )
    assert django_user_model.objects.get(username="boss").check_password("bright-kettle-morning-42")


def test_a_facilitator_can_open_the_admin(client):
    from tests.factories import make_facilitator

    client.force_login(make_facilitator())
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "What would you like to do?" in response.content.decode()


def test_a_member_cannot_open_the_admin(client):
    from tests.factories import make_member

    client.force_login(make_member())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# --- How long a login lasts ---------------------------------------------------------------


def log_in(client, user, password="a-long-test-password"):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code == 302
    if response["Location"] == "/accounts/2fa/authenticate/":  # staff: the code from the phone
        from tests.factories import totp_code

        response = client.post(response["Location"], {"code": totp_code()})
        assert response.status_code == 302
    return response


@pytest.mark.parametrize("role", ["facilitator", "superuser"])
def test_a_staff_login_lasts_at_most_12_hours(client, role):
    from tests.factories import make_facilitator, make_member

    user = (
        make_facilitator()
        if role == "facilitator"
        else make_member(is_staff=True, is_superuser=True)
    )
    response = log_in(client, user)
    assert response.cookies["sessionid"]["max-age"] in (12 * 60 * 60, 12 * 60 * 60 - 1)
    assert 12 * 60 * 60 - 5 <= client.session.get_expiry_age() <= 12 * 60 * 60
    # Busy all day: each visit does not make it longer.
    client.get("/admin/")
    assert client.session.get_expiry_age() <= 12 * 60 * 60


def test_a_members_login_lasts_2_weeks(client, settings):
    from tests.factories import make_member

    response = log_in(client, make_member())
    assert response.cookies["sessionid"]["max-age"] == 14 * 24 * 60 * 60
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 14 * 24 * 60 * 60


# --- Notices about changes, and the password asked again ------------------------------------


def test_changing_the_password_sends_an_easy_read_notice(client, mailoutbox):
    from tests.factories import make_member

    member = make_member(username="ann@example.org", email="ann@example.org")
    log_in(client, member)
    client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "a-long-test-password",
            "password1": "x-new-pass-99",
            "password2": "x-new-pass-99",
        },
    )
    [notice] = mailoutbox
    assert notice.to == ["ann@example.org"]
    assert notice.subject == "SPIRIT: Your password is changed"
    assert "You have a new password." in notice.body
    assert "Please tell a facilitator straight away." in notice.body


def test_adding_an_email_address_asks_for_the_password_and_tells_the_checked_address(
    client, mailoutbox
):
    from allauth.account.models import EmailAddress

    from tests.factories import make_member

    member = make_member(username="ann@example.org", email="ann@example.org")
    log_in(client, member)
    asked = client.post("/accounts/email/", {"action_add": "", "email": "victim@example.org"})
    assert asked["Location"] == "/accounts/reauthenticate/?next=%2Faccounts%2Femail%2F"
    assert not EmailAddress.objects.filter(email="victim@example.org").exists()
    client.post(asked["Location"], {"password": "a-long-test-password"})
    assert EmailAddress.objects.get(email="victim@example.org").verified is False
    notices = {tuple(message.to): message for message in mailoutbox}
    assert set(notices) == {("victim@example.org",), ("ann@example.org",)}
    notice = notices[("ann@example.org",)]
    assert notice.subject == "SPIRIT: Someone added an email address"
    assert "Someone added victim@example.org to your account." in notice.body
    assert "Please tell a facilitator straight away." in notice.body


def test_choosing_a_new_main_address_tells_the_old_one(client, mailoutbox):
    from allauth.account.models import EmailAddress

    from tests.factories import make_member

    member = make_member(username="ann@example.org", email="ann@example.org")
    log_in(client, member)
    EmailAddress.objects.create(user=member, email="ann.work@example.org", verified=True)
    client.post("/accounts/reauthenticate/", {"password": "a-long-test-password"})
    client.post("/accounts/email/", {"action_primary": "", "email": "ann.work@example.org"})
    [notice] = mailoutbox
    assert notice.to == ["ann@example.org"]
    assert notice.subject == "SPIRIT: Your email address is changed"
    assert "Now it is ann.work@example.org." in notice.body


# --- Lookalike email addresses --------------------------------------------------------------
FULL_WIDTH = "someone@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.org"  # someone@ｅｘａｍｐｌｅ.org


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        (FULL_WIDTH, "someone@example.org"),
        ("\uff33\uff4f\uff4d\uff45\uff4f\uff4e\uff45\uff20example.org", "someone@example.org"),
        ("  Someone@EXAMPLE.org ", "someone@example.org"),
        ("ann@B\u00fccher.example", "ann@xn--bcher-kva.example"),
        ("ann@xn--bcher-kva.example", "ann@xn--bcher-kva.example"),
        ("not an address", "not an address"),
    ],
)
def test_normalise_email_makes_lookalike_addresses_the_same(typed, normal):
    from core.emails import normalise_email

    assert normalise_email(typed) == normal
    assert normalise_email(normal) == normal
