"""The one iCalendar (.ics) builder: meetings and seminars hand it plain event data.

Infrastructure: it knows nothing of meetings or seminars. Every file it makes has
- a UID for each event that never changes (``event_uid``), so calendar apps update the
  event instead of adding it again, and a UID for the calendar itself;
- an ORGANIZER (the group's contact address, ``SEMINARS_CONTACT_EMAIL``), which RFC 5546
  asks for with every METHOD, and the SEQUENCE the caller keeps;
- the ATTENDEE rule of RFC 5546: a file for anyone (METHOD:PUBLISH: a page's download, a
  subscribed feed) names nobody; a file sent to one person about their place (REQUEST, and
  the CANCEL that takes it away) names them, or Outlook, Google and Apple do not match the
  cancel to the event and leave it in the calendar;
- times in UK time (the settings' TIME_ZONE) with its VTIMEZONE.
Serve or attach it as ``content_type(method)``: ``text/calendar; method=…; charset=utf-8``.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event, Timezone, vCalAddress

PUBLISH = "PUBLISH"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
PRODUCT_ID = "-//SPIRIT//Portal//EN"
GROUP_NAME = "SPIRIT"


@dataclass(frozen=True)
class Attendee:
    """The person a REQUEST or CANCEL file is sent to: their address, and their name."""

    email: str
    name: str = ""


@dataclass(frozen=True)
class CalendarEvent:
    """One event, as a domain app describes it. Dates (not datetimes) make all-day events."""

    uid: str
    summary: str
    start: datetime.datetime | datetime.date
    end: datetime.datetime | datetime.date
    stamp: datetime.datetime
    sequence: int = 0
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False
    attendees: tuple[Attendee, ...] = ()


def event_uid(kind: str, pk: int) -> str:
    """The same UID for a thing forever: it does not depend on the site's address."""
    return f"{kind}-{pk}@spirit-{kind}s"


def content_type(method: str = PUBLISH) -> str:
    return f"text/calendar; method={method}; charset=utf-8"


def attachment_type(method: str = PUBLISH) -> str:
    """For an email attachment: Django's email adds the charset itself (once)."""
    return f"text/calendar; method={method}"


def webcal_url(url: str) -> str:
    """The address calendar apps subscribe to: the same address with the webcal scheme."""
    return urlunsplit(("webcal", *urlsplit(url)[1:]))


@cache
def _timezone() -> Timezone:
    """The VTIMEZONE for UK times (GMT and BST), built once: it takes about 10 ms."""
    return Timezone.from_tzid(settings.TIME_ZONE)


def _organizer() -> vCalAddress:
    organizer = vCalAddress(f"mailto:{settings.SEMINARS_CONTACT_EMAIL}")
    organizer.params["CN"] = GROUP_NAME
    return organizer


def _attendee(attendee: Attendee) -> vCalAddress:
    """They signed up, so they have said yes already: no reply is asked for."""
    address = vCalAddress(f"mailto:{attendee.email}")
    if attendee.name:
        address.params["CN"] = attendee.name
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["PARTSTAT"] = "ACCEPTED"
    address.params["RSVP"] = "FALSE"
    return address


def _check_attendees(event: CalendarEvent, method: str) -> None:
    """RFC 5546 (3.2.1, 3.2.2, 3.2.5): PUBLISH MUST NOT name attendees; REQUEST and CANCEL
    name the people the event is for, or taken from."""
    if method == PUBLISH and event.attendees:
        raise ValueError(f"A METHOD:PUBLISH file names nobody, but {event.uid} has attendees.")
    if method != PUBLISH and not event.attendees:
        raise ValueError(f"A METHOD:{method} file names its attendee, but {event.uid} has none.")


def _local(moment):
    if isinstance(moment, datetime.datetime):
        return moment.astimezone(ZoneInfo(settings.TIME_ZONE))
    return moment


def _vevent(event: CalendarEvent, organizer: vCalAddress) -> Event:
    return Event.new(
        uid=event.uid,
        summary=event.summary,
        start=_local(event.start),
        end=_local(event.end),
        stamp=event.stamp,
        last_modified=event.stamp,
        sequence=event.sequence,
        organizer=organizer,
        location=event.location or None,
        description=event.description or None,
        url=event.url or None,
        status="CANCELLED" if event.cancelled else "CONFIRMED",
        attendees=[_attendee(attendee) for attendee in event.attendees] or None,
    )


def calendar_file(
    events: Iterable[CalendarEvent],
    *,
    uid: str,
    name: str,
    description: str = "",
    method: str = PUBLISH,
) -> bytes:
    """A calendar with these events. ``uid`` names the calendar itself and must not change;
    ``name`` and a daily refresh are what subscribing apps show and use."""
    calendar = Calendar.new(
        prodid=PRODUCT_ID,
        uid=uid,
        name=name,
        description=description or None,
        refresh_interval=datetime.timedelta(days=1),
        method=method,
    )
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", "PT1D")
    calendar.add_component(_timezone())
    organizer = _organizer()
    for event in events:
        _check_attendees(event, method)
        calendar.add_component(_vevent(event, organizer))
    return calendar.to_ical()
