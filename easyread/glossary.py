"""Hard words: the first time a glossary word appears, mark it so its meaning can be opened.

``mark_hard_words(text, terms)`` is a plain function: give it easy-read text and the glossary
as ``Term``s or ``(term, meaning, slug)`` tuples. The template filter ``hard_words`` calls
``mark_in_request``, which reads the glossary (``easyread.GlossaryTerm``) once per request
and remembers which words the page has already explained.

The marked word stays a link in its sentence. Its meaning sits hidden after the paragraph
that holds it (not inside the sentence, so nothing is read in the middle of it). Without
JavaScript the link opens the meaning with the CSS ``:target`` rule; with JavaScript,
``static/js/spirit.js`` opens one at a time (``aria-expanded``), and Escape or Close shuts it.
``templates/base.html`` gives the whole main part of every page to the marker, so each hard
word is marked once a page; headings, links, buttons, labels and anything inside an element
with ``data-no-hard-words`` are never marked.
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from asgiref.local import Local
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe

from core.page_cache import content_version
from easyread.pictures import PICTURES, picture_path

logger = logging.getLogger(__name__)

GLOSSARY_CACHE_SECONDS = 60 * 60

# Marked words are never put inside these elements.
_NO_MARKS_INSIDE = {
    "a",
    "button",
    "summary",
    "label",
    "legend",
    "script",
    "style",
    "textarea",
    "select",
    "option",
    "title",
    "th",
    "svg",
    "code",
    "pre",
    "noscript",
    *("h1", "h2", "h3", "h4", "h5", "h6"),
}
# An element with this attribute is not marked inside (the glossary page, the words a
# person searched for).
NO_MARKS_ATTRIBUTE = "data-no-hard-words"
# The elements that hold a sentence. A meaning goes after the paragraph that holds its word
# (after the </p>), or at the end of the list item, cell or box that holds it.
_BLOCKS = {
    "p",
    "li",
    "dd",
    "dt",
    "td",
    "caption",
    "figcaption",
    "blockquote",
    "div",
    "section",
    "article",
    "aside",
    "main",
    "form",
    "fieldset",
    "details",
    "header",
    "footer",
    "nav",
    "body",
}
# A tag, with quoted attribute values that may hold ">" (valid HTML).
_TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_OPTED_OUT = re.compile(
    rf"""\s{NO_MARKS_ATTRIBUTE}(?:[\s=/>])|\sclass=["'][^"']*\bhard-word-meaning\b"""
)
_VOID = {
    "br",
    "img",
    "hr",
    "input",
    "wbr",
    "meta",
    "link",
    "source",
    "track",
    "area",
    "col",
    "embed",
}


@dataclass(frozen=True)
class Term:
    """One glossary word as the marker needs it."""

    term: str
    meaning: str
    slug: str
    picture: str = "hard-word"
    synonyms: tuple[str, ...] = field(default_factory=tuple)


def _as_term(item) -> Term:
    if isinstance(item, Term):
        return item
    return Term(*item)


def _key(words: str) -> str:
    return re.sub(r"[\s\-‐]+", " ", words.strip().lower())


def _word_pattern(words: str, *, in_html: bool = True) -> str:
    """A regex for a term: spaces and hyphens interchangeable, plurals allowed.

    This is the one plural rule (``s``, ``es``, ``y`` to ``ies``), for the marker and the
    easy-read check (``words_pattern``): the glossary lists no plurals as other names.
    Names with capitals (PA, POET, In Control, Care Act) match only with their capitals,
    so "you are in control" is not taken for the organisation In Control.
    """
    parts = [
        re.escape(escape(part) if in_html else part)
        for part in re.split(r"[\s\-‐]+", words.strip())
        if part
    ]
    body = r"[\s\-‐]+".join(parts)
    if words != words.lower():
        return f"(?-i:{body})(?:s|'s)?"
    if re.search(r"[^aeiou]y$", words):  # disability, disabilities
        return f"{body[:-1]}(?:y|ies)"
    return f"{body}(?:s|es)?"


@lru_cache(maxsize=8)
def _compile(terms: tuple[Term, ...]) -> tuple[re.Pattern | None, dict[str, Term]]:
    lookup: dict[str, Term] = {}
    for term in terms:
        for words in (term.term, *term.synonyms):
            if words.strip():
                lookup.setdefault(_key(words), term)
    if not lookup:
        return None, lookup
    ordered = sorted(lookup, key=len, reverse=True)
    originals = {}
    for term in terms:
        for words in (term.term, *term.synonyms):
            originals.setdefault(_key(words), words)
    alternatives = "|".join(_word_pattern(originals[key]) for key in ordered)
    # Not just after "&" or "&#": that is an entity's name (&quot; &copy; &#x27;), not a word.
    return re.compile(
        rf"(?<![\w\-])(?<!&)(?<!&#)(?:{alternatives})(?![\w\-])", re.IGNORECASE
    ), lookup


