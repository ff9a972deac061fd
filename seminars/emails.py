"""Easy-read emails to people who sign up, and the calendar file (.ics) sent with them.

Each email has a plain-text and an HTML version, written in ``templates/seminars/email/``.
Emails about a date carry a calendar file: the same UID for a seminar every time, and a
SEQUENCE that goes up when its date changes, so calendar apps update the event.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from core import calendars
from seminars import calendar
from seminars.models import Registration, Seminar

KINDS = ("confirmed", "waiting", "place_offered", "cancelled", "reminder", "changed")
# Which emails carry a calendar file, and what it tells the calendar to do.
CALENDAR_METHOD = {
    "confirmed": "PUBLISH",
    "place_offered": "PUBLISH",
    "reminder": "PUBLISH",
    "changed": "PUBLISH",
    "cancelled": "CANCEL",
}


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def calendar_uid(seminar: Seminar) -> str:
    return calendar.seminar_uid(seminar)


def seminar_calendar(seminar: Seminar, *, method: str = "PUBLISH") -> bytes:
    """The seminar as an iCalendar file (seminars/calendar.py, core/calendars.py)."""
    return calendar.seminar_calendar(seminar, method=method)


def render_registration_email(kind: str, registration: Registration) -> EmailMultiAlternatives:
    """Build one of the emails (see ``KINDS``) for a registration, ready to send."""
    seminar = registration.seminar
    context = {
        "registration": registration,
        "seminar": seminar,
        "venue": seminar.venue,
        "link": site_url(registration.get_absolute_url()),
        "seminar_link": site_url(seminar.get_absolute_url()),
        "accessibility_link": site_url("/accessibility/"),
        "position": registration.waiting_position(),
        "contact_email": settings.SEMINARS_CONTACT_EMAIL,
    }
    subject = render_to_string(f"seminars/email/{kind}_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"seminars/email/{kind}.txt", context),
        to=[registration.email],
    )
    message.attach_alternative(
        render_to_string(f"seminars/email/{kind}.html", context), "text/html"
    )
    # People on the waiting list have no place yet, so no calendar file to keep.
    has_place = registration.state != Registration.State.WAITING
    if kind in CALENDAR_METHOD and (has_place or kind == "cancelled"):
        message.attach(
            "seminar.ics",
            seminar_calendar(seminar, method=CALENDAR_METHOD[kind]),
            calendars.attachment_type(CALENDAR_METHOD[kind]),
        )
    return message


def send_registration_email(kind: str, registration_pk: int) -> None:
    """Send an email about a registration. Called after the transaction commits."""
    registration = Registration.objects.select_related("seminar__venue").get(pk=registration_pk)
    if not registration.email:
        return
    render_registration_email(kind, registration).send()
