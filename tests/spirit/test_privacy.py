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


def test_another_members_data_is_not_in_my_download(client, ann_everywhere):
    other = make_member(username="bo@example.org", email="bo@example.org")
    client.force_login(other)
    data = json.loads(client.get(reverse("download_your_data")).content)
    assert data["account"]["email"] == "bo@example.org"
    assert data["related"] == {"seminars.Registration": []}


def test_deleting_asks_first(client, ann, django_user_model):
    client.force_login(ann)
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
    client.get(reverse("delete_account"), {"is_sure": "on"})
    assert django_user_model.objects.filter(pk=ann.pk).exists()
