"""Seminar calendar files, read strictly: organizer, a rising sequence, method, postcode,
and the subscribable calendar of every seminar."""

import pytest
from django.test import override_settings
from django.urls import reverse

from core import calendars
from seminars import services
from seminars.calendar import place_calendar, seminar_calendar
from seminars.models import Seminar
from tests.calendars import attendees_of, strictly_parsed
from tests.seminars.factories import make_seminar, sign_up_data

pytestmark = pytest.mark.django_db


@override_settings(SEMINARS_CONTACT_EMAIL="seminars@spirit.example.org")
@pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
def test_every_seminar_calendar_names_the_group_as_organizer(method):
    registration = services.sign_up(make_seminar(), **sign_up_data())
    for content in (
        seminar_calendar(registration.seminar),
        place_calendar(registration, method=method),
    ):
        calendar = strictly_parsed(content)
        [event] = calendar.walk("VEVENT")
        assert str(event["ORGANIZER"]) == "mailto:seminars@spirit.example.org"
    assert calendar["METHOD"] == method
    assert event["STATUS"] == ("CANCELLED" if method == "CANCEL" else "CONFIRMED")


@pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
def test_a_file_for_one_person_names_them_as_the_attendee(method):
    """RFC 5546: a REQUEST or CANCEL names its attendee, so the person's calendar app matches
    the cancel to the event it added, and takes it away."""
    registration = services.sign_up(
        make_seminar(), **sign_up_data(name="Ann Smith", email="ann@example.org")
    )
    [event] = strictly_parsed(place_calendar(registration, method=method)).walk("VEVENT")
    [attendee] = attendees_of(event)
    assert str(attendee) == "mailto:ann@example.org"
    assert attendee.params["CN"] == "Ann Smith"
    # They signed up, so they have said yes: no "Accept or decline?" and no reply to send.
    assert (attendee.params["PARTSTAT"], attendee.params["RSVP"]) == ("ACCEPTED", "FALSE")
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"


def test_the_file_for_anyone_names_nobody():
    """The download on the seminar's page and the subscribed feed are for anyone (PUBLISH),
    which RFC 5546 says MUST NOT name attendees: nobody's address is in them."""
    seminar = make_seminar()
    services.sign_up(seminar, **sign_up_data(email="ann@example.org"))
    content = seminar_calendar(seminar)
    assert attendees_of(strictly_parsed(content).walk("VEVENT")[0]) == []
    assert b"ann@example.org" not in content


def test_the_builder_keeps_the_attendee_rule_of_rfc_5546():
    seminar = make_seminar()
    event = calendars.CalendarEvent(
        uid="x@spirit-tests",
        summary="A seminar",
        start=seminar.starts_at,
        end=seminar.ends_at,
        stamp=seminar.updated_at,
    )
    named = calendars.CalendarEvent(
        **{**event.__dict__, "attendees": (calendars.Attendee("ann@example.org"),)}
    )
    with pytest.raises(ValueError, match="names nobody"):
        calendars.calendar_file([named], uid="c", name="c", method=calendars.PUBLISH)
    for method in (calendars.REQUEST, calendars.CANCEL):
        with pytest.raises(ValueError, match="names its attendee"):
            calendars.calendar_file([event], uid="c", name="c", method=method)


def test_the_location_ends_with_the_postcode():
    [event] = strictly_parsed(seminar_calendar(make_seminar())).walk("VEVENT")
    assert str(event["LOCATION"]) == (
        "People First Dorset, Herringston Barn, Winterborne Herringston, Dorchester, DT2 9PU"
    )


def test_a_cancelled_place_gets_a_higher_sequence_than_the_booking(
    mailoutbox, django_capture_on_commit_callbacks
):
    seminar = make_seminar()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.sign_up(seminar, **sign_up_data())
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration)
    booked, cancelled = (
        strictly_parsed(message.attachments[0][1].encode()) for message in mailoutbox
    )
    assert (booked["METHOD"], cancelled["METHOD"]) == ("REQUEST", "CANCEL")
    booked, cancelled = booked.walk("VEVENT")[0], cancelled.walk("VEVENT")[0]
    # What Outlook, Google and Apple match a cancel on: the same UID, a higher SEQUENCE,
    # and the same attendee.
    assert booked["UID"] == cancelled["UID"]
    assert (booked["SEQUENCE"], cancelled["SEQUENCE"]) == (0, 1)
    assert [str(a) for a in attendees_of(booked)] == [str(a) for a in attendees_of(cancelled)]
    assert [str(a) for a in attendees_of(cancelled)] == [f"mailto:{registration.email}"]
    # Signing up again later is newer still, so the calendar shows it again.
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up(seminar, **sign_up_data())
    again = strictly_parsed(mailoutbox[-1].attachments[0][1].encode()).walk("VEVENT")[0]
    assert again["SEQUENCE"] == 1 and again["STATUS"] == "CONFIRMED"
    seminar.refresh_from_db()
    seminar.description = "New words."
    services.save_seminar(seminar)
    seminar.refresh_from_db()
    assert seminar.calendar_sequence == 1  # words alone do not move it, nor take it back


def test_the_calendar_of_every_seminar_is_subscribable(client):
    first = make_seminar()
    second = make_seminar()
    Seminar.objects.create(title="Not yet", slug="not-yet", description="Soon.")
    url = reverse("seminars:calendar_feed")
    response = client.get(url)
    assert response["Content-Type"] == "text/calendar; method=PUBLISH; charset=utf-8"
    calendar = strictly_parsed(response.content)
    assert str(calendar["UID"]) == "all-seminars@spirit-seminars"
    assert [str(event["UID"]) for event in calendar.walk("VEVENT")] == [
        f"seminar-{first.pk}@spirit-seminars",
        f"seminar-{second.pk}@spirit-seminars",
    ]
    assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304
    page = client.get(reverse("seminars:list")).content.decode()
    assert f'href="webcal://testserver{url}"' in page


def test_the_calendar_of_every_seminar_keeps_a_constant_number_of_queries(
    client, django_assert_num_queries
):
    make_seminar()
    with django_assert_num_queries(1):
        client.get(reverse("seminars:calendar_feed"))
    for _ in range(4):
        make_seminar()
    with django_assert_num_queries(1):
        client.get(reverse("seminars:calendar_feed"))


def test_a_place_given_back_after_the_cancel_email_is_newer_than_the_cancel(
    mailoutbox, django_capture_on_commit_callbacks
):
    seminar = make_seminar()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.sign_up(seminar, **sign_up_data())
        services.cancel_registration(registration)
    with django_capture_on_commit_callbacks(execute=True):
        services.give_back(registration)
    booked, cancelled, given_back = (
        strictly_parsed(message.attachments[0][1].encode()).walk("VEVENT")[0]
        for message in mailoutbox
    )
    assert (booked["SEQUENCE"], cancelled["SEQUENCE"], given_back["SEQUENCE"]) == (0, 1, 2)
    assert given_back["STATUS"] == "CONFIRMED"
