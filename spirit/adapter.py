"""allauth's account adapter with every message a person may read written in easy read."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.emails import normalise_email
from mail.services import queue_message

TOO_MANY_TRIES = "You have had too many tries. Please wait 5 minutes. Then try again."

# Django's password checks, by error code, in easy read.
PASSWORD_ERRORS = {
    "password_too_short": "This password is too short. Use 8 letters or numbers or more.",
    "password_too_common": "Lots of people use this password. Choose a different one.",
    "password_entirely_numeric": "This password is only numbers. Add some letters too.",
    "password_too_similar": "This password is too like your email address. Choose a different one.",
}


class AccountAdapter(DefaultAccountAdapter):
    """The portal's account rules are allauth's; only the words are ours."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": "This account is switched off. Please talk to a facilitator.",
        "cannot_remove_primary_email": "You cannot remove your main email address.",
        "duplicate_email": "This email address is already on your account.",
        "email_password_mismatch": "The email address or the password is wrong. Please check them.",
        "email_taken": "Someone already has an account with this email address.",
        "enter_current_password": "This is not your password now. Please type it again.",
        "incorrect_password": "This password is wrong. Please type it again.",
        "invalid_or_expired_key": "This link does not work any more.",
        "invalid_login": "The email address or the password is wrong. Please check them.",
        "invalid_password_reset": "This link does not work any more.",
        "max_email_addresses": "You cannot add more than %d email addresses.",
        "too_many_login_attempts": TOO_MANY_TRIES,
        "unknown_email": "We do not know this email address.",
        "unverified_primary_email": "Please check your main email address first.",
        "select_only_one": "Please choose only 1.",
        "same_as_current": "This is the same as now. Please type something new.",
        "rate_limited": TOO_MANY_TRIES,
        "invalid_email": "Type an email address like name@example.org.",
    }

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's emails (checks, password links, notices) are queued and logged like
        every other email, so a mail server that is down never breaks a page."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
            },
        )
        user = context.get("user")
        queue_message(
            message,
            kind="account." + template_prefix.rsplit("/", 1)[-1],
            about=user if isinstance(user, get_user_model()) and user.pk else None,
        )

    def clean_email(self, email):
        """Every address allauth keeps or looks up is in its plain form (no lookalikes)."""
        email = normalise_email(super().clean_email(email))
        try:
            validate_email(email)
        except ValidationError as error:
            raise self.validation_error("invalid_email") from error
        if len(email) > 254:
            raise self.validation_error("invalid_email")
        return email

    def clean_password(self, password, user=None):
        try:
            return super().clean_password(password, user)
        except ValidationError as error:
            raise ValidationError(
                [
                    ValidationError(
                        PASSWORD_ERRORS.get(item.code, item.messages[0]), code=item.code
                    )
                    for item in error.error_list
                ]
            ) from error


class MFAAdapter(DefaultMFAAdapter):
    """Two-factor log-in is allauth's; only the words are ours."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": (
            "Your account uses a code from your phone. So you cannot add an email address "
            "here. Please ask a facilitator."
        ),
        "cannot_delete_authenticator": "You cannot switch this off.",
        "cannot_generate_recovery_codes": "Please set up the app on your phone first.",
        "incorrect_code": "This code is wrong. Please look at the app and type the new code.",
        "unverified_email": "Please check your email addresses first. Then you can set this up.",
        "rate_limited": TOO_MANY_TRIES,
    }
