"""Compressed answers only where compression cannot leak a secret (BREACH)."""

import gzip

import pytest

from tests.factories import make_member
from tests.meetings.factories import make_meeting
from tests.seminars.factories import make_seminar

pytestmark = pytest.mark.django_db

GZIP = {"accept-encoding": "gzip"}


def test_public_pages_and_calendars_are_compressed_and_still_answer_304(client):
    make_meeting()
    seminar = make_seminar()
    for url in ["/meetings/", seminar.get_absolute_url(), "/meetings/calendar.ics", "/sitemap.xml"]:
        response = client.get(url, headers=GZIP)
        assert response["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content)
        again = client.get(url, headers={**GZIP, "if-none-match": response["ETag"]})
        assert again.status_code == 304, url


def test_a_page_with_a_form_token_is_not_compressed(client):
    seminar = make_seminar()
    response = client.get(f"{seminar.get_absolute_url()}sign-up/", headers=GZIP)
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert not response.has_header("Content-Encoding")


def test_nothing_is_compressed_for_someone_logged_in(client):
    make_meeting()
    client.force_login(make_member())
    response = client.get("/meetings/", headers=GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
