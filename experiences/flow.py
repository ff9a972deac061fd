"""The steps of "Tell us what happened to you", and what is kept between them.

What the member has given so far is a draft in their session (``SESSION_KEY``); a recording
waits in the private folder (``drafts/``) until it is sent. Each step is one question:

1. what happened (type it, or record it), and whether a supporter is helping;
2. which topic (themes and tags, chosen by picture);
3. where (they do not have to say);
4. may we share it (the exact words they agree to are shown, then stored);
5. check and send.

A step can only be reached when the steps before it are done (``first_step_to_do``), so a
bookmark or a Back button never sends half an experience.
"""

from dataclasses import asdict, dataclass, field

from experiences.models import Sharing
from experiences.storage import private_storage, recording_name

SESSION_KEY = "experience_draft"
STEPS = ["what", "topic", "where", "sharing", "check"]
STEP_TITLES = {
    "what": "What happened?",
    "topic": "What is it about?",
    "where": "Where did it happen?",
    "sharing": "May we share it?",
    "check": "Check and send",
}


@dataclass
class Draft:
    words: str = ""
    recording: str = ""  # its name in the private storage, under drafts/
    helped_by_supporter: bool = False
    theme: int | None = None
    tags: list[int] = field(default_factory=list)
    place: str = ""
    sharing: str = ""
    done: list[str] = field(default_factory=list)  # the steps answered

    @property
    def told(self) -> bool:
        return bool(self.words.strip() or self.recording)


def load(session) -> Draft:
    data = session.get(SESSION_KEY) or {}
    known = {name: value for name, value in data.items() if name in Draft.__dataclass_fields__}
    return Draft(**known)


def save(session, draft: Draft) -> None:
    session[SESSION_KEY] = asdict(draft)


def answer(session, draft: Draft, step: str, **values) -> None:
    """Keep what the member said at this step."""
    for name, value in values.items():
        setattr(draft, name, value)
    if step not in draft.done:
        draft.done.append(step)
    save(session, draft)


def first_step_to_do(draft: Draft) -> str:
    """The first step not answered yet (``check`` when all are)."""
    for step in STEPS[:-1]:
        if step not in draft.done or (step == "what" and not draft.told):
            return step
    return "check"


def may_open(draft: Draft, step: str) -> bool:
    return STEPS.index(step) <= STEPS.index(first_step_to_do(draft))


def previous_step(step: str) -> str | None:
    index = STEPS.index(step)
    return STEPS[index - 1] if index else None


def next_step(step: str) -> str:
    return STEPS[STEPS.index(step) + 1]


def keep_recording(draft: Draft, upload) -> None:
    """Put a new recording in the private drafts folder, in place of any earlier one."""
    forget_recording(draft)
    draft.recording = private_storage().save(f"drafts/{_random_name(upload.name)}", upload)


def forget_recording(draft: Draft) -> None:
    if draft.recording:
        private_storage().delete(draft.recording)
        draft.recording = ""


def clear(session) -> None:
    session.pop(SESSION_KEY, None)


def _random_name(filename: str) -> str:
    return recording_name(None, filename).removeprefix("recordings/")


# The words a member agrees to, for each choice. They are shown beside the choice and stored
# exactly as shown (``Experience.consent_text``). A supporter sees them about "them".
CONSENT_WORDS = {
    Sharing.FIRST_NAME: (
        "I agree that SPIRIT may share what happened to me, with my first name. "
        "A facilitator will read it first. "
        "It may go on the SPIRIT website and in our research. "
        "I can take it back at any time."
    ),
    Sharing.NO_NAME: (
        "I agree that SPIRIT may share what happened to me, without my name. "
        "A facilitator will read it first. "
        "It may go on the SPIRIT website and in our research. "
        "I can take it back at any time."
    ),
    Sharing.NOT_AT_ALL: (
        "I want SPIRIT to read what happened to me. "
        "I do not want it shared with anyone else. "
        "I can take it back at any time."
    ),
}
CONSENT_WORDS_FOR_SUPPORTER = {
    Sharing.FIRST_NAME: (
        "They agree that SPIRIT may share what happened to them, with their first name. "
        "A facilitator will read it first. "
        "It may go on the SPIRIT website and in our research. "
        "They can take it back at any time."
    ),
    Sharing.NO_NAME: (
        "They agree that SPIRIT may share what happened to them, without their name. "
        "A facilitator will read it first. "
        "It may go on the SPIRIT website and in our research. "
        "They can take it back at any time."
    ),
    Sharing.NOT_AT_ALL: (
        "They want SPIRIT to read what happened to them. "
        "They do not want it shared with anyone else. "
        "They can take it back at any time."
    ),
}
SHARING_LABELS = {
    Sharing.FIRST_NAME: "Yes, with my first name",
    Sharing.NO_NAME: "Yes, without my name",
    Sharing.NOT_AT_ALL: "No, do not share it",
}
SHARING_LABELS_FOR_SUPPORTER = {
    Sharing.FIRST_NAME: "Yes, with their first name",
    Sharing.NO_NAME: "Yes, without their name",
    Sharing.NOT_AT_ALL: "No, do not share it",
}
SHARING_PICTURES = {
    Sharing.FIRST_NAME: "account",
    Sharing.NO_NAME: "people",
    Sharing.NOT_AT_ALL: "lock",
}


def sentences(words: str) -> list[str]:
    """The consent words a sentence a line, for easy read (stored as one text)."""
    parts = [part.strip() for part in words.split(". ") if part.strip(". ")]
    return [part if part.endswith(".") else part + "." for part in parts]


def consent_words(sharing: str, helped_by_supporter: bool) -> str:
    words = CONSENT_WORDS_FOR_SUPPORTER if helped_by_supporter else CONSENT_WORDS
    return words[Sharing(sharing)]


def sharing_label(sharing: str, helped_by_supporter: bool) -> str:
    labels = SHARING_LABELS_FOR_SUPPORTER if helped_by_supporter else SHARING_LABELS
    return labels[Sharing(sharing)]
