"""Facilitators can add, correct, tag, import, export and revert findings; members cannot."""

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from evidence.admin import FindingResource
from evidence.models import Finding, FindingKind, Strength
from evidence.search import search_findings
from tests.evidence.factories import make_finding, make_source, make_tag, make_theme
from tests.factories import make_facilitator, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator_client(client):
    client.force_login(make_facilitator())
    return client


@pytest.mark.parametrize("model", ["finding", "source", "theme", "tag", "searchterm"])
def test_facilitator_sees_each_list_and_add_page(facilitator_client, model):
    make_finding()
    assert facilitator_client.get(reverse(f"admin:evidence_{model}_changelist")).status_code == 200
    assert facilitator_client.get(reverse(f"admin:evidence_{model}_add")).status_code == 200


def test_member_cannot_open_the_admin(client):
    client.force_login(make_member())
    response = client.get(reverse("admin:evidence_finding_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_the_facilitator_group_cannot_change_findings(client):
    client.force_login(make_member(is_staff=True))
    finding = make_finding()
    assert (
        client.get(reverse("admin:evidence_finding_change", args=[finding.pk])).status_code == 403
    )


def test_facilitator_adds_a_finding_that_goes_last_in_its_source(facilitator_client):
    source = make_source(short_name="POET", slug="poet")
    make_finding(source=source)
    theme = make_theme()
    tag = make_tag(name="Work", slug="work")
    response = facilitator_client.post(
        reverse("admin:evidence_finding_add"),
        {
            "source": source.pk,
            "position": "",
            "theme": theme.pk,
            "kind": FindingKind.FINDING,
            "original_wording": "Fewer people had paid work.",
            "easy_read": "Fewer people had a paid job.",
            "key_figures": "",
            "strength": Strength.GOOD,
            "strength_reason": "4,000 people answered.",
            "tags": [tag.pk],
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get(original_wording="Fewer people had paid work.")
    assert finding.position == 2
    assert finding.keywords == "POET Work"
    assert Version.objects.get_for_object(finding).count() == 1


def test_change_page_previews_the_easy_read_and_flags_long_sentences(facilitator_client):
    finding = make_finding(
        easy_read="Short one.\nThis sentence has far too many words for an easy read page and it goes on and on."
    )
    page = facilitator_client.get(
        reverse("admin:evidence_finding_change", args=[finding.pk])
    ).content.decode()
    assert "Short one. <strong>(2 words: fine)</strong>" in page
    assert "(18 words: too long: make it shorter)" in page
    assert f'href="/findings/{finding.pk}/"' in page


def test_admin_search_finds_words_as_typed_and_parts_of_words(facilitator_client):
    wanted = make_finding(easy_read="People used direct payments.")
    make_finding(easy_read="Something else.")
    url = reverse("admin:evidence_finding_changelist")
    for words in ["payment", "direct pay"]:
        shown = list(facilitator_client.get(url, {"q": words}).context["cl"].result_list)
        assert shown == [wanted]


def test_bulk_tagging_adds_the_tag_to_the_chosen_findings(facilitator_client):
    tag = make_tag(name="Leisure", slug="leisure")
    chosen = [make_finding(), make_finding()]
    other = make_finding()
    url = reverse("admin:evidence_finding_changelist")
    ids = [str(f.pk) for f in chosen]
    form_page = facilitator_client.post(url, {"action": "add_tag", "_selected_action": ids})
    assert "Add a tag to findings" in form_page.content.decode()
    response = facilitator_client.post(
        url, {"action": "add_tag", "_selected_action": ids, "tag": tag.pk, "apply": "1"}
    )
    assert response.status_code == 302
    assert set(Finding.objects.filter(tags=tag)) == set(chosen)
    assert other.tags.count() == 0
    assert search_findings("leisure").count() == 2


def test_history_shows_changes_and_offers_a_way_back(facilitator_client):
    finding = make_finding(easy_read="First words.")
    change_url = reverse("admin:evidence_finding_change", args=[finding.pk])
    data = {
        "source": finding.source.pk,
        "position": finding.position,
        "theme": finding.theme.pk,
        "kind": finding.kind,
        "original_wording": finding.original_wording,
        "easy_read": "Second words.",
        "key_figures": "",
        "strength": finding.strength,
        "strength_reason": finding.strength_reason,
        "seen_version": 1,
    }
    assert facilitator_client.post(change_url, data).status_code == 302
    data |= {"easy_read": "Third words.", "seen_version": 2}
    assert facilitator_client.post(change_url, data).status_code == 302
    versions = Version.objects.get_for_object(finding)
    assert [v.field_dict["easy_read"] for v in versions] == ["Third words.", "Second words."]
    history = facilitator_client.get(reverse("admin:evidence_finding_history", args=[finding.pk]))
    assert history.status_code == 200
    oldest = versions.last()
    revert_url = reverse("admin:evidence_finding_revision", args=[finding.pk, oldest.pk])
    assert facilitator_client.get(revert_url).status_code == 200
    assert (
        facilitator_client.post(
            revert_url, data | {"easy_read": "Second words.", "seen_version": 3}
        ).status_code
        == 302
    )
    finding.refresh_from_db()
    assert finding.easy_read == "Second words."


def test_import_export_round_trip(facilitator_client):
    tag = make_tag(name="Money", slug="money")
    source = make_source(short_name="IBSEN", slug="ibsen")
    finding = make_finding(source=source, tags=[tag], easy_read="Budgets were big.")
    exported = FindingResource().export()
    row = exported.dict[0]
    assert (row["Source"], row["Tags"], row["Easy read"]) == ("IBSEN", "Money", "Budgets were big.")
    dataset = tablib.Dataset(headers=exported.headers)
    dataset.append(
        [row[h] if h != "Easy read" else "Budgets were the biggest." for h in exported.headers]
    )
    result = FindingResource().import_data(dataset, dry_run=False)
    assert not result.has_errors()
    finding.refresh_from_db()
    assert finding.easy_read == "Budgets were the biggest."
    assert facilitator_client.get(reverse("admin:evidence_finding_import")).status_code == 200
    assert facilitator_client.get(reverse("admin:evidence_finding_export")).status_code == 200


def test_export_writes_formulas_as_text_and_importing_it_back_changes_nothing():
    finding = make_finding(key_figures="-5% in a year", easy_read="=1+1 is not a formula here.")
    exported = FindingResource().export()
    row = exported.dict[0]
    assert (row["Key figures"], row["Easy read"]) == (
        "'-5% in a year",
        "'=1+1 is not a formula here.",
    )
    result = FindingResource().import_data(exported, dry_run=False)
    assert not result.has_errors()
    finding.refresh_from_db()
    assert (finding.key_figures, finding.easy_read) == (
        "-5% in a year",
        "=1+1 is not a formula here.",
    )


def test_tag_autocomplete_answers_facilitators(facilitator_client):
    make_tag(name="Personal assistants", slug="personal-assistants")
    response = facilitator_client.get(
        "/admin/autocomplete/",
        {"app_label": "evidence", "model_name": "finding", "field_name": "tags", "term": "assist"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Personal assistants"]


def test_a_too_big_spreadsheet_is_refused_before_it_is_read(facilitator_client):
    too_big = b"id,easy_read\n1," + b"Budgets were big. " * (11 * 1024 * 1024 // 18)
    upload = SimpleUploadedFile("findings.csv", too_big, content_type="text/csv")

    response = facilitator_client.post(
        reverse("admin:evidence_finding_import"), {"import_file": upload, "format": "0"}
    )

    assert "This file is too big. The biggest is 1 MB." in response.content.decode()
    assert Finding.objects.count() == 0


def test_delete_pages_name_each_tag_link(facilitator_client):
    tag = make_tag(name="Housing", slug="housing")
    finding = make_finding(tags=[tag], original_wording="Rents went up a lot.")

    page = facilitator_client.get(
        reverse("admin:evidence_tag_delete", args=[tag.pk])
    ).content.decode()

    assert f"Tag &#x27;Housing&#x27; on finding &#x27;{finding}&#x27;" in page
    assert "Finding_tags object" not in page
