"""Cancelling places in the admin: "are you sure?" first, then 10 minutes to undo before
anyone is emailed or the place moves on; a cancelled place can be given back; a change to
"support worker coming" goes through the seminar's lock and offers a freed place."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from seminars import services
from seminars.models import Registration, Seminar
from tests.factories import make_facilitator
from tests.seminars.factories import make_seminar, sign_up_data, sign_up_people

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:seminars_registration_changelist"


@pytest.fixture
def full_seminar():
    """Two places: Ann and Bob have them, Cat is waiting."""
    return sign_up_people(make_seminar(capacity=2), "Ann", "Bob", "Cat")


def person(name: str) -> Registration:
    return Registration.objects.get(email=f"{name}@example.org")


def cancel(client, *registrations, confirmed=True):
    data = {"action": "cancel_places", "_selected_action": [r.pk for r in registrations]}
    if confirmed:
        data["confirmed"] = "yes"
    return client.post(reverse(CHANGELIST), data, follow=True)


def give_back(client, *registrations):
    data = {"action": "give_back_places", "_selected_action": [r.pk for r in registrations]}
    return client.post(reverse(CHANGELIST), data, follow=True)


def test_cancelling_asks_are_you_sure_first_and_changes_nothing(
    facilitator_client, full_seminar, mailoutbox
):
    mailoutbox.clear()
    html = cancel(facilitator_client, person("bob"), confirmed=False).content.decode()
    assert "Are you sure you want to cancel these places?" in html
    assert "Bob Smith (has a place)" in html
    assert 'value="Yes, cancel 1 place"' in html
    assert person("bob").state == "confirmed"
    assert mailoutbox == []


def test_a_confirmed_cancel_waits_ten_minutes_before_anyone_is_told(
    facilitator_client, full_seminar, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        html = cancel(facilitator_client, person("bob")).content.decode()
    assert "Cancelled 1 place(s). Each person gets an email in 10 minutes." in html
    bob = person("bob")
    assert bob.state == "cancelled"
    assert bob.cancel_email_due_at - bob.cancelled_at == timedelta(minutes=10)
    assert person("cat").state == "waiting"  # the place is held for the undo
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.finish_held_cancellations(now=bob.cancelled_at + timedelta(minutes=9)) == 0
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.finish_held_cancellations(now=bob.cancel_email_due_at) == 1
    assert [message.to for message in mailoutbox] == [["bob@example.org"], ["cat@example.org"]]
    assert person("cat").state == "confirmed"
    assert person("bob").cancel_email_due_at is None
    with django_capture_on_commit_callbacks(execute=True):
        assert services.finish_held_cancellations(now=bob.cancelled_at + timedelta(hours=1)) == 0
    assert len(mailoutbox) == 2


def test_undo_within_ten_minutes_gives_the_place_back_and_nobody_is_emailed(
    facilitator_client, full_seminar, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel(facilitator_client, person("bob"))
        html = give_back(facilitator_client, person("bob")).content.decode()
        services.finish_held_cancellations(now=timezone.now() + timedelta(hours=1))
    assert "Bob Smith has a place again." in html
    bob = person("bob")
    assert (bob.state, bob.cancelled_at, bob.cancel_email_due_at) == ("confirmed", None, None)
    assert person("cat").state == "waiting"
    assert mailoutbox == []


def test_a_place_given_back_after_it_went_on_is_first_on_the_waiting_list(
    facilitator_client, full_seminar, mailoutbox, django_capture_on_commit_callbacks
):
    services.sign_up(full_seminar, **sign_up_data(name="Dan Smith", email="dan@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        cancel(facilitator_client, person("bob"))
        services.finish_held_cancellations(now=timezone.now() + timedelta(minutes=10))
    assert person("cat").state == "confirmed"
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        html = give_back(facilitator_client, person("bob")).content.decode()
    assert "Bob Smith is first on the waiting list." in html
    assert person("bob").waiting_position() == 1
    assert person("dan").waiting_position() == 2
    [message] = mailoutbox
    assert message.to == ["bob@example.org"]
    assert "You are first on the waiting list." in message.body


def test_a_place_given_back_when_there_is_room_is_a_place(
    facilitator_client, mailoutbox, django_capture_on_commit_callbacks
):
    seminar = make_seminar(capacity=5)
    registration = services.sign_up(seminar, **sign_up_data())
    services.cancel_registration(registration)  # the person cancelled it themselves
    mailoutbox.clear()  # the emails of signing up and cancelling
    with django_capture_on_commit_callbacks(execute=True):
        give_back(facilitator_client, registration)
    registration.refresh_from_db()
    assert registration.state == "confirmed"
    [message] = mailoutbox
    assert message.subject == f"You have your place back at {seminar.title}"
    assert [name for name, _, _ in message.attachments] == ["seminar.ics"]


def test_a_place_is_not_given_back_to_someone_who_signed_up_again(facilitator_client):
    seminar = make_seminar(capacity=5)
    first = services.sign_up(seminar, **sign_up_data())
    services.cancel_registration(first)
    services.sign_up(seminar, **sign_up_data())
    html = give_back(facilitator_client, first).content.decode()
    assert "Ann Smith has signed up again already." in html
    first.refresh_from_db()
    assert first.state == "cancelled"


def test_the_command_finishes_due_cancellations(full_seminar):
    services.cancel_registration(
        person("bob"),
        now=timezone.now() - timedelta(minutes=11),
        notify_after=timedelta(minutes=10),
    )
    out = StringIO()
    call_command("finish_cancellations", stdout=out)
    assert out.getvalue() == "Finished 1 cancellation.\n"
    assert person("cat").state == "confirmed"


def change_form_data(client, registration: Registration, **changes) -> dict:
    """What the change page sends: the fields, and the inlines' management forms as the
    page has them (e.g. the email log)."""
    url = reverse("admin:seminars_registration_change", args=[registration.pk])
    html = client.get(url).content.decode()
    data = dict(
        re.findall(
            r'name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"[^>]*value="(\d+)"', html
        )
    )
    data |= {
        "name": registration.name,
        "email": registration.email,
        "phone": registration.phone,
        "role": registration.role,
        "access_needs": registration.access_needs,
        "access_needs_other": registration.access_needs_other,
        "facilitator_notes": registration.facilitator_notes,
        "has_consented": "on",
    }
    if registration.has_support_worker:
        data["has_support_worker"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def workers_use_places():
    """Three places; Ann and her support worker use two, Bob one; Cat is waiting."""
    seminar = make_seminar(capacity=3, support_workers=Seminar.SupportWorkers.USE_PLACE)
    services.sign_up(seminar, **sign_up_data(email="ann@example.org", has_support_worker=True))
    services.sign_up(seminar, **sign_up_data(name="Bob Smith", email="bob@example.org"))
    services.sign_up(seminar, **sign_up_data(name="Cat Smith", email="cat@example.org"))
    return seminar


def test_a_support_worker_no_longer_coming_frees_a_place_for_the_waiting_list(
    facilitator_client, workers_use_places
):
    ann = person("ann")
    url = reverse("admin:seminars_registration_change", args=[ann.pk])
    response = facilitator_client.post(
        url, change_form_data(facilitator_client, ann, has_support_worker=None), follow=True
    )
    assert "Cat Smith now has a place." in response.content.decode()
    assert person("ann").has_support_worker is False
    assert person("cat").state == "confirmed"
    assert workers_use_places.places_taken_now() == 3


def test_a_new_support_worker_needs_a_free_place(facilitator_client, workers_use_places):
    bob = person("bob")
    url = reverse("admin:seminars_registration_change", args=[bob.pk])
    response = facilitator_client.post(
        url,
        change_form_data(facilitator_client, bob, has_support_worker="on", phone="01234 567890"),
        follow=True,
    )
    html = response.content.decode()
    assert "There is no room for Bob Smith&#x27;s support worker." in html
    bob = person("bob")
    assert bob.has_support_worker is False
    assert bob.phone == "01234 567890"  # the other changes are kept
    assert workers_use_places.places_taken_now() == 3


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_a_facilitator_cancels_after_are_you_sure_and_undoes_it(
    browser_page, client, full_seminar
):
    client.force_login(make_facilitator())
    browser_page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": browser_page.base_url,
            }
        ]
    )

    def choose(action: str) -> None:
        browser_page.goto(browser_page.base_url + reverse(CHANGELIST))
        browser_page.get_by_role("row", name="Bob Smith").get_by_role("checkbox").check()
        browser_page.locator("select[name=action]").select_option(action)
        browser_page.get_by_role("button", name="Go", exact=True).click()

    choose("cancel_places")
    expect(browser_page.locator("h1")).to_have_text("Are you sure you want to cancel these places?")
    assert person("bob").state == "confirmed"
    browser_page.get_by_role("button", name="Yes, cancel 1 place").click()
    expect(browser_page.locator(".messagelist")).to_contain_text(
        "Cancelled 1 place(s). Each person gets an email in 10 minutes."
    )
    assert person("bob").state == "cancelled"
    choose("give_back_places")
    expect(browser_page.locator(".messagelist")).to_contain_text("Bob Smith has a place again.")
    assert person("bob").state == "confirmed"
    assert person("cat").state == "waiting"
