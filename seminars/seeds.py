"""The launch seminar being planned, and the members' planning survey, from the minutes of
the group's second meeting (Thursday 3 December 2015, ``spirit/seed_texts/000_*.txt``).

``load()`` is safe to run again: it updates the same rows and never touches sign-ups.
"""

import reversion
from django.db import transaction

from meetings.models import Meeting
from seminars.models import Seminar, Session, Survey, SurveyChoice, SurveyQuestion

LAUNCH = {
    "slug": "launch-seminar",
    "title": "Our launch seminar: turning research into action",
    "stage": Seminar.Stage.PLANNING,
    "description": (
        "This is our first seminar.\n"
        "It is about how research can be turned into action.\n"
        "Research has found lots of problems.\n"
        "Now we need ideas for solutions."
    ),
    "date_plan": (
        # Said as what we said then: a plan for a month long past is never "coming up".
        "At our meeting on Thursday 3 December 2015, we said we wanted to hold it in May 2016.\n"
        "We will find a date with the Inclusive Research in Norway project."
    ),
    "format": Seminar.Format.WORKSHOP,
    "format_description": (
        "It will be like a workshop.\n"
        "There will be some short talks.\n"
        "The talks will be easy to understand.\n"
        "We will talk in small groups too.\n"
        "We will record the speakers.\n"
        "Then we will put the recordings online as podcasts.\n"
        "More people can listen to them that way."
    ),
    "opening_question": "What is research?",
    "opening_activity": (
        "Find out about the person sitting beside you.\n"
        "Ask them what they are interested in.\n"
        "This is an example of doing research."
    ),
    "capacity": 40,
    "support_workers": Seminar.SupportWorkers.FREE,
}

SESSIONS = [
    {
        "order": 1,
        "title": "What is research?",
        "kind": Session.Kind.WORKSHOP,
        "summary": (
            "We start with a question: what is research?\n"
            "You find out about the person sitting beside you."
        ),
    },
    {
        "order": 2,
        "title": "Talks from our speakers",
        "kind": Session.Kind.TALK,
        "summary": (
            "Speakers tell us about research.\n"
            "The talks will be easy to understand.\n"
            "We will record them as podcasts."
        ),
    },
    {
        "order": 3,
        "title": "Small-group discussions",
        "kind": Session.Kind.DISCUSSION,
        "summary": ("We talk in small groups.\nWe share ideas for turning research into action."),
    },
]

SURVEY = {
    "slug": "launch-seminar-planning",
    "title": "Help us plan our launch seminar",
    "introduction": (
        "We are planning our launch seminar.\n"
        "We want to know what you think.\n"
        "Tell us what the key message should be.\n"
        "The key message is the main thing we want people to remember.\n"
        "Tell us who you would like to speak."
    ),
}

QUESTIONS = [
    {
        "order": 1,
        "text": "What should our key message be?",
        "hint": "Choose 1 answer.",
        "kind": SurveyQuestion.Kind.CHOOSE_ONE,
        "choices": [
            "Research can be turned into action",
            "Research has found lots of problems. Now we need solutions",
            "Something else",
        ],
    },
    {
        "order": 2,
        "text": "Do you have your own idea for the key message?",
        "hint": "Write it in your own words. You do not have to.",
        "kind": SurveyQuestion.Kind.IDEA,
        "choices": [],
    },
    {
        "order": 3,
        "text": "Who would you like to speak at the seminar?",
        "hint": "Write their name, or the kind of person. You do not have to.",
        "kind": SurveyQuestion.Kind.IDEA,
        "choices": [],
    },
]


def _second_meeting() -> Meeting | None:
    return Meeting.objects.filter(number=2).first()


def load() -> str:
    """Load (or update) the launch seminar and its planning survey. Returns a summary."""
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment("Loaded from the minutes of the second meeting.")
        fields = {key: value for key, value in LAUNCH.items() if key != "slug"}
        fields["planned_at"] = _second_meeting()
        seminar, _ = Seminar.objects.update_or_create(slug=LAUNCH["slug"], defaults=fields)
        for session in SESSIONS:
            Session.objects.update_or_create(
                seminar=seminar,
                order=session["order"],
                defaults={key: value for key, value in session.items() if key != "order"},
            )
        survey, _ = Survey.objects.update_or_create(
            slug=SURVEY["slug"],
            defaults={**{k: v for k, v in SURVEY.items() if k != "slug"}, "seminar": seminar},
        )
        for data in QUESTIONS:
            question, _ = SurveyQuestion.objects.update_or_create(
                survey=survey,
                order=data["order"],
                defaults={k: v for k, v in data.items() if k not in ("order", "choices")},
            )
            for position, text in enumerate(data["choices"], start=1):
                SurveyChoice.objects.update_or_create(
                    question=question, text=text, defaults={"order": position}
                )
    planned = "planned at the second meeting" if seminar.planned_at_id else "no meeting yet"
    return (
        f"1 seminar in planning ({seminar.sessions.count()} parts, {planned}), "
        f"1 survey with {survey.questions.count()} questions"
    )
