"""Search: English stemming, ranking, spelling help, and queries that must never break a page."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from easyread.models import GlossaryTerm
from evidence.models import Finding, SearchTerm, Synonym
from evidence.search import edit_distance, find_findings, mistakes_allowed, understand
from tests.evidence.factories import make_finding, make_source, make_tag


def search(q: str, **filters):
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data["q"] = q
    data.update(filters)
    return find_findings(data)


@pytest.fixture
def library(seeded, db):
    return seeded


def test_plural_finds_singular_through_english_stemming(library):
    singular_only = Finding.objects.get(source__slug="centre-for-welfare-reform-letter", position=1)
    assert "payments" not in singular_only.original_wording + singular_only.easy_read
    found = search("payments").results
    assert singular_only in found
    assert search("payments").results.count() == search("payment").results.count()


def test_search_ignores_accents(db):
    cafe = make_finding(easy_read="We met at the café.", original_wording="Café meeting.")
    assert list(search("cafe").results) == [cafe]


def test_tag_and_source_name_rank_above_words_in_the_original_wording(db):
    housing = make_tag(name="Housing", slug="housing")
    in_wording = make_finding(
        easy_read="People moved home.", original_wording="Housing was a worry for many."
    )
    in_tags = make_finding(
        easy_read="People moved home.", original_wording="A move.", tags=[housing]
    )
    in_source = make_finding(
        easy_read="People moved home.",
        original_wording="A move.",
        source=make_source(short_name="Housing survey", slug="housing-survey"),
    )
    ranked = list(search("housing").results)
    assert ranked[-1] == in_wording
    assert set(ranked[:2]) == {in_tags, in_source}


def test_results_mark_the_matching_words(library):
    first = search("leisure").results.first()
    assert "\ue000leisure\ue001" in first.headline


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("personel budjet", "personal budget"),
        ("direct payement", "direct payment"),
        ("safegarding", "safeguarding"),
    ],
)
def test_misspelt_search_shows_results_for_the_glossary_phrase(library, typed, corrected):
    result = search(typed)
    assert result.typed == typed
    assert result.query == corrected
    assert result.is_corrected is True
    assert result.results.count() > 0


def test_safeguarding_typo_finds_the_finding_about_safeguarding(library):
    finding = Finding.objects.get(source__slug="literature-search", position=3)
    assert list(search("safegarding").results) == [finding]


def test_words_not_in_the_glossary_are_corrected_at_once(library):
    result = search("famly suport")
    assert result.query == "family support"
    assert result.is_corrected is True
    assert list(result.results) == list(search("family support").results)
    assert result.results.count() > 0


def test_exact_asks_for_the_words_as_typed(library):
    result = search("personel budjet", exact="1")
    assert result.query == "personel budjet"
    assert result.results.count() == 0


def test_correction_keeps_the_other_filters(library):
    result = search("direct payement", source="poet")
    assert result.query == "direct payment"
    assert {f.source.slug for f in result.results} == {"poet"}


def test_glossary_closest_needs_a_clear_winner(library):
    assert GlossaryTerm.objects.closest("personel budjet").term == "personal budget"
    assert GlossaryTerm.objects.closest("zzzz") is None


def test_vocabulary_suggests_per_word_and_keeps_known_words(library):
    assert understand("councl").corrected == "council"
    assert understand("council").corrected == ""
    assert understand("123 !!").corrected == ""


HOSTILE = [
    "'\"&|!<script>",
    "<script>alert(1)</script>",
    "x" * 5000,
    "personal budget " * 400,
    "a\x00b",
    "\x00",
    "!!!",
    "&",
    "|",
    "-",
    "or",
    '"',
    '""',
    "'",
    "\\",
    "%",
    "%%",
    ":*",
    "(",
    "the",
    "👍",
    "\u202e",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_never_break_the_page(library, client, q):
    response = client.get("/findings/", {"q": q})
    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    page = response.content.decode()
    assert page.count("<h1>") == 1


def test_nul_byte_shows_an_error_in_easy_read(library, client):
    response = client.get("/findings/", {"q": "money\x00"})
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "There is a problem" in page
    assert "Type letters and numbers only." in page


def test_long_searches_are_cut_to_200_characters(library):
    assert len(search("budget " * 1000).typed) == 200


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=st.text(max_size=300))
def test_any_text_gives_a_page(library, client, q):
    assert client.get("/findings/", {"q": q}).status_code == 200


def test_vocabulary_knows_the_words_of_themes_and_tags(library):
    assert understand("housng").corrected == "housing"


def test_rebuild_search_words_command_reports_the_count(library, capsys):
    from django.core.management import call_command

    call_command("rebuild_search_words")
    assert capsys.readouterr().out == f"{SearchTerm.objects.count()} search words\n"


# --- Issue 16: what members type, understood ------------------------------------------


@pytest.mark.parametrize(
    ("typed", "word", "distance"),
    [
        ("lesiure", "leisure", 1),  # two letters swapped: one edit, not two
        ("controll", "control", 1),
        ("indipendent", "independent", 1),
        ("budjet", "budget", 1),
        ("famly", "family", 1),
        ("safegaurdign", "safeguarding", 2),
        ("leisure", "leisure", 0),
        ("abc", "xyzabc", 3),  # more than the limit of 2: given as 3
    ],
)
def test_edit_distance_counts_a_swap_of_two_letters_as_one(typed, word, distance):
    assert edit_distance(typed, word) == distance


@pytest.mark.parametrize(
    ("word", "allowed"),
    [
        ("on", 0),
        ("pas", 0),
        ("what", 0),
        ("with", 0),
        ("famly", 1),
        ("lesiure", 1),
        ("controll", 2),
        ("indipendent", 2),
    ],
)
def test_mistakes_allowed_like_the_best_engines(word, allowed):
    assert mistakes_allowed(word) == allowed


def test_short_common_words_are_never_corrected(library):
    result = search("spent on lesiure")
    assert result.query == "spent on leisure"
    assert "one" not in result.query.split()


def test_several_words_are_corrected_together(library):
    result = search("choise and controll")
    assert result.query == "choice and control"
    assert result.results.count() > 0


def test_a_word_that_finds_things_is_never_corrected(library):
    # "cafe" is one letter from "care", but it is a word of the library.
    cafe = make_finding(easy_read="We met at the café.", original_wording="Café meeting.")
    result = search("cafe")
    assert result.query == "cafe"
    assert list(result.results) == [cafe]


def test_plural_of_an_abbreviation_finds_its_words(library):
    assert understand("PAs pay").corrected == ""
    found = {f.easy_read for f in search("PAs pay").results}
    assert any("personal assistants often get low pay" in text.lower() for text in found)


@pytest.mark.parametrize("typed", ["3360", "3,360", "£3,360", "£3360"])
def test_numbers_with_and_without_separators_and_pounds(library, typed):
    leisure = Finding.objects.get(source__slug="ibsen", position=4)
    assert leisure in search(typed).results


def test_american_spelling_finds_the_british_one(library):
    personalised = Finding.objects.get(source__slug="centre-for-welfare-reform-letter", position=9)
    result = search("personalization")
    assert personalised in result.results
    assert result.results.count() == search("personalisation").results.count()


def test_members_words_find_the_words_of_research(library):
    difficult = Finding.objects.get(source__slug="poet", position=3)
    assert "made things difficult" in difficult.easy_read
    assert difficult in search("council makes it hard").results


def test_a_synonym_added_in_the_admin_is_used_at_once(library, client):
    from django.urls import reverse

    from tests.factories import make_facilitator

    assert search("boss").results.count() == 0
    client.force_login(make_facilitator())
    response = client.post(reverse("admin:evidence_synonym_add"), {"words": "boss, employer"})
    assert response.status_code == 302
    assert Synonym.objects.filter(words="boss, employer").exists()
    assert search("boss").results.count() == search("employer").results.count() > 0


def test_a_synonym_needs_two_words(library, client):
    from django.urls import reverse

    from tests.factories import make_facilitator

    client.force_login(make_facilitator())
    response = client.post(reverse("admin:evidence_synonym_add"), {"words": "boss"})
    assert response.status_code == 200
    assert "Type at least two words or phrases, with a comma between them." in (
        response.content.decode()
    )
    assert not Synonym.objects.filter(words="boss").exists()


def test_a_save_in_the_admin_refreshes_search_once(library, client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tests.factories import make_facilitator

    finding = Finding.objects.get(source__slug="poet", position=3)
    work = finding.tags.model.objects.get(slug="work")
    client.force_login(make_facilitator())
    url = reverse("admin:evidence_finding_change", args=[finding.pk])
    form = {
        "source": finding.source_id,
        "position": finding.position,
        "theme": finding.theme_id,
        "kind": finding.kind,
        "original_wording": finding.original_wording,
        "easy_read": finding.easy_read + "\nThe council was slow.",
        "key_figures": finding.key_figures,
        "strength": finding.strength,
        "strength_reason": finding.strength_reason,
        "tags": [*finding.tags.values_list("pk", flat=True), work.pk],
        "seen_version": finding.version,
    }
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, form).status_code == 302
    refreshes = [q["sql"] for q in queries.captured_queries if 'SET "keywords"' in q["sql"]]
    assert len(refreshes) == 1
    finding.refresh_from_db()
    assert finding.keywords == "POET Councils Work and volunteering"
    assert finding in search("slow").results
