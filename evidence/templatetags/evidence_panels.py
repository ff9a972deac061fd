from django import template

from evidence.models import Finding

register = template.Library()

NEWEST = 3


@register.inclusion_tag("evidence/home_panel.html")
def evidence_home_panel():
    """The evidence part of the home page: the newest findings, in one query."""
    return {
        "findings": list(
            Finding.objects.published()
            .newest_first()
            .select_related("source")
            .prefetch_related("tags")[:NEWEST]
        )
    }
