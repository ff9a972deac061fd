"""What a seminar's easy-read invitation shows; ``easyread.pdf`` makes the PDF.

Only the seminar's own words: never anyone who signed up.
"""

from django.utils import timezone

from easyread.pdf import handout_picture
from easyread.text import clock, long_date
from seminars.models import Registration, Seminar


def when_words(seminar: Seminar, now=None) -> str:
    """When, said relative to now: "It is on ..." or, after the end, "It happened on ..."."""
    now = now or timezone.now()
    day = long_date(seminar.starts_at)
    hours = f"from {clock(seminar.starts_at)} to {clock(seminar.ends_at)}"
    if seminar.ends_at < now:
        return f"It happened on {day}, {hours}."
    return f"It is on {day}, {hours}."


def seminar_invitation_context(seminar: Seminar, sessions, sign_up_url: str) -> dict:
    """What it is about, when, where, what happens, how to sign up, and the help there is."""
    pictures = {
        name: handout_picture(name)
        for name in (
            "seminars",
            "calendar",
            "place",
            "talk",
            "ticket",
            "accessibility",
            "speaker",
            "people",
        )
    }
    help_offered = [
        label
        for value, label in Registration.AccessNeed.choices
        if value != Registration.AccessNeed.OTHER
    ]
    return {
        "seminar": seminar,
        "made_on": timezone.localdate(),
        "when": when_words(seminar),
        "is_past": seminar.state == Seminar.State.PAST,
        "sessions": sessions,
        "sign_up_url": sign_up_url,
        "help_offered": help_offered,
        "pictures": pictures,
        # Every picture the page draws, for easyread.pdf.render_pdf's rules.
        "all_pictures": list(pictures.values()),
    }
