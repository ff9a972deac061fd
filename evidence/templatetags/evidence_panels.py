from django import template

register = template.Library()


@register.inclusion_tag("evidence/home_panel.html")
def evidence_home_panel():
    """The evidence part of the home page."""
    return {}
