"""Template helpers for meeting pages: times in easy read and safe notes."""

import datetime

from django import template
from django.utils.safestring import mark_safe

from meetings.models import clean_notes

register = template.Library()


@register.filter
def easy_time(value: datetime.time | None) -> str:
    """A time as people say it: 10am, 2:30pm, 12 noon."""
    if value is None:
        return ""
    if value.hour == 12 and value.minute == 0:
        return "12 noon"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{suffix}"


@register.filter
def safe_notes(value: str) -> str:
    """Notes with only the allowed tags, cleaned again as they are shown."""
    return mark_safe(clean_notes(value))  # noqa: S308 - nh3 has removed everything else


@register.filter
def in_sentence(value: str) -> str:
    """A title to use inside a sentence: "Our second meeting" becomes "our second meeting"."""
    value = str(value)
    if len(value) > 1 and value[1].isupper():
        return value  # an acronym such as "NHS" stays as it is
    return value[:1].lower() + value[1:]
