"""A meeting's easy-read handout: a tagged PDF (PDF/UA-1) with the meeting's words, whose
first page renders with its pictures drawn."""

import io
import re
import subprocess

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.meetings.factories import make_decision, make_meeting, make_next_step, make_part

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    return re.sub(r"-\s+", "-", " ".join(text.split()))


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
    pdf = tmp_path / "meeting.pdf"
    pdf.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M)
    assert "Our second meeting: easy read handout" in info.stdout
    reader = PdfReader(io.BytesIO(response.content))
    text = flat(" ".join(page.extract_text() for page in reader.pages))
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

    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    page = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    # The cover picture sits at the top left, left of the title: it is drawn, not blank.
    width, height = page.size
    corner = page.crop((0, 0, width // 4, height // 6))
    drawn = [pixel for pixel in corner.get_flattened_data() if min(pixel) < 200]
    assert len(drawn) > 100


def test_the_meeting_page_links_its_handout(client, meeting):
    response = client.get(f"/meetings/{meeting.slug}/")

    assert (
        f'href="/meetings/{meeting.slug}/handout.pdf">Print or download this meeting as a handout'
        in response.content.decode()
    )
