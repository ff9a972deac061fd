"""Rules that write evidence data: saving findings, tagging, and keeping search up to date.

A generated column cannot read other tables, so each finding keeps a copy of its tag
names and its source's short name in ``keywords``; the functions and signal receivers here
keep that copy right whenever tags, sources or findings change.
"""

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import reversion
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import StringAgg
from django.core import serializers
from django.db import connection, transaction
from django.db.models import Max, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Version

from evidence.models import Finding, FindingImport, Source, Tag


class EvidenceError(Exception):
    """A plain-language reason why a change to the evidence library cannot be made."""


_state = threading.local()


@contextmanager
def keywords_refreshed_once() -> Iterator[None]:
    """Inside this block, saves do not refresh keywords one by one; all are refreshed at the end.

    For loading many findings at once (the seeds, imports).
    """
    _state.deferred = getattr(_state, "deferred", 0) + 1
    try:
        yield
    finally:
        _state.deferred -= 1
    if not _state.deferred:
        refresh_keywords()


def _refresh_now(finding_ids) -> None:
    if not getattr(_state, "deferred", 0):
        refresh_keywords(finding_ids)


def refresh_keywords(finding_ids: Iterable[int] | None = None) -> int:
    """Copy tag names and source short names into ``keywords``, in one UPDATE.

    With no ids, every finding is refreshed. Returns how many findings were updated.
    """
    tag_names = (
        Tag.objects.filter(findings=OuterRef("pk"))
        .order_by()
        .values("findings")
        .annotate(names=StringAgg("name", delimiter=" ", order_by="name"))
        .values("names")
    )
    source_name = Source.objects.filter(pk=OuterRef("source_id")).values("short_name")
    findings = Finding.objects.all()
    if finding_ids is not None:
        if not isinstance(finding_ids, QuerySet):
            finding_ids = list(finding_ids)
        findings = findings.filter(pk__in=finding_ids)
    return findings.update(
        keywords=Concat(
            Subquery(source_name, output_field=TextField()),
            Value(" "),
            Coalesce(Subquery(tag_names), Value(""), output_field=TextField()),
            output_field=TextField(),
        )
    )


def add_search_terms(texts: Iterable[str]) -> None:
    """Add the words of ``texts`` to the spelling vocabulary (words already there stay)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO evidence_searchterm (word, ndoc)
            SELECT word, ndoc FROM ts_stat(
                format('SELECT to_tsvector(''simple'', %%L)', %s)
            )
            WHERE length(word) BETWEEN 3 AND 100 AND word ~ '^[[:alpha:]-]+$'
            ON CONFLICT (word) DO NOTHING
            """,
            [" ".join(texts)],
        )


def rebuild_search_terms() -> int:
    """Rebuild the spelling vocabulary from findings, glossary terms, tags, themes and sources.

    ``ndoc`` counts the findings that use each word, which helps pick common words
    when two spellings are equally close. Returns the number of words.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM evidence_searchterm")
        cursor.execute(
            """
            INSERT INTO evidence_searchterm (word, ndoc)
            SELECT word, ndoc FROM ts_stat($$
                SELECT to_tsvector('simple', concat_ws(' ', easy_read, original_wording, keywords))
                FROM evidence_finding
                UNION ALL
                SELECT to_tsvector('simple', concat_ws(' ', term, array_to_string(synonyms, ' ')))
                FROM easyread_glossaryterm
                UNION ALL
                SELECT to_tsvector('simple', concat_ws(' ', name, easy_read_meaning))
                FROM evidence_tag
                UNION ALL
                SELECT to_tsvector('simple', concat_ws(' ', name, easy_read_intro, gaps))
                FROM evidence_theme
                UNION ALL
                SELECT to_tsvector('simple', concat_ws(' ', short_name, title, easy_read_summary))
                FROM evidence_source
            $$)
            WHERE length(word) BETWEEN 3 AND 100 AND word ~ '^[[:alpha:]-]+$'
            """
        )
        cursor.execute("SELECT count(*) FROM evidence_searchterm")
        return cursor.fetchone()[0]


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


def save_finding(finding: Finding, *, tags: Iterable[Tag] | None = None) -> Finding:
    """Check and save a finding, give it the next place in its source, and set its tags."""
    with transaction.atomic():
        if finding.position is None and finding.source_id is not None:
            finding.position = next_position(finding.source_id)
        finding.full_clean()
        finding.save()
        if tags is not None:
            finding.tags.set(tags)
        refresh_keywords([finding.pk])
        add_search_terms([finding.easy_read, finding.original_wording])
    finding.refresh_from_db(fields=["keywords"])
    return finding


def tag_findings(findings: Iterable[Finding], *, tag: Tag) -> int:
    """Add ``tag`` to each finding (findings that have it already keep one copy).

    Returns how many findings now have the tag that did not before.
    """
    ids = [finding.pk for finding in findings]
    through = Finding.tags.through
    with transaction.atomic():
        already = set(
            through.objects.filter(tag=tag, finding_id__in=ids).values_list("finding_id", flat=True)
        )
        new_ids = [pk for pk in ids if pk not in already]
        through.objects.bulk_create([through(finding_id=pk, tag=tag) for pk in new_ids])
        refresh_keywords(new_ids)
    return len(new_ids)


# --- Signal receivers, connected in EvidenceConfig.ready ------------------------------


def finding_saved(sender, instance: Finding, raw=False, **kwargs):
    """A finding's source may have changed: refresh its keywords."""
    if not raw:
        _refresh_now([instance.pk])


def finding_tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Tags were added to or taken from findings (from either side): refresh keywords."""
    if action == "pre_clear" and reverse:
        instance._evidence_cleared_ids = list(instance.findings.values_list("pk", flat=True))
    elif action == "post_clear":
        ids = getattr(instance, "_evidence_cleared_ids", []) if reverse else [instance.pk]
        _refresh_now(ids)
    elif action in ("post_add", "post_remove"):
        _refresh_now(pk_set if reverse else [instance.pk])


def source_saved(sender, instance: Source, raw=False, **kwargs):
    """A source's short name is part of its findings' keywords."""
    if not raw:
        _refresh_now(instance.findings.values_list("pk", flat=True))


def tag_saved(sender, instance: Tag, raw=False, **kwargs):
    """A tag's name is part of its findings' keywords."""
    if not raw:
        _refresh_now(instance.findings.values_list("pk", flat=True))


def tag_deleting(sender, instance: Tag, **kwargs):
    """Take the tag off its findings first, so that their keywords lose its name."""
    instance.findings.clear()


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
        for data in record.before:
            for old in serializers.deserialize("json", data):
                old.save()
        refresh_keywords()
        record.undone_at = timezone.now()
        record.save(update_fields=["undone_at"])
    return len(record.made_findings) + len(record.before)
