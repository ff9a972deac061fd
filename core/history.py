"""The admin's history, without a person's details once we have removed them.

Two places keep copies of what facilitators changed: django-reversion's saved versions
(with the text of the row) and the admin log (each row's name, and the names of the rows
changed with it, e.g. 'Added attendance "Ann Smith: Came to the meeting"'). When a person's
details are deleted or anonymised, ``forget()`` deletes the saved versions of their rows and
takes their names out of the log's text. The log entries stay, so facilitators still see
when something was changed and by whom.

``KeepLinksAdminMixin`` keeps a row and its links (e.g. a finding and the meetings that
link it) in the history when it is deleted, so recovering it brings every link back.
"""

import json
import re
from collections import defaultdict
from collections.abc import Iterable

import reversion
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from reversion.models import Revision, Version
from reversion.revisions import _stack

REMOVED = "(details removed)"


def forget(rows: Iterable[Model], *, texts: Iterable[str] = (), person=None) -> None:
    """Delete the saved versions of these rows and remove ``texts`` (their names, say) from
    the admin log. With ``person``, also the saved versions of rows that pointed at them."""
    by_type = defaultdict(set)
    for row in rows:
        by_type[ContentType.objects.get_for_model(row, for_concrete_model=False)].add(str(row.pk))
    for content_type, ids in by_type.items():
        Version.objects.filter(content_type=content_type, object_id__in=ids).delete()
        LogEntry.objects.filter(content_type=content_type, object_id__in=ids).update(
            object_repr=REMOVED
        )
    if person is not None:
        _forget_versions_pointing_at(person)
    _remove_texts({text for text in texts if text and len(text.strip()) >= 3})


def _forget_versions_pointing_at(person) -> None:
    """Saved versions of rows deleted long ago still hold e.g. ``"member": 7``."""
    for relation in person._meta.related_objects:
        if relation.many_to_many or relation.one_to_one:
            continue
        content_type = ContentType.objects.get_for_model(relation.related_model)
        pattern = rf'"{re.escape(relation.field.name)}": {person.pk}[,}}]'
        Version.objects.filter(content_type=content_type, serialized_data__regex=pattern).delete()


def _forms(texts: set[str]) -> set[str]:
    """Each text as typed and as written inside the log's JSON (``Zoë`` is ``Zo\\u00eb``)."""
    return texts | {json.dumps(text)[1:-1] for text in texts}


def _remove_texts(texts: set[str]) -> None:
    if not texts:
        return
    forms = _forms(texts)
    patterns = [re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE) for form in forms]

    def scrub(value: str) -> str:
        for pattern in patterns:
            value = pattern.sub(REMOVED, value)
        return value

    in_log, in_comment = Q(), Q()
    for form in forms:
        in_log |= Q(object_repr__icontains=form) | Q(change_message__icontains=form)
        in_comment |= Q(comment__icontains=form)
    for entry in LogEntry.objects.filter(in_log):
        entry.object_repr = scrub(entry.object_repr)
        entry.change_message = scrub(entry.change_message)
        entry.save(update_fields=["object_repr", "change_message"])
    for revision in Revision.objects.filter(in_comment):
        revision.comment = scrub(revision.comment)
        revision.save(update_fields=["comment"])


def _link_tables(model) -> list[tuple[type[Model], str]]:
    """Each many-to-many table the model's rows are in (either side), with the column
    that points at the row: e.g. for a finding, the table linking meetings and findings."""
    tables = []
    for field in model._meta.get_fields():
        if not field.many_to_many:
            continue
        if field.concrete:
            tables.append((field.remote_field.through, field.m2m_field_name()))
        else:
            tables.append((field.through, field.field.m2m_reverse_field_name()))
    return [(through, name) for through, name in tables if reversion.is_registered(through)]


def keep_before_deleting(rows: Iterable[Model], *, user=None) -> None:
    """Save the rows in the history as they are now, with their links to other rows (the
    link tables registered with django-reversion), so recovering one brings every link back.

    Links made from the other side (a meeting that links a finding) are not in the
    finding's own history otherwise: its last saved version may be older than the link.
    """
    rows = list(rows)
    if not rows:
        return
    # Inside another revision (the admin's list page makes one), reversion would save ours
    # at the end of that one, after the delete, and leave the deleted rows out: so this
    # revision is made on its own, now (reversion keeps its open revisions in _stack).
    outer = _stack.set([])
    try:
        _save_now(rows, user)
    finally:
        _stack.reset(outer)


def _save_now(rows: list[Model], user) -> None:
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment("Deleted. Recover it from the history to bring it all back.")
        for row in rows:
            reversion.add_to_revision(row)
        for through, name in _link_tables(type(rows[0])):
            for link in through._default_manager.filter(**{f"{name}__in": rows}):
                reversion.add_to_revision(link)


def links_of(row: Model) -> list[str]:
    """What the row is linked to, in words: e.g. ['2 tags: Housing, Money', ...]."""
    described = []
    for field in row._meta.get_fields():
        if not field.many_to_many:
            continue
        accessor = field.name if field.concrete else field.get_accessor_name()
        if not accessor or accessor.endswith("+"):
            continue
        linked = [str(other) for other in getattr(row, accessor).all()]
        if linked:
            model = field.related_model._meta
            called = model.verbose_name if len(linked) == 1 else model.verbose_name_plural
            described.append(f"{len(linked)} {called}: " + ", ".join(linked))
    return described


class KeepLinksAdminMixin:
    """For a VersionAdmin: deleting keeps the row and its links in the history; recovering
    it says what came back with it."""

    def delete_model(self, request, obj):
        keep_before_deleting([obj], user=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        keep_before_deleting(queryset, user=request.user)
        super().delete_queryset(request, queryset)

    def recover_view(self, request, version_id, extra_context=None):
        response = super().recover_view(request, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            version = Version.objects.get(pk=version_id)
            row = self.model._default_manager.filter(pk=version.object_id).first()
            if row is not None:
                links = links_of(row)
                told = "It is linked again to " + "; ".join(links) + "." if links else ""
                messages.success(request, f"We brought back “{row}”. {told}".strip())
        return response
