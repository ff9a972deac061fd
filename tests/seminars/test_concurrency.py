"""Many sign-ups at once, each from its own thread with its own database connection.

The tests need real transactions (``transaction=True``): the row lock only matters when
other connections can see the seminar and wait for each other.
"""

import threading
from collections import Counter

import psycopg
import pytest
from django.db import connection, connections

from seminars import services
from seminars.models import Registration, Seminar
from seminars.services import SignUpError
from tests.seminars.factories import make_seminar, sign_up_data

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def patient_lock(monkeypatch):
    """Each sign-up here waits for the lock as long as it takes: these tests prove that
    nothing is oversold or numbered twice, however busy the machine is, not how long people
    wait. The friendly "busy" message after 5 seconds has its own test below."""
    monkeypatch.setattr(services, "LOCK_TIMEOUT", "120s")


def run_at_once(jobs):
    """Start every job together (a barrier) in its own thread; return results or errors."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - the test inspects every outcome
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize(("people", "places"), [(20, 5), (40, 10)])
def test_many_sign_ups_at_once_never_oversell(mailoutbox, people, places):
    seminar = make_seminar(capacity=places)
    jobs = [
        (lambda n=n: services.sign_up(seminar, **sign_up_data(email=f"p{n}@example.org")))
        for n in range(people)
    ]
    results = run_at_once(jobs)
    assert [r for r in results if not isinstance(r, Registration)] == []
    counts = Counter(seminar.registrations.values_list("state", flat=True))
    assert counts == {"confirmed": places, "waiting": people - places}
    emails = list(seminar.registrations.values_list("email", flat=True))
    assert len(set(emails)) == people
    assert seminar.places_taken_now() == places
    assert len(mailoutbox) == people
    # The waiting list numbers run 1, 2, 3... with no gaps or repeats.
    positions = [r.waiting_position() for r in seminar.registrations.waiting()]
    assert positions == list(range(1, people - places + 1))


def test_pairs_and_singles_at_once_never_pass_the_places_when_workers_count():
    seminar = make_seminar(capacity=5, support_workers=Seminar.SupportWorkers.USE_PLACE)
    jobs = [
        (
            lambda n=n: services.sign_up(
                seminar, **sign_up_data(email=f"p{n}@example.org", has_support_worker=n % 2 == 0)
            )
        )
        for n in range(12)
    ]
    run_at_once(jobs)
    assert seminar.places_taken_now() <= 5
    assert seminar.registrations.count() == 12


def test_the_same_email_at_once_gets_one_place_only():
    seminar = make_seminar(capacity=5)
    jobs = [
        (
            lambda n=n: services.sign_up(
                seminar, **sign_up_data(email="ANN@Example.org" if n % 2 else "ann@example.org")
            )
        )
        for n in range(8)
    ]
    results = run_at_once(jobs)
    made = [r for r in results if isinstance(r, Registration)]
    refused = [r for r in results if isinstance(r, SignUpError)]
    assert len(made) == 1
    assert len(refused) == 7
    assert {str(error) for error in refused} == {
        "This email is already signed up for this seminar."
    }
    assert seminar.registrations.count() == 1


def test_cancels_and_sign_ups_at_once_keep_the_count_and_the_order():
    seminar = make_seminar(capacity=5)
    holders = [
        services.sign_up(seminar, **sign_up_data(email=f"holder{n}@example.org")) for n in range(5)
    ]
    waiting = [
        services.sign_up(seminar, **sign_up_data(email=f"waiting{n}@example.org")) for n in range(5)
    ]
    jobs = [(lambda r=r: services.cancel_registration(r)) for r in holders[:3]]
    jobs += [
        (lambda n=n: services.sign_up(seminar, **sign_up_data(email=f"new{n}@example.org")))
        for n in range(6)
    ]
    results = run_at_once(jobs)
    assert [r for r in results if isinstance(r, Exception)] == []
    confirmed = set(seminar.registrations.confirmed().values_list("email", flat=True))
    assert len(confirmed) == 5
    # The 3 freed places went to the first 3 people who were waiting, in order.
    assert {r.email for r in waiting[:3]} <= confirmed
    assert seminar.registrations.waiting().count() == 2 + 6


def test_a_held_lock_gives_the_friendly_busy_message(monkeypatch):
    seminar = make_seminar()
    settings = connection.settings_dict
    monkeypatch.setattr(services, "LOCK_TIMEOUT", "300ms")
    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"],
        password=settings["PASSWORD"] or None,
    ) as other:
        other.execute("SELECT id FROM seminars_seminar WHERE id = %s FOR UPDATE", [seminar.pk])
        with pytest.raises(SignUpError) as error:
            services.sign_up(seminar, **sign_up_data())
        other.rollback()
    assert str(error.value) == "Lots of people are signing up. Please try again."
    assert seminar.registrations.count() == 0


def test_sixty_at_once_for_ten_places_are_each_told_their_own_waiting_number(mailoutbox):
    """The number a person is told (on the page and in the email) is taken under the lock,
    so a burst never tells two people the same number."""
    seminar = make_seminar(capacity=10)

    def sign_up_and_read_the_number(n):
        # On a busy machine the lock can time out ("Lots of people are signing up. Please
        # try again."): the person presses the button again, as the page asks.
        for _ in range(10):
            try:
                registration = services.sign_up(seminar, **sign_up_data(email=f"p{n}@example.org"))
            except SignUpError as error:
                if str(error) != services.BUSY:
                    raise
                continue
            return registration.state, registration.waiting_position()
        raise AssertionError("still busy after 10 tries")

    results = run_at_once([lambda n=n: sign_up_and_read_the_number(n) for n in range(60)])
    assert [r for r in results if not isinstance(r, tuple)] == []
    assert Counter(state for state, _ in results) == {"confirmed": 10, "waiting": 50}
    told = sorted(number for state, number in results if state == "waiting")
    assert told == list(range(1, 51))
    saved = [r.waiting_position() for r in seminar.registrations.waiting()]
    assert saved == list(range(1, 51))
    assert len(mailoutbox) == 60
    for message in mailoutbox:
        registration = seminar.registrations.get(email=message.to[0])
        if registration.state == "waiting":
            assert f"number {registration.waiting_position()} " in message.body
