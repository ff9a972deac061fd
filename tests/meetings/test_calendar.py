import datetime
import zoneinfo

import pytest
from django.test import override_settings
from django.urls import reverse
from icalendar import Calendar

from meetings.models import Meeting
from tests.calendars import strictly_parsed
from tests.meetings.factories import make_meeting, make_venue

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def parsed(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; method=PUBLISH; charset=utf-8"
    return strictly_parsed(response.content)


def test_a_meeting_downloads_as_an_event_in_uk_time(client):
    meeting = make_meeting(
        title="Our fourth meeting",
        held_on=datetime.date(2016, 7, 14),
        start_time=datetime.time(10, 30),
        end_time=datetime.time(15),
        venue=make_venue(
            name="Choices Advocacy",
            address="1 High Street",
            town="Southampton",
            postcode="SO14 1AA",
        ),
        summary="We will talk about housing.",
    )
    response = client.get(reverse("meetings:meeting_calendar", args=[meeting.slug]))
    assert response["Content-Disposition"] == f'attachment; filename="spirit-{meeting.slug}.ics"'
    calendar = parsed(response)
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.pk}@spirit-meetings"
    assert str(event["SUMMARY"]) == "SPIRIT: Our fourth meeting"
    start = event.decoded("DTSTART")
    assert start == datetime.datetime(2016, 7, 14, 10, 30, tzinfo=LONDON)
    assert start.utcoffset() == datetime.timedelta(hours=1)  # British Summer Time
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTEND") == datetime.datetime(2016, 7, 14, 15, tzinfo=LONDON)
    assert str(event["LOCATION"]) == "Choices Advocacy, 1 High Street, Southampton, SO14 1AA"
    assert str(event["URL"]) == "http://testserver" + meeting.get_absolute_url()
    assert str(event["DESCRIPTION"]).startswith("We will talk about housing.\n")
    [timezone] = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/London"


def test_a_meeting_without_a_time_is_an_all_day_event(client):
    meeting = make_meeting(held_on=datetime.date(2015, 12, 3), start_time=None, end_time=None)
    calendar = parsed(client.get(reverse("meetings:meeting_calendar", args=[meeting.slug])))
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime.date(2015, 12, 3)
    assert event.decoded("DTEND") == datetime.date(2015, 12, 4)


def test_the_feed_has_every_published_meeting_with_stable_uids(client):
    first = make_meeting(held_on=datetime.date(2015, 12, 3))
    second = make_meeting(held_on=datetime.date(2016, 2, 25))
    make_meeting(status=Meeting.Status.DRAFT)
    feed = parsed(client.get(reverse("meetings:calendar")))
    assert [str(event["UID"]) for event in feed.walk("VEVENT")] == [
        f"meeting-{first.pk}@spirit-meetings",
        f"meeting-{second.pk}@spirit-meetings",
    ]
    assert str(feed["X-WR-TIMEZONE"]) == "Europe/London"
    again = parsed(client.get(reverse("meetings:calendar")))
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [
        str(e["UID"]) for e in feed.walk("VEVENT")
    ]


def test_moving_a_meeting_raises_its_sequence_so_calendars_update(client):
    meeting = make_meeting()
    url = reverse("meetings:meeting_calendar", args=[meeting.slug])
    [before] = parsed(client.get(url)).walk("VEVENT")
    meeting.start_time = datetime.time(11)
    meeting.save()
    [after] = parsed(client.get(url)).walk("VEVENT")
    assert (before.decoded("SEQUENCE"), after.decoded("SEQUENCE")) == (0, 1)
    assert str(after["UID"]) == str(before["UID"])


def test_the_feed_keeps_a_constant_number_of_queries(client, django_assert_num_queries):
    make_meeting()
    with django_assert_num_queries(1):
        client.get(reverse("meetings:calendar"))
    for _ in range(5):
        make_meeting()
    with django_assert_num_queries(1):
        client.get(reverse("meetings:calendar"))


@override_settings(SEMINARS_CONTACT_EMAIL="hello@spirit.example.org")
def test_every_meeting_has_the_group_as_organizer(client):
    make_meeting()
    [event] = parsed(client.get(reverse("meetings:calendar"))).walk("VEVENT")
    assert str(event["ORGANIZER"]) == "mailto:hello@spirit.example.org"
    assert event["ORGANIZER"].params["CN"] == "SPIRIT"


def test_a_meeting_with_a_start_but_no_end_lasts_two_hours(client):
    meeting = make_meeting(
        held_on=datetime.date(2016, 1, 14), start_time=datetime.time(10), end_time=None
    )
    url = reverse("meetings:meeting_calendar", args=[meeting.slug])
    [event] = parsed(client.get(url)).walk("VEVENT")
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(hours=2)


def test_the_all_meetings_calendar_keeps_its_own_uid(client):
    make_meeting()
    first = parsed(client.get(reverse("meetings:calendar")))
    second = parsed(client.get(reverse("meetings:calendar")))
    assert str(first["UID"]) == str(second["UID"]) == "all-meetings@spirit-meetings"
    assert str(first["NAME"]) == "SPIRIT meetings"
    assert first["REFRESH-INTERVAL"].dt == datetime.timedelta(days=1)


def test_the_all_meetings_calendar_answers_not_modified_when_nothing_changed(client):
    make_meeting()
    first = client.get(reverse("meetings:calendar"))
    assert first["Content-Disposition"] == 'inline; filename="spirit-meetings.ics"'
    assert first.has_header("Last-Modified") and first.has_header("ETag")
    again = client.get(reverse("meetings:calendar"), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    since = client.get(
        reverse("meetings:calendar"), headers={"if-modified-since": first["Last-Modified"]}
    )
    assert since.status_code == 304


def test_the_meetings_page_offers_a_subscription(client):
    make_meeting()
    page = client.get(reverse("meetings:list")).content.decode()
    assert 'href="webcal://testserver/meetings/calendar.ics"' in page
    assert 'href="/meetings/calendar.ics" download' in page
