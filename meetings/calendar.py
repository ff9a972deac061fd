"""Meetings as iCalendar (.ics) for calendar apps, through the one builder (core/calendars)."""

import datetime
from collections.abc import Iterable

from django.conf import settings

from core import calendars
from meetings.models import Meeting

# A meeting with a start time but no end time lasts this long in a calendar, not 0 minutes.
DEFAULT_LENGTH = datetime.timedelta(hours=2)
FEED_UID = "all-meetings@spirit-meetings"


def meeting_uid(meeting: Meeting) -> str:
    """The same UID for a meeting forever, so calendar apps update it instead of adding it."""
    return calendars.event_uid("meeting", meeting.pk)


def meeting_event(meeting: Meeting, *, base_url: str) -> calendars.CalendarEvent:
    """One meeting: a timed event in UK time, or all day when no time is set."""
    if meeting.starts_at is None:
        start = meeting.held_on
        end = meeting.held_on + datetime.timedelta(days=1)
    else:
        start = meeting.starts_at
        end = meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH
    lines = [*meeting.summary_lines]
    if meeting.theme_id:
        lines.append(f"Theme: {meeting.theme.name}.")
    url = base_url + meeting.get_absolute_url()
    lines.append(f"Read more: {url}")
    return calendars.CalendarEvent(
        uid=meeting_uid(meeting),
        summary=f"SPIRIT: {meeting.title}",
        start=start,
        end=end,
        stamp=meeting.updated_at,
        sequence=meeting.calendar_sequence,
        location=meeting.venue.one_line,
        description="\n".join(lines),
        url=url,
    )


def meeting_calendar(meetings: Iterable[Meeting], request, *, uid: str = FEED_UID) -> bytes:
    """A calendar with these meetings and the UK time zone they use."""
    base_url = request.build_absolute_uri("/").rstrip("/") if request else settings.SITE_URL
    return calendars.calendar_file(
        (meeting_event(meeting, base_url=base_url) for meeting in meetings),
        uid=uid,
        name="SPIRIT meetings",
        description="When and where the SPIRIT group meets.",
    )
