"""The group's second meeting (3 December 2015) and the next one, from the seed minutes.

Safe to run again: rows are only created when missing, so facilitators' edits stay.
Findings are linked from the evidence seeds, which run first.
"""

import datetime
import html
import re
from pathlib import Path

import reversion
from django.db import transaction
from django.utils import timezone

from evidence.models import Finding, Theme
from meetings.models import Decision, Meeting, MeetingPart, NextStep, Venue
from meetings.notes import html_to_markdown

SEED_TEXTS = Path(__file__).resolve().parent.parent / "spirit" / "seed_texts"
BULLET = "•"

VENUES = [
    {
        "name": "People First Dorset",
        "address": "Herringston Barn, Winterborne Herringston",
        "town": "Dorchester",
        "how_to_get_there": (
            "Herringston Barn is in the countryside near Dorchester.\n"
            "Many of us come by train.\n"
            "Ask People First Dorset how to get from the station to the barn."
        ),
    },
    {
        "name": "Choices Advocacy",
        "address": "",
        "town": "Southampton",
        "how_to_get_there": "Ask Choices Advocacy how to get there.",
    },
]

SECOND_MEETING = {
    "number": 2,
    "title": "Our second meeting",
    "slug": "second-meeting",
    "held_on": datetime.date(2015, 12, 3),
    "venue": "People First Dorset",
    "theme": "personal-budgets-and-direct-payments",
    "summary": (
        "We met at People First Dorset near Dorchester.\n"
        "We started with a cup of tea and cake.\n"
        "We talked about personal budgets and direct payments.\n"
        "We looked at what research says about them.\n"
        "Then we planned our first seminar."
    ),
}

THIRD_MEETING = {
    "number": 3,
    "title": "Our third meeting",
    "slug": "third-meeting",
    "held_on": datetime.date(2016, 2, 25),
    "venue": "Choices Advocacy",
    "theme": "housing",
    "summary": (
        "The theme of this meeting is housing.\n"
        "Housing means the places where people live.\n"
        "We look at what research says about housing."
    ),
}

PARTS = [
    {
        "position": 1,
        "title": "Research on personal budgets and direct payments",
        "picture": "research",
        "led_by": "Mel and Andrew, then other members",
        "notes_from": "Part 1 of meeting:",
        "notes_to": "We all agree:",
        "easy_read": (
            "Mel told us what a search for research found.\n"
            "The search found 1,531 papers and reports.\n"
            "Only 104 of them were from the UK.\n"
            "Managing a personal budget can be hard.\n"
            "You need help with money and with employing a personal assistant.\n"
            "Good support keeps the person with learning disabilities in charge.\n"
            "Andrew told us about 2 big studies called IBSEN and POET.\n"
            "People with learning disabilities get personal budgets less often than others.\n"
            "Many found getting a budget stressful and slow.\n"
            "Then members told us what happens in real life.\n"
            "Councils do not give people enough information.\n"
            "Every council does things in a different way."
        ),
    },
    {
        "position": 2,
        "title": "Planning our launch seminar",
        "picture": "seminars",
        "led_by": "All members, with Clare",
        "notes_from": "Part 2 of meeting:",
        "notes_to": "Next steps",
        "easy_read": (
            "We planned our first big event, called a launch seminar.\n"
            "A seminar is a meeting where people learn and talk together.\n"
            "Ours will be about turning research into action.\n"
            "It will be like a workshop with short talks that are easy to follow.\n"
            "People will also talk in small groups.\n"
            "We will put recordings of the speakers online.\n"
            "These recordings are called podcasts.\n"
            "May 2016 could be a good time for the seminar.\n"
            "Clare said we could start with the question: What is research?\n"
            "People could find out about the person sitting next to them.\n"
            "That is one way of doing research.\n"
            "Everyone will get an online survey about the main message and speakers."
        ),
    },
]

DECISIONS = [
    (
        1,
        "We all agree: Research has identified lots of problems and what is needed is ideas "
        "for solutions!",
    ),
    (2, "We agree our launch seminar will be about turning research into action."),
    (2, "We agree to put podcasts of the speakers online for more people to hear."),
]

