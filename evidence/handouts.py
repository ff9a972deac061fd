"""What a theme's easy-read handout shows; ``easyread.pdf`` makes the PDF."""

from django.utils import timezone

from easyread import glossary
from easyread.pdf import handout_picture
from evidence.models import KIND_HEADINGS, KIND_PICTURES


def theme_handout_context(theme, findings) -> dict:
    """What the theme handout shows: the introduction, findings by kind, gaps, hard words."""
    sections = []
    for kind, heading in KIND_HEADINGS.items():
        picture = KIND_PICTURES[kind]
        chosen = [finding for finding in findings if finding.kind == kind]
        if chosen:
            sections.append(
                {"heading": heading, "picture": handout_picture(picture), "findings": chosen}
            )
    intro = theme.intro_lines()
    texts = [*intro, *(finding.easy_read for finding in findings), *theme.gap_list]
    hard_words = [
        {"term": term.term, "meaning": term.meaning, "picture": handout_picture(term.picture)}
        for term in glossary.terms_used(texts, glossary.current_terms())
    ]
    pictures = {name: handout_picture(name) for name in ("theme", "idea", "question")}
    return {
        "theme": theme,
        "made_on": timezone.localdate(),
        "intro": intro,
        "sections": sections,
        "gaps": theme.gap_list,
        "hard_words": hard_words,
        "pictures": pictures,
        # Every picture the page draws, for easyread.pdf.render_pdf's rules.
        "all_pictures": [
            *pictures.values(),
            *(section["picture"] for section in sections),
            *(word["picture"] for word in hard_words),
        ],
    }
