"""The person never sees a false failure: the page after signing up or cancelling says what
happened to the place, even when the email or the database fails after the save; a lost
link can be sent again without telling anyone who is coming; a sign-up made without an
account is kept in the browser only until it closes."""

import smtplib

import pytest
from django.core.mail import EmailMultiAlternatives
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from seminars import emails, services
from seminars.models import Registration
from tests.seminars.factories import form_data, make_seminar, sign_up_data

pytestmark = pytest.mark.django_db


def _sign_up_url(seminar):
    return reverse("seminars:sign_up", kwargs={"slug": seminar.slug})


def _link_url(seminar):
    return reverse("seminars:send_link", kwargs={"slug": seminar.slug})


@pytest.fixture
def mail_down(monkeypatch):
    """Every email fails the way a mail server that refuses connections does."""

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPConnectError(421, "Service not available")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)


@pytest.mark.django_db(transaction=True)  # real commits: the emails go after them
def test_mail_down_still_shows_the_place_that_was_saved(mail_down):
    seminar = make_seminar()
    response = Client().post(_sign_up_url(seminar), form_data())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>You have a place</h1>" in html
    assert "<p>We will send you an email about it.</p>" in html
    assert Registration.objects.get().state == "confirmed"


@pytest.mark.django_db(transaction=True)
def test_mail_down_while_cancelling_still_says_the_place_is_cancelled(mail_down):
    seminar = make_seminar(capacity=1)
    registration = services.sign_up(seminar, **sign_up_data())
    waiting = services.sign_up(seminar, **sign_up_data(email="bob@example.org"))
    response = Client().post(reverse("seminars:cancel", kwargs={"token": registration.token}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have cancelled your place. We will email you to say so." in html
    assert '<p class="lead">You have cancelled your place.</p>' in html
    waiting.refresh_from_db()
    assert waiting.state == "confirmed"


class LostDatabase:
    """Once armed, the database goes away as soon as the next sign-up or cancel has
    committed: every query after it fails, as when PostgreSQL restarts in the middle of
    the request. (Its emails were queued in the same transaction, before the commit.)"""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.wrappers = []

    def arm(self):
        def fail(execute, sql, params, many, context):
            raise OperationalError("server closed the connection unexpectedly")

        def then_lose_the_database(service):
            def run(*args, **kwargs):
                result = service(*args, **kwargs)
                wrapper = connection.execute_wrapper(fail)
                wrapper.__enter__()
                self.wrappers.append(wrapper)
                return result

            return run

        for name in ("sign_up", "cancel_registration"):
            service = getattr(services, name)
            self.monkeypatch.setattr(services, name, then_lose_the_database(service))

    def come_back(self):
        while self.wrappers:
            self.wrappers.pop().__exit__(None, None, None)


@pytest.fixture
def lost_database(monkeypatch):
    lost = LostDatabase(monkeypatch)
    yield lost
    lost.come_back()


@pytest.mark.django_db(transaction=True)
def test_the_database_going_away_after_the_commit_still_shows_the_saved_place(lost_database):
    seminar = make_seminar(capacity=1)
    services.sign_up(seminar, **sign_up_data(email="first@example.org"))
    lost_database.arm()
    response = Client().post(_sign_up_url(seminar), form_data(email="ann@example.org"))
    assert lost_database.wrappers, "the database never went away"
    lost_database.come_back()
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>You are on the waiting list</h1>" in html
    assert "<p>You are number 1 on the list.</p>" in html
    assert "Please fill it in again" not in html
    assert Registration.objects.get(email="ann@example.org").state == "waiting"


@pytest.mark.django_db(transaction=True)
def test_the_database_going_away_after_a_cancel_still_says_it_is_cancelled(lost_database):
    registration = services.sign_up(make_seminar(), **sign_up_data())
    lost_database.arm()
    response = Client().post(reverse("seminars:cancel", kwargs={"token": registration.token}))
    lost_database.come_back()
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have cancelled your place. We will email you to say so." in html
    registration.refresh_from_db()
    assert registration.state == "cancelled"


def test_the_sign_up_is_kept_in_the_browser_only_until_it_closes(client):
    seminar = make_seminar()
    response = client.post(_sign_up_url(seminar), form_data())
    cookie = response.cookies["seminars_signed_up"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # gone when the browser closes
    assert cookie["httponly"]
    assert "sessionid" not in response.cookies  # nothing kept for 14 days
    signed_up = reverse("seminars:signed_up", kwargs={"slug": seminar.slug})
    assert "<h1>You have a place</h1>" in client.get(signed_up).content.decode()


def test_on_a_shared_computer_the_next_person_cannot_see_the_sign_up(client):
    seminar = make_seminar()
    client.post(_sign_up_url(seminar), form_data())
    # The browser closes: it keeps only the cookies that have an expiry date.
    next_person = Client()
    for name, morsel in client.cookies.items():
        if morsel["expires"] or morsel["max-age"]:
            next_person.cookies[name] = morsel.value
    signed_up = reverse("seminars:signed_up", kwargs={"slug": seminar.slug})
    response = next_person.get(signed_up)
    assert response.status_code == 302
    assert response["Location"] == seminar.get_absolute_url()


def test_a_forged_browser_marker_shows_nothing(client):
    seminar = make_seminar()
    other = services.sign_up(seminar, **sign_up_data(email="other@example.org"))
    client.cookies["seminars_signed_up"] = str(other.pk)
    response = client.get(reverse("seminars:signed_up", kwargs={"slug": seminar.slug}))
    assert response.status_code == 302


def test_already_signed_up_offers_to_send_the_secret_link_again(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    seminar = make_seminar()
    registration = services.sign_up(seminar, **sign_up_data(email="ann@example.org"))
    mailoutbox.clear()
    html = client.post(_sign_up_url(seminar), form_data(email="ANN@example.org")).content.decode()
    assert "This email is already signed up for this seminar." in html
    assert '<h2 id="lost-link">Did you sign up before?</h2>' in html
    assert 'name="link-email" value="ann@example.org"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_link_url(seminar), {"link-email": "ann@example.org"})
    assert "<h1>Look in your emails</h1>" in response.content.decode()
    [message] = mailoutbox
    assert message.to == ["ann@example.org"]
    assert message.subject == f"Your secret link for {seminar.title}"
    assert emails.site_url(registration.get_absolute_url()) in message.body


def test_the_link_page_reads_the_same_whether_or_not_the_address_is_signed_up(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    coming = make_seminar(title="Our research day", slug="research-day-one")
    not_coming = make_seminar(title="Our research day", slug="research-day-two")
    services.sign_up(coming, **sign_up_data(email="ann@example.org"))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            client.post(_link_url(seminar), {"link-email": "ann@example.org"})
            .content.decode()
            .replace(seminar.slug, "SLUG")
            for seminar in (coming, not_coming)
        ]
    assert answers[0] == answers[1]
    assert len(mailoutbox) == 1


def test_the_link_is_sent_at_most_three_times_an_hour_to_one_address(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    seminar = make_seminar()
    services.sign_up(seminar, **sign_up_data(email="ann@example.org"))
    mailoutbox.clear()
    for number in range(4):
        # From different visitors: the address's own limit still holds.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                _link_url(seminar),
                {"link-email": "ann@example.org"},
                REMOTE_ADDR=f"10.0.0.{number}",
            )
    html = response.content.decode()
    assert "You have asked for the link many times in 1 hour." in html
    assert 'value="ann@example.org"' in html
    assert len(mailoutbox) == 3


def test_one_visitor_can_ask_for_links_only_so_many_times_an_hour(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    seminar = make_seminar()
    proxy = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.1"}
    for number in range(10):
        response = client.post(
            _link_url(seminar), {"link-email": f"p{number}@example.org"}, **proxy
        )
        assert "<h1>Look in your emails</h1>" in response.content.decode()
    response = client.post(_link_url(seminar), {"link-email": "p10@example.org"}, **proxy)
    assert "You have asked for the link many times in 1 hour." in response.content.decode()
    other_visitor = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.2"}
    response = client.post(_link_url(seminar), {"link-email": "p10@example.org"}, **other_visitor)
    assert "<h1>Look in your emails</h1>" in response.content.decode()


def test_a_badly_typed_address_gets_a_message_beside_the_box(client):
    seminar = make_seminar()
    response = client.post(_link_url(seminar), {"link-email": "not an email"})
    html = response.content.decode()
    assert "<title>Error: " in html
    assert html.count("Write your email address like name@example.org.") == 2
    assert 'value="not an email"' in html
