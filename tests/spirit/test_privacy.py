"""Privacy: the notice, and a member downloading and deleting their own information."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from meetings.models import Attendance, NextStep
from seminars.models import Registration
from seminars.services import sign_up
from tests.factories import make_member
from tests.meetings.factories import make_attendance, make_meeting, make_next_step
from tests.seminars.factories import make_seminar, sign_up_data

pytestmark = pytest.mark.django_db


def main_text(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def type_the_password_again(client):
    """Deleting the account asks for the password again, as allauth does for email changes."""
    response = client.post(reverse("account_reauthenticate"), {"password": "a-long-test-password"})
    assert response.status_code == 302


@pytest.fixture
def ann():
    member = make_member(
        username="ann@example.org", email="ann@example.org", first_name="Ann", last_name="Smith"
    )
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    return member


@pytest.fixture
def ann_everywhere(ann):
    """Ann came to a meeting, has a next step, and signed up for a seminar (logged out)."""
    meeting = make_meeting()
    make_attendance(meeting=meeting, member=ann, name="")
    make_next_step(meeting=meeting, member=ann, what="Ring the council.")
    sign_up(
        make_seminar(),
        **sign_up_data(
            email="ann@example.org", access_needs=["quiet_room"], access_needs_other="No lifts."
        ),
    )
    return ann


def test_the_privacy_notice_is_linked_from_every_page(client, settings):
    home = client.get("/").content.decode()
    assert f'<a href="{reverse("privacy")}">How we use your information</a>' in home
    assert f'<a href="{reverse("your_data")}">Download or delete your information</a>' in home
    page = client.get(reverse("privacy"))
    assert page.status_code == 200
    main = main_text(page)
    assert "<h1>How we use your information</h1>" in main
    assert (
        f"<p>We keep seminar sign-up details for {settings.SEMINARS_RETENTION_DAYS} days "
        "after the seminar.</p>"
    ) in main
    assert "We never sell your information." in main


def test_your_information_needs_an_account(client):
    for name in ["your_data", "download_your_data", "delete_account"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={reverse(name)}"


def test_your_information_page_offers_download_and_delete(client, ann):
    client.force_login(ann)
    main = main_text(client.get(reverse("your_data")))
    assert "<h1>Your information</h1>" in main
    assert "You are logged in as ann@example.org" in main
    assert f'href="{reverse("download_your_data")}" download>Download my information</a>' in main
    assert f'href="{reverse("delete_account")}">Delete my account</a>' in main


def test_a_member_downloads_everything_we_keep_about_them(client, ann_everywhere):
    client.force_login(ann_everywhere)
    response = client.get(reverse("download_your_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="spirit-my-information.json"'
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["account"]["email"] == "ann@example.org"
    assert data["account"]["first_name"] == "Ann"
    assert data["account"]["is_facilitator"] is False
    related = data["related"]
    [registration] = related["seminars.Registration"]
    assert registration["email"] == "ann@example.org"
    assert registration["access_needs"] == ["quiet_room"]
    assert registration["access_needs_other"] == "No lifts."
    assert "token_hash" not in registration and "facilitator_notes" not in registration
    assert [row["status"] for row in related["meetings.Attendance (member)"]] == ["present"]
    assert [row["what"] for row in related["meetings.NextStep (member)"]] == ["Ring the council."]
    assert "password" not in json.dumps(data)
    # The emails we sent them: which, when and whether each went; not the secret link.
    [email] = data["emails"]
    assert email["to"] == "ann@example.org"
    assert email["kind"] == "seminars.confirmed"
    assert email["state"] == "Waiting to be sent"
    assert registration["email"] in json.dumps(data["emails"])
    assert "/seminars/" not in json.dumps(data["emails"])


def test_another_members_data_is_not_in_my_download(client, ann_everywhere):
    other = make_member(username="bo@example.org", email="bo@example.org")
    client.force_login(other)
    data = json.loads(client.get(reverse("download_your_data")).content)
    assert data["account"]["email"] == "bo@example.org"
    assert data["related"] == {"seminars.Registration": []}


def test_deleting_asks_first(client, ann, django_user_model):
    client.force_login(ann)
    type_the_password_again(client)
    page = client.get(reverse("delete_account"))
    assert "<h1>Delete your account</h1>" in main_text(page)
    not_ticked = client.post(reverse("delete_account"), {})
    assert not_ticked.status_code == 200
    assert "<title>Error: Delete your account – SPIRIT</title>" in not_ticked.content.decode()
    assert (
        '<li><a href="#id_is_sure">Tick the box if you want to delete your account.</a></li>'
        in main_text(not_ticked)
    )
    assert django_user_model.objects.filter(pk=ann.pk).exists()


def test_deleting_removes_the_account_and_the_persons_details(
    client, ann_everywhere, django_user_model
):
    client.force_login(ann_everywhere)
    type_the_password_again(client)
    response = client.post(reverse("delete_account"), {"is_sure": "on"}, follow=True)
    assert response.redirect_chain == [(reverse("account_deleted"), 302)]
    assert "<h1>Your account is deleted</h1>" in main_text(response)
    assert SESSION_KEY not in client.session
    assert not django_user_model.objects.filter(email="ann@example.org").exists()
    assert not EmailAddress.objects.filter(email="ann@example.org").exists()
    assert not Attendance.objects.exists()
    assert NextStep.objects.get().member is None
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.access_needs_other) == (
        "",
        None,
        "",
    )
    assert registration.anonymised_at is not None


def test_deleting_needs_a_post(client, ann, django_user_model):
    client.force_login(ann)
    type_the_password_again(client)
    client.get(reverse("delete_account"), {"is_sure": "on"})
    assert django_user_model.objects.filter(pk=ann.pk).exists()


# --- Only a checked (verified) email address links data to an account ----------------------


@pytest.fixture
def victims_sign_up():
    """Vic signed up for a seminar without an account: name, phone and access needs."""
    return sign_up(
        make_seminar(),
        **sign_up_data(
            name="Vic Tim",
            email="victim@example.org",
            phone="07700 900123",
            access_needs=["bsl"],
            access_needs_other="I use a wheelchair.",
            has_support_worker=True,
        ),
    )


@pytest.fixture
def intruder():
    """A new account that added Vic's address at /accounts/email/ and never checked it."""
    member = make_member(username="intruder@example.org", email="intruder@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    EmailAddress.objects.create(user=member, email="victim@example.org", verified=False)
    return member


def test_emails_to_an_unchecked_address_are_not_in_the_download(client, victims_sign_up, intruder):
    client.force_login(intruder)
    data = json.loads(client.get(reverse("download_your_data")).content)
    assert data["emails"] == []


def test_verified_emails_are_only_the_checked_addresses(intruder):
    from core.emails import verified_emails

    assert verified_emails(intruder) == ["intruder@example.org"]


def test_the_account_email_alone_links_nothing_until_it_is_checked(client, victims_sign_up):
    member = make_member(username="victim@example.org", email="victim@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=False, primary=True)
    client.force_login(member)
    data = json.loads(client.get(reverse("download_your_data")).content)
    assert data["related"]["seminars.Registration"] == []


def test_an_unchecked_address_gives_away_no_sign_up_in_the_download(
    client, intruder, victims_sign_up
):
    client.force_login(intruder)
    response = client.get(reverse("download_your_data"))
    data = json.loads(response.content)
    assert data["related"]["seminars.Registration"] == []
    for secret in ["Vic Tim", "07700 900123", "wheelchair"]:
        assert secret not in response.content.decode()


def test_a_second_checked_address_brings_its_sign_ups(client, victims_sign_up):
    member = make_member(username="vic@example.org", email="vic@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    EmailAddress.objects.create(user=member, email="Victim@Example.org", verified=True)
    client.force_login(member)
    data = json.loads(client.get(reverse("download_your_data")).content)
    assert [row["name"] for row in data["related"]["seminars.Registration"]] == ["Vic Tim"]


def test_deleting_an_account_leaves_the_sign_up_of_an_unchecked_address_alone(
    client, intruder, victims_sign_up, django_user_model
):
    token = victims_sign_up.token
    client.force_login(intruder)
    type_the_password_again(client)
    client.post(reverse("delete_account"), {"is_sure": "on"})
    assert not django_user_model.objects.filter(pk=intruder.pk).exists()
    victims_sign_up.refresh_from_db()
    assert (victims_sign_up.name, victims_sign_up.email, victims_sign_up.anonymised_at) == (
        "Vic Tim",
        "victim@example.org",
        None,
    )
    page = client.get(reverse("seminars:registration", kwargs={"token": token}))
    assert page.status_code == 200
    assert "Vic Tim" in page.content.decode()


# --- Facilitators' accounts, and no copy left in the admin's history -----------------------


def test_a_facilitator_cannot_delete_their_own_account_with_one_tick(client, django_user_model):
    from django.contrib.admin.models import LogEntry

    from tests.factories import make_facilitator

    mel = make_facilitator(username="mel@example.org", email="mel@example.org")
    client.force_login(mel)
    client.get(reverse("admin:seminars_seminar_attendees_csv", args=[make_seminar().pk]))
    page = client.get(reverse("delete_account"))
    main = main_text(page)
    assert "<p>You help run the portal.</p>" in main
    assert "<p>We must keep a record of the lists of people you downloaded.</p>" in main
    assert 'name="is_sure"' not in main
    client.post(reverse("delete_account"), {"is_sure": "on"})
    assert django_user_model.objects.filter(pk=mel.pk).exists()
    assert LogEntry.objects.filter(user=mel).count() == 1


def test_a_facilitators_account_is_not_deleted_in_the_admin_either(admin_client):
    from tests.factories import make_facilitator

    mel = make_facilitator(username="mel@example.org", email="mel@example.org")
    response = admin_client.get(reverse("admin:spirit_user_delete", args=[mel.pk]))
    assert response.status_code == 403
    changelist = admin_client.get(reverse("admin:spirit_user_changelist"))
    assert "delete_selected" not in changelist.content.decode()


def history_text() -> str:
    """Every text the admin's history keeps: the log, and django-reversion's copies."""
    from django.contrib.admin.models import LogEntry
    from reversion.models import Revision, Version

    parts = [f"{e.object_repr} {e.change_message}" for e in LogEntry.objects.all()]
    parts += [f"{v.object_repr} {v.serialized_data}" for v in Version.objects.all()]
    parts += [r.comment for r in Revision.objects.all()]
    return "\n".join(parts)


def test_deleting_an_account_leaves_no_copy_in_the_admin_history(
    client, admin_user, ann_everywhere
):
    import reversion
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from meetings.models import Meeting

    ann_everywhere.last_name = "Smith-Jones"
    ann_everywhere.save()
    meeting = Meeting.objects.get()
    attendance = meeting.attendances.get()
    registration = Registration.objects.get()
    with reversion.create_revision():
        meeting.save()
        reversion.set_comment(f'Added attendance "{attendance}".')
    message = [{"added": {"name": "attendance", "object": str(attendance)}}]
    for thing in [meeting, attendance, ann_everywhere, registration]:
        LogEntry.objects.log_actions(
            admin_user.pk, [thing], CHANGE, change_message=message, single_object=True
        )
    assert "Ann Smith-Jones" in history_text()
    meeting_type = ContentType.objects.get_for_model(Meeting)
    client.force_login(ann_everywhere)
    type_the_password_again(client)
    client.post(reverse("delete_account"), {"is_sure": "on"})
    assert Attendance.objects.count() == 0
    text = history_text()
    assert "Ann Smith" not in text
    assert "ann@example.org" not in text
    assert f'"member": {ann_everywhere.pk}' not in text
    # The meeting's own history stays.
    assert LogEntry.objects.filter(content_type=meeting_type).count() == 1


def test_deleting_asks_for_the_password_again_first(client, ann, django_user_model):
    client.force_login(ann)
    asked = client.post(reverse("delete_account"), {"is_sure": "on"})
    assert asked["Location"] == "/accounts/reauthenticate/?next=%2Fyour-information%2Fdelete%2F"
    assert django_user_model.objects.filter(pk=ann.pk).exists()
    wrong = client.post(asked["Location"], {"password": "not-my-password"})
    assert "This password is wrong. Please type it again." in main_text(wrong)
    assert '<label for="id_password">Your password</label>' in main_text(wrong)
    client.post(asked["Location"], {"password": "a-long-test-password"})
    assert not django_user_model.objects.filter(pk=ann.pk).exists()
