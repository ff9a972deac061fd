from django import template

from seminars.models import Seminar

register = template.Library()


@register.inclusion_tag("seminars/home_panel.html")
def seminars_home_panel():
    """The seminars part of the home page: the next seminar, with its places. One query."""
    seminar = Seminar.objects.with_places().select_related("venue").upcoming().first()
    return {"seminar": seminar}
