"""Factories for tests: make_<thing>(**overrides) helpers built on factory_boy."""

import time

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from spirit.apps import FACILITATORS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True  # two_factor below adds a row; the user is saved

    username = factory.Sequence(lambda n: f"member{n}@example.org")
    email = factory.SelfAttribute("username")
    first_name = factory.Sequence(lambda n: f"Member {n}")
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def two_factor(user, create, extracted, **kwargs):
        """Staff have an authenticator app (TOTP_SECRET), as the admin requires.

        ``two_factor=False`` makes staff without one; ``two_factor=True`` gives a member one.
        """
        wanted = (user.is_staff or user.is_superuser) if extracted is None else extracted
        if create and wanted:
            give_authenticator_app(user)


# The secret of every test authenticator app: totp_code() is what the app would show now.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
CODE_MUST_LAST = 5  # seconds; see totp_code()


def give_authenticator_app(user) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)


def totp_code(secret: str = TOTP_SECRET, *, periods_ahead: int = 0) -> str:
    """The 6 numbers the facilitator's phone shows now (allauth's own TOTP sums), or
    ``periods_ahead`` periods (of allauth's ``TOTP_PERIOD`` seconds) from now.

    Like a person who sees the code is about to change, it waits for the next code when
    fewer than ``CODE_MUST_LAST`` seconds are left: a code read one second before it
    changes would reach the server too late on a busy machine, and the test would fail
    by chance (allauth's tolerance is no periods either side).
    """
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < CODE_MUST_LAST:
        time.sleep(left + 0.05)
    counter = int(time.time()) // period + periods_ahead
    return format_hotp_value(hotp_value(secret, counter))


def make_member(**overrides):
    return UserFactory(**overrides)


def make_facilitator(**overrides):
    user = UserFactory(is_staff=True, **overrides)
    user.groups.add(Group.objects.get(name=FACILITATORS))
    return user
