from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from seminars import services
from seminars.models import Registration, Seminar
from seminars.services import SignUpError
from tests.seminars.factories import make_seminar, sign_up_data

pytestmark = pytest.mark.django_db


def states(seminar):
    return list(seminar.registrations.order_by("created_at", "pk").values_list("email", "state"))


def test_sign_up_gives_a_place_while_there_is_room():
    seminar = make_seminar(capacity=2)
    registration = services.sign_up(seminar, **sign_up_data())
    assert registration.state == Registration.State.CONFIRMED
    assert Seminar.objects.with_places().get(pk=seminar.pk).places_left == 1


def test_sign_up_puts_people_on_the_waiting_list_when_full():
    seminar = make_seminar(capacity=2)
    for number in range(4):
        services.sign_up(seminar, **sign_up_data(email=f"p{number}@example.org"))
    assert states(seminar) == [
        ("p0@example.org", "confirmed"),
        ("p1@example.org", "confirmed"),
        ("p2@example.org", "waiting"),
        ("p3@example.org", "waiting"),
    ]
    waiting = seminar.registrations.get(email="p3@example.org")
    assert waiting.waiting_position() == 2
    assert Seminar.objects.with_places().get(pk=seminar.pk).state == Seminar.State.FULL


def test_support_workers_use_a_place_only_when_the_seminar_says_so():
    free = make_seminar(capacity=2, support_workers=Seminar.SupportWorkers.FREE)
    counted = make_seminar(capacity=2, support_workers=Seminar.SupportWorkers.USE_PLACE)
    for seminar in (free, counted):
        services.sign_up(seminar, **sign_up_data(email="a@example.org", has_support_worker=True))
        services.sign_up(seminar, **sign_up_data(email="b@example.org"))
    assert states(free) == [("a@example.org", "confirmed"), ("b@example.org", "confirmed")]
    assert states(counted) == [("a@example.org", "confirmed"), ("b@example.org", "waiting")]
    assert counted.places_taken_now() == 2


def test_a_person_and_their_support_worker_are_never_split():
    seminar = make_seminar(capacity=2, support_workers=Seminar.SupportWorkers.USE_PLACE)
    services.sign_up(seminar, **sign_up_data(email="a@example.org"))
    pair = services.sign_up(
        seminar, **sign_up_data(email="pair@example.org", has_support_worker=True)
    )
    assert pair.state == Registration.State.WAITING
    assert seminar.places_taken_now() == 1


def test_nobody_jumps_the_waiting_list():
    seminar = make_seminar(capacity=2, support_workers=Seminar.SupportWorkers.USE_PLACE)
    services.sign_up(seminar, **sign_up_data(email="a@example.org"))
    services.sign_up(seminar, **sign_up_data(email="pair@example.org", has_support_worker=True))
    single = services.sign_up(seminar, **sign_up_data(email="single@example.org"))
    assert single.state == Registration.State.WAITING


def test_the_same_email_cannot_take_two_places_whatever_its_capitals():
    seminar = make_seminar()
    services.sign_up(seminar, **sign_up_data(email="Ann@Example.org"))
    with pytest.raises(SignUpError) as error:
        services.sign_up(seminar, **sign_up_data(email="ann@example.ORG"))
    assert str(error.value) == "This email is already signed up for this seminar."
    assert seminar.registrations.count() == 1


def test_the_database_refuses_a_second_active_place_for_one_email():
    seminar = make_seminar()
    first = services.sign_up(seminar, **sign_up_data(email="ann@example.org"))
    copy = Registration(
        seminar=seminar, name="Ann", email="ANN@example.org", role="family", has_consented=True
    )
    copy.set_new_token()
    with pytest.raises(IntegrityError):
        copy.save()
    assert first.state == Registration.State.CONFIRMED


def test_a_person_who_cancelled_can_sign_up_again():
    seminar = make_seminar()
    first = services.sign_up(seminar, **sign_up_data())
    services.cancel_registration(first)
    again = services.sign_up(seminar, **sign_up_data(email="ANN@example.org"))
    assert again.state == Registration.State.CONFIRMED
    assert seminar.registrations.filter(state="cancelled").count() == 1


def test_cancel_gives_the_place_to_the_first_on_the_waiting_list():
    seminar = make_seminar(capacity=1)
    first = services.sign_up(seminar, **sign_up_data(email="a@example.org"))
    services.sign_up(seminar, **sign_up_data(email="b@example.org"))
    services.sign_up(seminar, **sign_up_data(email="c@example.org"))
    promoted = services.cancel_registration(first)
    assert [registration.email for registration in promoted] == ["b@example.org"]
    assert states(seminar) == [
        ("a@example.org", "cancelled"),
        ("b@example.org", "confirmed"),
        ("c@example.org", "waiting"),
    ]
    first.refresh_from_db()
    assert first.cancelled_at is not None
    assert seminar.registrations.get(email="b@example.org").promoted_at is not None


