"""The one iCalendar (.ics) builder: meetings and seminars hand it plain event data.

Infrastructure: it knows nothing of meetings or seminars. Every file it makes has
- a UID for each event that never changes (``event_uid``), so calendar apps update the
  event instead of adding it again, and a UID for the calendar itself;
- an ORGANIZER (the group's contact address, ``SEMINARS_CONTACT_EMAIL``), which RFC 5546
  asks for with METHOD:PUBLISH and METHOD:CANCEL, and the SEQUENCE the caller keeps;
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
CANCEL = "CANCEL"
PRODUCT_ID = "-//SPIRIT//Portal//EN"
GROUP_NAME = "SPIRIT"


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
        calendar.add_component(_vevent(event, organizer))
    return calendar.to_ical()
