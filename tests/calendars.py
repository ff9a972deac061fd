"""Read an .ics file the strict way, as a calendar app would, and fail on anything wrong."""

import re

from icalendar import Calendar

REQUIRED_EVENT_PROPERTIES = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE")


def strictly_parsed(content: bytes) -> Calendar:
    """The calendar, after checking what RFC 5545 and RFC 5546 ask of every file we send:
    CRLF lines of at most 75 octets, no property icalendar had to skip, PRODID and VERSION,
    a METHOD with an ORGANIZER on every event, an end on every event, and RFC 5546's rule
    for attendees: none in a PUBLISH file, one or more (mailto:) in REQUEST and CANCEL."""
    assert content.endswith(b"\r\n")
    for line in content.split(b"\r\n"):
        assert b"\n" not in line and len(line) <= 75, line
    calendar = Calendar.from_ical(content)
    calendar.validate()
    assert str(calendar["VERSION"]) == "2.0"
    method = calendar["METHOD"]
    assert method in ("PUBLISH", "REQUEST", "CANCEL")
    assert calendar.get("UID"), "the calendar itself has a UID"
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    for event in calendar.walk("VEVENT"):
        for name in REQUIRED_EVENT_PROPERTIES:
            assert name in event, name
        assert re.fullmatch(r"mailto:.+@.+", str(event["ORGANIZER"]))
        assert event.decoded("DTEND") > event.decoded("DTSTART")
        attendees = attendees_of(event)
        if method == "PUBLISH":
            assert attendees == [], "RFC 5546 3.2.1: PUBLISH MUST NOT have attendees"
        else:
            assert attendees, f"RFC 5546: {method} names the attendees"
            assert all(re.fullmatch(r"mailto:.+@.+", str(address)) for address in attendees)
    # Reading it back and writing it again gives the same bytes: nothing was lost.
    assert Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()
    return calendar


def attendees_of(event) -> list:
    """The ATTENDEE properties of an event: icalendar gives one alone, several as a list."""
    attendees = event.get("ATTENDEE", [])
    return attendees if isinstance(attendees, list) else [attendees]
