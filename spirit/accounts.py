"""Account rules the portal adds to allauth's: whose addresses are whose, how long a login
lasts, and the notice that an email address was added.

Only a checked (verified) email address is a person's. Anybody can type any address at
/accounts/email/, and ``user.email`` may never have been checked, so every place that finds
a person's data by email address asks ``verified_emails()``.

One address has one written form: ``normalise_email()`` makes lookalikes (full-width letters,
``someone@ｅｘａｍｐｌｅ.org``) the same as ``someone@example.org`` before anything is kept or
compared. allauth's forms reach it through the account adapter, the seminar sign-up through
its form and its service.
"""

import contextlib
import unicodedata
from datetime import timedelta

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.account.signals import email_added
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.utils import timezone


def normalise_email(email: str) -> str:
    """The plain form of an address: NFKC letters, the domain in IDNA (xn--), lower case.

    The result may not be a valid address (NFKC can make one longer, or make odd characters):
    forms check it again after this.
    """
    email = unicodedata.normalize("NFKC", email).strip()
    local, at, domain = email.rpartition("@")
    if at:
        with contextlib.suppress(UnicodeError):  # not a domain: the form's check refuses it
            domain = domain.encode("idna").decode("ascii")
        email = f"{local}@{domain}"
    return email.lower()


def verified_emails(user) -> list[str]:
    """The addresses this person has shown are theirs, in lower case. None for visitors."""
    if user is None or not user.is_authenticated:
        return []
    addresses = EmailAddress.objects.filter(user=user, verified=True)
    return sorted({email.lower() for email in addresses.values_list("email", flat=True)})


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
