"""Seminar template filters; dates, times and lines come from easyread.text (one home)."""

from django import template

from easyread import text

register = template.Library()


register.filter("long_date", text.long_date)
register.filter("clock", text.clock)
register.filter("lines", text.lines)


@register.filter
def when(seminar) -> str:
    """When a seminar happens: "Thursday 12 May 2016, 10:30am to 3pm"."""
    if not seminar.starts_at:
        return ""
    words = f"{text.long_date(seminar.starts_at)}, {text.clock(seminar.starts_at)}"
    if seminar.ends_at:
        words += f" to {text.clock(seminar.ends_at)}"
    return words
