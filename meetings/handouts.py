"""What a meeting's easy-read handout shows; ``easyread.pdf`` makes the PDF."""

from django.utils import timezone

from easyread.pdf import handout_picture


def meeting_handout_context(meeting, parts, decisions, next_steps) -> dict:
    """What we talked about (each part with its own picture), what we decided, next steps."""
    rows = [
        {"part": part, "picture": handout_picture(part.picture), "lines": part.easy_read_lines}
        for part in parts
    ]
    pictures = {
        name: handout_picture(name) for name in ("meetings", "calendar", "place", "agree", "action")
    }
    return {
        "meeting": meeting,
        "made_on": timezone.localdate(),
        "parts": rows,
        "decisions": decisions,
        "next_steps": next_steps,
        "pictures": pictures,
        # Every picture the page draws, for easyread.pdf.render_pdf's rules.
        "all_pictures": [*pictures.values(), *(row["picture"] for row in rows)],
    }
