"""Seminars as iCalendar (.ics), through the one builder (core/calendars): one seminar
for its page (METHOD:PUBLISH, for anyone) and for a person's emails (REQUEST, then CANCEL
if they cancel, naming them as the attendee), and every seminar for calendar apps to
subscribe to."""

from collections.abc import Iterable

from django.conf import settings

from core import calendars
from seminars.models import Registration, Seminar

FEED_UID = "all-seminars@spirit-seminars"


def seminar_uid(seminar: Seminar) -> str:
    return calendars.event_uid("seminar", seminar.pk)


def seminar_event(
    seminar: Seminar,
    *,
    cancelled: bool = False,
    attendees: tuple[calendars.Attendee, ...] = (),
) -> calendars.CalendarEvent:
    """The seminar as plain event data. Its SEQUENCE is kept on the seminar."""
    url = settings.SITE_URL.rstrip("/") + seminar.get_absolute_url()
    return calendars.CalendarEvent(
        uid=seminar_uid(seminar),
        summary=seminar.title,
        start=seminar.starts_at,
        end=seminar.ends_at,
        stamp=seminar.updated_at,
        sequence=seminar.calendar_sequence,
        location=seminar.venue.one_line if seminar.venue_id else "",
        description=f"{seminar.description}\n\nRead more: {url}",
        url=url,
        cancelled=cancelled,
        attendees=attendees,
    )


def seminar_calendar(seminar: Seminar) -> bytes:
    """One seminar, for anyone: the file on its page."""
    return calendars.calendar_file(
        [seminar_event(seminar)],
        uid=f"file-{seminar_uid(seminar)}",
        name=seminar.title,
    )


def place_calendar(registration: Registration, *, method: str = calendars.REQUEST) -> bytes:
    """The seminar for the person with this place, sent in their emails: METHOD:REQUEST puts
    it in their calendar, METHOD:CANCEL (same UID, a higher SEQUENCE) takes it away. Both
    name them as the attendee (RFC 5546)."""
    seminar = registration.seminar
    attendee = calendars.Attendee(email=registration.email, name=registration.name)
    return calendars.calendar_file(
        [seminar_event(seminar, cancelled=method == calendars.CANCEL, attendees=(attendee,))],
        uid=f"file-{seminar_uid(seminar)}",
        name=seminar.title,
        method=method,
    )


def seminars_calendar(seminars: Iterable[Seminar]) -> bytes:
    """Every seminar with a date, for calendar apps to subscribe to (webcal://)."""
    return calendars.calendar_file(
        (seminar_event(seminar) for seminar in seminars),
        uid=FEED_UID,
        name="SPIRIT seminars",
        description="When and where SPIRIT seminars happen.",
    )
