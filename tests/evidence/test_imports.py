"""Imports that explain themselves: each bad file gets a plain message and saves nothing;
a good file is previewed row by row, kept in the history, and undone as one change."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Revision, Version

from evidence import imports
from evidence.imports import FindingResource
from evidence.models import Finding, FindingImport, Strength, Tag
from tests.evidence.factories import make_finding, make_source, make_tag, make_theme
from tests.factories import make_facilitator

pytestmark = pytest.mark.django_db

HEADINGS = "id,Source,Theme,Kind,Original wording,Easy read,How sure,Why we can be sure,Tags"
IMPORT_URL = reverse("admin:evidence_finding_import")


@pytest.fixture
def facilitator_client(client):
    client.force_login(make_facilitator())
    return client


@pytest.fixture
def library():
    make_source(short_name="IBSEN", slug="ibsen")
    make_theme(name="Personal budgets", slug="personal-budgets")
    make_tag(name="Money", slug="money")
    make_tag(name="Housing", slug="housing")


def csv_file(*rows, headings=HEADINGS, encoding="utf-8", name="findings.csv"):
    text = "\r\n".join([headings, *rows]) + "\r\n"
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


GOOD_ROW = (
    ",IBSEN,Personal budgets,Finding,People had more choice.,People had more choice.,"
    "Good evidence,4000 people answered.,Money; Housing"
)


def check(client, upload, **ticks):
    response = client.post(IMPORT_URL, {"import_file": upload, "format": "0", **ticks})
    assert response.status_code == 200
    return response


def page_text(response) -> str:
    return response.content.decode()


def test_a_misspelt_heading_is_refused_with_the_heading_it_meant(facilitator_client, library):
    upload = csv_file(GOOD_ROW, headings=HEADINGS.replace("Easy read", "easyread"))

    response = check(facilitator_client, upload)
    page = page_text(response)

    assert (
        "We do not know the column &#x27;easyread&#x27;. Did you mean &#x27;Easy read&#x27;?"
        in page
    )
    assert "confirm_form" not in response.context
    assert Finding.objects.count() == 0


def test_a_misspelt_heading_left_out_on_purpose_still_needs_the_easy_read(
    facilitator_client, library
):
    upload = csv_file(GOOD_ROW, headings=HEADINGS.replace("Easy read", "easyread"))

    response = check(facilitator_client, upload, leave_out_columns="on")

    assert "Row 2: the easy read is empty. Fill it in." in response.context["problems"]
    assert Finding.objects.count() == 0


def test_an_unknown_source_is_named_in_plain_words(facilitator_client, library):
    upload = csv_file(GOOD_ROW.replace("IBSEN", "Housing Trust 2018"))

    response = check(facilitator_client, upload)

    assert response.context["problems"] == [
        "Row 2: we do not know the source 'Housing Trust 2018'. Add it first, or check the "
        "spelling."
    ]
    assert "does not exist" not in page_text(response)
    assert Finding.objects.count() == 0


def test_an_unknown_tag_is_refused_unless_asked_to_make_it(facilitator_client, library):
    row = GOOD_ROW.replace("Money; Housing", "Money; Transport")

    refused = check(facilitator_client, csv_file(row))

    assert refused.context["problems"] == [
        "Row 2: we do not know the tag 'Transport'. Add it first, check the spelling, "
        "or tick 'Make the new tags in this file'."
    ]
    assert not Tag.objects.filter(name="Transport").exists()

    preview = check(facilitator_client, csv_file(row), create_tags="on")

    assert preview.context["problems"] == []
    assert preview.context["new_tags"] == ["Transport"]
    assert "These new tags will be made: Transport." in page_text(preview)
    assert not Tag.objects.filter(name="Transport").exists()
    assert Finding.objects.count() == 0


def test_a_5_mb_file_is_refused_before_it_is_read(facilitator_client, library):
    rows = [GOOD_ROW] * (5 * 1024 * 1024 // len(GOOD_ROW))

    page = page_text(check(facilitator_client, csv_file(*rows)))

    assert "This file is too big. The biggest is 1 MB." in page
    assert Finding.objects.count() == 0


def test_too_many_rows_are_refused_with_a_way_forward(facilitator_client, library):
    rows = [GOOD_ROW] * (imports.MAX_ROWS + 1)

    page = page_text(check(facilitator_client, csv_file(*rows)))

    assert "This file has 501 findings. The most we can take at once is 500." in page
    assert Finding.objects.count() == 0


def test_a_windows_1252_file_is_read_and_imported_as_written(facilitator_client, library):
    wording = "Budgets were \u201cbig\u201d: \u00a33,360 a year for caf\u00e9s and leisure."
    row = GOOD_ROW.replace("People had more choice.,People", f'"{wording}",People')
    upload = csv_file(row, encoding="cp1252")

    preview = check(facilitator_client, upload)

    assert preview.context["problems"] == []
    assert preview.context["changes"] == [
        "Row 2: a new finding from IBSEN: 'People had more choice.'"
    ]
    assert Finding.objects.count() == 0
    confirm(facilitator_client, preview)
    assert Finding.objects.get().original_wording == wording


def test_random_bytes_get_a_plain_message(facilitator_client, library):
    upload = SimpleUploadedFile("findings.csv", os.urandom(4000), content_type="text/csv")

    response = check(facilitator_client, upload)

    assert "We cannot read this file. It does not look like a spreadsheet." in page_text(response)
    assert "encountered while trying to read file" not in page_text(response)
    assert Finding.objects.count() == 0


def test_words_for_strength_and_an_empty_position_never_give_database_text(
    facilitator_client, library
):
    upload = csv_file(GOOD_ROW.replace("Good evidence", "Very strong"))

    response = check(facilitator_client, upload)

    assert response.context["problems"] == [
        "Row 2: we do not know the strength 'Very strong'. Use one of: One person's story, "
        "Some evidence, Good evidence, Strong evidence."
    ]


def test_a_position_that_is_not_a_number_is_explained(facilitator_client, library):
    upload = csv_file(GOOD_ROW + ",two", headings=HEADINGS + ",Position")

    response = check(facilitator_client, upload)

    assert response.context["problems"] == [
        "Row 2: the position 'two' is not a whole number, such as 3."
    ]


def confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(
        reverse("admin:evidence_finding_process_import"),
        {field.name: field.value() for field in form},
        follow=True,
    )


def test_an_import_is_one_change_in_the_history_and_can_be_undone(facilitator_client, library):
    kept = make_finding(easy_read="Old words.")
    export_row = FindingResource().export().dict[0]
    changed_row = ",".join(
        f'"{export_row[h]}"' if h != "Easy read" else '"New words."' for h in HEADINGS.split(",")
    )
    upload = csv_file(GOOD_ROW, GOOD_ROW.replace("more choice", "more control"), changed_row)
    preview = check(facilitator_client, upload)
    assert preview.context["problems"] == []
    assert preview.context["changes"] == [
        "Row 2: a new finding from IBSEN: 'People had more choice.'",
        "Row 3: a new finding from IBSEN: 'People had more control.'",
        f"Row 4: changes finding {kept.pk} (Easy read).",
    ]

    done = confirm(facilitator_client, preview)

    assert "Imported 2 new findings and changed 1." in page_text(done)
    new = Finding.objects.exclude(pk=kept.pk)
    assert [f.position for f in new.order_by("position")] == [1, 2]
    assert {t.name for t in new.first().tags.all()} == {"Money", "Housing"}
    record = FindingImport.objects.get()
    assert (record.new_count, record.changed_count) == (2, 1)
    assert record.revision.version_set.count() == 3
    assert Version.objects.get_for_object(new.first()).count() == 1

    version_after_import = Finding.objects.get(pk=kept.pk).version
    undo_url = reverse("admin:evidence_findingimport_undo", args=[record.pk])
    assert "2 new findings" in page_text(facilitator_client.get(undo_url))
    facilitator_client.post(undo_url)

    assert list(Finding.objects.all()) == [kept]
    kept.refresh_from_db()
    assert kept.easy_read == "Old words."
    assert kept.version == version_after_import + 1
    record.refresh_from_db()
    assert record.undone_at is not None
    assert Revision.objects.filter(comment__startswith="Undid the import").count() == 1


def test_an_import_changed_afterwards_is_not_undone(facilitator_client, library):
    preview = check(facilitator_client, csv_file(GOOD_ROW))
    confirm(facilitator_client, preview)
    record = FindingImport.objects.get()
    finding = Finding.objects.get()
    change_url = reverse("admin:evidence_finding_change", args=[finding.pk])
    data = {
        "source": finding.source_id,
        "position": finding.position,
        "theme": finding.theme_id,
        "kind": finding.kind,
        "original_wording": finding.original_wording,
        "easy_read": "Changed by hand.",
        "key_figures": "",
        "strength": finding.strength,
        "strength_reason": finding.strength_reason,
        "tags": [t.pk for t in finding.tags.all()],
        "seen_version": finding.version,
    }
    assert facilitator_client.post(change_url, data).status_code == 302

    page = facilitator_client.post(
        reverse("admin:evidence_findingimport_undo", args=[record.pk]), follow=True
    )

    assert "These were changed after the import" in page_text(page)
    assert Finding.objects.get().easy_read == "Changed by hand."


def test_exports_use_names_and_import_back_unchanged(library):
    tag = Tag.objects.get(name="Money")
    finding = make_finding(tags=[tag], strength=Strength.GOOD, kind="member_experience")

    exported = FindingResource().export()
    row = exported.dict[0]

    assert (row["Kind"], row["How sure"], row["Tags"]) == (
        "Member experience",
        "Good evidence",
        "Money",
    )
    assert row["Theme"] == finding.theme.name
    result = FindingResource().import_data(exported, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == 1
