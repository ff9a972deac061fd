"""A seminar's easy-read invitation: a tagged PDF (PDF/UA-1) with what, when, where and how
to sign up, whose first page renders with its pictures drawn; none while in planning."""

from datetime import timedelta

import pytest
from django.utils import timezone

from easyread.text import long_date
from seminars.models import Seminar
from tests.pdfs import assert_cover_picture_is_drawn, pdf_info, pdf_text
from tests.seminars.factories import make_seminar, make_session, make_speaker, sign_up_people

pytestmark = pytest.mark.django_db


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
    info = pdf_info(response.content, tmp_path)
    assert "Turning research into action: easy read invitation" in info
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

    assert_cover_picture_is_drawn(response.content, tmp_path)


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
