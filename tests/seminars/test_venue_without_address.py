"""A venue with no address yet: pages, emails and calendars say its name and town, never
", , Southampton" or ", Southampton" alone (issue 15, item 13). One place joins the parts:
``Venue.one_line`` (name and address) and ``Venue.address_line`` (address only)."""

import pytest

from seminars import services
from seminars.emails import render_registration_email
from tests.seminars.factories import make_seminar, make_venue, sign_up_data

pytestmark = pytest.mark.django_db


def choices_advocacy():
    return make_venue(
        name="Choices Advocacy", address="", town="Southampton", postcode="", how_to_get_there=""
    )


def test_the_venue_joins_only_the_parts_it_has():
    venue = choices_advocacy()
    assert venue.one_line == "Choices Advocacy, Southampton"
    assert venue.address_line == "Southampton"
    full = make_venue()
    assert full.one_line == (
        "People First Dorset, Herringston Barn, Winterborne Herringston, Dorchester, DT2 9PU"
    )
    assert full.address_line == "Herringston Barn, Winterborne Herringston, Dorchester, DT2 9PU"


def no_stray_commas(text: str) -> None:
    assert ", ," not in text
    assert ",  ," not in text
    assert "<p>, " not in text
    assert "\n, " not in text


def test_pages_and_emails_have_no_empty_address_commas(client, django_capture_on_commit_callbacks):
    seminar = make_seminar(venue=choices_advocacy())
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.sign_up(seminar, **sign_up_data())

    detail = client.get(seminar.get_absolute_url()).content.decode()
    no_stray_commas(detail)
    assert "<p>Southampton</p>" in detail

    page = client.get(registration.get_absolute_url()).content.decode()
    no_stray_commas(page)
    assert "At Choices Advocacy, Southampton." in page

    message = render_registration_email("confirmed", registration)
    no_stray_commas(message.body)
    assert "Where: Choices Advocacy, Southampton\n" in message.body
    [(html, _)] = message.alternatives
    no_stray_commas(html)
    assert "<strong>Where:</strong> Choices Advocacy, Southampton</p>" in html
