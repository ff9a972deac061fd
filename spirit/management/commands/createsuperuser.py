"""Django's createsuperuser, which also checks a password given in DJANGO_SUPERUSER_PASSWORD.

Django checks a typed password (and lets the person typing it skip the check on purpose),
but takes the one in DJANGO_SUPERUSER_PASSWORD unchecked; ``--noinput`` would otherwise
make a superuser with the password "1".
"""

import os

from django.contrib.auth.management.commands import createsuperuser

from spirit.management.commands.make_facilitator import refuse_weak_password


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
            refuse_weak_password(password, user)
        return super().handle(*args, **options)
