from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from spirit.apps import FACILITATORS


def refuse_weak_password(password: str, user) -> None:
    """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS), for a command."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise CommandError(
            " ".join(["This password is not safe enough.", *error.messages])
        ) from error


class Command(BaseCommand):
    help = (
        "Make a facilitator account (or make an existing account a facilitator). "
        "Facilitators can write meetings, findings and seminars in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The facilitator's email address; they log in with it.")
        parser.add_argument(
            "--password",
            help="A password. Leave it out to be asked for one (or to keep the current one).",
        )
        parser.add_argument("--name", default="", help="The facilitator's first name.")

    @transaction.atomic
    def handle(self, *args, email, password, name, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        email = email.lower()
        users = get_user_model()
        user = users.objects.filter(email__iexact=email).first()
        is_new = user is None
        if is_new:
            user = users(username=email, email=email, first_name=name)
        if password is None and is_new and options.get("interactive", True):
            from getpass import getpass

            password = getpass("Password for the new facilitator: ")
        if password:
            refuse_weak_password(password, user)
            user.set_password(password)
        elif is_new:
            user.set_unusable_password()
        user.is_staff = True
        if name:
            user.first_name = name
        user.save()
        user.groups.add(Group.objects.get(name=FACILITATORS))
        self._verify_email(user)
        word = "Made" if is_new else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{word} facilitator {email}."))

    def _verify_email(self, user):
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=user,
            email=user.email,
            defaults={"verified": True, "primary": True},
        )