def test_cancelling_twice_changes_nothing_the_second_time():
    seminar = make_seminar(capacity=1)
    first = services.sign_up(seminar, **sign_up_data(email="a@example.org"))
    services.sign_up(seminar, **sign_up_data(email="b@example.org"))
    assert len(services.cancel_registration(first)) == 1
    assert services.cancel_registration(first) == []
    assert seminar.places_taken_now() == 1


def test_cancel_promotes_a_pair_only_when_both_fit():
    seminar = make_seminar(capacity=2, support_workers=Seminar.SupportWorkers.USE_PLACE)
    a = services.sign_up(seminar, **sign_up_data(email="a@example.org"))
    b = services.sign_up(seminar, **sign_up_data(email="b@example.org"))
    services.sign_up(seminar, **sign_up_data(email="pair@example.org", has_support_worker=True))
    assert services.cancel_registration(a) == []
    promoted = services.cancel_registration(b)
    assert [registration.email for registration in promoted] == ["pair@example.org"]
    assert seminar.places_taken_now() == 2


def test_the_waiting_list_stops_moving_by_itself_just_before_the_start():
    soon = timezone.now() + timedelta(hours=10)
    seminar = make_seminar(
        capacity=1, starts_at=soon, ends_at=soon + timedelta(hours=4), promotion_stops_hours=24
    )
    first = services.sign_up(seminar, **sign_up_data(email="a@example.org"))
    waiting = services.sign_up(seminar, **sign_up_data(email="b@example.org"))
    assert services.cancel_registration(first) == []
    waiting.refresh_from_db()
    assert waiting.state == Registration.State.WAITING
    services.promote_registration(waiting)
    waiting.refresh_from_db()
    assert waiting.state == Registration.State.CONFIRMED


def test_a_facilitator_cannot_promote_when_there_is_no_room():
    seminar = make_seminar(capacity=1)
    services.sign_up(seminar, **sign_up_data(email="a@example.org"))
    waiting = services.sign_up(seminar, **sign_up_data(email="b@example.org", name="Bob"))
    with pytest.raises(SignUpError) as error:
        services.promote_registration(waiting)
    assert str(error.value) == "There is no room for Bob. Add places to the seminar first."


def test_more_places_give_places_to_the_waiting_list_at_once():
    seminar = make_seminar(capacity=1)
    services.sign_up(seminar, **sign_up_data(email="a@example.org"))
    services.sign_up(seminar, **sign_up_data(email="b@example.org"))
    seminar.capacity = 3
    promoted = services.save_seminar(seminar)
    assert [registration.email for registration in promoted] == ["b@example.org"]


def test_fewer_places_never_remove_anyone():
    seminar = make_seminar(capacity=3)
    for number in range(3):
        services.sign_up(seminar, **sign_up_data(email=f"p{number}@example.org"))
    seminar.capacity = 1
    services.save_seminar(seminar)
    assert seminar.registrations.confirmed().count() == 3
    assert services.places_over(seminar) == 2


def test_a_new_date_bumps_the_calendar_sequence():
    seminar = make_seminar()
    seminar.starts_at += timedelta(days=1)
    seminar.ends_at += timedelta(days=1)
    services.save_seminar(seminar)
    seminar.refresh_from_db()
    assert seminar.calendar_sequence == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"stage": Seminar.Stage.PLANNING},
            "You cannot sign up yet. We are still planning this seminar.",
        ),
        (
            {"signup_closes_at": timezone.now() - timedelta(days=1)},
            "Sign-up for this seminar has closed.",
        ),
    ],
)
def test_sign_up_is_refused_outside_the_sign_up_time(overrides, message):
    seminar = make_seminar(**overrides)
    with pytest.raises(SignUpError) as error:
        services.sign_up(seminar, **sign_up_data())
    assert str(error.value) == message
    assert seminar.registrations.count() == 0


def test_sign_up_has_not_opened_yet_says_when_it_opens():
    opens = timezone.make_aware(timezone.datetime(2099, 5, 12, 9, 0))
    seminar = make_seminar(
        signup_opens_at=opens,
        starts_at=opens + timedelta(days=10),
        ends_at=opens + timedelta(days=10, hours=5),
    )
    with pytest.raises(SignUpError) as error:
        services.sign_up(seminar, **sign_up_data())
    assert str(error.value) == "Sign-up opens on Tuesday 12 May 2099."


def test_a_lookalike_email_in_full_width_letters_cannot_take_a_second_place():
    seminar = make_seminar()
    services.sign_up(seminar, **sign_up_data(email="someone@example.org"))
    with pytest.raises(SignUpError) as error:
        services.sign_up(
            seminar, **sign_up_data(email="someone@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.org")
        )
    assert str(error.value) == "This email is already signed up for this seminar."
    assert list(seminar.registrations.values_list("email", flat=True)) == ["someone@example.org"]
