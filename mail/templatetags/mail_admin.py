from django import template

from mail.models import Email

register = template.Library()

# The start page lists at most this many; the link shows them all.
FAILED_SHOWN = 10


@register.simple_tag
def failed_emails():
    """The newest failed emails and how many there are, for the admin's start page."""
    failed = Email.objects.failed().order_by("-created_at")
    return {"emails": list(failed[:FAILED_SHOWN]), "count": failed.count()}
