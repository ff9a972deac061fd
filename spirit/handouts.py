"""Easy-read handouts as PDF, made on the server with WeasyPrint.

The handout is an HTML page (``templates/handouts/``) with its own print stylesheet:
A4, text of 16 pt, a picture on the left of each idea. Pictures are read from the
installed OpenMoji files; nothing else is fetched, so a handout never reaches the network.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils import timezone
from weasyprint import CSS, HTML, URLFetcher

from spirit import glossary
from spirit.pictures import PICTURES, SVG_DIR, picture_path

STYLESHEET = settings.BASE_DIR / "static" / "css" / "handout.css"

# What each kind of finding is called in a handout, in easy read, with its picture.
KIND_HEADINGS = {
    "finding": ("What research found", "research"),
    "member_experience": ("What members told us", "story"),
    "practice_example": ("Good examples", "practice-example"),
    "obstacle": ("What gets in the way", "obstacle"),
    "recommendation": ("What should change", "recommendation"),
    "gap": ("What nobody has found out yet", "gap"),
}


def picture_file(name: str) -> str:
    """The file URI of a named picture, for WeasyPrint."""
    if name not in PICTURES:
        name = "information"
    return (SVG_DIR / Path(picture_path(name)).name).as_uri()


class PictureFetcher(URLFetcher):
    """Fetches the OpenMoji picture files and nothing else."""

    def __init__(self):
        super().__init__(allowed_protocols=["file"], timeout=5)
        self.fetched: list[str] = []

    def fetch(self, url, headers=None):
        path = self.picture_path(url)
        self.fetched.append(path.as_uri())
        return super().fetch(path.as_uri(), headers)

    @staticmethod
    def picture_path(url: str) -> Path:
        """The file a URL names, once decoded and resolved, if it is one of the pictures.

        ``%2e%2e``, ``../``, other hosts and links are decoded and followed first, so a
        path that only looks as if it is in the folder is refused.
        """
        parts = urlsplit(url)
        folder = SVG_DIR.resolve()
        path = Path(unquote(parts.path)).resolve()
        if parts.scheme != "file" or parts.netloc or not path.is_relative_to(folder):
            raise ValueError(f"A handout may only use the portal's pictures, not {url}")
        return path


def render_pdf(html: str, *, fetcher: PictureFetcher | None = None) -> bytes:
    """The PDF of a handout page, with the handout stylesheet."""
    fetcher = fetcher or PictureFetcher()
    document = HTML(string=html, base_url=SVG_DIR.as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[CSS(filename=str(STYLESHEET), url_fetcher=fetcher)])


def theme_context(theme, findings) -> dict:
    """What the theme handout shows: the introduction, findings by kind, gaps, hard words."""
    sections = []
    for kind, (heading, picture) in KIND_HEADINGS.items():
        chosen = [finding for finding in findings if finding.kind == kind]
        if chosen:
            sections.append(
                {"heading": heading, "picture": picture_file(picture), "findings": chosen}
            )
    intro = [line.strip() for line in theme.easy_read_intro.splitlines() if line.strip()]
    texts = [*intro, *(finding.easy_read for finding in findings), *theme.gap_list]
    hard_words = [
        {"term": term.term, "meaning": term.meaning, "file": picture_file(term.picture)}
        for term in glossary.terms_used(texts, glossary.current_terms())
    ]
    return {
        "theme": theme,
        "made_on": timezone.localdate(),
        "intro": intro,
        "sections": sections,
        "gaps": theme.gap_list,
        "hard_words": hard_words,
        "pictures": {name: picture_file(name) for name in ("theme", "idea", "question")},
    }
