"""What a theme's easy-read handout shows; ``easyread.pdf`` makes the PDF."""

from django.utils import timezone

from easyread import glossary
from easyread.pdf import picture_file
from evidence.models import KIND_HEADINGS, KIND_PICTURES


def theme_handout_context(theme, findings) -> dict:
    """What the theme handout shows: the introduction, findings by kind, gaps, hard words."""
    sections = []
    for kind, heading in KIND_HEADINGS.items():
        picture = KIND_PICTURES[kind]
        chosen = [finding for finding in findings if finding.kind == kind]
        if chosen:
            sections.append(
                {"heading": heading, "picture": picture_file(picture), "findings": chosen}
            )
    intro = theme.intro_lines()
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
