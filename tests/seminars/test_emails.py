from datetime import timedelta
from io import StringIO

import icalendar
import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from seminars import services
from seminars.emails import calendar_uid
from seminars.models import Registration
from tests.calendars import strictly_parsed
from tests.seminars.factories import make_seminar, sign_up_data

pytestmark = pytest.mark.django_db


def calendar_of(message) -> icalendar.Calendar:
    [(filename, content, mimetype)] = message.attachments
    calendar = strictly_parsed(content.encode())
    assert (filename, mimetype) == ("seminar.ics", f"text/calendar; method={calendar['METHOD']}")
    return calendar


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_confirmation_email_is_easy_read_with_the_link_and_a_calendar_file(
    mailoutbox, django_capture_on_commit_callbacks
):
    seminar = make_seminar(title="Research into action")
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.sign_up(seminar, **sign_up_data(has_support_worker=True))
    [message] = mailoutbox
    assert message.subject == "You have a place at Research into action"
    assert message.to == ["ann@example.org"]
    assert "Hello Ann Smith,\n\nYou have a place at our seminar." in message.body
    assert "Your support worker can come with you." in message.body
    assert "Where: People First Dorset, Herringston Barn" in message.body
    assert "Get the train to Dorchester South." in message.body
    assert f"/seminars/registration/{registration.token}/" in message.body
    assert "See or cancel your place at Research into action</a>" in html_of(message)
    invitation = calendar_of(message)
    assert invitation["METHOD"] == "REQUEST"  # a place for this person, naming them
    event = invitation.events[0]
    assert str(event["ATTENDEE"]) == "mailto:ann@example.org"
    assert event["UID"] == calendar_uid(seminar)
    assert event["SUMMARY"] == "Research into action"
    assert event.decoded("DTSTART") == seminar.starts_at
    assert str(event.decoded("DTSTART").tzinfo) == "Europe/London"
    assert event["STATUS"] == "CONFIRMED"
    assert "People First Dorset" in event["LOCATION"]


def test_waiting_list_email_gives_the_number_and_no_calendar_file(
    mailoutbox, django_capture_on_commit_callbacks
):
    seminar = make_seminar(capacity=1)
    services.sign_up(seminar, **sign_up_data(email="first@example.org"))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up(seminar, **sign_up_data())
    [message] = mailoutbox
    assert message.subject == f"You are on the waiting list for {seminar.title}"
    assert "You are number 1 on the list." in message.body
    assert "<p>You are number 1 on the list.</p>" in html_of(message)
    assert message.attachments == []


def test_cancel_emails_the_person_and_offers_the_place_to_the_next(
    mailoutbox, django_capture_on_commit_callbacks
):
    seminar = make_seminar(capacity=1)
    first = services.sign_up(seminar, **sign_up_data(email="first@example.org"))
    services.sign_up(seminar, **sign_up_data(email="next@example.org", name="Bob"))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(first)
    cancelled, offered = mailoutbox
    assert cancelled.to == ["first@example.org"]
    assert cancelled.subject == f"You have cancelled your place at {seminar.title}"
    cancel_calendar = calendar_of(cancelled)
    assert cancel_calendar["METHOD"] == "CANCEL"
    assert cancel_calendar.events[0]["STATUS"] == "CANCELLED"
    assert offered.to == ["next@example.org"]
    assert offered.subject == f"Good news: you have a place at {seminar.title}"
    assert "Hello Bob,\n\nGood news.\nSomeone cancelled their place." in offered.body
    assert calendar_of(offered).events[0]["UID"] == calendar_uid(seminar)


def test_a_sign_up_that_is_rolled_back_sends_no_email(
    mailoutbox, django_capture_on_commit_callbacks
):
    seminar = make_seminar()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                services.sign_up(seminar, **sign_up_data())
                raise RuntimeError("something else failed")
        except RuntimeError:
            pass
    assert mailoutbox == []
    assert Registration.objects.count() == 0


def test_reminders_go_once_to_people_with_a_place(mailoutbox, django_capture_on_commit_callbacks):
    soon = timezone.now() + timedelta(days=3)
    seminar = make_seminar(capacity=1, starts_at=soon, ends_at=soon + timedelta(hours=4))
    services.sign_up(seminar, **sign_up_data(email="place@example.org"))
    services.sign_up(seminar, **sign_up_data(email="waiting@example.org"))
    make_seminar(title="Far away")  # 30 days away: no reminder yet
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_seminar_reminders", stdout=StringIO())
        call_command("send_seminar_reminders", stdout=StringIO())
    [message] = mailoutbox
    assert message.to == ["place@example.org"]
    assert message.subject == f"Reminder: {seminar.title} is soon"
    assert "This is a reminder." in message.body
    assert calendar_of(message).events[0]["SUMMARY"] == seminar.title


def test_a_new_date_emails_everyone_signed_up_with_a_newer_calendar(
    mailoutbox, django_capture_on_commit_callbacks
):
    seminar = make_seminar(capacity=1)
    services.sign_up(seminar, **sign_up_data(email="place@example.org"))
    services.sign_up(seminar, **sign_up_data(email="waiting@example.org"))
    cancelled = services.sign_up(seminar, **sign_up_data(email="gone@example.org"))
    services.cancel_registration(cancelled)
    seminar.starts_at += timedelta(days=1)
    seminar.ends_at += timedelta(days=1)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_seminar(seminar)
    place, waiting = sorted(mailoutbox, key=lambda message: message.to)
    assert place.to == ["place@example.org"]
    assert place.subject == f"{seminar.title} has changed"
    assert "You still have a place." in place.body
    event = calendar_of(place).events[0]
    assert event["SEQUENCE"] == 2  # 1 for the cancelled place, 1 for the new date
    assert event.decoded("DTSTART") == seminar.starts_at
    assert waiting.to == ["waiting@example.org"]
    assert "You are still on the waiting list." in waiting.body
    assert waiting.attachments == []


def test_changing_only_the_words_sends_no_email(mailoutbox, django_capture_on_commit_callbacks):
    seminar = make_seminar()
    services.sign_up(seminar, **sign_up_data())
    seminar.description = "New words."
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_seminar(seminar)
    assert mailoutbox == []


def test_calendar_download_is_a_real_calendar(client):
    seminar = make_seminar()
    response = client.get(f"/seminars/{seminar.slug}/calendar.ics")
    assert response["Content-Type"] == "text/calendar; method=PUBLISH; charset=utf-8"
    calendar = strictly_parsed(response.content)
    assert calendar.events[0].decoded("DTEND") == seminar.ends_at
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"


def test_no_reminder_when_reminder_days_is_0(mailoutbox, django_capture_on_commit_callbacks):
    soon = timezone.now() + timedelta(hours=30)
    seminar = make_seminar(
        starts_at=soon, ends_at=soon + timedelta(hours=4), reminder_days=0, promotion_stops_hours=1
    )
    services.sign_up(seminar, **sign_up_data())
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 0
    assert mailoutbox == []
