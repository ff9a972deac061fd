"""``{% canonical_url %}``: the one address search engines should keep for this page.

Filtered and searched lists (``?theme=…&q=…``) are the same page as the list itself, so
their canonical address drops the query; only the page number of a long list is kept.
"""

from django import template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    request = context["request"]
    page = request.GET.get("page", "")
    query = f"?{urlencode({'page': page})}" if page.isdigit() and page != "1" else ""
    return request.build_absolute_uri(request.path) + query
