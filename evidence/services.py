"""Rules that write evidence data: saving findings and tagging them.

What search keeps (keywords, the spelling vocabulary) is refreshed by ``evidence.search``
alone: each save here runs inside ``search_refreshed_once``, so it is refreshed once.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max

from evidence.models import Finding, Tag
from evidence.search import search_refreshed_once


class EvidenceError(Exception):
    """A plain-language reason why a change to the evidence library cannot be made."""


def save_finding(finding: Finding, *, tags: Iterable[Tag] | None = None) -> Finding:
    """Check and save a finding, give it the next place in its source, and set its tags."""
    with transaction.atomic(), search_refreshed_once():
        if finding.position is None and finding.source_id is not None:
            last = Finding.objects.filter(source_id=finding.source_id).aggregate(
                last=Max("position")
            )["last"]
            finding.position = (last or 0) + 1
        finding.full_clean()
        finding.save()
        if tags is not None:
            finding.tags.set(tags)
    finding.refresh_from_db(fields=["keywords"])
    return finding


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
