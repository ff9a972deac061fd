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
    return queries.captured_queries, seconds


def without_savepoints(queries) -> int:
    return sum("SAVEPOINT" not in query["sql"] for query in queries)


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
    per_row = (len(large) - len(small)) / 100
    print(f"\n{per_row:.1f} queries a row; 110 rows in {seconds:.2f} s")
    assert per_row <= 15  # about 38 before, then 30


@pytest.mark.parametrize("rows", [500])
def test_the_largest_import_is_saved_whole(library, rows):
    queries, seconds = imported(rows)
    count = len(queries)
    print(f"\n{rows} rows: {count} queries, {count / rows:.1f} a row, {seconds:.2f} s")
    assert Finding.objects.count() == rows


def test_500_rows_preview_and_import_through_the_admin_in_few_queries_a_row(library, client):
    """Speed is measured in `make bench`, not here: this counts the work, which does not
    change with the machine's load."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from evidence.imports import MAX_ROWS
    from tests.evidence.test_imports import confirm

    client.force_login(make_facilitator())
    text = "\r\n".join(spreadsheet(MAX_ROWS).export("csv").splitlines()) + "\r\n"
    upload = SimpleUploadedFile("big.csv", text.encode(), content_type="text/csv")
    with CaptureQueriesContext(connection) as checking:
        preview = client.post(
            reverse("admin:evidence_finding_import"), {"import_file": upload, "format": "0"}
        )
    assert preview.context["problems"] == []
    with CaptureQueriesContext(connection) as saving:
        done = confirm(client, preview)
    assert done.status_code == 200
    assert Finding.objects.drafts().count() == MAX_ROWS

    def per_row(captured) -> float:
        return without_savepoints(captured.captured_queries) / MAX_ROWS

    print(f"\n{MAX_ROWS} rows: preview {per_row(checking):.2f}, import {per_row(saving):.2f}")
    assert per_row(checking) < 1 and per_row(saving) < 1  # 14 a row each before the batches


def test_new_rows_cost_no_queries_but_their_savepoints(library):
    """New rows are saved in one batch: only each row's savepoint grows with the rows."""

    def queries(rows: int) -> int:
        return without_savepoints(imported(rows)[0])

    queries(1)  # what is asked once a process (content types) is asked now
    few = queries(10)
    many = queries(300)

    assert many == few
    assert Finding.objects.count() == 311
    assert reversion.models.Version.objects.filter(object_id__in=[
        str(pk) for pk in Finding.objects.values_list("pk", flat=True)]).count() == 311  # fmt: skip
