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


def test_a_facilitator_can_open_the_admin(client):
    from tests.factories import make_facilitator

    client.force_login(make_facilitator())
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "What would you like to change?" in response.content.decode()


def test_a_member_cannot_open_the_admin(client):
    from tests.factories import make_member

    client.force_login(make_member())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
