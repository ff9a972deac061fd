"""A member's own data: everything we keep about them, to download or to delete.

Rows in other apps are found through the relations to the user model, so a new app's data
is included without changing this file. Secrets (password hash, link tokens) and notes that
facilitators keep are never exported. Seminar sign-ups are also matched by email address,
because people can sign up without logging in, but only by an address the person has
checked (``spirit.accounts.verified_emails``): an address anyone can type proves nothing.

People who help run the portal (staff) cannot delete their own account: the admin's record
of the lists of people they downloaded must stay. Another person closes it in the admin.
"""

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from core import history
from core.emails import verified_emails
from experiences import services as experiences
from experiences.models import Experience
from mail import services as mail
from seminars.models import Registration
from seminars.services import anonymise_person
from spirit.accounts import is_staff

# Fields never put in a download: secrets, and notes only facilitators see.
HIDDEN_FIELDS = {"password", "token_salt", "token_hash", "facilitator_notes"}


def _row(instance) -> dict:
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in HIDDEN_FIELDS:
            continue
        value = field.value_from_object(instance)
        if field.is_relation and value is not None:
            related = getattr(instance, field.name)
            value = str(related)
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        values[field.name] = value
    return values


# Apps that give a person's rows themselves (their own rules: who they are, what is left out).
OWN_EXPORT = {"seminars.Registration", "experiences.Experience"}


def _registrations(user):
    return Registration.objects.of_person(user)


def _related_querysets(user):
    """(label, queryset) for each relation that points at the user, e.g. meeting attendance."""
    for relation in user._meta.related_objects:
        if relation.related_model is get_user_model() or relation.many_to_many:
            continue
        model = relation.related_model
        label = f"{model._meta.app_label}.{model.__name__}"
        if label in OWN_EXPORT:
            continue
        queryset = model._default_manager.filter(**{relation.field.name: user})
        yield f"{label} ({relation.field.name})", relation, queryset


def export_personal_data(user) -> dict:
    """Everything we keep about this person, as plain data for a JSON file."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_facilitator": user.groups.filter(name="Facilitators").exists(),
        },
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "related": {},
    }
    for label, _, queryset in _related_querysets(user):
        rows = [_row(instance) for instance in queryset]
        if rows:
            data["related"][label] = rows
    data["related"]["seminars.Registration"] = [_row(r) for r in _registrations(user)]
    # What they told us: their words, choices and consent; that a recording exists, not its sound.
    if told := experiences.data_of_person(user):
        data["related"]["experiences.Experience"] = told
    # Only to the addresses they have checked: an address anyone can type proves nothing.
    data["emails"] = mail.emails_to(verified_emails(user))
    return data


class AccountError(Exception):
    """Why we cannot delete this account, in easy read. The page shows it."""


def may_delete_own_account(user) -> bool:
    """Members may; people who help run the portal (or did: their downloads are logged) may not."""
    return not is_staff(user) and not LogEntry.objects.filter(user=user).exists()


@transaction.atomic
def delete_account(user) -> None:
    """Delete the account and the person's own rows; remove their details from seminar sign-ups,
    the admin's history and the email log.

    Seminar sign-ups stay as anonymous counts (the seminars app's own anonymising rule).
    Rows that protect the account from deletion (meeting attendance, which names the
    member) are deleted with it; other rows follow their relation (deleted, or emptied).
    """
    if not may_delete_own_account(user):
        raise AccountError("People who help run the portal cannot delete their own account.")
    anonymise_person(user)
    # Their experiences, the findings made from them and their recordings go with them.
    published = experiences.findings_of_person(user)
    rows = [row for _, _, queryset in _related_querysets(user) for row in queryset]
    rows += list(Experience.objects.of_member(user)) + published
    # Not the addresses they never checked: those may be somebody else's.
    names = {str(row) for row in rows if row._meta.label != "account.EmailAddress"}
    names |= {str(user), user.get_full_name(), *verified_emails(user)}
    history.forget([user, *rows], texts=names, person=user)
    # The email log: what was sent to their checked addresses, and about their account.
    mail.forget_emails_to(verified_emails(user))
    mail.forget([user])
    experiences.delete_of_person(user)
    for _, relation, queryset in _related_querysets(user):
        if relation.on_delete in (models.PROTECT, models.RESTRICT):
            queryset.delete()
    user.delete()
