"""Facilitators find a member by typing a name or email in a "Member" box; they see the
name of active accounts, and nothing else of anyone's account."""

import pytest
from django.urls import reverse

from tests.factories import make_facilitator, make_member
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db

SEARCH = reverse("admin:autocomplete")


def member_search(client, term, model="nextstep", field="member"):
    return client.get(
        SEARCH, {"app_label": "meetings", "model_name": model, "field_name": field, "term": term}
    )


@pytest.fixture
def facilitator_client(client):
    client.force_login(make_facilitator(email="fran@example.org"))
    return client


@pytest.mark.parametrize("model", ["nextstep", "attendance"])
def test_a_facilitator_finds_a_member_by_name_or_email(facilitator_client, model):
    mel = make_member(email="mel@example.org", first_name="Mel", last_name="Jones")
    make_member(email="sam@example.org", first_name="Sam", last_name="Hill")
    for term in ["mel", "jones", "mel@exa"]:
        response = member_search(facilitator_client, term, model=model)
        assert response.status_code == 200
        assert response.json()["results"] == [{"id": str(mel.pk), "text": "Mel Jones"}]


def test_closed_accounts_are_not_offered(facilitator_client):
    make_member(email="gone@example.org", first_name="Gone", is_active=False)
    assert member_search(facilitator_client, "gone").json()["results"] == []


def test_the_search_is_only_for_member_boxes_and_gives_no_account_pages(facilitator_client):
    make_member(email="mel@example.org", first_name="Mel")
    response = facilitator_client.get(
        SEARCH,
        {"app_label": "seminars", "model_name": "registration", "field_name": "user", "term": "m"},
    )
    assert response.status_code == 403
    assert facilitator_client.get(reverse("admin:spirit_user_changelist")).status_code == 403


def test_members_cannot_search_accounts(client):
    client.force_login(make_member())
    response = member_search(client, "a")
    assert response.status_code in (302, 403)
    assert b"results" not in response.content


def test_the_member_box_of_a_next_step_is_searched_by_typing(facilitator_client):
    meeting = make_meeting()
    page = facilitator_client.get(
        reverse("admin:meetings_meeting_change", args=[meeting.pk])
    ).content.decode()
    assert 'name="next_steps-0-member"' in page
    assert 'data-field-name="member"' in page and "admin-autocomplete" in page
