"""Template helpers for meeting pages: times in easy read and safe notes."""

from django import template
from django.utils.safestring import mark_safe

from easyread import text
from meetings.models import render_notes

register = template.Library()


register.filter("easy_time", text.clock)


@register.filter
def safe_notes(value: str) -> str:
    """Notes as typed (Markdown) in HTML, with only the allowed tags."""
    return mark_safe(render_notes(value))  # noqa: S308 - nh3 has removed everything else


register.filter("in_sentence", text.in_sentence)
