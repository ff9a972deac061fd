"""The meeting's notes are typed in plain text (Markdown), shown cleaned, with a preview."""

import pytest
from django.urls import reverse

from meetings.models import clean_notes, render_notes
from meetings.notes import html_to_markdown
from tests.factories import make_facilitator
from tests.meetings.factories import make_meeting, make_part
from tests.meetings.test_admin import resubmitted

pytestmark = pytest.mark.django_db


def test_plain_text_keeps_its_paragraphs_lists_and_bold():
    typed = "We met at 10.\nWe had tea.\n\nWe talked about:\n- money\n- **homes**"
    assert render_notes(typed) == (
        "<p>We met at 10.<br>\nWe had tea.</p>\n<p>We talked about:</p>\n"
        "<ul>\n<li>money</li>\n<li><strong>homes</strong></li>\n</ul>"
    )


def test_bold_typed_as_a_tag_stays_bold_and_a_script_never_shows():
    assert render_notes("<b>Important</b> <script>alert(1)</script>") == (
        "<p><b>Important</b> </p>"
    )


def test_an_ampersand_stays_an_ampersand_in_the_box_after_saving(client):
    client.force_login(make_facilitator())
    meeting = make_meeting()
    make_part(meeting=meeting, position=1, notes="")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = resubmitted(client.get(url)) | {"parts-0-notes": "Mel & Andrew led it."}
    assert client.post(url, data).status_code == 302
    part = meeting.parts.get()
    assert part.notes == "Mel & Andrew led it."
    assert part.notes_html == "<p>Mel &amp; Andrew led it.</p>"
    box = client.get(url).context["inline_admin_formsets"][0].formset.forms[0]["notes"]
    assert box.value() == "Mel & Andrew led it."


def test_the_notes_box_shows_a_preview_of_what_members_see(client):
    client.force_login(make_facilitator())
    meeting = make_meeting()
    make_part(meeting=meeting, position=1, notes="We agreed:\n\n- **more** meetings")
    html = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content
    assert b'<div class="notes-preview" id="id_parts-0-notes_preview">' in html
    assert b"<li><strong>more</strong> meetings</li>" in html


@pytest.mark.parametrize(
    "saved_html",
    [
        "<p>The notes.</p>",
        "<p>Mel &amp; Andrew told us about research.</p>\n<ul><li>People wait 2 years.</li>"
        "<li>Money is <strong>hard</strong> to get.</li></ul>\n<p>1. We asked * questions_</p>",
        '<p>See <a href="https://example.org" rel="noopener noreferrer">the report</a>.<br>'
        "Next line</p><ol><li>one</li><li>two</li></ol>",
    ],
)
def test_notes_saved_as_html_become_markdown_that_shows_the_same(saved_html):
    markdown = html_to_markdown(saved_html)
    assert "<" not in markdown and "&amp;" not in markdown
    assert render_notes(markdown).replace("\n", "") == clean_notes(saved_html).replace("\n", "")
