"""Spreadsheets of findings, in and out, explained in plain words.

A file is read in any common encoding (UTF-8 with or without a BOM, Windows-1252,
Latin-1), checked for size, rows and column headings before anything is imported, then
tried without saving: the preview says what each row will do ("Row 3: a new finding
from IBSEN") or what is wrong with it ("Row 3: we do not know the source 'Housing Trust
2018'. Add it first, or check the spelling."). Database text never reaches the page.

Exports use names (kind labels, strength words, theme and tag names), so a file exported
here imports back unchanged.
"""

import difflib
import logging
import re
import unicodedata

import charset_normalizer
import reversion
import tablib
from django.core import serializers
from django.core.exceptions import ValidationError
from import_export import fields, widgets
from import_export.results import RowResult

from core import page_cache
from core.spreadsheets import SafeExportResource
from evidence import search, services
from evidence.models import Finding, FindingKind, Source, Strength, Tag, Theme

logger = logging.getLogger(__name__)

# The biggest spreadsheet of findings that can be imported at once, and its most rows.
MAX_SPREADSHEET_BYTES = 1024 * 1024
# The most rows one import takes. New rows are saved in batches (save_waiting): 500 rows
# import in 1,022 queries (2 a row: each row's savepoint; was 7,020, 14 a row) and 3.5 s
# on the busy 2-core test machine (was 52 s). 5,000 is not yet measured through the admin.
MAX_ROWS = 500
# The encodings a spreadsheet program may have saved a file in, besides UTF-8.
WESTERN_ENCODINGS = ["cp1252", "iso8859_15", "latin_1", "mac_roman"]
TAG_SEPARATOR = ";"
# New rows are saved this many at a time (one INSERT of findings and one of their tags).
BATCH_SIZE = 1000

NOT_A_SPREADSHEET = (
    "We cannot read this file. It does not look like a spreadsheet. "
    "In your spreadsheet program, choose Save as, then CSV, and try again."
)
LEAVE_OUT_LABEL = "Leave out the columns we do not know"
CREATE_TAGS_LABEL = "Make the new tags in this file"

# field: the column heading in exported files (imports also take the field's own name).
COLUMNS = {
    "id": "id",
    "source": "Source",
    "position": "Position",
    "theme": "Theme",
    "kind": "Kind",
    "original_wording": "Original wording",
    "easy_read": "Easy read",
    "key_figures": "Key figures",
    "strength": "How sure",
    "strength_reason": "Why we can be sure",
    "tags": "Tags",
}
OTHER_HEADINGS = {"strength": "strength", "strength reason": "strength_reason"}


def _plain(heading) -> str:
    """A heading as compared: small letters, spaces for underscores and dashes."""
    return re.sub(r"[\s_\-]+", " ", str(heading or "").strip().lower())


KNOWN_HEADINGS = {
    **{_plain(field): field for field in COLUMNS},
    **{_plain(heading): field for field, heading in COLUMNS.items()},
    **OTHER_HEADINGS,
}


def decode(data: bytes) -> str:
    """The text of a file saved in any common encoding; random bytes are refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            best = charset_normalizer.from_bytes(data, cp_isolation=WESTERN_ENCODINGS).best()
            if best is None:
                raise ValidationError(NOT_A_SPREADSHEET, code="encoding") from None
            text = str(best)
    if any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text):
        raise ValidationError(NOT_A_SPREADSHEET, code="binary")
    return text


def read_spreadsheet(text: str) -> tablib.Dataset:
    """The rows of a CSV file, refused with a plain message when too long or unreadable."""
    try:
        dataset = tablib.Dataset().load(text, format="csv")
    except Exception as error:
        raise ValidationError(NOT_A_SPREADSHEET, code="csv") from error
    if not dataset.headers or not len(dataset):
        raise ValidationError(
            "This file has no findings in it. The first row should be the headings, "
            "such as Source and Easy read. Each row after that is one finding.",
            code="empty",
        )
    if len(dataset) > MAX_ROWS:
        raise ValidationError(
            f"This file has {len(dataset):,} findings. The most we can take at once is "
            f"{MAX_ROWS:,}. Split it into smaller files and import each one.",
            code="rows",
        )
    return dataset


def unknown_columns(headers) -> list[str]:
    return [str(h) for h in headers if _plain(h) not in KNOWN_HEADINGS]


def column_problems(headers) -> list[str]:
    """One plain sentence for each heading we do not know, with the closest we know."""
    problems = []
    for heading in unknown_columns(headers):
        close = difflib.get_close_matches(_plain(heading), list(KNOWN_HEADINGS), n=1, cutoff=0.6)
        hint = f" Did you mean '{COLUMNS[KNOWN_HEADINGS[close[0]]]}'?" if close else ""
        problems.append(f"We do not know the column '{heading}'.{hint}")
    if problems:
        problems.append(
            "Check the spelling in the first row of your file. Or tick "
            f"'{LEAVE_OUT_LABEL}' to import the file without them."
        )
    return problems


def known_columns(dataset: tablib.Dataset) -> tablib.Dataset:
    """The dataset with our field names as headings and the unknown columns left out."""
    headers = list(dataset.headers)
    for heading in reversed(unknown_columns(headers)):
        del dataset[heading]
    dataset.headers = [KNOWN_HEADINGS[_plain(h)] for h in dataset.headers]
    return dataset


class NameWidget(widgets.ForeignKeyWidget):
    """A source or theme by its name, in any mix of capitals; an unknown name is explained."""

    def __init__(self, model, field, noun):
        super().__init__(model, field=field)
        self.noun = noun
        self.known = {}  # each name is looked up once an import, not once a row

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        if not name:
            return None
        key = name.lower()
        if key not in self.known:
            self.known[key] = self.model.objects.filter(**{f"{self.field}__iexact": name}).first()
        if self.known[key] is None:
            raise ValueError(
                f"we do not know the {self.noun} '{name}'. Add it first, or check the spelling."
            )
        return self.known[key]


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole number such as 3; anything else is explained, never a Python error."""

    def __init__(self, noun):
        super().__init__()
        self.noun = noun

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            number = None
        if number is None or not number.is_integer() or number < 0:
            raise ValueError(f"the {self.noun} '{text}' is not a whole number, such as 3.")
        return int(number)


