"""The facilitators' review of members' experiences: publish one as a finding, or keep it
private, and tell the member when it is published.

The rules live here; the admin (``experiences/admin.py``) only asks. An experience the
member does not want shared ("Do not share it") is never published: it can only be kept
private, used for our research alone. One shared with a first name says who told us; one
shared without a name says "a member".
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core import history
from core.emails import verified_emails
from evidence.models import Finding, FindingKind, Source, SourceKind
from evidence.services import publish_finding, save_finding
from experiences.models import Experience, Sharing, State
from mail.services import queue_message

# The one source of every experience published from the portal.
SOURCE_SLUG = "members-told-us"
EMAIL_KIND = "experiences.published"


class ReviewError(Exception):
    """Why an experience cannot be published, in plain words, field by field."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(" ".join(problems.values()))
        self.problems = problems


def publish_problems(
    *, sharing: str, state: str, theme, easy_read: str, original_wording: str
) -> dict[str, str]:
    """What stops publishing, one sentence for each box: empty when it can be published."""
    problems = {}
    if sharing == Sharing.NOT_AT_ALL:
        problems["sharing"] = (
            "The member asked us not to share it. It cannot be published. "
            "Press “Keep it private” to use it only for our research."
        )
    if state == State.WITHDRAWN:
        problems["state"] = "The member withdrew it. It cannot be published."
    if theme is None:
        problems["theme"] = "Choose the theme it is about."
    if not easy_read.strip():
        problems["easy_read_version"] = "Write the easy-read version."
    if not original_wording.strip():
        problems["original_wording"] = (
            "Write the member's own words: what they typed, or what they said in the recording."
        )
    return problems


def who_told_us(experience: Experience) -> str:
    """ "Ann told us this." with the first name, if the member chose it; else "A member"."""
    first_name = experience.member.first_name.strip()
    if experience.sharing == Sharing.FIRST_NAME and first_name:
        return f"{first_name} told us this."
    return "A member told us this."


def members_source(today: datetime.date | None = None) -> Source:
    """The source "What members told us", made the first time it is needed."""
    today = today or timezone.localdate()
    source, _ = Source.objects.get_or_create(
        slug=SOURCE_SLUG,
        defaults={
            "short_name": "What members told us",
            "title": "Members' own experiences, told on the SPIRIT website",
            "authors": "Members of the SPIRIT group",
            "year": today.year,
            "kind": SourceKind.MEMBERS_EXPERIENCE,
            "easy_read_summary": (
                "Members told us what happened to them.\n"
                "They wrote it or said it on this website.\n"
                "A facilitator wrote it in easy read."
            ),
        },
    )
    return source


@transaction.atomic
def publish(experience: Experience, *, by) -> Finding:
    """Publish the experience as a member-experience finding (or bring its finding up to
    date when it is published already), and tell the member by email the first time.

    Raises ``ReviewError`` when it cannot be published.
    """
    experience = (
        Experience.objects.select_for_update().select_related("member").get(pk=experience.pk)
    )
    problems = publish_problems(
        sharing=experience.sharing,
        state=experience.state,
        theme=experience.theme,
        easy_read=experience.easy_read_version,
        original_wording=experience.original_wording,
    )
    if problems:
        raise ReviewError(problems)
    finding = experience.finding or Finding(source=members_source(), position=None)
    finding.kind = FindingKind.MEMBER_EXPERIENCE
    finding.theme = experience.theme
    finding.original_wording = experience.original_wording.strip()
    finding.easy_read = experience.easy_read_version.strip()
    finding.strength = experience.strength
    finding.strength_reason = f"{who_told_us(experience)} {experience.strength_reason.strip()}"
    save_finding(finding, tags=experience.tags.all())
    # A member's story is published when a facilitator says so: not a draft.
    publish_finding(finding, by=by, anyway=True)
    first_time = experience.published_at is None
    experience.finding = finding
    experience.state = State.PUBLISHED
    experience.reviewed_by = by
    if first_time:
        experience.published_at = timezone.now()
    experience.save()
    if first_time:
        queue_published_email(experience)
    return finding


@transaction.atomic
def keep_private(experience: Experience, *, by) -> Experience:
    """Keep it private: used only for our research, never shown to members. A finding made
    from it before is taken away."""
    experience = Experience.objects.select_for_update().get(pk=experience.pk)
    if experience.state == State.WITHDRAWN:
        raise ReviewError({"state": "The member withdrew it. There is nothing to keep."})
    if experience.finding_id:
        history.forget([experience.finding])  # members' words leave the history too
        experience.finding.delete()
        experience.finding = None
    experience.state = State.NOT_SHARED
    experience.reviewed_by = by
    experience.save()
    return experience


def render_published_email(experience: Experience, to: str) -> EmailMultiAlternatives:
    """The easy-read email that tells the member their experience is published."""
    site = settings.SITE_URL.rstrip("/")
    context = {
        "title": "We published what you told us",
        "experience": experience,
        "name": experience.member.first_name.strip(),
        "who": who_told_us(experience),
        "mine_url": site + reverse("experiences:mine"),
        "finding_url": site + experience.finding.get_absolute_url(),
    }
    email = EmailMultiAlternatives(
        subject=context["title"],
        body=render_to_string("experiences/email/published.txt", context),
        to=[to],
    )
    email.attach_alternative(
        render_to_string("experiences/email/published.html", context), "text/html"
    )
    return email


def queue_published_email(experience: Experience) -> None:
    """Queue the email in the caller's transaction, to the member's checked address only
    (an address they never checked may be somebody else's)."""
    addresses = verified_emails(experience.member)
    if not addresses:
        return
    own = experience.member.email.lower()
    to = own if own in addresses else addresses[0]
    queue_message(render_published_email(experience, to), kind=EMAIL_KIND, about=experience)
