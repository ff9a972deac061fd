"""Dates and times the easy-read way: "Thursday 12 May 2016" and "10:30am"."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def long_date(value) -> str:
    """A date like "Thursday 12 May 2016", in UK time."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return f"{value:%A} {value.day} {value:%B %Y}"


@register.filter
def clock(value) -> str:
    """A time like "10:30am" or "3pm", in UK time."""
    if not value:
        return ""
    value = timezone.localtime(value)
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


@register.filter
def when(seminar) -> str:
    """When a seminar happens: "Thursday 12 May 2016, 10:30am to 3pm"."""
    if not seminar.starts_at:
        return ""
    text = f"{long_date(seminar.starts_at)}, {clock(seminar.starts_at)}"
    if seminar.ends_at:
        text += f" to {clock(seminar.ends_at)}"
    return text


@register.filter
def lines(text: str) -> list[str]:
    """Easy-read text kept one sentence a line: the non-empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