class LabelWidget(widgets.Widget):
    """A choice written as its label ("Good evidence"); its stored code is taken too."""

    def __init__(self, choices, noun):
        super().__init__()
        self.choices = choices
        self.noun = noun

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        for choice in self.choices:
            if text.lower() in (str(choice.label).lower(), str(choice.value).lower()):
                return choice.value
        known = ", ".join(str(choice.label) for choice in self.choices)
        raise ValueError(f"we do not know the {self.noun} '{text}'. Use one of: {known}.")

    def render(self, value, obj=None, **kwargs):
        for choice in self.choices:
            if choice.value == value:
                return str(choice.label)
        return "" if value is None else str(value)


class TagNamesWidget(widgets.ManyToManyWidget):
    """Tags by name, separated by semicolons; unknown ones are made only when asked."""

    def __init__(self):
        super().__init__(Tag, field="name", separator=TAG_SEPARATOR)
        self.create = False
        self.made = []
        self.known = {}  # tags by lower-case name, looked up once an import

    def names(self, value) -> list[str]:
        return [name.strip() for name in str(value or "").split(self.separator) if name.strip()]

    def clean(self, value, row=None, **kwargs):
        names = self.names(value)
        if not names:
            return Tag.objects.none()
        unknown = [name for name in names if name.lower() not in self.known]
        if unknown:
            self.known.update(
                {tag.name.lower(): tag for tag in Tag.objects.filter(name__iregex=_any_of(unknown))}
            )
        found = self.known
        missing = [name for name in names if name.lower() not in found]
        if missing and not self.create:
            listed = ", ".join(f"'{name}'" for name in missing)
            raise ValueError(
                f"we do not know the tag {listed}. Add it first, check the spelling, "
                f"or tick '{CREATE_TAGS_LABEL}'."
            )
        made = [services.make_tag(name) for name in dict.fromkeys(missing)]
        self.made.extend(tag.pk for tag in made)
        self.known.update({tag.name.lower(): tag for tag in made})
        return [found[name.lower()] for name in names if name.lower() in found] + made

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{self.separator} ".join(tag.name for tag in value.all())


def _any_of(names) -> str:
    return "^(" + "|".join(re.escape(name) for name in names) + ")$"


# Fields whose database checks the import never needs to ask about (see validate_instance).
CHECKED_BY_WIDGETS = ["kind", "strength", "state", "published_at"]


