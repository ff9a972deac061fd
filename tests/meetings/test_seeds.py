import datetime

import pytest
from reversion.models import Version

from evidence import seeds as evidence_seeds
from meetings import seeds
from meetings.models import Decision, Meeting, MeetingPart, NextStep, Venue
from tests.conftest import kept_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def meeting_seeds(django_db_setup, django_db_blocker):
    """The evidence and meeting seeds, loaded once for this module."""
    with kept_for_the_module(django_db_blocker):
        evidence_seeds.load()
        seeds.load()
        yield


@pytest.fixture
def loaded(meeting_seeds, db):
    return Meeting.objects.get(number=2)


def test_the_second_meeting_is_loaded_as_the_minutes_say(loaded):
    assert loaded.title == "Our second meeting"
    assert loaded.held_on == datetime.date(2015, 12, 3)
    assert loaded.held_on.strftime("%A") == "Thursday"
    assert (loaded.venue.name, loaded.venue.address, loaded.venue.town) == (
        "People First Dorset",
        "Herringston Barn, Winterborne Herringston",
        "Dorchester",
    )
    assert loaded.theme.slug == "personal-budgets-and-direct-payments"
    assert loaded.is_published


def test_both_parts_have_notes_who_led_them_and_an_easy_read_summary(loaded):
    first, second = loaded.parts.all()
    assert (first.title, first.led_by) == (
        "Research on personal budgets and direct payments",
        "Mel and Andrew, then other members",
    )
    assert (second.title, second.led_by) == (
        "Planning our launch seminar",
        "All members, with Clare",
    )
    # Plain text (Markdown) in the box; paragraphs and lists on the page.
    assert first.notes.startswith("Mel begins by giving a summary of the main findings")
    assert "\n- Relationship needs to be friendly but professional\n" in first.notes
    assert "<li>Relationship needs to be friendly but professional</li>" in first.notes_html
    assert "<p>IBSEN (Individual Budgets Evaluation Network):</p>" in first.notes_html
    assert "We all agree" not in first.notes
    assert second.notes_html.startswith("<p>The focus of the second half of the meeting")
    assert "Clare suggests that an opening question" in second.notes
    for part in (first, second):
        assert len(part.easy_read_lines) >= 10
        assert max(len(line.split()) for line in part.easy_read_lines) <= 15


def test_the_agreement_and_the_seminar_decisions(loaded):
    decisions = list(loaded.decisions.select_related("part"))
    assert decisions[0].text == (
        "We all agree: Research has identified lots of problems and what is needed is ideas "
        "for solutions!"
    )
    assert decisions[0].part.position == 1
    assert [d.part.position for d in decisions[1:]] == [2, 2]


def test_the_four_next_steps_with_who_does_them(loaded):
    steps = list(loaded.next_steps.all())
    assert len(steps) == 4
    assert all(step.is_open for step in steps[:3])
    assert steps[0].what.startswith("Talk to the Inclusive Research in Norway project")
    assert "housing" in steps[1].what
    assert steps[2].what.startswith(
        "Find 2 new people for the group from Hampshire and Bournemouth"
    )
    assert steps[2].who == "People First Dorset and Choices Advocacy"
    assert steps[3].what == (
        "Meet again on Thursday 25 February 2016 at Choices Advocacy in Southampton."
    )
    # We did meet again: done at the third meeting, so never "still to do".
    assert not steps[3].is_open
    assert steps[3].done_at_meeting == Meeting.objects.get(number=3)
    assert steps[3].due_on == datetime.date(2016, 2, 25)


def test_the_next_meeting_is_a_published_meeting_about_housing(loaded):
    third = Meeting.objects.get(number=3)
    assert third.held_on == datetime.date(2016, 2, 25)
    assert (third.venue.name, third.venue.town) == ("Choices Advocacy", "Southampton")
    assert third.theme.slug == "housing"
    assert third.is_published
    assert Meeting.objects.published().after(loaded).first() == third


def test_the_findings_discussed_are_those_presented_at_the_meeting(loaded):
    short_names = set(loaded.findings.values_list("source__slug", flat=True))
    assert short_names == {"literature-search", "ibsen", "poet", "members-experiences"}
    assert loaded.findings.count() == len(seeds.findings_discussed())


def test_loading_twice_adds_nothing_and_keeps_facilitator_edits(loaded):
    part = loaded.parts.get(position=1)
    part.led_by = "Mel"
    part.save()
    counts = [m.objects.count() for m in (Venue, Meeting, MeetingPart, Decision, NextStep)]
    summary = seeds.load()
    assert [m.objects.count() for m in (Venue, Meeting, MeetingPart, Decision, NextStep)] == counts
    part.refresh_from_db()
    assert part.led_by == "Mel"
    assert summary == (
        f"2 meetings, 2 parts, 4 next steps, {loaded.findings.count()} findings linked "
        "to the second meeting"
    )


def test_the_seed_starts_the_meetings_history(loaded):
    assert Version.objects.get_for_object(loaded).count() == 1


def test_hard_words_in_the_minutes_open_their_meaning_once(loaded, client):
    html = client.get(loaded.get_absolute_url()).content.decode()
    assert html.count('<a class="hard-word" id="hard-word-research-word"') == 1
    assert 'id="hard-word-research" tabindex="-1">' in html
