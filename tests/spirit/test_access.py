"""Who may open what: every URL against anonymous, member, facilitator, superuser, and a
facilitator who has not set up two-factor log-in (no authenticator app on their phone yet).

To add a page, add a row to ACCESS: the path, then the answer for each person.
A number is the HTTP status. LOGIN means "sent to log in" (302 to the log-in page, coming
back afterwards); ADMIN_LOGIN means sent to the admin's log-in page; PASSWORD_AGAIN means
asked to type the password again first; SET_UP_2FA means sent to set up the app on their
phone (before any admin page opens). Every admin page of
evidence, meetings and seminars is added by ADMIN_CHANGELISTS below, from the admin itself.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.test.utils import override_settings
from django.urls import reverse
from django.utils.http import urlencode

from seminars.models import Registration, Seminar, Survey
from seminars.services import sign_up
from spirit.apps import FACILITATOR_APPS
from tests.conftest import kept_for_the_module
from tests.evidence.factories import make_finding
from tests.experiences.factories import make_experience
from tests.factories import make_facilitator, make_member
from tests.meetings.factories import make_meeting
from tests.seminars.factories import make_seminar, sign_up_data

pytestmark = pytest.mark.django_db

LOGIN = "log in"
ADMIN_LOGIN = "admin log in"
PASSWORD_AGAIN = "password again"
SET_UP_2FA = "set up two-factor log-in"
ROLES = ["anonymous", "member", "facilitator", "superuser", "facilitator_without_2fa"]

# (path, anonymous, member, facilitator, superuser, facilitator without two-factor log-in)
ACCESS = [
    # Public pages
    ("/", 200, 200, 200, 200, 200),
    ("/accessibility/", 200, 200, 200, 200, 200),
    ("/privacy/", 200, 200, 200, 200, 200),
    ("/findings/", 200, 200, 200, 200, 200),
    ("/meetings/", 200, 200, 200, 200, 200),
    ("/seminars/", 200, 200, 200, 200, 200),
    ("/no-such-page/", 404, 404, 404, 404, 404),
    # A person's own information
    ("/your-information/", LOGIN, 200, 200, 200, 200),
    ("/your-information/download/", LOGIN, 200, 200, 200, 200),
    # Staff are told who closes their account (the record of their downloads stays)
    ("/your-information/delete/", LOGIN, PASSWORD_AGAIN, 200, 200, 200),
    ("/your-information/deleted/", 200, 200, 200, 200, 200),
    # Telling us what happened: members only; a step not reached yet sends back to step 1
    ("/tell-us/", LOGIN, 200, 200, 200, 200),
    ("/tell-us/topic/", LOGIN, 302, 302, 302, 302),
    ("/tell-us/check/", LOGIN, 302, 302, 302, 302),
    ("/tell-us/recording/", LOGIN, 404, 404, 404, 404),
    ("/my-experiences/", LOGIN, 200, 200, 200, 200),
    # Accounts (a logged-in person is sent home from log in and sign up)
    ("/accounts/login/", 200, 302, 302, 302, 302),
    ("/accounts/signup/", 200, 302, 302, 302, 302),
    ("/accounts/logout/", 302, 200, 200, 200, 200),
    ("/accounts/password/reset/", 200, 200, 200, 200, 200),
    ("/accounts/password/change/", LOGIN, 200, 200, 200, 200),
    ("/accounts/email/", LOGIN, 200, 200, 200, 200),
    # Two-factor log-in: anybody may turn it on; staff must (see SET_UP_2FA)
    ("/accounts/2fa/", LOGIN, 200, 200, 200, 200),
    # The admin: facilitators see the three apps only; people's accounts are for superusers
    ("/admin/", ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, SET_UP_2FA),
    ("/admin/auth/group/", ADMIN_LOGIN, ADMIN_LOGIN, 403, 200, SET_UP_2FA),
    ("/admin/spirit/user/", ADMIN_LOGIN, ADMIN_LOGIN, 403, 200, SET_UP_2FA),
    ("/admin/account/emailaddress/", ADMIN_LOGIN, ADMIN_LOGIN, 403, 200, SET_UP_2FA),
    ("/admin/sites/site/", ADMIN_LOGIN, ADMIN_LOGIN, 403, 200, SET_UP_2FA),
    ("/admin/mfa/authenticator/", ADMIN_LOGIN, ADMIN_LOGIN, 403, 200, SET_UP_2FA),
]

# Pages about one thing: "{name}" is filled in from the ``things`` fixture below.
ACCESS_TO_THINGS = [
    ("/findings/{finding}/", 200, 200, 200, 200, 200),
    # "This happens to me too" is saved by a POST alone (tests/evidence/test_same_for_me.py)
    ("/findings/{finding}/happens-to-me-too/", 405, 405, 405, 405, 405),
    ("/meetings/{meeting}/", 200, 200, 200, 200, 200),
    ("/meetings/{draft_meeting}/", 404, 404, 200, 200, 200),
    ("/seminars/{seminar}/", 200, 200, 200, 200, 200),
    ("/seminars/{seminar}/sign-up/", 200, 200, 200, 200, 200),
    ("/seminars/{seminar}/send-link/", 200, 200, 200, 200, 200),
    ("/seminars/registration/{token}/", 200, 200, 200, 200, 200),
    ("/seminars/registration/not-the-secret-link/", 404, 404, 404, 404, 404),
    ("/seminars/surveys/{survey}/", LOGIN, 200, 200, 200, 200),
    # Somebody else's experience: only facilitators (with two-factor log-in) hear it
    ("/my-experiences/{experience}/recording/", LOGIN, 404, 200, 200, 404),
    ("/my-experiences/{experience}/withdraw/", LOGIN, 404, 404, 404, 404),
    # The facilitators' review of an experience
    (
        "/admin/experiences/experience/{experience}/change/",
        ADMIN_LOGIN,
        ADMIN_LOGIN,
        200,
        200,
        SET_UP_2FA,
    ),
    ("/my-experiences/{experience_without_recording}/recording/", LOGIN, 404, 404, 404, 404),
    # Attendee lists and exports: facilitators only
    (
        "/admin/seminars/seminar/{seminar_pk}/attendees.csv",
        ADMIN_LOGIN,
        ADMIN_LOGIN,
        200,
        200,
        SET_UP_2FA,
    ),
    ("/admin/seminars/seminar/{seminar_pk}/needs/", ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, SET_UP_2FA),
    (
        "/admin/seminars/seminar/{seminar_pk}/sign-in-sheet/",
        ADMIN_LOGIN,
        ADMIN_LOGIN,
        200,
        200,
        SET_UP_2FA,
    ),
    (
        "/admin/seminars/registration/{registration_pk}/emails/",
        ADMIN_LOGIN,
        ADMIN_LOGIN,
        200,
        200,
        SET_UP_2FA,
    ),
    (
        "/admin/seminars/registration/{registration_pk}/change/",
        ADMIN_LOGIN,
        ADMIN_LOGIN,
        200,
        200,
        SET_UP_2FA,
    ),
    ("/admin/seminars/survey/{survey_pk}/results/", ADMIN_LOGIN, ADMIN_LOGIN, 200, 200, SET_UP_2FA),
    (
        "/admin/meetings/meeting/{draft_meeting_pk}/change/",
        ADMIN_LOGIN,
        ADMIN_LOGIN,
        200,
        200,
        SET_UP_2FA,
    ),
]

ADMIN_CHANGELISTS = [
    (
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"),
        ADMIN_LOGIN,
        ADMIN_LOGIN,
        200,
        200,
        SET_UP_2FA,
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
    if role == "facilitator_without_2fa":
        return make_facilitator(two_factor=False)
    return None


CASES = [
    pytest.param(path, role, expected, id=f"{role}:{path}")
    for path, *answers in ACCESS + ADMIN_CHANGELISTS
    for role, expected in zip(ROLES, answers, strict=True)
]


@pytest.fixture(scope="module")
def things(django_db_setup, django_db_blocker, tmp_path_factory):
    """One of each thing with its own page, for ACCESS_TO_THINGS: made once for the module
    (each test changes them only inside its own transaction, rolled back after it)."""
    private = override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"))
    with private, kept_for_the_module(django_db_blocker):
        yield _one_of_each_thing()


def _one_of_each_thing():
    seminar = make_seminar()
    registration = sign_up(seminar, **sign_up_data())
    survey = Survey.objects.create(title="What should we talk about?", slug="what-to-talk-about")
    draft = make_meeting(status="draft")
    someone = make_member()
    return {
        "finding": make_finding().pk,
        "experience": make_experience(someone, recording=True).pk,
        "experience_without_recording": make_experience(someone).pk,
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
    if response.streaming:
        # Read to the end, which closes it (a recording's file) the way the test client
        # closes other answers: without closing the database connection, which a second
        # close() would do, ending the module's transaction of ``things``.
        b"".join(response.streaming_content)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={path}"
    elif expected == PASSWORD_AGAIN:
        assert response.status_code == 302
        assert (
            response["Location"]
            == f"{reverse('account_reauthenticate')}?{urlencode({'next': path})}"
        )
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('admin:login')}?next={path}"
    elif expected == SET_UP_2FA:
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
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


# A member who typed somebody else's address at /accounts/email/ and never checked it. That
# address has a seminar sign-up: no page shows, exports, changes or deletes it through
# their account. (method, path, status); "{name}" is filled in from ``things``.
UNCHECKED_ADDRESS = [
    ("get", "/your-information/", 200),
    ("get", "/your-information/download/", 200),
    ("get", "/your-information/delete/", 200),
    ("post", "/your-information/delete/", 302),
    ("get", "/accounts/email/", 200),
    ("get", "/seminars/{seminar}/", 200),
    ("get", "/seminars/{seminar}/sign-up/", 200),
    ("get", "/seminars/surveys/{survey}/", 200),
]
VICTIMS_DETAILS = ["Vic Tim", "07700 900123", "I use a wheelchair."]


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [pytest.param(*row, id=f"{row[0]}:{row[1]}") for row in UNCHECKED_ADDRESS],
)
def test_an_unchecked_second_address_links_no_data(client, things, method, path, expected):
    seminar = Seminar.objects.get(slug=things["seminar"])
    victims = sign_up(
        seminar,
        **sign_up_data(
            name=VICTIMS_DETAILS[0],
            email="victim@example.org",
            phone=VICTIMS_DETAILS[1],
            access_needs_other=VICTIMS_DETAILS[2],
        ),
    )
    intruder = make_member(username="intruder@example.org", email="intruder@example.org")
    EmailAddress.objects.create(user=intruder, email=intruder.email, verified=True, primary=True)
    EmailAddress.objects.create(user=intruder, email="victim@example.org", verified=False)
    client.force_login(intruder)
    client.post(reverse("account_reauthenticate"), {"password": "a-long-test-password"})
    data = {"is_sure": "on"} if method == "post" else {}
    response = getattr(client, method)(path.format(**things), data)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"] == reverse("account_deleted")
    page = response.content.decode()
    for detail in VICTIMS_DETAILS:
        assert detail not in page
    after = Registration.objects.get(pk=victims.pk)
    assert (after.name, after.email, after.phone, after.anonymised_at) == (
        "Vic Tim",
        "victim@example.org",
        "07700 900123",
        None,
    )
    assert Registration.objects.for_token(victims.token).get() == after
