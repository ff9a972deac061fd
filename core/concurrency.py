"""No lost update: each row that facilitators edit carries a version, checked on save.

This is the one home of the rule. A model that two people may edit at once has a
``version`` field and ``Versioned`` first in its bases; the rows shown as inlines on its
admin page (a meeting's parts, say) have ``VersionedChild``, so a change to a part moves
the meeting's version on too. Its admin has ``VersionCheckedAdminMixin`` first in its bases.

The admin form carries the version the person saw (a hidden field). On Save the row is
locked (the admin saves inside one transaction) and the versions compared: if someone
else saved since, nothing is saved. The page comes back with everything the person typed
still in the boxes, and a list of what the other person changed, field by field (their
old words from the history, django-reversion, and their new words). The hidden version is
moved on, so the next Save, after merging, is accepted.

Why not django-concurrency: it refuses a stale save with a bare error, cannot say what
the other person changed, and needs its own triggers or field class for inlines to move a
parent's version. A version checked in the admin's own transaction is a few lines, shows
the changes in easy words, and keeps the admin's normal form (and its history) untouched.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import Truncator
from reversion.models import Version

# The hidden fields of the form: the version the person saw, and the history entry then.
SEEN_VERSION = "seen_version"
SEEN_HISTORY = "seen_history"
# Long texts are shortened in the list of changes (the whole text is on the page).
LONGEST = 400


class Versioned:
    """A model mixin: every save moves ``version`` on by 1 from what the database holds."""

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            current = (
                type(self)
                ._base_manager.filter(pk=self.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current is not None:
                self.version = current + 1
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


def bump_version(model: type[models.Model], pk) -> None:
    """Move a versioned row's version on, in the database (for a change to one of its parts)."""
    if pk is not None:
        model._base_manager.filter(pk=pk).update(version=models.F("version") + 1)


class VersionedChild:
    """A model mixin for rows edited on their parent's page: saving or deleting one moves
    the parent's version on. ``version_parent`` names the foreign key to the parent."""

    version_parent = ""

    def _bump_parent(self) -> None:
        field = self._meta.get_field(self.version_parent)
        bump_version(field.related_model, getattr(self, field.attname))

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._bump_parent()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._bump_parent()
        return result


def _person(user) -> str:
    if user is None:
        return "Someone else"
    return user.get_full_name() or user.email or user.get_username()


def _shown(value) -> str:
    if value in (None, "", [], set()):
        return "(empty)"
    return "“" + Truncator(str(value)).chars(LONGEST) + "”"


class _Row:
    """What to compare in one model: its fields and how to show their values."""

    def __init__(self, model, names):
        self.model = model
        self.fields = []
        for name in names:
            try:
                field = model._meta.get_field(name)
            except Exception:  # a form-only field: not saved, nothing to compare
                continue
            if field.concrete and field.editable and not field.auto_created:
                self.fields.append(field)

    def values(self, obj) -> dict:
        values = {}
        for field in self.fields:
            if field.many_to_many:
                values[field.attname] = {str(pk) for pk in _m2m_ids(obj, field)}
            else:
                values[field.attname] = getattr(obj, field.attname)
        return values

    def from_history(self, field_dict: dict) -> dict:
        values = {}
        for field in self.fields:
            value = field_dict.get(field.attname)
            values[field.attname] = {str(pk) for pk in value or ()} if field.many_to_many else value
        return values

    def show(self, field, value) -> str:
        if field.many_to_many:
            names = field.related_model._base_manager.filter(pk__in=value or ())
            return _shown(", ".join(sorted(str(row) for row in names)))
        if field.is_relation:
            row = field.related_model._base_manager.filter(pk=value).first()
            return _shown(row)
        if field.choices:
            return _shown(dict(field.flatchoices).get(value, value))
        return _shown(value)

    def changes(self, before: dict, after: dict) -> list[str]:
        return [
            f"{field.verbose_name.capitalize()}: was {self.show(field, before[field.attname])}, "
            f"now {self.show(field, after[field.attname])}."
            for field in self.fields
            if before[field.attname] != after[field.attname]
        ]


def _m2m_ids(obj, field):
    return getattr(obj, field.name).values_list("pk", flat=True)


