from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from easyread.text import lines
from evidence.models import MARK_START, MARK_STOP, same_for_me_words

register = template.Library()


register.filter("lines", lines)
# "7 members said this happens to them too."
register.filter("same_for_me_words", same_for_me_words)


@register.filter
def marked_lines(text: str) -> list[str]:
    """A search headline, escaped, one line each, with the matching words in <mark>."""
    return [
        mark_safe(escape(line).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))
        for line in lines(text)
    ]
