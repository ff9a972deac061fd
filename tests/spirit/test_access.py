"""Who may open what: every URL against anonymous, member, facilitator and superuser.

To add a page, add a row to ACCESS: the path, then the answer for each person.
A number is the HTTP status. LOGIN means "sent to log in" (302 to the log-in page, coming
back afterwards); ADMIN_LOGIN means sent to the admin's log-in page. Every admin page of
evidence, meetings and seminars is added by ADMIN_CHANGELISTS below, from the admin itself.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from spirit.apps import FACILITATOR_APPS
from tests.factories import make_facilitator, make_member

pytestmark = pytest.mark.django_db

LOGIN = "log in"
ADMIN_LOGIN = "admin log in"
ROLES = ["anonymous", "member", "facilitator", "superuser"]

# (path, anonymous, member, facilitator, superuser)
ACCESS = [
    # Public pages
    ("/", 200, 200, 200, 200),
    ("/accessibility/", 200, 200, 200, 200),
    ("/privacy/", 200, 200, 200, 200),
    ("/findings/", 200, 200, 200, 200),
    ("/meetings/", 200, 200, 200, 200),
    ("/seminars/", 200, 200, 200, 200),
    ("/no-such-page/", 404, 404, 404, 404),
    # A person's own information
    ("/your-information/", LOGIN, 200, 200, 200),
    ("/your-information/download/", LOGIN, 200, 200, 200),
    ("/your-information/delete/", LOGIN, 200, 200, 200),
    ("/your-information/deleted/", 200, 200, 200, 200),
    # Accounts (a logged-in person is sent home from log in and sign up)
    ("/accounts/login/", 200, 302, 302, 302),
    ("/accounts/signup/", 200, 302, 302, 302),
    ("/accounts/logout/", 302, 200, 200, 200),
    ("/accounts/password/reset/", 200, 200, 200, 200),
    ("/accounts/password/change/", LOGIN, 200, 200, 200),
    ("/accounts/email/", LOGIN, 200, 200, 200),
    # The admin: facilitators see the three apps only; people's accounts are for superusers
    ("/admin/", ADMIN_LOGIN, ADMIN_LOGIN, 200, 200),
    ("/admin/auth/group/", ADMIN_LOGIN, ADMIN_LOGIN, 403, 200),
    ("/admin/spirit/user/", ADMIN_LOGIN, ADMIN_LOGIN, 403, 200),
    ("/admin/account/emailaddress/", ADMIN_LOGIN, ADMIN_LOGIN, 403, 200),
    ("/admin/sites/site/", ADMIN_LOGIN, ADMIN_LOGIN, 403, 200),
]

# Pages about one thing: "{name}" is filled in from the ``things`` fixture below.
ACCESS_TO_THINGS = [
    ("/meetings/{meeting}/", 200, 200, 200, 200),
    ("/meetings/{draft_meeting}/", 404, 404, 200, 200),
    ("/seminars/{seminar}/", 200, 200, 200, 200),
    ("/seminars/{seminar}/sign-up/", 200, 200, 200, 200),
    ("/seminars/registration/{token}/", 200, 200, 200, 200),
    ("/seminars/registration/not-the-secret-link/", 404, 404, 404, 404),
    ("/seminars/surveys/{survey}/", LOGIN, 200, 200, 200),
    # Attendee lists and exports: facilitators only
    ("/admin/seminars/seminar/{seminar_pk}/attendees.csv", ADMIN_LOGIN, ADMIN_LOGIN, 200, 200),
    ("/admin/seminars/seminar/{seminar_pk}/needs/", ADMIN_LOGIN, ADMIN_LOGIN, 200, 200),
    ("/admin/seminars/seminar/{seminar_pk}/sign-in-sheet/", ADMIN_LOGIN, ADMIN_LOGIN, 200, 200),
    ("/admin/seminars/registration/{registration_pk}/emails/", ADMIN_LOGIN, ADMIN_LOGIN, 200, 200),
    ("/admin/seminars/registration/{registration_pk}/change/", ADMIN_LOGIN, ADMIN_LOGIN, 200, 200),
    ("/admin/seminars/survey/{survey_pk}/results/", ADMIN_LOGIN, ADMIN_LOGIN, 200, 200),
    ("/admin/meetings/meeting/{draft_meeting_pk}/change/", ADMIN_LOGIN, ADMIN_LOGIN, 200, 200),
]

ADMIN_CHANGELISTS = [
    (
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"),
        ADMIN_LOGIN,
        ADMIN_LOGIN,
        200,
        200,
    )
    for model in admin.site._registry
    if model._meta.app_label in FACILITATOR_APPS
]


def person(role):
    if role == "member":
        return make_member()
    if role == "facilitator":
        return make_facilitator()
    if role == "superuser":
        return make_member(is_staff=True, is_superuser=True)
    return None


CASES = [
    pytest.param(path, role, expected, id=f"{role}:{path}")
    for path, *answers in ACCESS + ADMIN_CHANGELISTS
    for role, expected in zip(ROLES, answers, strict=True)
]


@pytest.fixture
def things():
    """One of each thing with its own page, for ACCESS_TO_THINGS."""
    from seminars.models import Survey
    from seminars.services import sign_up
    from tests.meetings.factories import make_meeting
    from tests.seminars.factories import make_seminar, sign_up_data

    seminar = make_seminar()
    registration = sign_up(seminar, **sign_up_data())
    survey = Survey.objects.create(title="What should we talk about?", slug="what-to-talk-about")
    draft = make_meeting(status="draft")
    return {
        "meeting": make_meeting().slug,
        "draft_meeting": draft.slug,
        "draft_meeting_pk": draft.pk,
        "seminar": seminar.slug,
        "seminar_pk": seminar.pk,
        "token": registration.token,
        "registration_pk": registration.pk,
        "survey": survey.slug,
        "survey_pk": survey.pk,
    }


def assert_answer(client, path, role, expected):
    user = person(role)
    if user is not None:
        client.force_login(user)
    response = client.get(path)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={path}"
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('admin:login')}?next={path}"
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(("path", "role", "expected"), CASES)
def test_access(client, path, role, expected):
    assert_answer(client, path, role, expected)


@pytest.mark.parametrize(
    ("path", "role", "expected"),
    [
        pytest.param(path, role, expected, id=f"{role}:{path}")
        for path, *answers in ACCESS_TO_THINGS
        for role, expected in zip(ROLES, answers, strict=True)
    ],
)
def test_access_to_things(client, things, path, role, expected):
    assert_answer(client, path.format(**things), role, expected)


def test_the_admin_of_every_app_facilitators_edit_is_in_the_table():
    apps_in_table = {path.split("/")[2] for path, *_ in ADMIN_CHANGELISTS}
    assert apps_in_table == set(FACILITATOR_APPS)


def test_a_member_cannot_change_anything_in_the_admin(client):
    client.force_login(make_member())
    for path, *_ in ADMIN_CHANGELISTS:
        response = client.post(path + "add/", {})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
