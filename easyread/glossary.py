"""Hard words: the first time a glossary word appears, mark it so its meaning opens in place.

``mark_hard_words(text, terms)`` is a plain function: give it easy-read text and the glossary
as ``Term``s or ``(term, meaning, slug)`` tuples. The template filter ``hard_words`` calls
``mark_in_request``, which reads the glossary (``easyread.GlossaryTerm``) once per request
and remembers which words the page has already explained.

The marked word is a link to its meaning, which sits hidden right after it. Without
JavaScript the link opens the meaning with the CSS ``:target`` rule; with JavaScript,
``static/js/spirit.js`` opens and closes it in place. It is a link and not ``<details>``
because easy-read text sits in ``<p>``, and a ``<details>`` inside ``<p>`` ends the paragraph.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from asgiref.local import Local
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe

from easyread.pictures import PICTURES, picture_path

# Marked words are never put inside these elements.
_NO_MARKS_INSIDE = {
    "a",
    "button",
    "summary",
    "label",
    "script",
    "style",
    "textarea",
    "select",
    "option",
    "title",
    *("h1", "h2", "h3", "h4", "h5", "h6"),
}
# A tag, with quoted attribute values that may hold ">" (valid HTML).
_TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
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


def _word_pattern(words: str) -> str:
    """A regex for a term: spaces and hyphens interchangeable, plurals allowed.

    Names with capitals (PA, POET, In Control, Care Act) match only with their capitals,
    so "you are in control" is not taken for the organisation In Control.
    """
    parts = [re.escape(escape(part)) for part in re.split(r"[\s\-‐]+", words.strip()) if part]
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


def _find_term(matched: str, lookup: dict[str, Term]) -> Term | None:
    key = _key(matched.replace("&#x27;", "'"))
    candidates = (key, key.removesuffix("'s"), key.removesuffix("es"), key.removesuffix("s"))
    if key.endswith("ies"):
        candidates = (*candidates, key.removesuffix("ies") + "y")
    for candidate in candidates:
        if candidate in lookup:
            return lookup[candidate]
    return None


def _marked(matched: str, term: Term, anchor: str) -> str:
    picture = term.picture if term.picture in PICTURES else "hard-word"
    return format_html(
        '<a class="hard-word" id="{anchor}-word" href="#{anchor}">{matched}</a>'
        '<span class="hard-word-meaning" id="{anchor}" tabindex="-1">'
        '<img class="picture picture-hard-word" src="{src}" alt="" width="64" height="64">'
        '<span class="hard-word-text"><strong>{term}</strong>. {meaning}</span> '
        '<a class="hard-word-more" href="{glossary}#{slug}">All hard words</a> '
        '<a class="hard-word-close" href="#{anchor}-word">Close'
        '<span class="visually-hidden"> the meaning of {term}</span></a>'
        "</span>",
        anchor=anchor,
        matched=mark_safe(matched),  # already escaped with the text around it
        src=static(picture_path(picture)),
        term=term.term[:1].upper() + term.term[1:],
        meaning=term.meaning,
        glossary=reverse("easyread:glossary"),
        slug=term.slug,
    )


def mark_hard_words(
    text,
    terms: Iterable,
    *,
    already: set[str] | None = None,
    anchor_prefix: str = "hard-word",
) -> SafeString:
    """Escape ``text`` (unless it is already safe HTML) and mark each glossary word once.

    ``already`` holds the slugs explained earlier on the page; the words marked here are
    added to it.
    """
    already = set() if already is None else already
    pattern, lookup = _compile(tuple(_as_term(item) for item in terms))
    html = str(text) if isinstance(text, SafeData) else str(conditional_escape(str(text)))
    if pattern is None:
        return mark_safe(html)

    def replace(match: re.Match) -> str:
        term = _find_term(match.group(0), lookup)
        if term is None or term.slug in already:
            return match.group(0)
        already.add(term.slug)
        return _marked(match.group(0), term, f"{anchor_prefix}-{term.slug}")

    pieces = []
    closed_depth = 0
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            name = _TAG_NAME.match(piece)
            if (
                name
                and name.group(2).lower() in _NO_MARKS_INSIDE
                and name.group(2).lower() not in _VOID
            ):
                closed_depth += -1 if name.group(1) else 1
                closed_depth = max(closed_depth, 0)
            pieces.append(piece)
        elif closed_depth:
            pieces.append(piece)
        else:
            pieces.append(pattern.sub(replace, piece))
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
    """The glossary, read with one query the first time a request needs it."""
    state = _state()
    if state["terms"] is None:
        from easyread.models import GlossaryTerm

        rows = GlossaryTerm.objects.order_by("term").values_list(
            "term", "meaning", "slug", "picture", "synonyms"
        )
        state["terms"] = tuple(
            Term(term, meaning, slug, picture, tuple(synonyms or ()))
            for term, meaning, slug, picture, synonyms in rows
        )
    return state["terms"]


def mark_in_request(text, *, every_block: bool = False) -> SafeString:
    """Mark hard words, each once on the page (or once in this text with ``every_block``)."""
    state = _state()
    if every_block:
        state["blocks"] += 1
        return mark_hard_words(text, current_terms(), anchor_prefix=f"hard-word-{state['blocks']}")
    return mark_hard_words(text, current_terms(), already=state["marked"])
