"""Rules that change meetings: publishing, and closing or reopening next steps."""

import datetime

import reversion
from django.db import transaction
from django.utils import timezone

from meetings.models import Meeting, NextStep


@transaction.atomic
def publish_meeting(meeting: Meeting, *, user=None) -> Meeting:
    """Let everyone see the meeting. Its history records who published it."""
    if meeting.is_published:
        return meeting
    with reversion.create_revision():
        meeting.status = Meeting.Status.PUBLISHED
        meeting.full_clean()
        meeting.save()
        reversion.set_user(user)
        reversion.set_comment("Published.")
    return meeting


@transaction.atomic
def unpublish_meeting(meeting: Meeting, *, user=None) -> Meeting:
    """Make the meeting a draft again: only facilitators can see it."""
    with reversion.create_revision():
        meeting.status = Meeting.Status.DRAFT
        meeting.full_clean()
        meeting.save()
        reversion.set_user(user)
        reversion.set_comment("Made a draft again.")
    return meeting


@transaction.atomic
def mark_next_step_done(
    step: NextStep,
    *,
    done_at: datetime.datetime | None = None,
    at_meeting: Meeting | None = None,
    user=None,
) -> NextStep:
    """Close a next step: it stops showing on later meetings and on the next steps page."""
    step = NextStep.objects.select_for_update().get(pk=step.pk)
    if not step.is_open:
        return step
    with reversion.create_revision():
        step.status = NextStep.Status.DONE
        step.done_at = done_at or timezone.now()
        step.done_at_meeting = at_meeting
        step.full_clean()
        step.save()
        reversion.set_user(user)
        reversion.set_comment("Marked as done.")
    return step


@transaction.atomic
def reopen_next_step(step: NextStep, *, user=None) -> NextStep:
    """Open a next step again, for example when it was closed by mistake."""
    step = NextStep.objects.select_for_update().get(pk=step.pk)
    with reversion.create_revision():
        step.status = NextStep.Status.OPEN
        step.done_at = None
        step.done_at_meeting = None
        step.full_clean()
        step.save()
        reversion.set_user(user)
        reversion.set_comment("Opened again.")
    return step