class FindingResource(SafeExportResource):
    """Findings as spreadsheet rows, with names where the database keeps codes."""

    id = fields.Field(attribute="id", column_name="id", widget=WholeNumberWidget("id"))
    position = fields.Field(
        attribute="position", column_name="position", widget=WholeNumberWidget("position")
    )
    source = fields.Field(
        attribute="source", column_name="source", widget=NameWidget(Source, "short_name", "source")
    )
    theme = fields.Field(
        attribute="theme", column_name="theme", widget=NameWidget(Theme, "name", "theme")
    )
    kind = fields.Field(
        attribute="kind", column_name="kind", widget=LabelWidget(FindingKind, "kind")
    )
    strength = fields.Field(
        attribute="strength", column_name="strength", widget=LabelWidget(Strength, "strength")
    )
    tags = fields.Field(attribute="tags", column_name="tags", widget=TagNamesWidget())

    class Meta:
        model = Finding
        fields = list(COLUMNS)
        import_id_fields = ["id"]
        skip_unchanged = True
        clean_model_instances = True

    def __init__(self, *, create_tags=False, leave_out_columns=False, **kwargs):
        super().__init__(**kwargs)
        self.fields["tags"].widget.create = create_tags
        self.leave_out_columns = leave_out_columns
        self.made_findings = []
        self.before = []
        self.last_positions = {}
        # New rows wait here, with their tags, and are saved BATCH_SIZE at a time.
        self.waiting: list[tuple[Finding, list[Tag]]] = []
        self.places: set[tuple[int, int]] = set()  # (source, position) of this file's rows

    @property
    def made_tags(self) -> list[int]:
        return self.fields["tags"].widget.made

    def get_export_headers(self, selected_fields=None):
        return [COLUMNS[name] for name in super().get_export_headers(selected_fields)]

    def before_import(self, dataset, **kwargs):
        problems = column_problems(dataset.headers)
        if problems and not self.leave_out_columns:
            raise ValidationError(problems)
        known_columns(dataset)
        super().before_import(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Every field, tags too, is checked before the row is saved; the position is
        the next in its source when left empty."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "tags" in row:
            try:
                self.fields["tags"].clean(row)
            except ValueError as error:
                errors["tags"] = [str(error)]
        if instance.position is None and instance.source_id is not None:
            instance.position = self._next_position(instance.source_id)
        if errors:
            raise ValidationError(errors)

    def export_field(self, field, instance, *args, **kwargs):
        """A new finding waiting to be saved has no tags to read yet (the diff asks)."""
        if field.attribute == "tags" and instance.pk is None:
            return ""
        return super().export_field(field, instance, *args, **kwargs)

    def get_instance(self, instance_loader, row):
        """A row with no id is a new finding: nothing to look up."""
        if not str(row.get("id") or "").strip():
            return None
        return super().get_instance(instance_loader, row)

    def _next_position(self, source_id: int) -> int:
        """The next place in a source: asked of the database once an import, then counted
        (past any place a row of this file gave itself)."""
        if source_id not in self.last_positions:
            self.last_positions[source_id] = services.next_position(source_id) - 1
        self.last_positions[source_id] += 1
        while (source_id, self.last_positions[source_id]) in self.places:
            self.last_positions[source_id] += 1
        return self.last_positions[source_id]

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's own checks too; with an unknown source, its position is not asked for.
        The source and theme were found by name already, so they are not looked up again."""
        errors = dict(import_validation_errors or {})
        exclude = [*errors, *(["position"] if "source" in errors else [])]
        place = (instance.source_id, instance.position)
        if instance.source_id and instance.position is not None and "position" not in exclude:
            if instance.pk is None and place in self.places:
                errors["position"] = [
                    f"another row of this file is at position {instance.position} "
                    "in this source too. Give each row its own position, or leave it empty."
                ]
                exclude.append("position")
            self.places.add(place)
        # A place given by _next_position is after every finding of its source, so it is
        # free: asking the database would be a query a row.
        placed = instance.pk is None and instance.position == self.last_positions.get(
            instance.source_id
        )
        found = [name for name in ("source", "theme") if getattr(instance, f"{name}_id")]
        checks = [
            lambda: instance.clean_fields(exclude=[*exclude, *found]),
            instance.clean,
            *([lambda: instance.validate_unique(exclude=exclude)] if validate_unique else []),
            # Kind and how sure come from their lists (LabelWidget), the state is a new
            # draft's: their checks would each be a query a row, and cannot fail here.
            lambda: instance.validate_constraints(
                exclude=[*exclude, *CHECKED_BY_WIDGETS, *(["position"] if placed else [])]
            ),
        ]
        for check in checks:  # what full_clean does, without asking again for the source
            try:
                check()
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def after_import_row(self, row, row_result, **kwargs):
        row_result.number = kwargs["row_number"]
        super().after_import_row(row, row_result, **kwargs)

    def do_instance_save(self, instance, is_create):
        """A changed finding is saved through the service, what undoing needs noted first.
        A new one waits to be saved with the others of its batch (``save_waiting``)."""
        if is_create:
            self.waiting.append((instance, []))
            return
        self.before.append(serializers.serialize("json", Finding.objects.filter(pk=instance.pk)))
        services.save_finding(instance, checked=True)

    def save_m2m(self, instance, row, **kwargs):
        """A waiting new finding keeps its tags beside it; a changed one has them set now."""
        if instance.pk is None and self.waiting and self.waiting[-1][0] is instance:
            if "tags" in row:
                self.waiting[-1][1].extend(self.fields["tags"].clean(row) or [])
            if len(self.waiting) >= BATCH_SIZE:
                self.save_waiting()
            return
        super().save_m2m(instance, row, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        self.save_waiting()
        super().after_import(dataset, result, **kwargs)

    def save_waiting(self) -> None:
        """Save the waiting new findings in a few queries, however many there are: one
        INSERT of the findings, one of their tags, each in the revision (its tags from
        memory, not asked again), the search refreshed for them once the import ends."""
        if not self.waiting:
            return
        findings = Finding.objects.bulk_create([finding for finding, _ in self.waiting])
        Link = Finding.tags.through
        Link.objects.bulk_create(
            [
                Link(finding_id=finding.pk, tag_id=tag.pk)
                for finding, tags in self.waiting
                for tag in dict.fromkeys(tags)
            ]
        )
        for finding, tags in self.waiting:
            known = Tag.objects.all()
            known._result_cache, known._prefetch_done = list(dict.fromkeys(tags)), True
            finding._prefetched_objects_cache = {"tags": known}
            if reversion.is_active():
                reversion.add_to_revision(finding)
            del finding._prefetched_objects_cache
        self.made_findings.extend(finding.pk for finding in findings)
        search.findings_changed([finding.pk for finding in findings])
        page_cache.content_changed()
        self.waiting = []


# The Django checks that mean a cell is empty.
EMPTY_CODES = {"blank", "null", "required"}


def _row_sentences(number: int, error: ValidationError) -> list[str]:
    """A row's problems, one sentence each: "Row 3: the easy read is empty. Fill it in."."""
    if not hasattr(error, "error_dict"):
        return [f"Row {number}: {message}" for message in error.messages]
    sentences = []
    for field, details in error.error_dict.items():
        heading = COLUMNS.get(field)
        for detail in details:
            if detail.code in EMPTY_CODES and heading:
                text = f"the {heading.lower()} is empty. Fill it in."
            elif heading and not " ".join(detail.messages).startswith(("we do not", "the ")):
                text = f"{heading}: " + " ".join(detail.messages)
            else:
                text = " ".join(detail.messages)
            sentences.append(f"Row {number}: {text}")
    return sentences


def problems(result) -> list[str]:
    """Everything wrong with a tried import, in plain words, row by row.

    Row numbers are as the spreadsheet shows them: row 1 holds the headings.
    """
    sentences = []
    for error in result.base_errors:
        if isinstance(error.error, ValidationError):
            sentences.extend(error.error.messages)
        else:
            logger.warning("Import of findings failed", exc_info=error.error)
            sentences.append("We could not read this file. Nothing is saved. " + NOT_A_SPREADSHEET)
    for number, errors in result.row_errors():
        for error in errors:
            logger.warning("Import of findings: row %s failed", number, exc_info=error.error)
        sentences.append(
            f"Row {number + 1}: we could not save this row. Check it against the rows that work."
        )
    for row in result.invalid_rows:
        sentences.extend(_row_sentences(row.number + 1, row.error))
    return sentences


def _first_line(finding: Finding) -> str:
    sentences = finding.easy_read_sentences
    return sentences[0] if sentences else finding.original_wording[:80]


def changes(result, resource: FindingResource) -> list[str]:
    """What each row of a tried import will do, in plain words."""
    sentences = []
    for row in result.valid_rows():
        if row.import_type not in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE):
            continue
        finding, number = row.instance, row.number + 1
        if row.import_type == RowResult.IMPORT_TYPE_NEW:
            sentences.append(
                f"Row {number}: a new finding from {finding.source.short_name}: "
                f"'{_first_line(finding)}'"
            )
        elif row.import_type == RowResult.IMPORT_TYPE_UPDATE:
            changed = [
                COLUMNS[name]
                for name in COLUMNS
                if resource.export_field(resource.fields[name], row.original)
                != resource.export_field(resource.fields[name], finding)
            ]
            what = ", ".join(changed) if changed else "nothing you can see"
            sentences.append(f"Row {number}: changes finding {finding.pk} ({what}).")
    return sentences


def new_tag_names(dataset: tablib.Dataset) -> list[str]:
    """The tag names in a file that are not tags yet (for the preview)."""
    column = next((h for h in dataset.headers if KNOWN_HEADINGS.get(_plain(h)) == "tags"), None)
    if column is None:
        return []
    widget = TagNamesWidget()
    names = {name.lower(): name for cell in dataset[column] for name in widget.names(cell)}
    if not names:
        return []
    known = Tag.objects.filter(name__iregex=_any_of(names.values())).values_list("name", flat=True)
    known = {name.lower() for name in known}
    return sorted(name for key, name in names.items() if key not in known)
