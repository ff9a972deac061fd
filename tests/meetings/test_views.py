import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, NextStep
from tests.evidence.factories import make_finding, make_source, make_theme
from tests.factories import make_facilitator, make_member
from tests.meetings.factories import (
    make_attendance,
    make_decision,
    make_meeting,
    make_next_step,
    make_part,
    make_venue,
)
from tests.seminars.factories import make_seminar

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_from_today(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


def make_full_meeting(index: int, *, parts: int, held_on=None) -> Meeting:
    """A published meeting with parts, a decision, next steps, findings and attendance."""
    meeting = make_meeting(
        held_on=held_on or days_from_today(-400 + index * 30),
        theme=make_theme(name=f"Theme {index}", slug=f"theme-{index}"),
    )
    for position in range(1, parts + 1):
        make_part(meeting=meeting, position=position, title=f"Part {position} of {index}")
        make_decision(meeting=meeting, position=position)
        make_next_step(meeting=meeting, position=position, what=f"Step {position} of {index}")
        make_attendance(meeting=meeting, name=f"Person {position} at {index}")
    source = make_source(short_name=f"Study {index}", slug=f"study-{index}")
    meeting.findings.add(*[make_finding(source=source) for _ in range(parts)])
    return meeting


def test_list_shows_the_next_meeting_first_with_how_to_get_there(client):
    venue = make_venue(
        name="Choices Advocacy",
        town="Southampton",
        how_to_get_there="Get the bus to the station.",
        accessibility_notes="There is a lift.",
    )
    make_meeting(
        title="Our fourth meeting",
        held_on=days_from_today(10),
        start_time=datetime.time(10, 30),
        end_time=datetime.time(14),
        venue=venue,
        theme=make_theme(name="Housing", slug="housing"),
    )
    make_meeting(title="Our third meeting", held_on=days_from_today(-30))
    make_meeting(title="A draft meeting", held_on=days_from_today(5), status="draft")
    response = client.get(reverse("meetings:list"))
    html = response.content.decode()
    assert response.context["next_meeting"].title == "Our fourth meeting"
    assert [m.title for m in response.context["past_meetings"]] == ["Our third meeting"]
    assert html.index("Our next meeting") < html.index("Past meetings")
    date = days_from_today(10).strftime("%A %-d %B %Y")
    assert f"<p>The meeting is on <strong>{date}</strong>.</p>" in html
    assert "<p>It starts at 10:30am and ends at 2pm.</p>" in html
    assert "<p>Get the bus to the station.</p>" in html
    assert "<p>There is a lift.</p>" in html
    assert "<p>The theme is <strong>housing</strong>.</p>" in html
    assert "A draft meeting" not in html


def test_a_past_meeting_is_told_in_the_past_tense(client):
    meeting = make_meeting(held_on=datetime.date(2015, 12, 3), venue=make_venue(name="PFD"))
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "<p>The meeting was on <strong>Thursday 3 December 2015</strong>.</p>" in html
    assert "<p>It started at 10:30am and ended at 3pm.</p>" in html
    assert "<p>We met at <strong>PFD</strong>.</p>" in html


def test_only_a_coming_meeting_offers_to_go_in_your_calendar(client):
    past = make_meeting(held_on=days_from_today(-30))
    coming = make_meeting(held_on=days_from_today(30))
    calendar_link = "in your calendar</a>"
    assert calendar_link not in client.get(past.get_absolute_url()).content.decode()
    assert calendar_link in client.get(coming.get_absolute_url()).content.decode()


def test_list_says_when_no_next_meeting_is_set(client):
    make_meeting(title="Our second meeting", held_on=days_from_today(-100))
    html = client.get(reverse("meetings:list")).content.decode()
    assert "<p>We have not set the date of our next meeting yet.</p>" in html
    assert ">Read about our second meeting</a>" in html


def test_detail_has_every_section_in_order(client):
    meeting = make_full_meeting(1, parts=2)
    make_attendance(meeting=meeting, name="Away", status="apologies")
    later = make_meeting(title="Our next one", held_on=days_from_today(20))
    html = client.get(meeting.get_absolute_url()).content.decode()
    headings = [
        "What we talked about",
        "What we found out",
        "What we agreed",
        "What happens next",
        "Who came",
        "Next meeting",
    ]
    positions = [html.index(f">{heading}</h2>") for heading in headings]
    assert positions == sorted(positions)
    assert '<h3 id="part-1">Part 1: Part 1 of 1</h3>' in html
    assert "<p>Who led it: Mel.</p>" in html
    assert "<h3>From Study 1 (2016)</h3>" in html
    assert "<p>2 people came to the meeting.</p>" in html
    assert "<p>1 person sent apologies.</p>" in html
    date = later.held_on.strftime("%A %-d %B %Y")
    assert f"<p>The next meeting is on <strong>{date}</strong>.</p>" in html
    assert f'<a href="{later.get_absolute_url()}">Read about our next one</a>' in html
    assert "Person 1 at 1" not in html  # names are never shown


def test_detail_links_each_finding_discussed(client):
    meeting = make_meeting()
    finding = make_finding(easy_read="Budgets give people more choice.\nSecond sentence.")
    meeting.findings.add(finding)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert f'<a href="{finding.get_absolute_url()}">Budgets give people more choice.</a>' in html


def test_detail_links_the_seminar_planned_at_the_meeting(client):
    meeting = make_meeting()
    seminar = make_seminar(title="Turning research into action", planned_at=meeting)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert ">The seminar we planned</h2>" in html
    assert (
        "<p>At this meeting we planned a seminar called Turning research into action.</p>" in html
    )
    assert (
        f'<a href="{seminar.get_absolute_url()}">Read about turning research into action</a>'
        in html
    )


def test_a_script_in_notes_never_reaches_the_page(client):
    part = make_part(notes="<p>Safe</p><script>alert(1)</script><p onclick='x()'>Also</p>")
    # Even a row written around save() (e.g. a bulk update) is cleaned when shown.
    type(part).objects.filter(pk=part.pk).update(notes="<p>Raw</p><script>alert(2)</script>")
    html = client.get(part.meeting.get_absolute_url()).content.decode()
    assert "alert(" not in html
    assert '<div class="notes-text"><p>Raw</p></div>' in html


def test_open_next_steps_carry_forward_to_later_meetings_until_done(client):
    first = make_meeting(title="Our first meeting", held_on=days_from_today(-90))
    second = make_meeting(title="Our second meeting", held_on=days_from_today(-60))
    third = make_meeting(title="Our third meeting", held_on=days_from_today(-30))
    make_next_step(meeting=first, what="Find a date for the seminar.", who="Mel")
    closed = make_next_step(meeting=first, what="Book the room.")
    closed.status = NextStep.Status.DONE
    closed.done_at = timezone.make_aware(
        datetime.datetime.combine(days_from_today(-45), datetime.time(12))
    )
    closed.save()
    second_page = client.get(second.get_absolute_url())
    third_page = client.get(third.get_absolute_url())
    assert [s.what for s in second_page.context["carried_steps"]] == [
        "Find a date for the seminar.",
        "Book the room.",
    ]
    assert [s.what for s in third_page.context["carried_steps"]] == ["Find a date for the seminar."]
    html = third_page.content.decode()
    assert "Still to do from earlier meetings" in html
    assert "<p>Who does it: Mel.</p>" in html


def test_a_draft_is_not_found_for_the_public_or_members(client):
    draft = make_meeting(status=Meeting.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("meetings:meeting_calendar", args=[draft.slug])).status_code == 404
    client.force_login(make_member())
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_facilitator_previews_a_draft_with_a_warning(client):
    draft = make_meeting(title="Draft meeting", status=Meeting.Status.DRAFT)
    client.force_login(make_facilitator())
    response = client.get(draft.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<p><strong>This is a draft.</strong></p>" in html
    assert reverse("admin:meetings_meeting_change", args=[draft.pk]) in html


def test_next_steps_page_lists_open_steps_with_who_and_since_when(client):
    meeting = make_meeting(title="Our second meeting", held_on=datetime.date(2015, 12, 3))
    make_next_step(meeting=meeting, what="Find 2 new people.", who="Choices Advocacy")
    make_next_step(
        meeting=meeting,
        what="A finished step.",
        status=NextStep.Status.DONE,
        done_at=timezone.now(),
    )
    make_next_step(meeting=make_meeting(status="draft"), what="A draft step.")
    response = client.get(reverse("meetings:next_steps"))
    html = response.content.decode()
    assert [step.what for step in response.context["steps"]] == ["Find 2 new people."]
    assert "<p>We agreed these steps on Thursday 3 December 2015.</p>" in html
    assert "<p>Who does it: Choices Advocacy.</p>" in html


def test_home_panel_shows_the_next_meeting(client):
    make_meeting(
        title="Our fourth meeting",
        held_on=days_from_today(7),
        start_time=datetime.time(12),
        venue=make_venue(name="People First Dorset", town="Dorchester"),
    )
    html = client.get(reverse("home")).content.decode()
    assert "<p>It starts at 12 noon.</p>" in html
    assert "<p>It is at People First Dorset in Dorchester.</p>" in html


def test_home_panel_links_to_the_latest_meeting_when_none_is_planned(client):
    meeting = make_meeting(title="Our second meeting", held_on=days_from_today(-3))
    html = client.get(reverse("home")).content.decode()
    assert f'<a href="{meeting.get_absolute_url()}">Read about our second meeting</a>' in html


@pytest.mark.parametrize("logged_in", [False, True])
def test_list_page_queries_do_not_grow_with_meetings(client, django_assert_num_queries, logged_in):
    if logged_in:
        client.force_login(make_member())
    extra = 2 if logged_in else 0
    make_full_meeting(0, parts=1, held_on=days_from_today(5))
    make_full_meeting(1, parts=1)
    # the upcoming, how many past, a page of them, the glossary (new content: read again)
    with django_assert_num_queries(4 + extra):
        client.get(reverse("meetings:list"))
    for index in range(2, 6):
        make_full_meeting(index, parts=3)
    make_full_meeting(9, parts=1, held_on=days_from_today(50))
    with django_assert_num_queries(4 + extra):
        response = client.get(reverse("meetings:list"))
    assert len(response.context["past_meetings"]) == 5


@pytest.mark.parametrize("logged_in", [False, True])
def test_detail_page_queries_do_not_grow_with_parts_steps_or_findings(
    client, django_assert_num_queries, logged_in
):
    if logged_in:
        client.force_login(make_member())
    extra = 2 if logged_in else 0
    small = make_full_meeting(1, parts=1)
    with django_assert_num_queries(8 + extra):
        client.get(small.get_absolute_url())
    for index in range(2, 5):
        make_full_meeting(index, parts=2, held_on=small.held_on - datetime.timedelta(days=index))
    big = make_full_meeting(5, parts=6)
    make_seminar(planned_at=big)
    make_seminar(planned_at=big)
    with django_assert_num_queries(8 + extra):
        response = client.get(big.get_absolute_url())
    assert len(response.context["next_steps"]) == 6
    assert len(response.context["carried_steps"]) == 1 + 3 * 2


def test_detail_page_for_a_facilitator_stays_within_11_queries(
    client, django_assert_max_num_queries
):
    # A member's page takes at most 10 (8 anonymous, 10 logged in, the hard words
    # included); a facilitator's preview of a draft checks one permission more.
    client.force_login(make_facilitator())
    meeting = make_full_meeting(1, parts=4)
    meeting.status = Meeting.Status.DRAFT
    meeting.save()
    with django_assert_max_num_queries(11):
        assert client.get(meeting.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("logged_in", [False, True])
def test_next_steps_page_queries_do_not_grow_with_steps(
    client, django_assert_num_queries, logged_in
):
    if logged_in:
        client.force_login(make_member())
    extra = 2 if logged_in else 0
    make_full_meeting(1, parts=1)
    with django_assert_num_queries(2 + extra):  # the steps and the glossary
        client.get(reverse("meetings:next_steps"))
    for index in range(2, 7):
        make_full_meeting(index, parts=4)
    with django_assert_num_queries(2 + extra):
        response = client.get(reverse("meetings:next_steps"))
    assert len(response.context["steps"]) == 1 + 5 * 4


def test_home_page_meeting_panel_queries_do_not_grow(client, django_assert_num_queries):
    make_full_meeting(1, parts=1, held_on=days_from_today(5))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("home"))
    for index in range(2, 6):
        make_full_meeting(index, parts=3, held_on=days_from_today(index * 10))
        make_full_meeting(index + 10, parts=3)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(reverse("home"))


def test_a_staff_member_without_the_permission_cannot_preview_a_draft(client):
    draft = make_meeting(status=Meeting.Status.DRAFT)
    client.force_login(make_member(is_staff=True))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_list_shows_12_past_meetings_a_page_with_the_next_meeting_first(client):
    make_meeting(title="Our next meeting", held_on=days_from_today(10))
    for number in range(1, 15):
        make_meeting(title=f"Meeting {number}", held_on=days_from_today(-10 * number))
    first = client.get(reverse("meetings:list"))
    assert [m.title for m in first.context["past_meetings"]] == [
        f"Meeting {number}" for number in range(1, 13)
    ]
    html = first.content.decode()
    assert "Page 1 of 2." in html
    assert '<a class="button button-secondary" href="?page=2">Go to page 2</a>' in html
    second = client.get(reverse("meetings:list"), {"page": 2})
    assert [m.title for m in second.context["past_meetings"]] == ["Meeting 13", "Meeting 14"]
    assert second.context["next_meeting"].title == "Our next meeting"
    assert client.get(reverse("meetings:list"), {"page": "x"}).status_code == 200
