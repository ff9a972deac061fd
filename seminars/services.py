"""The rules for places at a seminar: sign up, cancel, the waiting list, reminders.

Every write that can change who has a place runs here, in one transaction that first locks
the seminar's row (``SELECT ... FOR UPDATE``), then counts the places taken, then writes.
Two people signing up at the same moment therefore queue for the lock, and the second one
counts the first one's place. No path skips the lock. Emails are queued in the same
transaction (``seminars.emails``), so a sign-up that is rolled back sends nothing and a
committed one always has its email on the way, even while the mail server is down.
"""

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

import psycopg.errors
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Lower
from django.utils import timezone

from core import history
from core.emails import normalise_email
from mail import services as mail
from seminars import emails, places
from seminars.models import (
    Registration,
    Seminar,
    Survey,
    SurveyAnswer,
    SurveyChoice,
    SurveyResponse,
)

BUSY = "Lots of people are signing up. Please try again."
LOCK_TIMEOUT = "5s"


class SignUpError(Exception):
    """Why we cannot do what the person asked, in one easy-read sentence. Views show it."""


class AlreadySignedUp(SignUpError):
    """This address has a place (or a place on the waiting list) already. The page offers
    to send the secret link again."""

    def __init__(self, message: str = "This email is already signed up for this seminar."):
        super().__init__(message)


