"""The seed texts are loaded in full: every bullet and numbered item, with an easy-read version."""

import re
from pathlib import Path

import pytest
from reversion.models import Version

from easyread.models import GlossaryTerm
from evidence import seeds
from evidence.models import Finding, FindingKind, SearchTerm, Source, Tag, Theme

SEED_TEXTS = Path(__file__).resolve().parents[2] / "spirit" / "seed_texts"
MINUTES = SEED_TEXTS / "000_dbe9c05b5d08ed40.txt"
SCIE = SEED_TEXTS / "001_1a6191adea23e591.txt"
RUILS = SEED_TEXTS / "002_f746f4fd1378095d.txt"
LETTER = SEED_TEXTS / "003_41be1c31802057e3.txt"
ITEM = re.compile(r"^\s+(?:•|\d+\.)\s+(?P<text>.*\S)\s*$")

# Where each source's words are in the seed texts.
SOURCE_FILES = {
    "literature-search": MINUTES,
    "ibsen": MINUTES,
    "poet": MINUTES,
    "members-experiences": MINUTES,
    "scie-at-a-glance-22": SCIE,
    "richmond-ruils": RUILS,
    "centre-for-welfare-reform-letter": LETTER,
}
EXPECTED_COUNTS = {
    "literature-search": 13,
    "ibsen": 6,
    "poet": 5,
    "members-experiences": 7,
    "scie-at-a-glance-22": 10,
    "richmond-ruils": 9,
    "centre-for-welfare-reform-letter": 9,
}


def items(path: Path) -> list[str]:
    """Every bullet and numbered item in a seed text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [match["text"] for line in lines if (match := ITEM.match(line))]


def minutes_sections() -> dict[str, list[str]]:
    """The minutes' bullets, by the source each section reports."""
    sections = {slug: [] for slug in ("literature-search", "ibsen", "poet", "members-experiences")}
    current = "literature-search"
    for line in MINUTES.read_text(encoding="utf-8").splitlines():
        if line.startswith("IBSEN ("):
            current = "ibsen"
        elif line.startswith("In Control POET"):
            current = "poet"
        elif line.startswith("Finally, other members"):
            current = "members-experiences"
        elif match := ITEM.match(line):
            sections[current].append(match["text"])
    return sections


def paragraphs_after(path: Path, heading: str, count: int) -> list[str]:
    paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    start = paragraphs.index(heading) + 1
    return paragraphs[start : start + count]


@pytest.fixture
def loaded(seeded, db):
    return seeded


def wordings(slug: str) -> list[str]:
    return list(
        Finding.objects.filter(source__slug=slug)
        .order_by("position")
        .values_list("original_wording", flat=True)
    )


def test_load_gives_a_one_line_summary(loaded):
    assert loaded.startswith("59 findings, 7 sources, 2 themes, 19 tags, 49 glossary terms, ")
    assert "\n" not in loaded


def test_load_counts_findings_per_source(loaded):
    counts = {source.slug: source.findings.count() for source in Source.objects.all()}
    assert counts == EXPECTED_COUNTS


@pytest.mark.parametrize("slug", ["literature-search", "ibsen", "poet", "members-experiences"])
def test_every_bullet_of_the_minutes_is_a_finding_of_its_source(loaded, slug):
    bullets = minutes_sections()[slug]
    assert bullets, "the section should have bullets"
    assert [bullet for bullet in bullets if bullet not in wordings(slug)] == []


def test_every_scie_key_message_is_a_recommendation(loaded):
    messages = items(SCIE)
    assert len(messages) == 7
    recommendations = Finding.objects.filter(
        source__slug="scie-at-a-glance-22", kind=FindingKind.RECOMMENDATION
    ).values_list("original_wording", flat=True)
    assert sorted(messages) == sorted(recommendations)


@pytest.mark.parametrize(
    ("heading", "paragraphs"), [("Example 1", 1), ("Example 2", 1), ("Example 3", 2)]
)
def test_every_scie_practice_example_is_loaded_whole(loaded, heading, paragraphs):
    words = "\n\n".join(paragraphs_after(SCIE, heading, paragraphs))
    examples = Finding.objects.filter(
        source__slug="scie-at-a-glance-22", kind=FindingKind.PRACTICE_EXAMPLE
    )
    assert examples.count() == 3
    assert examples.filter(original_wording=words).count() == 1


def test_every_numbered_item_of_the_letter_is_loaded(loaded):
    numbered = items(LETTER)
    assert len(numbered) == 9  # 2 ways to personalised support, 3 obstacles, 4 recommendations
    assert wordings("centre-for-welfare-reform-letter") == numbered
    letter = Finding.objects.filter(source__slug="centre-for-welfare-reform-letter")
    assert letter.filter(kind=FindingKind.OBSTACLE).count() == 3
    assert letter.filter(kind=FindingKind.RECOMMENDATION).count() == 4


def test_richmond_results_are_loaded(loaded):
    text = RUILS.read_text(encoding="utf-8")
    results = [p for p in text.split("\n\n") if re.search(r"\bfound\b|\bshowed\b", p)]
    loaded_words = "\n\n".join(wordings("richmond-ruils"))
    assert len(results) == 4
    result_sentences = [s for p in results for s in re.split(r"(?<=\.)\s+", p.strip())]
    assert [s for s in result_sentences if s not in loaded_words] == []
    monitoring = Finding.objects.get(source__slug="richmond-ruils", position=3)
    assert monitoring.key_figures.startswith("90 people")


def test_original_wording_is_quoted_exactly_from_the_seed_texts(loaded):
    for finding in Finding.objects.select_related("source"):
        text = SOURCE_FILES[finding.source.slug].read_text(encoding="utf-8")
        for part in finding.original_wording.split("\n\n"):
            assert part in text, f"not in the seed text: {part[:60]}"


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def test_easy_read_sentences_have_at_most_15_words(loaded):
    texts = [f.easy_read for f in Finding.objects.all()]
    texts += [s.easy_read_summary for s in Source.objects.all()]
    texts += [t.easy_read_intro + "\n" + t.gaps for t in Theme.objects.all()]
    texts += [t.easy_read_meaning for t in Tag.objects.all()]
    texts += [g.meaning for g in GlossaryTerm.objects.all()]
    too_long = [s for text in texts for s in sentences(text) if len(s.split()) > 15]
    assert too_long == []


def test_load_twice_changes_nothing(loaded):
    first = list(Finding.objects.order_by("pk").values_list("pk", "original_wording", "keywords"))
    second_summary = seeds.load()
    assert second_summary == loaded
    assert (
        list(Finding.objects.order_by("pk").values_list("pk", "original_wording", "keywords"))
        == first
    )
    assert Source.objects.count() == 7
    assert Tag.objects.count() == 19


def test_load_fills_keywords_vocabulary_and_history(loaded):
    leisure = Finding.objects.get(source__slug="ibsen", position=4)
    assert leisure.keywords == "IBSEN Leisure Money"
    assert SearchTerm.objects.filter(word="safeguarding").exists()
    assert Version.objects.get_for_object(leisure).count() == 1


def test_older_research_is_marked_before_the_care_act(loaded):
    before = set(Source.objects.filter(year__lt=2014).values_list("slug", flat=True))
    assert before == {"ibsen", "scie-at-a-glance-22", "richmond-ruils"}
    assert Finding.objects.filter(source__slug="ibsen").first().is_before_care_act is True
    assert Finding.objects.filter(source__slug="poet").first().is_before_care_act is False
