"""Django's createsuperuser, which also checks a password given in DJANGO_SUPERUSER_PASSWORD.

Django checks a typed password (and lets the person typing it skip the check on purpose),
but takes the one in DJANGO_SUPERUSER_PASSWORD unchecked; ``--noinput`` would otherwise
make a superuser with the password "1".
"""

import os

from django.contrib.auth.management.commands import createsuperuser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not options["interactive"] and password:
            fields = [self.UserModel.USERNAME_FIELD, *self.UserModel.REQUIRED_FIELDS, "email"]
            user = self.UserModel(
                **{
                    name: options.get(name) or os.environ.get(f"DJANGO_SUPERUSER_{name.upper()}")
                    for name in dict.fromkeys(fields)
                }
            )
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(
                    " ".join(["This password is not safe enough.", *error.messages])
                ) from error
        return super().handle(*args, **options)
