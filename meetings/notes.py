"""Notes written as HTML (before notes took plain text with Markdown) made into Markdown.

Used once by the data migration that moves the saved notes over, and by the seeds. Only
the tags notes ever kept are read: paragraphs, line breaks, lists, bold and links. The
Markdown shows the same to members (``meetings.models.render_notes``), and ``&amp;`` in
the HTML is ``&`` again in the box.
"""

import re
from html.parser import HTMLParser

# Characters that would mean something in Markdown are written with a backslash before.
_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_MARK_AT_START = re.compile(r"^(\s*)([#+\-=])", re.MULTILINE)
_NUMBER_AT_START = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def _escaped(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    text = _MARK_AT_START.sub(r"\1\\\2", text)
    return _NUMBER_AT_START.sub(r"\1\\\2", text)


class _ToMarkdown(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.line = ""
        self.lists: list[list] = []  # for each open list: its kind and the next number
        self.link: str | None = None

    def _end_block(self) -> None:
        text = self.line.strip()
        if text:
            if self.lists:
                kind = self.lists[-1]
                marker = "- " if kind[0] == "ul" else f"{kind[1]}. "
                if kind[0] == "ol":
                    kind[1] += 1
                self.blocks.append(("item", marker + text))
            else:
                self.blocks.append(("para", text))
        self.line = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li"):
            self._end_block()
        elif tag in ("ul", "ol"):
            self._end_block()
            self.lists.append([tag, 1])
        elif tag == "br":
            self.line = self.line.rstrip() + "\n"
        elif tag in ("strong", "b"):
            self.line += "**"
        elif tag == "a":
            self.link = dict(attrs).get("href")
            if self.link:
                self.line += "["

    def handle_endtag(self, tag):
        if tag in ("p", "li"):
            self._end_block()
        elif tag in ("ul", "ol"):
            self._end_block()
            if self.lists:
                self.lists.pop()
            self.blocks.append(("end", ""))
        elif tag in ("strong", "b"):
            self.line += "**"
        elif tag == "a" and self.link:
            self.line += f"]({self.link})"
            self.link = None

    def handle_data(self, data):
        if not self.line.endswith("\n"):
            data = re.sub(r"\s+", " ", data)
        elif not data.strip():
            return
        self.line += _escaped(data if self.line.strip() else data.lstrip())

    def markdown(self) -> str:
        self._end_block()
        out, previous = [], None
        for kind, text in self.blocks:
            if kind == "end":
                previous = "end"
                continue
            if out:
                out.append("\n" if kind == "item" and previous == "item" else "\n\n")
            out.append(text)
            previous = kind
        return "".join(out)


def html_to_markdown(html: str) -> str:
    """The notes' HTML as Markdown that shows the same."""
    if not html or "<" not in html:
        return html or ""
    parser = _ToMarkdown()
    parser.feed(html)
    parser.close()
    return parser.markdown()
