"""Imports of findings: a fixed, small number of queries a row, however many rows."""

import time

import pytest
import reversion
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence.imports import FindingResource
from evidence.models import Finding
from evidence.search import search_refreshed_once
from tests.evidence.factories import make_source, make_tag, make_theme
from tests.factories import make_facilitator

pytestmark = pytest.mark.django_db

HEADINGS = "id,Source,Theme,Kind,Original wording,Easy read,How sure,Why we can be sure,Tags"


def spreadsheet(rows: int) -> tablib.Dataset:
    lines = [HEADINGS] + [
        f",IBSEN,Personal budgets,Finding,People had choice {n}.,People had choice {n}.,"
        f"Good evidence,4000 people answered.,Money; Housing"
        for n in range(rows)
    ]
    return tablib.Dataset().load("\r\n".join(lines) + "\r\n", format="csv")


def imported(rows: int):
    dataset = spreadsheet(rows)
    user = make_facilitator()
    started = time.perf_counter()
    with (
        CaptureQueriesContext(connection) as queries,
        reversion.create_revision(),
        search_refreshed_once(),
    ):
        reversion.set_user(user)
        result = FindingResource().import_data(
            dataset, dry_run=False, rollback_on_validation_errors=True
        )
    seconds = time.perf_counter() - started
    assert not result.has_errors() and not result.has_validation_errors()
    return len(queries), seconds


@pytest.fixture
def library():
    make_source(short_name="IBSEN", slug="ibsen")
    make_theme(name="Personal budgets", slug="personal-budgets")
    make_tag(name="Money", slug="money")
    make_tag(name="Housing", slug="housing")


def test_queries_a_row_stay_few(library):
    small, _ = imported(10)
    Finding.objects.all().delete()
    large, seconds = imported(110)
    per_row = (large - small) / 100
    print(f"\n{per_row:.1f} queries a row; 110 rows in {seconds:.2f} s")
    assert per_row <= 15  # about 38 before, then 30


@pytest.mark.parametrize("rows", [500])
def test_the_largest_import_fits_in_the_worker_timeout(library, rows):
    count, seconds = imported(rows)
    print(f"\n{rows} rows: {count} queries, {count / rows:.1f} a row, {seconds:.2f} s")
    assert Finding.objects.count() == rows


def test_500_rows_preview_and_import_through_the_admin_in_time(library, client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from evidence.imports import MAX_ROWS
    from tests.evidence.test_imports import confirm

    client.force_login(make_facilitator())
    text = "\r\n".join(spreadsheet(MAX_ROWS).export("csv").splitlines()) + "\r\n"
    upload = SimpleUploadedFile("big.csv", text.encode(), content_type="text/csv")
    started = time.perf_counter()
    preview = client.post(
        reverse("admin:evidence_finding_import"), {"import_file": upload, "format": "0"}
    )
    checked = time.perf_counter() - started
    assert preview.context["problems"] == []
    started = time.perf_counter()
    done = confirm(client, preview)
    saved = time.perf_counter() - started
    print(f"\n{MAX_ROWS} rows: preview {checked:.1f} s, import {saved:.1f} s")
    assert done.status_code == 200
    assert Finding.objects.drafts().count() == MAX_ROWS
    assert checked < 30 and saved < 30
