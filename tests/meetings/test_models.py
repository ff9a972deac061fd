import datetime

import pytest
import reversion
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from reversion.models import Version

from meetings.models import Attendance, Meeting, MeetingPart, NextStep, clean_notes
from tests.meetings.factories import (
    make_attendance,
    make_meeting,
    make_next_step,
    make_part,
    make_venue,
)

pytestmark = pytest.mark.django_db


def test_published_leaves_out_drafts():
    published = make_meeting()
    make_meeting(status=Meeting.Status.DRAFT)
    assert list(Meeting.objects.published()) == [published]


def test_upcoming_is_soonest_first_and_past_is_newest_first():
    today = datetime.date(2016, 1, 1)
    old = make_meeting(held_on=datetime.date(2015, 6, 1))
    older = make_meeting(held_on=datetime.date(2015, 3, 1))
    later = make_meeting(held_on=datetime.date(2016, 6, 1))
    soon = make_meeting(held_on=datetime.date(2016, 1, 1))
    assert list(Meeting.objects.upcoming(today)) == [soon, later]
    assert list(Meeting.objects.past(today)) == [old, older]


def test_status_must_be_draft_or_published_in_the_database():
    meeting = make_meeting()
    with pytest.raises(IntegrityError):
        Meeting.objects.filter(pk=meeting.pk).update(status="finished")


def test_a_meeting_cannot_end_before_it_starts():
    bad = Meeting(
        number=99,
        title="Bad",
        slug="bad",
        held_on=datetime.date(2016, 1, 1),
        start_time=datetime.time(14),
        end_time=datetime.time(10),
        venue=make_venue(),
    )
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert error.value.message_dict == {"end_time": ["The meeting must end after it starts."]}
    with pytest.raises(IntegrityError):
        bad.save()


def test_starts_at_is_uk_time_with_summer_time():
    meeting = make_meeting(held_on=datetime.date(2016, 7, 1), start_time=datetime.time(10, 30))
    assert meeting.starts_at.isoformat() == "2016-07-01T10:30:00+01:00"
    winter = make_meeting(held_on=datetime.date(2015, 12, 3), start_time=datetime.time(10, 30))
    assert winter.starts_at.isoformat() == "2015-12-03T10:30:00+00:00"


def test_calendar_sequence_goes_up_only_when_day_time_or_place_changes():
    meeting = make_meeting()
    meeting.summary = "A new summary."
    meeting.save()
    assert meeting.calendar_sequence == 0
    meeting.held_on += datetime.timedelta(days=7)
    meeting.save()
    meeting.venue = make_venue(name="Another place")
    meeting.save()
    meeting.refresh_from_db()
    assert meeting.calendar_sequence == 2


def test_two_parts_cannot_share_a_position_when_the_save_ends():
    """Checked at the end of the save (so two rows can swap numbers in one save)."""
    part = make_part()
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingPart.objects.create(meeting=part.meeting, position=part.position, title="Again")
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as at the end of the save
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    assert MeetingPart.objects.filter(meeting=part.meeting).count() == 1


def test_notes_keep_simple_formatting_only():
    notes = (
        '<p onclick="steal()">Hello <strong>all</strong> <em>you</em></p>'
        '<ul><li><a href="https://example.org" style="color:red">link</a></li></ul>'
        '<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">bad</a>'
    )
    assert clean_notes(notes) == (
        "<p>Hello <strong>all</strong> you</p>"
        '<ul><li><a href="https://example.org" rel="noopener noreferrer">link</a></li></ul>'
        '<a rel="noopener noreferrer">bad</a>'
    )


def test_a_script_in_notes_is_kept_as_typed_but_never_shown():
    part = make_part(notes="Before\n\n<script>alert(1)</script>\n\nAfter")
    part.refresh_from_db()
    assert part.notes == "Before\n\n<script>alert(1)</script>\n\nAfter"
    assert part.notes_html == "<p>Before</p>\n\n<p>After</p>"


def test_open_next_steps_carry_forward_until_done():
    first = make_meeting(held_on=datetime.date(2015, 1, 1))
    second = make_meeting(held_on=datetime.date(2015, 3, 1))
    third = make_meeting(held_on=datetime.date(2015, 6, 1))
    still_open = make_next_step(meeting=first, what="Still open")
    done_between = make_next_step(
        meeting=first,
        what="Done in April",
        status=NextStep.Status.DONE,
        done_at=datetime.datetime(2015, 4, 1, 12, tzinfo=datetime.UTC),
    )
    make_next_step(meeting=second, what="From the second")
    assert list(NextStep.objects.carried_to(second)) == [still_open, done_between]
    assert [step.what for step in NextStep.objects.carried_to(third)] == [
        "Still open",
        "From the second",
    ]
    assert list(NextStep.objects.carried_to(first)) == []


def test_choosing_done_fills_in_when_and_reopening_clears_it():
    step = make_next_step()
    step.status = NextStep.Status.DONE
    step.full_clean()
    assert step.done_at is not None
    step.status = NextStep.Status.OPEN
    step.full_clean()
    assert step.done_at is None


def test_a_done_step_needs_a_done_time_in_the_database():
    step = make_next_step()
    with pytest.raises(IntegrityError):
        NextStep.objects.filter(pk=step.pk).update(status="done")


def test_attendance_needs_a_member_or_a_name():
    meeting = make_meeting()
    with pytest.raises(ValidationError):
        Attendance(meeting=meeting, name=" ").full_clean()
    with pytest.raises(IntegrityError):
        Attendance.objects.create(meeting=meeting, name="")


def test_the_same_name_cannot_be_listed_twice_at_a_meeting():
    attendance = make_attendance(name="Clare")
    with pytest.raises(IntegrityError):
        make_attendance(meeting=attendance.meeting, name="clare")


def test_a_saved_meeting_can_be_reverted_with_its_parts():
    meeting = make_meeting()
    with reversion.create_revision():
        part = make_part(meeting=meeting, title="First title")
        meeting.save()
    with reversion.create_revision():
        part.title = "A bad edit"
        part.save()
        make_part(meeting=meeting, title="Added by mistake")
        meeting.save()
    first_version = Version.objects.get_for_object(meeting).order_by("pk").first()
    first_version.revision.revert(delete=True)
    assert [p.title for p in meeting.parts.all()] == ["First title"]


def test_str_says_what_the_row_is():
    meeting = make_meeting(title="Our second meeting", held_on=datetime.date(2015, 12, 3))
    assert str(meeting) == "Our second meeting (3 December 2015)"
    assert str(make_part(meeting=meeting, position=1, title="Research")) == "Part 1: Research"
    assert str(make_attendance(meeting=meeting, name="Mel")) == "Mel: Came to the meeting"
