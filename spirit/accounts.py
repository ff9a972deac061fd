"""Account rules the portal adds to allauth's: how long a login lasts, and the notice that
an email address was added. Whose addresses are whose is ``core.emails``."""

from datetime import timedelta

from allauth.account.adapter import get_adapter
from allauth.account.signals import email_added
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.utils import timezone

from core.emails import verified_emails


def is_staff(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.is_superuser)


def limit_session(request, user) -> None:
    """A facilitator's login ends STAFF_SESSION_AGE after logging in, however busy they are;
    a member's lasts SESSION_COOKIE_AGE from their last visit."""
    if is_staff(user):
        request.session.set_expiry(timezone.now() + timedelta(seconds=settings.STAFF_SESSION_AGE))
    elif user.is_authenticated:
        request.session.set_expiry(None)


def _limit_session_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        limit_session(request, user)


def _tell_about_added_email(sender, request, user, email_address, **kwargs):
    """Someone added an address: tell the addresses already checked, so an intruder is seen."""
    for email in verified_emails(user):
        if email != email_address.email.lower():
            get_adapter(request).send_notification_mail(
                "account/email/email_added",
                user,
                {"added_email": email_address.email},
                email=email,
            )


def connect_signals() -> None:
    user_logged_in.connect(_limit_session_at_login, dispatch_uid="spirit-limit-session")
    email_added.connect(_tell_about_added_email, dispatch_uid="spirit-email-added")
