"""Easy-read emails to people who sign up, and the calendar file (.ics) sent with them.

Each email is queued (``mail.services``) in the transaction of the change it tells about,
logged against the registration, and sent by the worker, which tries again if mail is down.

Each email has a plain-text and an HTML version, written in ``templates/seminars/email/``.
Emails about a date carry a calendar file: the same UID for a seminar every time, and a
SEQUENCE that goes up when its date changes, so calendar apps update the event.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from core import calendars
from mail.services import queue_message
from seminars import calendar
from seminars.models import Registration, Seminar

KINDS = (
    "confirmed",
    "waiting",
    "place_offered",
    "cancelled",
    "reminder",
    "changed",
    "link",
    "given_back",
)
# Which emails carry a calendar file, and what it tells the person's calendar to do.
CALENDAR_METHOD = {
    "confirmed": calendars.REQUEST,
    "place_offered": calendars.REQUEST,
    "reminder": calendars.REQUEST,
    "changed": calendars.REQUEST,
    "cancelled": calendars.CANCEL,
    "given_back": calendars.REQUEST,
}


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def calendar_uid(seminar: Seminar) -> str:
    return calendar.seminar_uid(seminar)


def seminar_calendar(seminar: Seminar) -> bytes:
    """The seminar as an iCalendar file for anyone (seminars/calendar.py, core/calendars.py)."""
    return calendar.seminar_calendar(seminar)


def _about(registration: Registration) -> dict:
    """What every email to a person shows: the seminar, where, and their secret link."""
    seminar = registration.seminar
    return {
        "registration": registration,
        "seminar": seminar,
        "venue": seminar.venue,
        "link": site_url(registration.get_absolute_url()),
        "seminar_link": site_url(seminar.get_absolute_url()),
        "accessibility_link": site_url("/accessibility/"),
        "contact_email": settings.SEMINARS_CONTACT_EMAIL,
    }


def render_registration_email(kind: str, registration: Registration) -> EmailMultiAlternatives:
    """Build one of the emails (see ``KINDS``) for a registration, ready to send."""
    context = {**_about(registration), "position": registration.waiting_position()}
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
            calendar.place_calendar(registration, method=CALENDAR_METHOD[kind]),
            calendars.attachment_type(CALENDAR_METHOD[kind]),
        )
    return message


def render_message_email(
    registration: Registration, *, subject: str, message: str
) -> EmailMultiAlternatives:
    """A facilitator's own message to one person, with their name and secret link."""
    context = {**_about(registration), "message": message, "title": subject}
    email = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("seminars/email/message.txt", context),
        to=[registration.email],
    )
    email.attach_alternative(render_to_string("seminars/email/message.html", context), "text/html")
    return email


def queue_message_email(registration: Registration, *, subject: str, message: str) -> None:
    """Queue a facilitator's message to one person, logged against their registration,
    in the caller's transaction (see ``queue_registration_email``)."""
    if not registration.email:
        return
    queue_message(
        render_message_email(registration, subject=subject, message=message),
        kind="seminars.message",
        about=registration,
    )


def queue_registration_email(kind: str, registration: Registration) -> None:
    """Queue an email about a registration, in the caller's transaction: if it is rolled
    back, no email goes. The worker sends it (and tries again while mail is down)."""
    if not registration.email:
        return
    queue_message(
        render_registration_email(kind, registration),
        kind=f"seminars.{kind}",
        about=registration,
    )


def send_registration_email(kind: str, registration_pk: int) -> None:
    """Queue an email about a registration, found by its id (see queue_registration_email)."""
    registration = Registration.objects.select_related("seminar__venue").get(pk=registration_pk)
    queue_registration_email(kind, registration)
