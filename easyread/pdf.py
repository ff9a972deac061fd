"""Easy-read PDFs, made on the server with WeasyPrint.

The handout is an HTML page (``templates/handouts/``) with its own print stylesheet:
A4, text of 16 pt, a picture on the left of each idea. Pictures are read from the
installed OpenMoji files and facilitators' own pictures (MEDIA_ROOT); nothing else is fetched, so a handout never reaches the network.

The PDF is tagged (PDF/UA-1): headings, paragraphs and reading order for screen readers,
its language and title in its metadata. A picture beside an idea only repeats the idea
(``alt=""`` on a page), so it is drawn as a box's background, which a tagged PDF marks
as decoration (an artifact) and screen readers skip.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint import CSS, HTML, URLFetcher

from easyread.models import OwnPicture
from easyread.pictures import PICTURES, SVG_DIR, is_own, picture_path

STYLESHEET = settings.BASE_DIR / "static" / "css" / "handout.css"
PDF_VARIANT = "pdf/ua-1"


def own_pictures_dir() -> Path:
    """Where facilitators' own pictures are kept (``OwnPicture.image``, in MEDIA_ROOT)."""
    return Path(settings.MEDIA_ROOT) / "easyread" / "pictures"


def picture_file(name: str) -> str:
    """The file URI of a named picture (built-in or a facilitator's own), for WeasyPrint."""
    if is_own(name):
        own = OwnPicture.objects.by_name(name)
        if own is not None:
            return Path(own.image.path).as_uri()
    if name not in PICTURES:
        name = "information"
    return (SVG_DIR / Path(picture_path(name)).name).as_uri()


@dataclass(frozen=True)
class HandoutPicture:
    """A picture for a handout: its file, and the class of the box it is drawn in."""

    uri: str

    @property
    def css_class(self) -> str:
        return "picture-" + Path(urlsplit(self.uri).path).stem


def handout_picture(name: str) -> HandoutPicture:
    return HandoutPicture(picture_file(name))


class PictureFetcher(URLFetcher):
    """Fetches the OpenMoji picture files and facilitators' own pictures, nothing else."""

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
        folders = [SVG_DIR.resolve(), own_pictures_dir().resolve()]
        path = Path(unquote(parts.path)).resolve()
        inside = any(path.is_relative_to(folder) for folder in folders)
        if parts.scheme != "file" or parts.netloc or not inside:
            raise ValueError(f"A handout may only use the portal's pictures, not {url}")
        return path


def render_pdf(
    html: str,
    *,
    pictures: Iterable[HandoutPicture] = (),
    fetcher: PictureFetcher | None = None,
) -> bytes:
    """The tagged PDF of a handout page, with the handout stylesheet, and a rule drawing
    each picture in the boxes of its class."""
    fetcher = fetcher or PictureFetcher()
    document = HTML(string=html, base_url=SVG_DIR.as_uri() + "/", url_fetcher=fetcher)
    rules = "".join(
        f'.{picture.css_class} {{ background-image: url("{picture.uri}"); }}\n'
        for picture in sorted(set(pictures), key=lambda picture: picture.uri)
    )
    stylesheets = [CSS(filename=str(STYLESHEET), url_fetcher=fetcher)]
    if rules:
        stylesheets.append(CSS(string=rules, url_fetcher=fetcher))
    return document.write_pdf(stylesheets=stylesheets, pdf_variant=PDF_VARIANT)
