"""Rules that write evidence data: saving, publishing and tagging findings.

What search keeps (keywords, the spelling vocabulary) is refreshed by ``evidence.search``
alone: each save here runs inside ``search_refreshed_once``, so it is refreshed once.
"""

from collections.abc import Iterable

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Version

from easyread.readability import check_easy_read
from evidence.models import Finding, FindingImport, FindingState, Tag
from evidence.search import refresh_search, search_refreshed_once

PUBLISH_ANYWAY_LABEL = "Publish even though it may be hard to read"


class EvidenceError(Exception):
    """A plain-language reason why a change to the evidence library cannot be made."""


def next_position(source_id: int) -> int:
    """The place after the last finding of a source."""
    last = Finding.objects.filter(source_id=source_id).aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


def make_tag(name: str) -> Tag:
    """A new tag called ``name``, with a web address (slug) no other tag has."""
    base = slugify(name)[:70] or "tag"
    taken = set(Tag.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    tag = Tag(name=name[:80], slug=slug)
    tag.full_clean()
    tag.save()
    return tag


def save_finding(
    finding: Finding, *, tags: Iterable[Tag] | None = None, checked: bool = False
) -> Finding:
    """Check and save a finding, give it the next place in its source, and set its tags.

    ``checked``: the finding was checked (``full_clean``) just before, as imports do.
    """
    with transaction.atomic(), search_refreshed_once():
        if finding.position is None and finding.source_id is not None:
            finding.position = next_position(finding.source_id)
        if not checked:
            finding.full_clean()
        finding.save()
        if tags is not None:
            finding.tags.set(tags)
    finding.refresh_from_db(fields=["keywords"])
    return finding


# --- Publishing: drafts until a facilitator publishes them -----------------------------


def publishing_problem(easy_read: str, *, anyway: bool = False) -> str | None:
    """Why a finding with this easy-read text cannot be published, in easy read; None
    when it can. Empty text is always refused. Text that fails the easy-read check is
    refused unless the facilitator ticked "publish even though it may be hard to read"
    (``anyway``): they may know that a long word is the right one."""
    if not (easy_read or "").strip():
        return (
            "Write the easy-read version first. Members read it before anything else. "
            "It is still a draft."
        )
    report = check_easy_read(easy_read)
    if report.warnings and not anyway:
        return (
            "This is not published yet: the easy-read version may be hard to read. "
            + " ".join(report.warnings)
            + f" Change the words, or tick “{PUBLISH_ANYWAY_LABEL}”."
        )
    return None


def publish_findings(findings: Iterable[Finding], *, by, anyway: bool = False):
    """Publish each finding whose easy-read text is ready; members can see it at once.

    Returns (published, refused): the findings published now, and (finding, reason) for
    each that was not. Findings published already are left as they were. Each one
    published is a change in its history ("Published."), by ``by``.
    """
    published, refused = [], []
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(
            "Published: members can see it." + (" (Hard to read.)" if anyway else "")
        )
        for finding in findings:
            if finding.is_published:
                continue
            problem = publishing_problem(finding.easy_read, anyway=anyway)
            if problem:
                refused.append((finding, problem))
                continue
            finding.state = FindingState.PUBLISHED
            finding.published_at = timezone.now()
            finding.save(update_fields=["state", "published_at", "updated_at"])
            published.append(finding)
    return published, refused


def publish_finding(finding: Finding, *, by, anyway: bool = False) -> Finding:
    """Publish one finding, or raise ``EvidenceError`` with the easy-read reason."""
    _, refused = publish_findings([finding], by=by, anyway=anyway)
    if refused:
        raise EvidenceError(refused[0][1])
    return finding


def unpublish_findings(findings: Iterable[Finding], *, by) -> list[Finding]:
    """Make published findings drafts again: members stop seeing them at once."""
    made = []
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment("Made a draft again: members cannot see it.")
        for finding in findings:
            if not finding.is_published:
                continue
            finding.state = FindingState.DRAFT
            finding.published_at = None
            finding.save(update_fields=["state", "published_at", "updated_at"])
            made.append(finding)
    return made


def tag_findings(findings: Iterable[Finding], *, tag: Tag) -> int:
    """Add ``tag`` to each finding (findings that have it already keep one copy).

    Returns how many findings now have the tag that did not before.
    """
    ids = [finding.pk for finding in findings]
    through = Finding.tags.through
    with transaction.atomic(), search_refreshed_once():
        already = set(
            through.objects.filter(tag=tag, finding_id__in=ids).values_list("finding_id", flat=True)
        )
        new_ids = [pk for pk in ids if pk not in already]
        tag.findings.add(*new_ids)
    return len(new_ids)


# --- Imports: one change in the history, undone at once ------------------------------


def undo_import(record: FindingImport, user) -> int:
    """Put the library back as it was before an import: the findings and tags it made go,
    the findings it changed are as they were.

    Refused, with the findings named, when any was changed after the import: undoing
    would lose those later changes. Returns how many findings were put back or taken away.
    """
    if record.undone_at is not None:
        raise EvidenceError("This import is undone already.")
    revision = record.revision
    later = sorted(
        set(
            Version.objects.filter(
                revision__date_created__gt=revision.date_created,
                content_type=ContentType.objects.get_for_model(Finding),
                object_id__in=[v.object_id for v in revision.version_set.all()],
            ).values_list("object_repr", flat=True)
        )
    )
    if later:
        raise EvidenceError(
            "These were changed after the import, so undoing it would lose those changes: "
            + "; ".join(later)
            + ". Change them back by hand instead."
        )
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(f"Undid the import of {record.file_name}.")
        Finding.objects.filter(pk__in=record.made_findings).delete()
        Tag.objects.filter(pk__in=record.made_tags).delete()
        restored = [old for data in record.before for old in serializers.deserialize("json", data)]
        # The version moves on, so a page opened before the undo cannot save over it.
        current = dict(
            Finding.objects.filter(pk__in=[old.object.pk for old in restored]).values_list(
                "pk", "version"
            )
        )
        for old in restored:
            old.object.version = current.get(old.object.pk, old.object.version) + 1
            old.save()
        refresh_search()
        record.undone_at = timezone.now()
        record.save(update_fields=["undone_at"])
    return len(record.made_findings) + len(record.before)