def _lock_seminar(seminar_id: int) -> Seminar:
    """Lock the seminar's row for the rest of the transaction, waiting at most 5 seconds."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    try:
        return (
            Seminar.objects.select_related("venue")
            .select_for_update(of=("self",))
            .get(pk=seminar_id)
        )
    except OperationalError as error:
        if isinstance(error.__cause__, psycopg.errors.LockNotAvailable):
            raise SignUpError(BUSY) from error
        raise


def _check_sign_up_is_open(seminar: Seminar, now: datetime) -> None:
    reason = places.why_closed(seminar, now)
    if reason:
        raise SignUpError(reason)


def sign_up(
    seminar: Seminar,
    *,
    name: str,
    email: str,
    role: str,
    has_consented: bool,
    phone: str = "",
    access_needs: Iterable[str] = (),
    access_needs_other: str = "",
    has_support_worker: bool = False,
    user=None,
    now: datetime | None = None,
) -> Registration:
    """Give the person a place, or a place on the waiting list when the seminar is full.

    A person and their support worker go together: if both need a place and only one is
    left, they both go on the waiting list. Nobody jumps the waiting list.
    """
    email = normalise_email(email)  # lookalike addresses are one address
    with transaction.atomic():
        seminar = _lock_seminar(seminar.pk)
        # The sign-up time is taken once we hold the lock, so the waiting list's order (by
        # that time) is the order people got the lock: nobody is told another's number.
        now = now or timezone.now()
        _check_sign_up_is_open(seminar, now)
        # Lower() on both sides, like the unique index, so PostgreSQL can use it.
        active = seminar.registrations.active().alias(lower_email=Lower("email"))
        if active.filter(lower_email=Lower(Value(email))).exists():
            raise AlreadySignedUp
        fits = places.fits(seminar, has_support_worker)
        already_waiting = seminar.registrations.waiting().count()
        registration = Registration(
            seminar=seminar,
            user=user if user is not None and user.is_authenticated else None,
            name=name.strip(),
            email=email,
            phone=phone.strip(),
            role=role,
            access_needs=sorted(set(access_needs)),
            access_needs_other=access_needs_other.strip(),
            has_support_worker=has_support_worker,
            has_consented=has_consented,
            state=(
                Registration.State.CONFIRMED
                if fits and not already_waiting
                else Registration.State.WAITING
            ),
            created_at=now,
        )
        registration.set_new_token()
        registration.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:
            raise AlreadySignedUp from error
        if registration.state == Registration.State.WAITING:
            # Everyone waiting signed up before us (we hold the lock), so we are next after them.
            registration.remember_waiting_position(already_waiting + 1)
        kind = "confirmed" if registration.state == Registration.State.CONFIRMED else "waiting"
        _queue_email(kind, registration)
    return registration


def cancel_registration(
    registration: Registration,
    *,
    by=None,
    now: datetime | None = None,
    notify_after: timedelta | None = None,
) -> list[Registration]:
    """Cancel a place (or a place on the waiting list) and, in the same transaction, give
    the freed places to the first people on the waiting list. Returns who got a place.

    ``by`` is the facilitator who cancelled it; empty when the person cancelled.
    ``notify_after`` holds the cancellation for that long: nobody is emailed and the place
    is not passed on yet, so "undo" (``give_back``) leaves no trace for the person.
    ``finish_held_cancellations`` sends the email and moves the waiting list once the time
    is up. Cancelling twice does nothing the second time.
    """
    now = now or timezone.now()
    asked = registration
    with transaction.atomic():
        seminar = _lock_seminar(registration.seminar_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.state == Registration.State.CANCELLED:
            return []
        registration.state = Registration.State.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = by
        registration.cancel_email_due_at = now + notify_after if notify_after else None
        registration.save(
            update_fields=["state", "cancelled_at", "cancelled_by", "cancel_email_due_at"]
        )
        promoted = []
        if not notify_after:
            _bump_calendar_sequence(registration, seminar, now)
            _queue_email("cancelled", registration)
            promoted = _promote_waiting(seminar, now)
    # The caller's copy says what was saved, so its page needs no second look.
    for name in ("state", "cancelled_at", "cancelled_by", "cancel_email_due_at"):
        setattr(asked, name, getattr(registration, name))
    return promoted


def finish_held_cancellations(*, now: datetime | None = None) -> int:
    """Email each person whose held cancellation is due, and give the places they freed to
    the waiting list. Run every minute by the worker's schedule (or the command
    ``finish_cancellations``). Each one is finished once: the row is locked and its due
    time cleared in the same transaction as the email is queued. Returns how many."""
    now = now or timezone.now()
    finished = 0
    due = Registration.objects.cancellations_due(now).order_by("seminar_id", "pk")
    for pk, seminar_id in list(due.values_list("pk", "seminar_id")):
        with transaction.atomic():
            seminar = _lock_seminar(seminar_id)
            registration = (
                Registration.objects.cancellations_due(now)
                .select_for_update(skip_locked=True)
                .filter(pk=pk)
                .first()
            )
            if registration is None:  # undone, or finished by another run
                continue
            registration.cancel_email_due_at = None
            registration.save(update_fields=["cancel_email_due_at"])
            _bump_calendar_sequence(registration, seminar, now)
            _queue_email("cancelled", registration)
            _promote_waiting(seminar, now)
            finished += 1
    return finished


def give_back(registration: Registration, *, now: datetime | None = None) -> Registration:
    """Give a cancelled place back: a place if there is room (and nobody is waiting for
    it, unless the cancel is still held for undo), else the top of the waiting list. Within the undo time nobody was emailed, so
    nobody is emailed now; later the person gets an email saying where they are."""
    now = now or timezone.now()
    with transaction.atomic():
        seminar = _lock_seminar(registration.seminar_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.state != Registration.State.CANCELLED or registration.anonymised_at:
            raise SignUpError(f"{registration} is not a cancelled place.")
        active = seminar.registrations.active().alias(lower_email=Lower("email"))
        if active.filter(lower_email=Lower(Value(registration.email))).exists():
            raise SignUpError(f"{registration.name} has signed up again already.")
        # A held (undo) cancellation kept its place from the waiting list, so it may take
        # it back; otherwise the people waiting come first.
        was_held = registration.cancel_email_due_at is not None
        first_waiting = seminar.registrations.waiting().first()
        if (was_held or first_waiting is None) and places.fits(
            seminar, registration.has_support_worker
        ):
            registration.state = Registration.State.CONFIRMED
        else:
            registration.state = Registration.State.WAITING
            if first_waiting is not None:  # first in the queue, before everyone waiting
                registration.created_at = min(
                    registration.created_at, first_waiting.created_at - timedelta(microseconds=1)
                )
        registration.cancelled_at = registration.cancelled_by = None
        registration.cancel_email_due_at = None
        registration.save(
            update_fields=[
                "state",
                "created_at",
                "cancelled_at",
                "cancelled_by",
                "cancel_email_due_at",
            ]
        )
        if not was_held:  # they were told it was cancelled: tell them it is back
            _bump_calendar_sequence(registration, seminar, now)  # newer than the cancel
            _queue_email("given_back", registration)
    return registration


def set_support_worker(
    registration: Registration, has_support_worker: bool, *, now: datetime | None = None
) -> list[Registration]:
    """Change whether a support worker comes, under the seminar's lock. A worker who no
    longer comes frees their place for the waiting list; a new worker needs a free place
    when workers use one. Returns who got a place."""
    now = now or timezone.now()
    with transaction.atomic():
        seminar = _lock_seminar(registration.seminar_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.has_support_worker == has_support_worker:
            return []
        needs_a_seat = (
            has_support_worker
            and current.state == Registration.State.CONFIRMED
            and places.workers_use_a_place(seminar)
        )
        if needs_a_seat and places.count_taken(seminar) + 1 > seminar.capacity:
            raise SignUpError(
                f"There is no room for {current.name}'s support worker. "
                "Add places to the seminar first."
            )
        current.has_support_worker = has_support_worker
        current.save(update_fields=["has_support_worker"])
        registration.has_support_worker = has_support_worker
        return _promote_waiting(seminar, now)


def promote_registration(
    registration: Registration, *, now: datetime | None = None
) -> Registration:
    """A facilitator gives a place to someone on the waiting list, if there is room."""
    now = now or timezone.now()
    with transaction.atomic():
        seminar = _lock_seminar(registration.seminar_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.state != Registration.State.WAITING:
            raise SignUpError(f"{registration.name} is not on the waiting list.")
        if not places.fits(seminar, registration.has_support_worker):
            raise SignUpError(
                f"There is no room for {registration.name}. Add places to the seminar first."
            )
        _confirm(registration, now)
    return registration


def save_seminar(seminar: Seminar, *, now: datetime | None = None) -> list[Registration]:
    """Save a facilitator's changes to a seminar under its lock.

    More places (or support workers no longer using one) give places to the waiting list at
    once. Fewer places than people booked never removes anyone: ``places_over`` says how
    many too many there are. A new date or place bumps the calendar sequence and emails
    everyone still signed up, with the new calendar file.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if seminar.pk is None:
            seminar.full_clean()
            seminar.save()
            return []
        before = _lock_seminar(seminar.pk)
        moved = (before.starts_at, before.ends_at, before.venue_id) != (
            seminar.starts_at,
            seminar.ends_at,
            seminar.venue_id,
        )
        # From the locked row: a cancelled place may have raised it since this copy was read.
        seminar.calendar_sequence = before.calendar_sequence + (1 if moved else 0)
        seminar.full_clean()
        seminar.save()
        if moved and not seminar.is_planning:
            for registration in seminar.registrations.active():
                _queue_email("changed", registration)
        return _promote_waiting(seminar, now)


