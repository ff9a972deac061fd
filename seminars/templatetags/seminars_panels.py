from django import template

register = template.Library()


@register.inclusion_tag("seminars/home_panel.html")
def seminars_home_panel():
    """The seminars part of the home page."""
    return {}
