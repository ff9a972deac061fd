"""Email addresses: one written form for each, and which of a person's addresses are checked.

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

from allauth.account.models import EmailAddress


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
