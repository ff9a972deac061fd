from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from evidence.models import MARK_START, MARK_STOP

register = template.Library()


@register.filter
def lines(text: str) -> list[str]:
    """Easy-read text, one sentence a line, as a list without blank lines."""
    return [line.strip() for line in str(text).splitlines() if line.strip()]


@register.filter
def marked_lines(text: str) -> list[str]:
    """A search headline, escaped, one line each, with the matching words in <mark>."""
    return [
        mark_safe(escape(line).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))
        for line in lines(text)
    ]