def places_over(seminar: Seminar) -> int:
    """How many more places are taken than the seminar has (0 when it is not over)."""
    return places.over(seminar)


def send_reminders(*, now: datetime | None = None) -> int:
    """Email a reminder to everyone with a place at a seminar starting within its reminder
    days. Each person gets one: the sent time is set under a row lock (SKIP LOCKED) in the
    transaction that queues the email, so two runs at once cannot both send it, and a
    reminder counts as sent only when its email is queued, to be sent and tried again by
    the worker. Returns how many were queued."""
    now = now or timezone.now()
    sent = 0
    seminars = Seminar.objects.published().filter(starts_at__gt=now)
    for seminar in seminars.only("pk", "starts_at", "reminder_days"):
        if seminar.starts_at > now + timedelta(days=seminar.reminder_days):
            continue
        with transaction.atomic():
            due = (
                Registration.objects.select_for_update(skip_locked=True)
                .filter(seminar=seminar, reminder_sent_at__isnull=True)
                .confirmed()
            )
            for registration in due:
                registration.reminder_sent_at = now
                registration.save(update_fields=["reminder_sent_at"])
                _queue_email("reminder", registration)
                sent += 1
    return sent


def anonymise_registrations(*, days: int | None = None, now: datetime | None = None) -> int:
    """Remove the personal details of everyone who signed up for a seminar that ended more
    than ``days`` ago (the SEMINARS_RETENTION_DAYS setting). The counts stay for reports:
    state, who they are (self-advocate and so on), the ticked access needs, support worker.
    Running it again changes nothing. Returns how many registrations it anonymised."""
    now = now or timezone.now()
    return _anonymise_each(Registration.objects.to_anonymise(now=now, days=days), now)


def anonymise_person(user, *, now: datetime | None = None) -> int:
    """Remove this person's details from each sign-up that is theirs: made with their account
    or with an address they checked (``Registration.objects.of_person``). For deleting an
    account; the counts stay, as after the retention purge."""
    return _anonymise_each(Registration.objects.of_person(user), now or timezone.now())


def _random_unusable_hash() -> str:
    """Not the hash of any link, so the old link stops working."""
    return "x" + secrets.token_hex(31)


def _anonymise_each(registrations, now: datetime) -> int:
    """Token hashes are unique, so each row gets its own unusable one: no link opens it.
    The admin's log keeps no copy of their name or email (``core.history.forget``)."""
    count = 0
    with transaction.atomic():
        registrations = list(registrations.select_for_update())
        history.forget(
            registrations,
            texts=[text for r in registrations for text in (str(r), r.email or "")],
        )
        mail.forget(registrations)
        for registration in registrations:
            registration.name = ""
            registration.email = None
            registration.phone = ""
            registration.access_needs_other = ""
            registration.facilitator_notes = ""
            registration.user = None
            registration.token_hash = _random_unusable_hash()
            registration.anonymised_at = now
            registration.save()
            count += 1
    return count


