from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from seminars import services
from seminars.models import Registration, Seminar
from tests.factories import make_member
from tests.seminars.factories import (
    form_data,
    make_seminar,
    make_session,
    make_speaker,
    sign_up_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    """The sign-up rate limit counts in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def test_list_shows_seminars_coming_up_with_places_left(client):
    seminar = make_seminar(capacity=5)
    services.sign_up(seminar, **sign_up_data())
    html = client.get(reverse("seminars:list")).content.decode()
    assert f'<a href="{seminar.get_absolute_url()}">{seminar.title}</a>' in html
    assert "There are 4 places left." in html


def test_list_says_so_when_there_are_no_seminars(client):
    html = client.get(reverse("seminars:list")).content.decode()
    assert "We have not planned any seminars yet." in html


def test_detail_shows_what_when_where_how_to_get_there_and_who_speaks(client):
    seminar = make_seminar(opening_question="What is research?")
    make_session(seminar, speaker=make_speaker(introduction="Mel finds things out."))
    html = client.get(seminar.get_absolute_url()).content.decode()
    assert f"<h1>{seminar.title}</h1>" in html
    assert "<p>People First Dorset</p>" in html
    assert "<p>Get the train to Dorchester South.</p>" in html
    assert "<p>With Mel from University of Southampton.</p>" in html
    assert "<strong>What is research?</strong>" in html
    assert "There are 5 places left." in html
    assert f'href="{reverse("seminars:sign_up", kwargs={"slug": seminar.slug})}"' in html


def test_detail_of_a_seminar_being_planned_says_how_we_find_a_date(client):
    seminar = make_seminar(
        stage=Seminar.Stage.PLANNING,
        starts_at=None,
        ends_at=None,
        date_plan="We will find a date in May 2016.",
    )
    html = client.get(seminar.get_absolute_url()).content.decode()
    assert "<p>We have not chosen a date yet.</p>" in html
    assert "<p>We will find a date in May 2016.</p>" in html
    assert "You cannot sign up yet." in html
    assert "sign-up/" not in html


def test_detail_of_a_full_seminar_offers_the_waiting_list(client):
    seminar = make_seminar(capacity=1)
    services.sign_up(seminar, **sign_up_data())
    html = client.get(seminar.get_absolute_url()).content.decode()
    assert "<p>There are no places left.</p><p>You can join the waiting list.</p>" in html
    assert f"Join the waiting list for {seminar.title}</a>" in html


def test_sign_up_form_fills_in_a_logged_in_members_details(client):
    seminar = make_seminar()
    member = make_member(first_name="Ann", last_name="Smith", email="ann@example.org")
    client.force_login(member)
    html = client.get(reverse("seminars:sign_up", kwargs={"slug": seminar.slug})).content.decode()
    assert 'value="Ann Smith"' in html
    assert 'value="ann@example.org"' in html


def test_signing_up_shows_a_confirmation_and_links_the_member(client):
    seminar = make_seminar()
    member = make_member()
    client.force_login(member)
    url = reverse("seminars:sign_up", kwargs={"slug": seminar.slug})
    response = client.post(url, form_data())
    registration = Registration.objects.get()
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>You have a place</h1>" in html
    assert "<p>We will send you an email about it.</p>" in html
    assert "<p>It goes to ann@example.org.</p>" in html
    assert registration.user == member
    assert registration.access_needs == ["easy_read"]
    assert registration.has_support_worker is False


def test_signing_up_when_full_shows_the_place_on_the_waiting_list(client):
    seminar = make_seminar(capacity=1)
    services.sign_up(seminar, **sign_up_data(email="first@example.org"))
    url = reverse("seminars:sign_up", kwargs={"slug": seminar.slug})
    html = client.post(url, form_data(), follow=True).content.decode()
    assert "<h1>You are on the waiting list</h1>" in html
    assert "<p>You are number 1 on the list.</p>" in html


def test_errors_are_shown_beside_each_field_and_what_was_typed_is_kept(client):
    seminar = make_seminar()
    url = reverse("seminars:sign_up", kwargs={"slug": seminar.slug})
    data = form_data(email="not an email", phone="call me", role="", has_consented="")
    del data["has_support_worker"]
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign up for" in html
    assert '<h2 id="error-summary-title">There is a problem</h2>' in html
    for message in [
        "Write your email address like name@example.org.",
        "Write your phone number with numbers only, like 01234 567890.",
        "Choose who you are.",
        "Say if a support worker is coming with you.",
        "Tick the box to say we can keep your details.",
    ]:
        assert html.count(message) == 2, message
    assert 'value="not an email"' in html
    assert 'value="call me"' in html
    assert 'value="Ann Smith"' in html
    assert 'href="#id_role_0"' in html
    assert Registration.objects.count() == 0


def test_a_duplicate_email_is_explained_in_the_error_summary(client):
    seminar = make_seminar()
    services.sign_up(seminar, **sign_up_data(email="ann@example.org"))
    url = reverse("seminars:sign_up", kwargs={"slug": seminar.slug})
    html = client.post(url, form_data(email="ANN@example.org")).content.decode()
    assert "This email is already signed up for this seminar." in html
    assert 'value="ANN@example.org"' in html
    assert Registration.objects.count() == 1


def test_the_honeypot_stops_a_computer_filling_in_every_box(client):
    seminar = make_seminar()
    url = reverse("seminars:sign_up", kwargs={"slug": seminar.slug})
    html = client.post(url, form_data(leave_empty="http://spam.example")).content.decode()
    assert "Leave the last box empty." in html
    assert Registration.objects.count() == 0


def test_one_internet_address_can_only_sign_up_so_many_times_an_hour(client, settings):
    settings.SEMINARS_SIGNUPS_PER_HOUR = 2
    seminar = make_seminar(capacity=10)
    url = reverse("seminars:sign_up", kwargs={"slug": seminar.slug})
    for number in range(3):
        response = client.post(url, form_data(email=f"p{number}@example.org"))
    assert SIGN_UP_LIMIT_MESSAGE in response.content.decode()
    assert Registration.objects.count() == 2


SIGN_UP_LIMIT_MESSAGE = (
    "You have signed up many times in 1 hour. Please wait 1 hour. Then try again. Or email us."
)


def test_two_visitors_behind_the_proxy_each_have_their_own_sign_up_limit(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.SEMINARS_SIGNUPS_PER_HOUR = 1
    seminar = make_seminar(capacity=10)
    url = reverse("seminars:sign_up", kwargs={"slug": seminar.slug})
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    first = client.post(
        url, form_data(email="ann@example.org"), HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy
    )
    second = client.post(
        url, form_data(email="bob@example.org"), HTTP_X_FORWARDED_FOR="203.0.113.2", **proxy
    )
    again = client.post(
        url, form_data(email="cat@example.org"), HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy
    )
    assert first.status_code == second.status_code == 200
    assert "<h1>You have a place</h1>" in second.content.decode()
    assert SIGN_UP_LIMIT_MESSAGE in again.content.decode()
    assert sorted(Registration.objects.values_list("email", flat=True)) == [
        "ann@example.org",
        "bob@example.org",
    ]


def test_a_forwarded_for_header_is_ignored_when_no_proxy_is_trusted(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.SEMINARS_SIGNUPS_PER_HOUR = 1
    seminar = make_seminar(capacity=10)
    url = reverse("seminars:sign_up", kwargs={"slug": seminar.slug})
    client.post(url, form_data(email="ann@example.org"), HTTP_X_FORWARDED_FOR="203.0.113.1")
    response = client.post(
        url, form_data(email="bob@example.org"), HTTP_X_FORWARDED_FOR="203.0.113.2"
    )
    assert SIGN_UP_LIMIT_MESSAGE in response.content.decode()
    assert Registration.objects.count() == 1


def test_a_seminar_being_planned_has_no_sign_up_form(client):
    seminar = make_seminar(stage=Seminar.Stage.PLANNING)
    html = client.get(reverse("seminars:sign_up", kwargs={"slug": seminar.slug})).content.decode()
    assert "<form" not in html.split("<main")[1].split("</main>")[0]
    assert "You cannot sign up yet." in html


def test_registration_page_shows_the_booking_from_the_secret_link(client):
    registration = services.sign_up(make_seminar(), **sign_up_data(phone="01234 567890"))
    html = client.get(registration.get_absolute_url()).content.decode()
    assert "<p>Name: Ann Smith</p>" in html
    assert "<p>Phone: 01234 567890</p>" in html
    assert "Cancel my place</a>" in html
    assert client.get("/seminars/registration/not-a-real-token/").status_code == 404


def test_opening_the_cancel_link_does_not_cancel(client):
    registration = services.sign_up(make_seminar(), **sign_up_data())
    url = reverse("seminars:cancel", kwargs={"token": registration.token})
    html = client.get(url).content.decode()
    assert "Are you sure you want to cancel?" in html
    registration.refresh_from_db()
    assert registration.state == Registration.State.CONFIRMED


def test_cancelling_with_the_button_frees_the_place_for_the_waiting_list(client):
    seminar = make_seminar(capacity=1)
    registration = services.sign_up(seminar, **sign_up_data())
    waiting = services.sign_up(seminar, **sign_up_data(email="bob@example.org"))
    url = reverse("seminars:cancel", kwargs={"token": registration.token})
    response = client.post(url, follow=True)
    assert "You have cancelled your place. We will email you to say so." in (
        response.content.decode()
    )
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.state == Registration.State.CANCELLED
    assert waiting.state == Registration.State.CONFIRMED


def test_personal_pages_are_never_cached(client):
    registration = services.sign_up(make_seminar(), **sign_up_data())
    response = client.get(registration.get_absolute_url())
    assert "private" in response["Cache-Control"]


def test_home_panel_shows_the_next_seminar(client):
    later = make_seminar(title="Later seminar")
    make_seminar(
        title="Sooner seminar",
        starts_at=later.starts_at - timedelta(days=10),
        ends_at=later.ends_at - timedelta(days=10),
    )
    html = client.get("/").content.decode()
    assert "Read about Sooner seminar</a>" in html
    assert "Later seminar" not in html


def test_home_panel_says_so_when_there_is_no_seminar(client):
    html = client.get("/").content.decode()
    assert "We have not planned any seminars yet." in html


def make_seminars_with_people(count):
    for number in range(count):
        seminar = make_seminar()
        for session_number in range(count):
            make_session(seminar, title=f"Talk {session_number}", speaker=make_speaker())
        for person in range(count):
            services.sign_up(seminar, **sign_up_data(email=f"p{number}-{person}@example.org"))
    return seminar


@pytest.mark.parametrize("rows", [1, 3])
def test_list_and_detail_use_a_constant_number_of_queries(client, django_assert_num_queries, rows):
    seminar = make_seminars_with_people(rows)
    with django_assert_num_queries(3):  # with the glossary, then kept in the cache
        client.get(reverse("seminars:list"))
    with django_assert_num_queries(3):
        client.get(seminar.get_absolute_url())


def test_home_page_queries_do_not_grow_with_more_seminars(client):
    make_seminars_with_people(1)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    make_seminars_with_people(3)
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few)


def test_a_lookalike_email_cannot_sign_up_twice_and_is_kept_in_its_plain_form(client):
    seminar = make_seminar()
    url = reverse("seminars:sign_up", kwargs={"slug": seminar.slug})
    client.post(url, form_data(email="\uff53\uff4f\uff4d\uff45\uff4f\uff4e\uff45@example.org"))
    assert list(Registration.objects.values_list("email", flat=True)) == ["someone@example.org"]

    html = client.post(
        url, form_data(email="someone@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.org")
    ).content.decode()
    assert "This email is already signed up for this seminar." in html
    assert Registration.objects.count() == 1
