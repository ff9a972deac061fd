"""Rows of a meeting are put in order by number, by dragging or with Move up and Move
down; two rows can swap places in one save."""

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.factories import make_facilitator
from tests.meetings.factories import make_meeting, make_next_step, make_part, make_venue
from tests.meetings.test_admin import resubmitted, whole_meeting_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator_client(client):
    client.force_login(make_facilitator())
    return client


def test_two_parts_swap_places_in_one_save(facilitator_client):
    meeting = make_meeting()
    make_part(meeting=meeting, position=1, title="Budgets")
    make_part(meeting=meeting, position=2, title="Homes")
    make_next_step(meeting=meeting, position=1, what="Write to the council")
    make_next_step(meeting=meeting, position=2, what="Ask about buses")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = resubmitted(facilitator_client.get(url)) | {
        "parts-0-position": "2",
        "parts-1-position": "1",
        "next_steps-0-position": "2",
        "next_steps-1-position": "1",
    }
    response = facilitator_client.post(url, data)
    assert response.status_code == 302
    assert [p.title for p in meeting.parts.all()] == ["Homes", "Budgets"]
    assert [s.what for s in meeting.next_steps.all()] == ["Ask about buses", "Write to the council"]


def test_two_rows_with_one_number_are_refused_next_to_the_box(facilitator_client):
    data = whole_meeting_post(make_venue()) | {"parts-1-position": "1"}
    response = facilitator_client.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 200
    parts = response.context["inline_admin_formsets"][0].formset
    assert parts.forms[1].errors["position"] == [
        "Another row has the number 1 too. Give each row its own number, or leave it "
        "empty to put the row last."
    ]
    assert not Meeting.objects.exists()


def test_a_row_moved_past_a_saved_row_keeps_the_others_numbers(facilitator_client):
    meeting = make_meeting()
    for number, title in enumerate(["One", "Two", "Three"], start=1):
        make_part(meeting=meeting, position=number, title=title)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = resubmitted(facilitator_client.get(url)) | {
        "parts-0-position": "3",
        "parts-1-position": "1",
        "parts-2-position": "2",
    }
    assert facilitator_client.post(url, data).status_code == 302
    assert [(p.position, p.title) for p in meeting.parts.all()] == [
        (1, "Two"),
        (2, "Three"),
        (3, "One"),
    ]


@pytest.mark.parametrize(
    ("url", "group"),
    [
        ("admin:meetings_meeting_add", "parts"),
        ("admin:meetings_meeting_add", "decisions"),
        ("admin:meetings_meeting_add", "next_steps"),
        ("admin:seminars_seminar_add", "sessions"),
    ],
)
def test_ordered_rows_can_be_moved_and_keep_their_number_boxes(facilitator_client, url, group):
    page = facilitator_client.get(reverse(url)).content.decode()
    assert "ordered-rows" in page
    assert "js/admin-order" in page
    field = "order" if group == "sessions" else "position"
    assert f'name="{group}-0-{field}"' in page or f'name="{group}-__prefix__-{field}"' in page
