"""Findings are drafts until a facilitator publishes them, and members never see a draft:
not on any page, search, count, feed, export, handout or cached page."""

import json

import pytest
from django.urls import reverse
from reversion.models import Version

from core import page_cache
from evidence import services
from evidence.gap_map import gap_map
from evidence.models import Finding, FindingImport, FindingKind, FindingState, SearchTerm
from tests.evidence.factories import make_finding, make_source, make_tag, make_theme
from tests.evidence.test_imports import GOOD_ROW, check, confirm, csv_file
from tests.factories import make_facilitator, make_member
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db

DRAFT_WORDS = "Zebras found new homes with a personal budget."
SHOWN_WORDS = "People with a personal budget had more choice."
# One sentence of 18 words: easy read has 15 at most.
HARD = (
    "Notwithstanding considerable heterogeneity across participating local authorities, "
    "individualised commissioning arrangements demonstrated statistically significant "
    "improvements in subjective wellbeing outcomes."
)


@pytest.fixture
def library():
    """One source, theme and tag with a published finding and a draft."""
    source = make_source(short_name="IBSEN", slug="ibsen")
    theme = make_theme(name="Personal budgets", slug="personal-budgets")
    tag = make_tag(name="Money", slug="money")
    shown = make_finding(source=source, theme=theme, tags=[tag], easy_read=SHOWN_WORDS)
    draft = make_finding(
        source=source,
        theme=theme,
        tags=[tag],
        easy_read=DRAFT_WORDS,
        original_wording="Zebras.",
        published=False,
    )
    meeting = make_meeting()
    meeting.findings.add(shown, draft)
    return {
        "source": source,
        "theme": theme,
        "tag": tag,
        "shown": shown,
        "draft": draft,
        "meeting": meeting,
    }


def text(response) -> str:
    return response.content.decode()


def test_a_new_finding_is_a_draft_and_old_ones_were_published():
    finding = services.save_finding(
        Finding(
            source=make_source(),
            theme=make_theme(),
            kind=FindingKind.FINDING,
            original_wording="Words.",
            easy_read="Words.",
            strength_reason="Many answered.",
        )
    )
    assert finding.state == FindingState.DRAFT
    assert finding.published_at is None
    assert list(Finding.objects.published()) == []
    assert list(Finding.objects.drafts()) == [finding]


@pytest.mark.parametrize(
    "page",
    [
        "list",
        "search",
        "site_search",
        "theme",
        "tag",
        "source",
        "meeting",
        "home",
        "related",
        "export_csv",
        "export_json",
        "sitemap",
    ],
)
def test_members_never_see_a_draft(client, library, page):
    tag, theme, source = library["tag"], library["theme"], library["source"]
    addresses = {
        "list": reverse("evidence:list"),
        "search": reverse("evidence:list") + "?q=personal+budget",
        "site_search": reverse("sitesearch:search") + "?q=personal+budget",
        "theme": theme.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "source": source.get_absolute_url(),
        "meeting": library["meeting"].get_absolute_url(),
        "home": reverse("home"),
        "related": library["shown"].get_absolute_url(),
        "export_csv": reverse("evidence:export_csv"),
        "export_json": reverse("evidence:export_json"),
        "sitemap": reverse("sitemap"),
    }
    response = client.get(addresses[page])
    assert response.status_code == 200
    content = text(response)
    draft_url = library["draft"].get_absolute_url()
    assert "Zebras" not in content
    assert f'"{draft_url}"' not in content and f"{draft_url}<" not in content
    if page != "related":
        assert "People with a personal budget had more choice." in content or (
            library["shown"].get_absolute_url() in content
        )


def test_a_draft_finding_page_is_not_found_by_members_or_search_engines(client, library):
    assert client.get(library["draft"].get_absolute_url()).status_code == 404
    client.force_login(make_member())
    assert client.get(library["draft"].get_absolute_url()).status_code == 404


def test_a_search_for_a_draft_only_word_finds_nothing(client, library):
    response = client.get(reverse("evidence:list"), {"q": "zebras"})
    assert response.context["search"].count() == 0
    assert "Zebras" not in text(response)


def test_counts_leave_drafts_out(client, library):
    sources = client.get(reverse("evidence:sources"))
    assert "1 finding." in text(sources)
    assert gap_map()["rows"][0]["total"] == 1
    meeting = client.get(library["meeting"].get_absolute_url())
    assert len(meeting.context["findings"]) == 1