# Words in a piece of text, as the first word of a hard word is found (see ``_first_words``).
_TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=8)
def _first_words(terms: tuple[Term, ...]) -> frozenset[str] | None:
    """The first word of each hard word (and of its other names), in lower case: a piece of
    text with none of them holds no hard word, and the marker's big pattern is not run on it
    (running it on every piece of a page took most of the marker's time). None when some
    name does not start with a letter or a digit: then every piece is read with the pattern.
    """
    firsts = set()
    for term in terms:
        for words in (term.term, *term.synonyms):
            if not words.strip():
                continue
            escaped = escape(words.strip())
            first = _TOKEN.match(escaped)
            if first is None:
                return None
            firsts.add(first.group(0).lower())
    return frozenset(firsts)


def _may_hold_a_hard_word(piece: str, firsts: frozenset[str] | None) -> bool:
    if firsts is None:
        return True
    for token in _TOKEN.findall(piece.lower()):
        # The plural endings the pattern allows (``_word_pattern``): s, es, 's, ies for y.
        if (
            token in firsts
            or token[:-1] in firsts
            or token[:-2] in firsts
            or (token.endswith("ies") and token[:-3] + "y" in firsts)
        ):
            return True
    return False


@lru_cache(maxsize=8)
def words_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    """Any of these glossary words in plain text, found as the marker finds them."""
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not ordered:
        return None
    alternatives = "|".join(_word_pattern(words, in_html=False) for words in ordered)
    return re.compile(rf"(?<![\w\-])(?:{alternatives})(?![\w\-])", re.IGNORECASE)


def _find_term(matched: str, lookup: dict[str, Term]) -> Term | None:
    key = _key(matched.replace("&#x27;", "'"))
    candidates = (key, key.removesuffix("'s"), key.removesuffix("es"), key.removesuffix("s"))
    if key.endswith("ies"):
        candidates = (*candidates, key.removesuffix("ies") + "y")
    for candidate in candidates:
        if candidate in lookup:
            return lookup[candidate]
    return None


def _word(matched: str, anchor: str) -> str:
    """The hard word in its sentence: a link to its meaning (``static/js/spirit.js`` adds
    ``aria-expanded`` and ``aria-controls``)."""
    return format_html(
        '<a class="hard-word" id="{anchor}-word" href="#{anchor}">{matched}</a>',
        anchor=anchor,
        matched=mark_safe(matched),  # already escaped with the text around it
    )


def _meaning(term: Term, anchor: str) -> str:
    """The meaning of a hard word, hidden (and so not read) until it is opened."""
    picture = term.picture if term.picture in PICTURES else "hard-word"
    name = term.term[:1].upper() + term.term[1:]
    return format_html(
        '<span class="hard-word-meaning" id="{anchor}" tabindex="-1">'
        '<img class="picture picture-hard-word" src="{src}" alt="" width="64" height="64">'
        '<span class="hard-word-text"><strong>{name}</strong>. {meaning}</span> '
        '<a class="hard-word-more" href="{glossary}#{slug}">All hard words</a> '
        '<a class="hard-word-close" href="#{anchor}-word">Close'
        '<span class="visually-hidden"> the meaning of {name}</span></a>'
        "</span>",
        anchor=anchor,
        src=static(picture_path(picture)),
        name=name,
        meaning=term.meaning,
        glossary=reverse("easyread:glossary"),
        slug=term.slug,
    )


class _Element:
    """An open element while the marker reads the HTML."""

    __slots__ = ("name", "no_marks", "meanings")

    def __init__(self, name: str, no_marks: bool):
        self.name = name
        self.no_marks = no_marks
        self.meanings: list[str] = []


