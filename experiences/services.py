"""The rules of members' experiences: sending one, withdrawing it, and the member's data.

Views call these; ``spirit/privacy.py`` calls ``data_of_person`` and ``delete_of_person``;
the daily job calls ``purge``.
"""

import datetime
import logging

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from evidence.models import Tag, Theme
from experiences import flow
from experiences.models import Experience, State
from experiences.storage import private_storage

log = logging.getLogger(__name__)

# A withdrawn experience is kept this long, so the member sees that it was withdrawn; then
# it is deleted. A recording left in a draft that was never sent is deleted after a day.
WITHDRAWN_KEPT_DAYS = 30
DRAFT_RECORDING_KEPT = datetime.timedelta(days=1)


class NotReady(Exception):
    """Why the experience cannot be sent yet, in easy read, and the step to go back to."""

    def __init__(self, message: str, step: str):
        super().__init__(message)
        self.step = step


@transaction.atomic
def send(member, draft: flow.Draft) -> Experience:
    """Make the experience from the draft; the draft's recording moves to its own name."""
    step = flow.first_step_to_do(draft)
    if step != "check":
        raise NotReady("Please answer this question first.", step)
    storage = private_storage()
    if draft.recording and not storage.exists(draft.recording):
        raise NotReady("We lost your recording. Please record it again.", "what")
    theme = Theme.objects.filter(pk=draft.theme).first() if draft.theme else None
    experience = Experience(
        member=member,
        words=draft.words,
        theme=theme,
        place=draft.place,
        sharing=draft.sharing,
        consent_text=flow.consent_words(draft.sharing, draft.helped_by_supporter),
        helped_by_supporter=draft.helped_by_supporter,
        state=State.WAITING,
    )
    if draft.recording:
        with storage.open(draft.recording) as recorded:
            experience.recording.save(
                draft.recording.rsplit("/", 1)[-1], File(recorded), save=False
            )
    experience.save()
    if draft.tags:
        experience.tags.set(Tag.objects.filter(pk__in=draft.tags))
    if draft.recording:
        old = draft.recording
        transaction.on_commit(lambda: storage.delete(old))
    return experience


def _delete_recording(experience: Experience) -> None:
    """The file goes from the disk once the row no longer names it (after the commit)."""
    if experience.recording:
        name, storage = experience.recording.name, experience.recording.storage
        transaction.on_commit(lambda: storage.delete(name))
        experience.recording = ""


@transaction.atomic
def withdraw(experience: Experience) -> Experience:
    """Take it back: the finding made from it is deleted (members no longer see it) and the
    recording is deleted from the disk. The words stay a while, so the member sees it was
    withdrawn (``WITHDRAWN_KEPT_DAYS``)."""
    experience = Experience.objects.select_for_update().get(pk=experience.pk)
    if experience.state == State.WITHDRAWN:
        return experience
    if experience.finding_id:
        experience.finding.delete()
        experience.finding = None
    _delete_recording(experience)
    experience.state = State.WITHDRAWN
    experience.withdrawn_at = timezone.now()
    experience.save()
    return experience


def data_of_person(user) -> list[dict]:
    """What we keep about each experience the person sent, for "Download my information".

    Not the sound itself (it would not fit in the file): whether there is a recording.
    Facilitators' notes are theirs, not the member's data.
    """
    experiences = (
        Experience.objects.of_member(user)
        .select_related("theme", "finding")
        .prefetch_related("tags")
        .order_by("created_at")
    )
    return [
        {
            "sent_at": experience.created_at.isoformat(),
            "what_happened": experience.words,
            "has_recording": experience.has_recording,
            "topic": str(experience.theme) if experience.theme else None,
            "tags": [tag.name for tag in experience.tags.all()],
            "where": experience.place,
            "sharing": experience.get_sharing_display(),
            "consent_text": experience.consent_text,
            "helped_by_supporter": experience.helped_by_supporter,
            "state": experience.get_state_display(),
            "easy_read_version": experience.easy_read_version,
            "published_as": experience.finding.easy_read if experience.finding else None,
            "withdrawn_at": experience.withdrawn_at.isoformat()
            if experience.withdrawn_at
            else None,
        }
        for experience in experiences
    ]


def findings_of_person(user) -> list:
    """The findings made from this person's experiences (their history goes with them)."""
    return [
        e.finding for e in Experience.objects.of_member(user).select_related("finding") if e.finding
    ]


@transaction.atomic
def delete_of_person(user) -> int:
    """Delete the person's experiences, the findings made from them, and their recordings."""
    experiences = list(Experience.objects.of_member(user).select_for_update())
    for experience in experiences:
        if experience.finding_id:
            experience.finding.delete()
        _delete_recording(experience)
    Experience.objects.filter(pk__in=[e.pk for e in experiences]).delete()
    return len(experiences)


def purge(now: datetime.datetime | None = None) -> int:
    """The daily clean-up: withdrawn experiences past ``WITHDRAWN_KEPT_DAYS``, and recordings
    of drafts that were never sent."""
    now = now or timezone.now()
    old = Experience.objects.filter(
        state=State.WITHDRAWN, withdrawn_at__lt=now - datetime.timedelta(days=WITHDRAWN_KEPT_DAYS)
    )
    for experience in old:
        _delete_recording(experience)
    deleted, _ = old.delete()
    storage = private_storage()
    if storage.exists("drafts"):
        for name in storage.listdir("drafts")[1]:
            path = f"drafts/{name}"
            if storage.get_modified_time(path) < now - DRAFT_RECORDING_KEPT:
                storage.delete(path)
    return deleted