def _promote_waiting(seminar: Seminar, now: datetime) -> list[Registration]:
    """Give free places to the waiting list in the order people signed up. Stops at the
    first person who does not fit, so nobody jumps the list and nobody is split from their
    support worker. Must run inside the seminar's lock."""
    if not seminar.can_promote_automatically(now):
        return []
    taken = places.count_taken(seminar)
    promoted = []
    for registration in seminar.registrations.waiting().select_for_update():
        needed = places.seats_needed(seminar, registration.has_support_worker)
        if taken + needed > seminar.capacity:
            break
        _confirm(registration, now)
        taken += needed
        promoted.append(registration)
    return promoted


def _confirm(registration: Registration, now: datetime) -> None:
    registration.state = Registration.State.CONFIRMED
    registration.promoted_at = now
    registration.save(update_fields=["state", "promoted_at"])
    _queue_email("place_offered", registration)


def send_link_again(seminar: Seminar, email: str) -> bool:
    """Email the secret link again to this address, if it has a place (or a place on the
    waiting list) at the seminar. Says nothing to the caller's page either way: the page
    reads the same, so it tells nobody who is coming. Returns whether an email is due."""
    email = normalise_email(email)
    registration = (
        seminar.registrations.active()
        .alias(lower_email=Lower("email"))
        .filter(lower_email=Lower(Value(email)))
        .first()
    )
    if registration is None:
        return False
    with transaction.atomic():
        _queue_email("link", registration)
    return True


# Who a facilitator's message to everyone goes to.
AUDIENCES = {
    "places": ("People with a place", [Registration.State.CONFIRMED]),
    "waiting": ("People on the waiting list", [Registration.State.WAITING]),
    "both": (
        "Both: people with a place and the waiting list",
        [Registration.State.CONFIRMED, Registration.State.WAITING],
    ),
}


def message_recipients(seminar: Seminar, audience: str):
    """The people a message to ``audience`` goes to, first signed up first."""
    states = AUDIENCES[audience][1]
    return (
        seminar.registrations.filter(state__in=states, anonymised_at=None)
        .select_related("seminar__venue")
        .order_by("created_at", "pk")
    )


def email_everyone(seminar: Seminar, *, audience: str, subject: str, message: str) -> int:
    """A facilitator's easy-read message: one email to each person in ``audience``, each
    with their own name and secret link, all queued in one transaction. Returns how many."""
    with transaction.atomic():
        people = list(message_recipients(seminar, audience))
        for registration in people:
            emails.queue_message_email(registration, subject=subject, message=message)
    return len(people)


def _bump_calendar_sequence(registration: Registration, seminar: Seminar, now: datetime) -> None:
    """A cancelling calendar file (or one giving a place back after it) must have a higher
    SEQUENCE than the one the person has.
    The email is written from ``registration.seminar`` in this transaction: give it the new one."""
    Seminar.objects.filter(pk=seminar.pk).update(
        calendar_sequence=F("calendar_sequence") + 1, updated_at=now
    )
    seminar.refresh_from_db(fields=["calendar_sequence", "updated_at"])
    registration.seminar = seminar


def _queue_email(kind: str, registration: Registration) -> None:
    emails.queue_registration_email(kind, registration)


def answer_survey(survey: Survey, *, member, answers: dict[int, list[int] | str]) -> SurveyResponse:
    """Keep a member's answers to a planning survey: one set per member. Answering again
    replaces their earlier answers. ``answers`` maps each question's id to the chosen
    choices' ids, or to the idea they wrote."""
    if not survey.is_open:
        raise SignUpError("This survey has closed. Thank you for wanting to help.")
    with transaction.atomic():
        response, _ = SurveyResponse.objects.select_for_update().get_or_create(
            survey=survey, member=member
        )
        response.answers.all().delete()
        questions = {question.pk: question for question in survey.questions.all()}
        valid_choices = set(
            SurveyChoice.objects.filter(question__survey=survey).values_list("pk", "question_id")
        )
        rows = []
        for question_id, value in answers.items():
            if question_id not in questions:
                continue
            if isinstance(value, str):
                if value.strip():
                    rows.append(
                        SurveyAnswer(response=response, question_id=question_id, text=value)
                    )
                continue
            rows.extend(
                SurveyAnswer(response=response, question_id=question_id, choice_id=choice_id)
                for choice_id in value
                if (choice_id, question_id) in valid_choices
            )
        SurveyAnswer.objects.bulk_create(rows)
        response.save(update_fields=["updated_at"])
    return response