class VersionCheckedForm:
    """Mixed into the admin's form by ``VersionCheckedAdminMixin``."""

    # (model, foreign key name, what one row is called) for each inline of the page.
    version_children: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            latest = Version.objects.get_for_object(self.instance).values_list("pk", flat=True)
            self.fields[SEEN_VERSION].initial = self.instance.version
            self.fields[SEEN_HISTORY].initial = latest.first()

    def clean(self):
        cleaned = super().clean()
        model = type(self.instance)
        if self.instance.pk is None:
            return cleaned
        # The admin saves in one transaction: this lock holds until the save is done.
        current = (
            model._base_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is None or cleaned.get(SEEN_VERSION) == current:
            return cleaned
        messages = self._what_changed(cleaned.get(SEEN_HISTORY))
        self._move_seen_version_on(current)
        raise ValidationError(messages, code="stale")

    def _move_seen_version_on(self, current: int) -> None:
        """The next Save, after the person has merged the changes, is accepted."""
        data = self.data.copy()
        data[self.add_prefix(SEEN_VERSION)] = str(current)
        latest = Version.objects.get_for_object(self.instance).values_list("pk", flat=True)
        data[self.add_prefix(SEEN_HISTORY)] = str(latest.first() or "")
        self.data = data

    def _what_changed(self, seen_history) -> list[str]:
        model = type(self.instance)
        now = model._base_manager.get(pk=self.instance.pk)
        newest = Version.objects.get_for_object(now).select_related("revision__user").first()
        who = _person(newest.revision.user if newest else None)
        thing = model._meta.verbose_name
        intro = (
            f"{who} saved this {thing} while you were writing. Nothing of yours is saved yet. "
            "Your words are still in the boxes below. "
            f"Add {who}'s changes to yours if you want to keep them, then press Save again."
        )
        seen = Version.objects.filter(pk=seen_history).select_related("revision").first()
        if seen is None or seen.object_id != str(now.pk):
            return [intro, *self._differences_from_yours(now, who)]
        row = _Row(model, self.fields)
        lines = [
            f"{who} changed: " + line
            for line in row.changes(row.from_history(seen.field_dict), row.values(now))
        ]
        lines += self._children_changed(now, seen.revision, who)
        if len(lines) == 0:
            lines = [f"{who} saved it again without changing the words on this page."]
        return [intro, *lines]

    def _differences_from_yours(self, now, who) -> list[str]:
        """With no history of what you saw: each box where the saved words differ from yours."""
        row = _Row(type(now), self.fields)
        saved = row.values(now)
        lines = []
        for field in row.fields:
            if field.name not in self.cleaned_data:
                continue
            yours = self.cleaned_data[field.name]
            if field.many_to_many:
                yours = {str(item.pk) for item in yours or ()}
            elif field.is_relation:
                yours = getattr(yours, "pk", yours)
            if yours != saved[field.attname]:
                lines.append(
                    f"{field.verbose_name.capitalize()}: saved now as "
                    f"{row.show(field, saved[field.attname])}. Yours is {row.show(field, yours)}."
                )
        return lines

    def _children_changed(self, now, revision, who) -> list[str]:
        lines = []
        for child_model, fk_name, called in self.version_children:
            row = _Row(child_model, [f.name for f in child_model._meta.concrete_fields])
            row.fields = [f for f in row.fields if f.name not in (fk_name, "id")]
            before, names = {}, {}
            for version in revision.version_set.get_for_model(child_model):
                if str(version.field_dict.get(f"{fk_name}_id")) == str(now.pk):
                    before[version.object_id] = row.from_history(version.field_dict)
                    names[version.object_id] = version.object_repr
            current = child_model._base_manager.filter(**{fk_name: now})
            after = {str(child.pk): (child, row.values(child)) for child in current}
            for pk, (child, values) in after.items():
                if pk not in before:
                    lines.append(f"{who} added a {called}: {_shown(child)}.")
                else:
                    lines += [
                        f"{who} changed the {called} {_shown(child)}: {line}"
                        for line in row.changes(before[pk], values)
                    ]
            for pk in sorted(before.keys() - after.keys()):
                lines.append(f"{who} removed a {called}: {_shown(names[pk])}.")
        return lines


class VersionCheckedAdminMixin:
    """Put first in a ModelAdmin's bases; its model has ``Versioned`` and a ``version``."""

    change_form_template = "admin/versioned_change_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        children = tuple(
            (
                inline.model,
                _fk_name(inline, self.model),
                str(inline.verbose_name or inline.model._meta.verbose_name),
            )
            for inline in self.inlines
            if issubclass(inline.model, VersionedChild)
        )
        attrs = {
            "__module__": form.__module__,
            "version_children": children,
            SEEN_VERSION: forms.IntegerField(required=False, widget=forms.HiddenInput),
            SEEN_HISTORY: forms.IntegerField(required=False, widget=forms.HiddenInput),
        }
        return type(form.__name__, (VersionCheckedForm, form), attrs)

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        """Going back to a version from the history: the history view rolls the row back
        (its version number too) before showing the form. Put the version number back, so
        numbers never repeat and a stale page is still refused after a revert."""
        model = version._model
        now = model._base_manager.filter(pk=version.object_id).values_list("version", flat=True)
        request.version_before_revert = now.first()
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        before = getattr(request, "version_before_revert", None)
        if before is not None and object_id is not None:
            self.model._base_manager.filter(pk=object_id).update(version=before)
        return super().changeform_view(request, object_id, form_url, extra_context)


def _fk_name(inline, parent) -> str:
    if inline.fk_name:
        return inline.fk_name
    return next(
        field.name
        for field in inline.model._meta.concrete_fields
        if field.is_relation and field.many_to_one and issubclass(parent, field.related_model)
    )
