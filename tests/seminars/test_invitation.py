"""A seminar's easy-read invitation: a tagged PDF (PDF/UA-1) with what, when, where and how
to sign up, whose first page renders with its pictures drawn; none while in planning."""

import io
import re
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from easyread.text import long_date
from seminars.models import Seminar
from tests.seminars.factories import make_seminar, make_session, make_speaker, sign_up_people

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return flat(" ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def seminar():
    seminar = make_seminar(title="Turning research into action", slug="research-into-action")
    make_session(seminar=seminar, title="What is research?", speaker=make_speaker(name="Mel"))
    return seminar


def test_invitation_is_tagged_with_what_when_where_and_how_to_sign_up(client, seminar, tmp_path):
    sign_up_people(seminar, "Ann", "Bob")

    response = client.get(f"/seminars/{seminar.slug}/invitation.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "invitation.pdf"
    pdf.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M)
    assert "Turning research into action: easy read invitation" in info.stdout
    text = pdf_text(response.content)
    assert text.startswith("Turning research into action An invitation to a SPIRIT seminar.")
    for words in [
        "We talk about research.",
        f"It is on {long_date(seminar.starts_at)}, from ",
        "People First Dorset",
        "Herringston Barn, Winterborne Herringston, Dorchester, DT2 9PU",
        "What is research?",
        "With Mel from University of Southampton.",
        "How to sign up",
        "There are 3 places left.",
        "http://testserver/seminars/research-into-action/",
        "There are no steps.",
        "A British Sign Language interpreter.",
    ]:
        assert words in text
    # Never anyone's data: the people who signed up are not in it.
    assert "Ann" not in text and "ann@example.org" not in text

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


def test_a_full_seminar_invites_to_the_waiting_list(client):
    seminar = make_seminar(capacity=1)
    sign_up_people(seminar, "Ann")

    text = pdf_text(client.get(f"/seminars/{seminar.slug}/invitation.pdf").content)

    assert "There are no places left. You can join the waiting list." in text


def test_a_past_seminar_says_it_happened(client):
    starts_at = timezone.now().replace(microsecond=0) - timedelta(days=30)
    seminar = make_seminar(starts_at=starts_at, ends_at=starts_at + timedelta(hours=5))

    text = pdf_text(client.get(f"/seminars/{seminar.slug}/invitation.pdf").content)

    assert f"It happened on {long_date(starts_at)}, from " in text
    assert "This seminar has already happened." in text
    assert "Sign up on our website" not in text


def test_the_seminar_page_links_its_invitation(client, seminar):
    response = client.get(f"/seminars/{seminar.slug}/")

    assert (
        f'href="/seminars/{seminar.slug}/invitation.pdf">Print or download an invitation'
        in response.content.decode()
    )


def test_no_invitation_for_a_seminar_in_planning(client):
    seminar = make_seminar(stage=Seminar.Stage.PLANNING, starts_at=None, ends_at=None)

    assert client.get(f"/seminars/{seminar.slug}/invitation.pdf").status_code == 404
    assert "invitation.pdf" not in client.get(f"/seminars/{seminar.slug}/").content.decode()
