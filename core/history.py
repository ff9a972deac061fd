"""The admin's history, without a person's details once we have removed them.

Two places keep copies of what facilitators changed: django-reversion's saved versions
(with the text of the row) and the admin log (each row's name, and the names of the rows
changed with it, e.g. 'Added attendance "Ann Smith: Came to the meeting"'). When a person's
details are deleted or anonymised, ``forget()`` deletes the saved versions of their rows and
takes their names out of the log's text. The log entries stay, so facilitators still see
when something was changed and by whom.
"""

import json
import re
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from reversion.models import Revision, Version

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