def test_the_handout_leaves_drafts_out(client, library, monkeypatch):
    made = {}

    def fake_pdf(html, **kwargs):
        made["html"] = html
        return b"%PDF-1.7"

    monkeypatch.setattr("evidence.views.render_pdf", fake_pdf)
    response = client.get(reverse("evidence:theme_handout", args=[library["theme"].slug]))
    assert response.status_code == 200
    assert "more choice" in made["html"]
    assert "Zebras" not in made["html"]


def test_a_draft_word_is_never_offered_as_a_spelling(library):
    assert not SearchTerm.objects.filter(word="zebras").exists()
    services.publish_finding(library["draft"], by=make_facilitator())
    assert SearchTerm.objects.filter(word="zebras").exists()


def test_publishing_renews_cached_pages(client, library, settings):
    settings.PAGE_CACHE = True
    url = reverse("evidence:list")
    assert "Zebras" not in text(client.get(url))
    assert client.get(url)["X-Page-Cache"] == "hit"
    before = page_cache.content_version()
    services.publish_finding(library["draft"], by=make_facilitator())
    assert page_cache.content_version() > before
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert "Zebras" in text(after)


# --- The rule of publishing -----------------------------------------------------------


def test_hard_or_empty_easy_read_is_not_published():
    facilitator = make_facilitator()
    hard = make_finding(easy_read=HARD, published=False)
    with pytest.raises(services.EvidenceError, match="may be hard to read"):
        services.publish_finding(hard, by=facilitator)
    assert Finding.objects.get(pk=hard.pk).state == FindingState.DRAFT
    assert services.publishing_problem("   ", anyway=True).startswith("Write the easy-read")
    services.publish_finding(hard, by=facilitator, anyway=True)
    hard.refresh_from_db()
    assert hard.is_published and hard.published_at is not None
    assert Version.objects.get_for_object(hard).first().revision.comment.startswith("Published")


# --- In the admin -----------------------------------------------------------------------


@pytest.fixture
def facilitator_client(client):
    client.force_login(make_facilitator())
    return client


def finding_form(finding, **changes) -> dict:
    return {
        "source": finding.source_id,
        "position": finding.position,
        "theme": finding.theme_id,
        "kind": finding.kind,
        "original_wording": finding.original_wording,
        "easy_read": finding.easy_read,
        "key_figures": "",
        "strength": finding.strength,
        "strength_reason": finding.strength_reason,
        "seen_version": finding.version,
        **changes,
    }


def test_a_facilitator_adds_a_draft_and_is_told_so(facilitator_client):
    source, theme = make_source(), make_theme()
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
            "strength": 2,
            "strength_reason": "4,000 people answered.",
        },
        follow=True,
    )
    finding = Finding.objects.get()
    assert finding.state == FindingState.DRAFT
    assert "It is a draft: members cannot see it yet." in text(response)


