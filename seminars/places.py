"""One home for seminar places: how many are taken, how many a sign-up needs, whether
sign-up is open and, if it is not, why (in easy read).

``Seminar`` (its ``state_at``, ``places_left`` and ``seats_for``), ``seminars/services.py``
(under the seminar's lock), the views, the templates and the admin all ask this module, so
each rule is written once.
"""

from datetime import datetime

from django.db import models
from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from easyread.text import long_date
from seminars.models import Registration, Seminar

State = Seminar.State


def annotate(queryset: models.QuerySet) -> models.QuerySet:
    """Each seminar with ``places_taken`` (confirmed people, plus support workers if they
    use a place) and ``waiting_count``: one query, whatever the number of seminars."""
    confirmed = Q(registrations__state=Registration.State.CONFIRMED)
    worker_takes_place = Q(
        support_workers=Seminar.SupportWorkers.USE_PLACE,
        registrations__has_support_worker=True,
    )
    return queryset.annotate(
        confirmed_people=Count("registrations", filter=confirmed),
        confirmed_workers=Count("registrations", filter=confirmed & worker_takes_place),
        waiting_count=Count(
            "registrations", filter=Q(registrations__state=Registration.State.WAITING)
        ),
    ).annotate(places_taken=F("confirmed_people") + F("confirmed_workers"))


def workers_use_a_place(seminar: Seminar) -> bool:
    return seminar.support_workers == Seminar.SupportWorkers.USE_PLACE


def seats_needed(seminar: Seminar, has_support_worker: bool) -> int:
    """Places one sign-up uses: the person, plus their support worker if workers count."""
    return 1 + (1 if has_support_worker and workers_use_a_place(seminar) else 0)


def count_taken(seminar: Seminar) -> int:
    """Count the places taken now (one query). Services call this inside the row lock."""
    total = seminar.registrations.filter(state=Registration.State.CONFIRMED).aggregate(
        people=Count("pk"),
        workers=Coalesce(
            Sum(models.Case(models.When(has_support_worker=True, then=Value(1)), default=0)),
            0,
        ),
    )
    return total["people"] + (total["workers"] if workers_use_a_place(seminar) else 0)


def taken(seminar: Seminar) -> int:
    """Places taken: from ``annotate`` when the seminar came with it, else counted."""
    annotated = getattr(seminar, "places_taken", None)
    return count_taken(seminar) if annotated is None else annotated


def left(seminar: Seminar) -> int:
    return max(seminar.capacity - taken(seminar), 0)


def over(seminar: Seminar) -> int:
    """How many more places are taken than the seminar has (0 when it is not over)."""
    return max(count_taken(seminar) - seminar.capacity, 0)


def fits(seminar: Seminar, has_support_worker: bool) -> bool:
    """Whether one more sign-up fits now. Services call this inside the row lock."""
    return count_taken(seminar) + seats_needed(seminar, has_support_worker) <= seminar.capacity


def waiting(seminar: Seminar) -> int:
    annotated = getattr(seminar, "waiting_count", None)
    return seminar.registrations.waiting().count() if annotated is None else annotated


def _closed_state(seminar: Seminar, now: datetime) -> State | None:
    """The state when sign-up is not open for anyone (full still has a waiting list)."""
    if seminar.is_planning:
        return State.PLANNING
    if seminar.ends_at and seminar.ends_at < now:
        return State.PAST
    if seminar.signup_opens_at and now < seminar.signup_opens_at:
        return State.NOT_OPEN_YET
    if seminar.signup_closes and now >= seminar.signup_closes:
        return State.CLOSED
    return None


def state_at(seminar: Seminar, now: datetime | None = None) -> State:
    """Planning, not open yet, open, full, closed or past, at the time ``now``."""
    now = now or timezone.now()
    closed = _closed_state(seminar, now)
    if closed is not None:
        return closed
    return State.FULL if left(seminar) <= 0 else State.OPEN


def why_closed(seminar: Seminar, now: datetime | None = None) -> str:
    """Why nobody can sign up now, in easy read; empty while sign-up (or the waiting list)
    is open."""
    now = now or timezone.now()
    state = _closed_state(seminar, now)
    if state == State.PLANNING:
        return "You cannot sign up yet. We are still planning this seminar."
    if state == State.PAST:
        return "This seminar has already happened."
    if state == State.NOT_OPEN_YET:
        return f"Sign-up opens on {long_date(seminar.signup_opens_at)}."
    if state == State.CLOSED:
        return "Sign-up for this seminar has closed."
    return ""