NEXT_STEPS = [
    {
        "what": "Talk to the Inclusive Research in Norway project about a date in May "
        "for the launch seminar.",
        "who": "",
    },
    {
        "what": "Find out what research and information there is about housing. "
        "Housing is the theme of our third meeting.",
        "who": "",
    },
    {
        "what": "Find 2 new people for the group from Hampshire and Bournemouth. "
        "They could have complex needs or come from a different culture.",
        "who": "People First Dorset and Choices Advocacy",
    },
    {
        # We did meet again: the step is done at the third meeting (load() links it), so
        # the next-steps page never says a day long past is "still to do".
        "what": "Meet again on Thursday 25 February 2016 at Choices Advocacy in Southampton.",
        "who": "",
        "due_on": datetime.date(2016, 2, 25),
        "done_at_third_meeting": True,
    },
]

# The sources presented at the second meeting (evidence seed slugs): the literature
# search, IBSEN, POET and members' own experiences.
MEETING_SOURCES = ["literature-search", "ibsen", "poet", "members-experiences"]


def minutes_text() -> str:
    return next(SEED_TEXTS.glob("000_*.txt")).read_text(encoding="utf-8")


def notes_between(text: str, start: str, end: str) -> str:
    """The minutes between two headings, in Markdown: paragraphs and bullet lists."""
    body = text.split(start, 1)[1].split(end, 1)[0]
    body = body.split("\n", 1)[1] if "\n" in body else ""  # drop the rest of the heading line
    blocks, items = [], []
    for line in body.splitlines():
        line = re.sub(r"\s+", " ", line).strip()
        if line.startswith(BULLET):
            items.append(f"<li>{html.escape(line.lstrip(BULLET).strip(), quote=False)}</li>")
            continue
        if items:
            blocks.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if line:
            blocks.append(f"<p>{html.escape(line, quote=False)}</p>")
    if items:
        blocks.append("<ul>" + "".join(items) + "</ul>")
    return html_to_markdown("\n".join(blocks))


def findings_discussed() -> list[Finding]:
    return list(Finding.objects.filter(source__slug__in=MEETING_SOURCES))


def _venue(fields: dict) -> Venue:
    venue, _ = Venue.objects.get_or_create(name=fields["name"], defaults=fields)
    return venue


def _meeting(fields: dict, venues: dict[str, Venue]) -> tuple[Meeting, bool]:
    defaults = {key: value for key, value in fields.items() if key != "number"}
    defaults["venue"] = venues[fields["venue"]]
    defaults["theme"] = Theme.objects.filter(slug=fields["theme"]).first()
    defaults["status"] = Meeting.Status.PUBLISHED
    meeting, created = Meeting.objects.get_or_create(number=fields["number"], defaults=defaults)
    if meeting.theme_id is None and defaults["theme"] is not None:
        meeting.theme = defaults["theme"]
        meeting.save(update_fields=["theme", "updated_at"])
    return meeting, created


def _step_fields(step: dict, third: Meeting) -> dict:
    """A next step as saved: one done at the third meeting says so, with that day."""
    fields = {key: value for key, value in step.items() if key != "done_at_third_meeting"}
    if step.get("done_at_third_meeting"):
        fields["status"] = NextStep.Status.DONE
        fields["done_at"] = third.starts_at or timezone.make_aware(
            datetime.datetime.combine(third.held_on, datetime.time(12))
        )
        fields["done_at_meeting"] = third
    return fields


@transaction.atomic
def load() -> str:
    venues = {fields["name"]: _venue(fields) for fields in VENUES}
    text = minutes_text()
    with reversion.create_revision():
        reversion.set_comment("Loaded from the group's minutes (seed content).")
        second, _ = _meeting(SECOND_MEETING, venues)
        third, _ = _meeting(THIRD_MEETING, venues)
        parts = {}
        for part in PARTS:
            parts[part["position"]], _ = MeetingPart.objects.get_or_create(
                meeting=second,
                position=part["position"],
                defaults={
                    "title": part["title"],
                    "picture": part["picture"],
                    "led_by": part["led_by"],
                    "easy_read": part["easy_read"],
                    "notes": notes_between(text, part["notes_from"], part["notes_to"]),
                },
            )
        for position, (part_position, decision) in enumerate(DECISIONS, start=1):
            Decision.objects.get_or_create(
                meeting=second,
                position=position,
                defaults={"text": decision, "part": parts[part_position]},
            )
        for position, step in enumerate(NEXT_STEPS, start=1):
            NextStep.objects.get_or_create(
                meeting=second, position=position, defaults=_step_fields(step, third)
            )
        if not second.findings.exists():
            second.findings.add(*findings_discussed())
    return (
        f"{Meeting.objects.count()} meetings, {MeetingPart.objects.count()} parts, "
        f"{NextStep.objects.count()} next steps, {second.findings.count()} findings linked "
        "to the second meeting"
    )
