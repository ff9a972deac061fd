"""A meeting's easy-read handout: a tagged PDF (PDF/UA-1) with the meeting's words, whose
first page renders with its pictures drawn."""

import pytest

from tests.meetings.factories import make_decision, make_meeting, make_next_step, make_part
from tests.pdfs import assert_cover_picture_is_drawn, pdf_info, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    meeting = make_meeting(title="Our second meeting", slug="second-meeting")
    make_part(
        meeting=meeting,
        position=1,
        title="Personal budgets",
        picture="budget",
        easy_read="We talked about money from the council.",
    )
    make_decision(meeting=meeting, text="We will write to the council.")
    make_next_step(meeting=meeting, what="Send the letter to the council.", who="Sam")
    return meeting


def test_meeting_handout_is_tagged_with_the_meetings_words(client, meeting, tmp_path):
    response = client.get(f"/meetings/{meeting.slug}/handout.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Our second meeting: easy read handout" in pdf_info(response.content, tmp_path)
    text = pdf_text(response.content)
    assert text.startswith("Our second meeting An easy read handout from SPIRIT. Made on ")
    for words in [
        "What we talked about",
        "Personal budgets",
        "We talked about money from the council.",
        "What we decided",
        "We will write to the council.",
        "Next steps",
        "Send the letter to the council.",
        "Who does it: Sam.",
    ]:
        assert words in text

    assert_cover_picture_is_drawn(response.content, tmp_path)


def test_the_meeting_page_links_its_handout(client, meeting):
    response = client.get(f"/meetings/{meeting.slug}/")

    assert (
        f'href="/meetings/{meeting.slug}/handout.pdf">Print or download this meeting as a handout'
        in response.content.decode()
    )
