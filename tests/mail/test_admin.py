"""Facilitators see every email in the admin, each registration's emails, the failed ones
on the start page, and can send any email again."""

import pytest
from django.urls import reverse

from mail.models import Email
from mail.services import TRIES, queue_email
from seminars import services
from tests.factories import make_facilitator, make_member
from tests.seminars.factories import make_seminar, sign_up_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator_client(client):
    client.force_login(make_facilitator())
    return client


def failed_email(to="lost@example.org") -> Email:
    email = queue_email(to=to, subject="You have a place", body="Hello.", kind="test.hello")
    Email.objects.filter(pk=email.pk).update(
        state="failed", attempts=TRIES, last_error="The mail server refused the address."
    )
    return email


def test_the_email_log_lists_searches_and_filters(
    facilitator_client, mailoutbox, django_assert_max_num_queries
):
    seminar = make_seminar()
    services.sign_up(seminar, **sign_up_data(email="ann@example.org"))
    services.sign_up(seminar, **sign_up_data(email="bob@example.org", name="Bob"))
    len(mailoutbox)  # the worker sends them
    failed_email()
    url = reverse("admin:mail_email_changelist")
    with django_assert_max_num_queries(14):
        html = facilitator_client.get(url).content.decode()
    assert "ann@example.org" in html and "lost@example.org" in html
    assert "The mail server refused the address." in html
    html = facilitator_client.get(url, {"q": "bob@example.org"}).content.decode()
    assert "bob@example.org" in html and "ann@example.org" not in html
    html = facilitator_client.get(url, {"state__exact": "failed"}).content.decode()
    assert "lost@example.org" in html and "ann@example.org" not in html
    html = facilitator_client.get(url, {"kind": "seminars.confirmed"}).content.decode()
    assert "ann@example.org" in html and "lost@example.org" not in html


def test_one_email_shows_what_it_said_and_what_it_is_about(facilitator_client):
    seminar = make_seminar(title="Research into action")
    registration = services.sign_up(seminar, **sign_up_data())
    email = Email.objects.get()
    html = facilitator_client.get(reverse("admin:mail_email_change", args=[email.pk])).content
    html = html.decode()
    assert "You have a place at Research into action" in html
    assert "Hello Ann Smith," in html
    assert "seminar.ics" in html
    assert reverse("admin:seminars_registration_change", args=[registration.pk]) in html
    assert 'name="_save"' not in html  # nobody edits an email


def test_send_again_queues_a_fresh_copy_that_is_sent(facilitator_client, mailoutbox):
    email = failed_email()
    response = facilitator_client.post(
        reverse("admin:mail_email_changelist"),
        {"action": "send_again", "_selected_action": [email.pk]},
        follow=True,
    )
    assert "1 email queued to send again." in response.content.decode()
    copy = Email.objects.get(resent_from=email)
    [message] = mailoutbox
    assert message.to == ["lost@example.org"]
    copy.refresh_from_db()
    assert copy.state == "sent"
    assert Email.objects.get(pk=email.pk).state == "failed"


def test_a_registration_page_shows_its_emails(facilitator_client, no_mail_server):
    seminar = make_seminar(capacity=1)
    first = services.sign_up(seminar, **sign_up_data(email="first@example.org"))
    services.cancel_registration(first)
    url = reverse("admin:seminars_registration_change", args=[first.pk])
    html = facilitator_client.get(url).content.decode()
    assert "Emails to this person" in html
    assert "(seminars.confirmed)" in html and "(seminars.cancelled)" in html
    assert html.count("<td>Waiting to be sent</td>") == 2


def test_the_start_page_shows_failed_emails_to_facilitators_only(client, facilitator_client):
    failed_email()
    html = facilitator_client.get(reverse("admin:index")).content.decode()
    assert "Emails that could not be sent (1)" in html
    assert "lost@example.org" in html
    assert "The mail server refused the address." in html
    client.force_login(make_member(is_staff=True, two_factor=True))
    html = client.get(reverse("admin:index")).content.decode()
    assert "lost@example.org" not in html


def test_members_cannot_open_the_email_log(client):
    failed_email()
    client.force_login(make_member())
    response = client.get(reverse("admin:mail_email_changelist"))
    assert response.status_code == 302
