"""The benchmark data generator: reproducible, searchable, kept apart and removable."""

import pytest
from django.core.management import call_command

from bench.management.commands.make_bench_data import Command as MakeBenchData
from bench.management.commands.make_bench_data import bench_findings
from evidence.models import Finding, SearchTerm, Source, Tag, Theme
from evidence.search import refresh_search, search_findings, understand
from meetings.models import Meeting, Venue
from seminars.models import Registration, Seminar, Speaker

pytestmark = pytest.mark.django_db


def make(findings=60, **options):
    call_command(MakeBenchData(), findings=findings, verbosity=0, **options)


def fingerprint():
    """Everything the generator wrote, without ids (which depend on the database)."""
    findings = [
        (
            finding.source.slug,
            finding.position,
            finding.theme.slug,
            finding.kind,
            finding.strength,
            finding.original_wording,
            finding.easy_read,
            finding.key_figures,
            finding.keywords,
            tuple(tag.slug for tag in finding.tags.all()),
        )
        for finding in bench_findings()
        .select_related("source", "theme")
        .prefetch_related("tags")
        .order_by("source__slug", "position")
    ]
    meetings = list(
        Meeting.objects.filter(slug__startswith="bench-")
        .order_by("slug")
        .values_list("slug", "title", "held_on", "summary", "venue__name", "theme__slug")
    )
    sign_ups = list(
        Registration.objects.filter(seminar__slug__startswith="bench-")
        .order_by("seminar__slug", "email")
        .values_list("seminar__slug", "email", "role", "access_needs", "state", "token_hash")
    )
    return findings, meetings, sign_ups


def real_content_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Finding, Source, Tag, Theme, Meeting, Venue, Seminar, Registration, Speaker)
    }


def test_makes_the_findings_asked_for_with_everything_around_them():
    make(findings=120)

    assert bench_findings().count() == 120
    assert Source.objects.filter(slug__startswith="bench-").count() == 5
    assert Theme.objects.filter(slug__startswith="bench-").count() == 12
    assert Meeting.objects.filter(slug__startswith="bench-", status="published").count() == 3
    assert Registration.objects.filter(seminar__slug__startswith="bench-").count() == 90
    kinds = set(bench_findings().values_list("kind", flat=True))
    assert kinds == set(Finding.Kind.values)
    easy_read_lines = [
        line
        for text in bench_findings().values_list("easy_read", flat=True)
        for line in text.split("\n")
    ]
    assert max(len(line.split()) for line in easy_read_lines) <= 15


def test_the_same_seed_gives_the_same_content_and_another_seed_does_not():
    make()
    first = fingerprint()
    make()  # replaces the bench content
    assert fingerprint() == first
    make(seed=7)
    assert fingerprint()[0] != first[0]


def test_remove_takes_away_every_bench_row_and_nothing_else():
    call_command("load_seeds", verbosity=0)
    before = real_content_counts()

    make()
    assert real_content_counts()["Finding"] == before["Finding"] + 60
    call_command(MakeBenchData(), remove=True, verbosity=0)

    assert real_content_counts() == before
    assert not Tag.objects.filter(slug__startswith="bench-").exists()
    assert not Meeting.objects.filter(number__gte=30000).exists()


def test_keywords_are_what_the_evidence_app_would_write():
    make()
    before = dict(bench_findings().values_list("pk", "keywords"))

    refresh_search(before)

    assert dict(bench_findings().values_list("pk", "keywords")) == before


def test_findings_can_be_searched_and_misspellings_corrected():
    make(findings=300)

    found = search_findings("supported living")
    assert found.filter(source__slug__startswith="bench-").exists()
    assert SearchTerm.objects.filter(word="tenancy").exists()
    assert understand("tenancy agrement").corrected == "tenancy agreement"


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_two_writers_give_the_same_content():
    make(findings=250, batch_size=40)
    threaded = fingerprint()
    assert bench_findings().count() == 250

    call_command(MakeBenchData(), remove=True, verbosity=0)
    assert not bench_findings().exists()
    assert not Speaker.objects.filter(name__startswith="Bench").exists()

    from django.db import transaction

    with transaction.atomic():  # one writer, in this transaction
        make(findings=250, batch_size=40)
    assert fingerprint() == threaded
