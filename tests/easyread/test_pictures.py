"""Every picture has its OpenMoji file, and every idea of the group's world has a picture."""

import pytest

from easyread.pictures import PICTURES, SVG_DIR
from spirit.context_processors import PLACES

DOMAIN_WORDS = [
    "money", "budget", "housing", "work", "safety", "choice", "family", "support-worker",
    "council", "training", "information", "problem", "idea", "people", "research",
    "evidence", "question", "plan", "employer", "letter", "survey", "health", "transport",
    "direct-payment", "personal-budget", "personal-assistant", "support-plan", "commissioner",
    "safeguarding", "welcome", "break", "lunch", "vote", "next-steps", "gap", "story",
]  # fmt: skip


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_every_picture_has_its_file(name):
    code, description = PICTURES[name]

    svg = SVG_DIR / f"{code}.svg"
    assert svg.is_file(), f"{name}: no OpenMoji file {code}.svg"
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert description.strip()


def test_the_group_s_words_all_have_a_picture():
    assert [word for word in DOMAIN_WORDS if word not in PICTURES] == []
    assert len(PICTURES) >= 120


def test_every_place_in_the_header_has_a_picture():
    assert [picture for _, _, picture in PLACES if picture not in PICTURES] == []


@pytest.mark.django_db
def test_every_seeded_tag_theme_and_hard_word_has_a_known_picture():
    from easyread.models import GlossaryTerm
    from evidence import seeds
    from evidence.models import Tag, Theme

    seeds.load()

    pictures = [
        *Tag.objects.values_list("picture", flat=True),
        *Theme.objects.values_list("picture", flat=True),
        *GlossaryTerm.objects.values_list("picture", flat=True),
    ]
    assert len(pictures) >= 20
    assert sorted({name for name in pictures if name not in PICTURES}) == []


@pytest.mark.django_db
def test_every_seeded_meeting_part_has_a_known_picture():
    from meetings import seeds
    from meetings.models import MeetingPart

    seeds.load()

    pictures = list(MeetingPart.objects.values_list("picture", flat=True))
    assert len(pictures) >= 2
    assert sorted({name for name in pictures if name not in PICTURES}) == []


@pytest.mark.django_db
def test_credits_page_names_openmoji_and_its_licence(client):
    response = client.get("/credits/")

    html = response.content.decode()
    assert "<h1>Who made our pictures</h1>" in html
    assert "All emojis designed by OpenMoji – the open-source emoji and icon project." in html
    assert (
        '<a href="https://creativecommons.org/licenses/by-sa/4.0/">Read the CC BY-SA 4.0 licence'
        in html
    )
    assert f'<h2 id="credits-pictures">The {len(PICTURES)} pictures we use</h2>' in html
    assert html.count('class="picture picture-list"') == len(PICTURES)
    assert html.count('loading="lazy"') == len(PICTURES)


@pytest.mark.django_db
def test_footer_links_to_the_credits_and_the_hard_words(client):
    html = client.get("/").content.decode()

    assert '<a href="/credits/">Who made our pictures</a>' in html
    assert '<a href="/glossary/">Hard words and what they mean</a>' in html
