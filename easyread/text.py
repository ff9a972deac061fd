"""Dates, times and lines the easy-read way: one home for how the portal says them.

"Thursday 12 May 2016", "10:30am", "12 noon", and easy-read text kept one short sentence a
line. Template filters (seminars, meetings, evidence) and services all call these.
"""

import datetime

from django.utils import timezone


def long_date(value: datetime.date | datetime.datetime | None) -> str:
    """A date like "Thursday 12 May 2016"; a date and time is read in UK time first."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return f"{value:%A} {value.day} {value:%B %Y}"


def clock(value: datetime.time | datetime.datetime | None) -> str:
    """A time as people say it: "10am", "2:30pm", "12 noon"; a date and time in UK time."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    if value.hour == 12 and value.minute == 0:
        return "12 noon"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{suffix}"


def in_sentence(value) -> str:
    """A title to use inside a sentence: "Our second meeting" becomes "our second meeting"."""
    value = str(value)
    if len(value) > 1 and value[1].isupper():
        return value  # an acronym such as "NHS" stays as it is
    return value[:1].lower() + value[1:]


def lines(text) -> list[str]:
    """The non-empty lines of an easy-read text: one short sentence a line."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]
