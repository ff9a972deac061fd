"""Factories for tests: make_<thing>(**overrides) helpers built on factory_boy."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from spirit.apps import FACILITATORS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"member{n}@example.org")
    email = factory.SelfAttribute("username")
    first_name = factory.Sequence(lambda n: f"Member {n}")
    password = factory.django.Password("a-long-test-password")


def make_member(**overrides):
    return UserFactory(**overrides)


def make_facilitator(**overrides):
    user = UserFactory(is_staff=True, **overrides)
    user.groups.add(Group.objects.get(name=FACILITATORS))
    return user
