"""Easy-read versions of allauth's account forms: plain labels, a hint, and short error messages.

Settings point ``ACCOUNT_FORMS`` here. The forms keep allauth's rules; they only change the
words a person reads, drop placeholders (a placeholder is not a label), and keep the
``autocomplete`` values that let browsers and password managers fill the fields in.
"""

from allauth.account import forms as allauth_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.utils.translation import gettext_lazy

from core.emails import normalise_email
from spirit.accounts import limit_session

ODD_CHARACTER = "Please take out the odd character you typed."
EMAIL_ERRORS = {
    "required": "Type your email address.",
    "invalid": "Type an email address like name@example.org.",
    "max_length": "This email address is too long.",
}
PASSWORD_ERRORS = {"required": "Type your password."}
NEW_PASSWORD_HINT = "Use 8 letters or numbers or more. Choose a password that is hard to guess."
# allauth's own words (translated the way allauth translates them), to be replaced.
ALLAUTH_PASSWORDS_DIFFERENT = gettext_lazy("You must type the same password each time.")
PASSWORDS_DIFFERENT = "The 2 passwords are different. Type the same password twice."


def make_easy_read(form: forms.Form, fields: dict[str, tuple[str, str, dict]]) -> None:
    """Give each named field a plain label, a hint and easy-read error messages."""
    for name, (label, hint, errors) in fields.items():
        field = form.fields[name]
        field.label = label
        field.help_text = hint
        field.error_messages.update({"null_characters_not_allowed": ODD_CHARACTER, **errors})
        field.widget.attrs.pop("placeholder", None)


class EasyReadMixin:
    """Applies ``easy_read_fields`` (name: label, hint, error messages) to the form."""

    easy_read_fields: dict[str, tuple[str, str, dict]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        make_easy_read(self, self.easy_read_fields)


class SamePasswordTwiceMixin:
    """Replace allauth's "same password" message with the easy-read one."""

    def clean(self):
        cleaned_data = super().clean()
        if "password2" in self.errors:
            self.errors["password2"] = self.error_class(
                [
                    PASSWORDS_DIFFERENT if message == str(ALLAUTH_PASSWORDS_DIFFERENT) else message
                    for message in self.errors["password2"]
                ]
            )
        return cleaned_data


EMAIL = ("Your email address", "", EMAIL_ERRORS)
NEW_EMAIL = ("Your email address", "We will send you an email to check it is yours.", EMAIL_ERRORS)
CURRENT_PASSWORD = ("Your password", "", PASSWORD_ERRORS)
FIRST_PASSWORD = {
    "password1": ("Choose a password", NEW_PASSWORD_HINT, {"required": "Choose a password."}),
    "password2": (
        "Type the password again",
        "This checks you typed it right.",
        {"required": "Type your password again."},
    ),
}
NEW_PASSWORD = {
    "password1": (
        "Choose a new password",
        NEW_PASSWORD_HINT,
        {"required": "Choose a new password."},
    ),
    "password2": (
        "Type the new password again",
        "This checks you typed it right.",
        {"required": "Type your new password again."},
    ),
}


class LoginForm(EasyReadMixin, allauth_forms.LoginForm):
    """Log in with an email address and a password."""

    easy_read_fields = {"login": EMAIL, "password": CURRENT_PASSWORD}

    def clean_login(self):
        # A lookalike address finds the same account, and counts towards the same limits.
        return normalise_email(super().clean_login())

    def login(self, request, redirect_url=None):
        response = super().login(request, redirect_url)
        # allauth sets the login's length after logging in: put the portal's rule back.
        limit_session(request, request.user)
        return response


class SignupForm(EasyReadMixin, SamePasswordTwiceMixin, allauth_forms.SignupForm):
    """Make an account with an email address and a password."""

    easy_read_fields = {"email": NEW_EMAIL, **FIRST_PASSWORD}


class ResetPasswordForm(EasyReadMixin, allauth_forms.ResetPasswordForm):
    """Ask for an email with a link to choose a new password."""

    easy_read_fields = {
        "email": ("Your email address", "Use the email address you log in with.", EMAIL_ERRORS)
    }


class ResetPasswordKeyForm(
    EasyReadMixin, SamePasswordTwiceMixin, allauth_forms.ResetPasswordKeyForm
):
    """Choose a new password from the link in the email."""

    easy_read_fields = NEW_PASSWORD


class ChangePasswordForm(EasyReadMixin, SamePasswordTwiceMixin, allauth_forms.ChangePasswordForm):
    """Change the password of a logged-in person."""

    easy_read_fields = {
        "oldpassword": (
            "Your password now",
            "This is the password you use today.",
            PASSWORD_ERRORS,
        ),
        **NEW_PASSWORD,
    }


class SetPasswordForm(EasyReadMixin, SamePasswordTwiceMixin, allauth_forms.SetPasswordForm):
    """Choose a first password (for an account made without one)."""

    easy_read_fields = FIRST_PASSWORD


class AddEmailForm(EasyReadMixin, allauth_forms.AddEmailForm):
    """Add another email address to an account."""

    easy_read_fields = {
        "email": ("New email address", "We will send an email to check it is yours.", EMAIL_ERRORS)
    }


class ReauthenticateForm(EasyReadMixin, allauth_forms.ReauthenticateForm):
    """Type the password again before a change that matters (email addresses, deleting)."""

    easy_read_fields = {"password": CURRENT_PASSWORD}


class DeleteAccountForm(forms.Form):
    """The member says yes before their account is deleted."""

    is_sure = forms.BooleanField(
        label="Yes, delete my account and my information",
        error_messages={"required": "Tick the box if you want to delete your account."},
    )


CODE = (
    "Code from the app on your phone",
    "Open the app. Type the 6 numbers it shows. Or type one of your recovery codes.",
    {"required": "Type the code from the app."},
)


class CodeAuthenticateForm(EasyReadMixin, mfa_forms.AuthenticateForm):
    """Log in, step 2: the code from the authenticator app (or a recovery code)."""

    easy_read_fields = {"code": CODE}


class CodeReauthenticateForm(EasyReadMixin, mfa_forms.ReauthenticateForm):
    """Show it is you again with a code from the app, before a change to the account."""

    easy_read_fields = {"code": CODE}


class ActivateTOTPForm(EasyReadMixin, totp_forms.ActivateTOTPForm):
    """Set up the authenticator app: type the first code it shows."""

    easy_read_fields = {
        "code": (
            "Code from the app on your phone",
            "Type the 6 numbers the app shows.",
            {"required": "Type the code from the app."},
        )
    }