def mark_hard_words(
    text,
    terms: Iterable,
    *,
    already: set[str] | None = None,
    anchor_prefix: str = "hard-word",
) -> SafeString:
    """Escape ``text`` (unless it is already safe HTML) and mark each glossary word once.

    The word stays a link in its sentence; its meaning goes after the paragraph that holds
    it (after the ``</p>``), or at the end of the list item, cell or box that holds it, so
    it never splits the sentence. Text with no such element around it (a line given alone)
    gets its meanings at its end. ``already`` holds the slugs explained earlier on the page;
    the words marked here are added to it.
    """
    already = set() if already is None else already
    terms = tuple(_as_term(item) for item in terms)
    pattern, lookup = _compile(terms)
    firsts = _first_words(terms)
    html = str(text) if isinstance(text, SafeData) else str(conditional_escape(str(text)))
    if pattern is None:
        return mark_safe(html)

    open_elements: list[_Element] = []
    loose: list[str] = []  # meanings of words outside any block: they go at the end

    def holder() -> list[str]:
        for element in reversed(open_elements):
            if element.name in _BLOCKS:
                return element.meanings
        return loose

    def replace(match: re.Match) -> str:
        term = _find_term(match.group(0), lookup)
        if term is None or term.slug in already:
            return match.group(0)
        already.add(term.slug)
        anchor = f"{anchor_prefix}-{term.slug}"
        holder().append(_meaning(term, anchor))
        return _word(match.group(0), anchor)

    def close(name: str, closing_tag: str) -> None:
        if not any(element.name == name for element in open_elements):
            pieces.append(closing_tag)  # a stray end tag: left as it was
            return
        while open_elements:
            element = open_elements.pop()
            if element.name != name:  # closed by its parent's end tag
                pieces.extend(element.meanings)
                continue
            if name == "p":  # after the paragraph: a <p> holds no boxes
                pieces.append(closing_tag)
                pieces.extend(element.meanings)
            else:
                pieces.extend(element.meanings)
                pieces.append(closing_tag)
            return

    pieces: list[str] = []
    for piece in _TAG.split(html):
        if not piece:
            continue
        tag = _TAG_NAME.match(piece) if piece.startswith("<") else None
        if tag is None and piece.startswith("<"):
            pieces.append(piece)  # a comment or a doctype
        elif tag is not None:
            name = tag.group(2).lower()
            if tag.group(1):
                close(name, piece)
            else:
                pieces.append(piece)
                if name not in _VOID and not piece.endswith("/>"):
                    inside_no_marks = bool(open_elements) and open_elements[-1].no_marks
                    no_marks = (
                        inside_no_marks
                        or name in _NO_MARKS_INSIDE
                        or bool(_OPTED_OUT.search(piece))
                    )
                    open_elements.append(_Element(name, no_marks))
        elif (open_elements and open_elements[-1].no_marks) or not _may_hold_a_hard_word(
            piece, firsts
        ):
            pieces.append(piece)
        else:
            pieces.append(pattern.sub(replace, piece))
    for element in reversed(open_elements):
        pieces.extend(element.meanings)
    pieces.extend(loose)
    return mark_safe("".join(pieces))


def terms_used(texts: Iterable[str], terms: Iterable) -> list[Term]:
    """The glossary words found in ``texts``, in the order they first appear."""
    pattern, lookup = _compile(tuple(_as_term(item) for item in terms))
    found: dict[str, Term] = {}
    if pattern is None:
        return []
    for text in texts:
        for match in pattern.finditer(str(conditional_escape(str(text)))):
            term = _find_term(match.group(0), lookup)
            if term is not None:
                found.setdefault(term.slug, term)
    return list(found.values())


# --- Once per request -------------------------------------------------------------------
_request = Local()


def _state() -> dict:
    state = getattr(_request, "state", None)
    if state is None:
        state = _request.state = {"terms": None, "marked": set(), "blocks": 0}
    return state


def forget(**kwargs) -> None:
    """Start afresh: a new request, or the glossary changed."""
    _request.state = None


request_started.connect(forget, dispatch_uid="easyread.glossary.request_started")
request_finished.connect(forget, dispatch_uid="easyread.glossary.request_finished")
post_save.connect(forget, sender="easyread.GlossaryTerm", dispatch_uid="easyread.glossary.saved")
post_delete.connect(
    forget, sender="easyread.GlossaryTerm", dispatch_uid="easyread.glossary.deleted"
)


def current_terms() -> tuple[Term, ...]:
    """The glossary, kept in the cache until the content changes (a glossary word is
    content: saving one moves ``core.page_cache.content_version`` on), and read with one
    query when it is not there."""
    state = _state()
    if state["terms"] is None:
        key = f"easyread:glossary:{content_version()}"
        terms = cache.get(key)
        if terms is None:
            from easyread.models import GlossaryTerm

            rows = GlossaryTerm.objects.order_by("term").values_list(
                "term", "meaning", "slug", "picture", "synonyms"
            )
            try:
                terms = tuple(
                    Term(term, meaning, slug, picture, tuple(synonyms or ()))
                    for term, meaning, slug, picture, synonyms in rows
                )
            except DatabaseError:
                # The database went away after a sign-up or a cancel was saved: the page
                # that says so still shows, with its hard words unmarked (not cached).
                logger.warning("The glossary could not be read: hard words are not marked")
                state["terms"] = ()
                return ()
            cache.set(key, terms, GLOSSARY_CACHE_SECONDS)
        state["terms"] = terms
    return state["terms"]


def mark_in_request(text, *, every_block: bool = False) -> SafeString:
    """Mark hard words, each once on the page (or once in this text with ``every_block``)."""
    state = _state()
    if every_block:
        state["blocks"] += 1
        return mark_hard_words(text, current_terms(), anchor_prefix=f"hard-word-{state['blocks']}")
    return mark_hard_words(text, current_terms(), already=state["marked"])