def test_save_and_publish_refuses_hard_words_next_to_the_box_and_keeps_them(
    facilitator_client,
):
    finding = make_finding(published=False)
    url = reverse("admin:evidence_finding_change", args=[finding.pk])
    page = facilitator_client.get(url)
    assert 'name="_publish"' in text(page)
    response = facilitator_client.post(url, finding_form(finding, easy_read=HARD, _publish="1"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["easy_read"]
    assert "This is not published yet: the easy-read version may be hard to read." in errors[0]
    assert HARD in text(response)  # what was typed is still in the box
    finding.refresh_from_db()
    assert finding.state == FindingState.DRAFT
    assert finding.easy_read != HARD


def test_save_and_publish_anyway_publishes_hard_words_when_ticked(facilitator_client):
    finding = make_finding(published=False)
    url = reverse("admin:evidence_finding_change", args=[finding.pk])
    response = facilitator_client.post(
        url, finding_form(finding, easy_read=HARD, _publish="1", publish_anyway="on"), follow=True
    )
    assert "is saved and published. Members can see it now." in text(response)
    finding.refresh_from_db()
    assert finding.is_published and finding.easy_read == HARD


def test_save_and_publish_then_make_it_a_draft_again(facilitator_client, client):
    finding = make_finding(published=False, easy_read="People chose their own support.")
    url = reverse("admin:evidence_finding_change", args=[finding.pk])
    facilitator_client.post(url, finding_form(finding, _publish="1"))
    finding.refresh_from_db()
    assert finding.is_published
    page = facilitator_client.get(url)
    assert 'name="_unpublish"' in text(page) and 'name="_publish"' not in text(page)
    assert client.get(finding.get_absolute_url()).status_code == 200
    response = facilitator_client.post(url, finding_form(finding, _unpublish="1"), follow=True)
    assert "is a draft again. Members cannot see it." in text(response)
    finding.refresh_from_db()
    assert finding.state == FindingState.DRAFT and finding.published_at is None
    assert client.get(finding.get_absolute_url()).status_code == 404


def test_the_publish_action_publishes_the_ready_ones_and_names_the_others(facilitator_client):
    ready = make_finding(published=False, easy_read="People chose their own support.")
    hard = make_finding(published=False, easy_read=HARD)
    response = facilitator_client.post(
        reverse("admin:evidence_finding_changelist"),
        {"action": "publish", "_selected_action": [ready.pk, hard.pk]},
        follow=True,
    )
    page = text(response)
    assert "Published 1 findings. Members can see them now." in page
    assert "is still a draft. This is not published yet" in page
    assert reverse("admin:evidence_finding_change", args=[hard.pk]) in page
    assert list(Finding.objects.published()) == [ready]


def test_the_list_of_findings_can_show_drafts_only(facilitator_client):
    make_finding(easy_read="Published one.")
    draft = make_finding(published=False, easy_read="Draft one.")
    shown = (
        facilitator_client.get(
            reverse("admin:evidence_finding_changelist"), {"state__exact": "draft"}
        )
        .context["cl"]
        .result_list
    )
    assert list(shown) == [draft]


def test_imported_findings_are_drafts_until_published_together(facilitator_client, client):
    make_source(short_name="IBSEN", slug="ibsen")
    make_theme(name="Personal budgets", slug="personal-budgets")
    make_tag(name="Money", slug="money")
    make_tag(name="Housing", slug="housing")
    upload = csv_file(GOOD_ROW, GOOD_ROW.replace("more choice", "more control"))
    done = confirm(facilitator_client, check(facilitator_client, upload))
    record = FindingImport.objects.get()
    publish_url = reverse("admin:evidence_findingimport_publish", args=[record.pk])
    assert "The 2 new findings are drafts: members cannot see them yet." in text(done)
    assert f'<a href="{publish_url}">Publish these 2</a>' in text(done)
    assert Finding.objects.published().count() == 0
    assert "more control" not in text(client.get(reverse("evidence:list")))

    assert "Yes, publish these 2" in text(facilitator_client.get(publish_url))
    response = facilitator_client.post(publish_url, follow=True)
    assert "Published 2 findings." in text(response)
    assert Finding.objects.drafts().count() == 0
    assert "more control" in text(client.get(reverse("evidence:list")))


def test_the_start_page_counts_finding_drafts(facilitator_client):
    make_finding(published=False)
    make_finding()
    page = text(facilitator_client.get(reverse("admin:index")))
    assert "1 finding is a draft: members cannot see them yet." in page
    assert "?state__exact=draft" in page


# --- The easy-read check as you type --------------------------------------------------


def test_the_live_check_answers_facilitators_with_the_same_check(facilitator_client):
    response = facilitator_client.post(reverse("easyread:check"), {"text": HARD})
    answer = json.loads(response.content)
    assert answer["hard"] is True
    assert "this may be hard to read." in answer["html"]
    assert any("Sentence 1 has" in warning for warning in answer["warnings"])
    easy = json.loads(
        facilitator_client.post(reverse("easyread:check"), {"text": "I like tea."}).content
    )
    assert easy["hard"] is False and "this looks easy to read." in easy["html"]


@pytest.mark.parametrize("who", ["nobody", "member"])
def test_the_live_check_is_for_facilitators_only(client, who):
    if who == "member":
        client.force_login(make_member())
    response = client.post(reverse("easyread:check"), {"text": "I like tea."})
    assert response.status_code == 403


def test_each_easy_read_box_knows_where_to_ask(facilitator_client):
    finding = make_finding()
    page = text(facilitator_client.get(reverse("admin:evidence_finding_change", args=[finding.pk])))
    assert f'data-readability-check="{reverse("easyread:check")}"' in page
    assert "js/readability-live" in page
