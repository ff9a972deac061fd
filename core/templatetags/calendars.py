"""``{% webcal_url "meetings:calendar" %}``: the address calendar apps subscribe to."""

from django import template
from django.urls import reverse

from core.calendars import webcal_url as _webcal_url

register = template.Library()


@register.simple_tag(takes_context=True)
def webcal_url(context, view_name: str) -> str:
    return _webcal_url(context["request"].build_absolute_uri(reverse(view_name)))
