"""When a next step was done, and when it was wanted by, said truthfully (issue 14 item 11).

The day a step was ticked Done is the day it was done only when that makes sense: on or
after the meeting that agreed it, not in the future, and within a year of it. Otherwise the
page says "It is done." with no date. A step done at a later meeting says which meeting.
"""

import datetime

import pytest
from django.utils import timezone

from meetings.models import NextStep
from tests.meetings.factories import make_meeting, make_next_step

pytestmark = pytest.mark.django_db


def page_of(client, meeting) -> str:
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_2016_step_ticked_done_today_has_no_made_up_date(client):
    meeting = make_meeting(held_on=datetime.date(2016, 2, 25))
    step = make_next_step(meeting=meeting, what="Write to the council.")
    step.status = NextStep.Status.DONE
    step.clean()  # what the admin does: the time is filled in as now
    step.save()

    page = page_of(client, meeting)
    today = timezone.localdate()
    assert f"It was done on {today:%A} {today.day} {today:%B %Y}" not in page
    assert "It was done on" not in page
    assert "<p>It is done.</p>" in page
    assert step.done_date is None


def test_a_step_done_soon_after_its_meeting_shows_the_day_with_its_year(client):
    meeting = make_meeting(held_on=timezone.localdate() - datetime.timedelta(days=10))
    done_at = timezone.now() - datetime.timedelta(days=3)
    make_next_step(meeting=meeting, status=NextStep.Status.DONE, done_at=done_at)

    done_on = timezone.localdate(done_at)
    assert f"It was done on {done_on:%A} {done_on.day} {done_on:%B %Y}." in page_of(client, meeting)


def test_a_date_before_the_meeting_is_not_shown(client):
    meeting = make_meeting(held_on=datetime.date(2016, 2, 25))
    before = timezone.make_aware(datetime.datetime(2015, 6, 1, 12))
    make_next_step(meeting=meeting, status=NextStep.Status.DONE, done_at=before)
    page = page_of(client, meeting)
    assert "It was done on" not in page
    assert "<p>It is done.</p>" in page


def test_a_step_done_at_a_later_meeting_names_that_meeting(client):
    second = make_meeting(held_on=datetime.date(2015, 12, 3))
    third = make_meeting(held_on=datetime.date(2016, 2, 25))
    make_next_step(
        meeting=second,
        status=NextStep.Status.DONE,
        done_at=timezone.now(),
        done_at_meeting=third,
    )
    page = page_of(client, second)
    assert "It is done. We said so at our meeting on Thursday 25 February 2016." in page
    assert "It was done on" not in page


def test_a_due_date_that_has_passed_is_said_in_the_past_tense(client):
    meeting = make_meeting(held_on=datetime.date(2015, 12, 3))
    make_next_step(meeting=meeting, due_on=datetime.date(2016, 2, 25))
    page = page_of(client, meeting)
    assert "We wanted it done by Thursday 25 February 2016." in page
    assert "We want it done by" not in page
