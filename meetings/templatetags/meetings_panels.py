from django import template

from meetings.models import Meeting

register = template.Library()


@register.inclusion_tag("meetings/home_panel.html")
def meetings_home_panel():
    """The meetings part of the home page: the next meeting, or the latest one."""
    published = Meeting.objects.published().select_related("venue", "theme")
    next_meeting = published.upcoming().first()
    latest = None if next_meeting else published.past().first()
    return {"next_meeting": next_meeting, "latest_meeting": latest}
