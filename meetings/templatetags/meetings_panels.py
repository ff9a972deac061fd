from django import template

register = template.Library()


@register.inclusion_tag("meetings/home_panel.html")
def meetings_home_panel():
    """The meetings part of the home page."""
    return {}
