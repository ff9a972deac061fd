"""Words about time come from the real date, not from words typed long ago (issue 15 item 8).

With the seeds loaded today (2026 or later): the next-steps page does not call "Meet again on
Thursday 25 February 2016" still to do; the launch seminar, still without a date, is not
"coming up" "in May 2016"; the housing page and handout never call the 2016 meeting "our next
meeting". A meeting still to come is "our next meeting".
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from evidence.handouts import theme_handout_context
from evidence.models import Theme
from tests.evidence.factories import make_theme
from tests.meetings.factories import make_meeting, make_venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(site_seeds, db):
    """The whole seeded site, loaded once for this module."""


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_next_steps_page_does_not_call_a_past_meeting_still_to_do(client, seeded):
    page = text_of(client, reverse("meetings:next_steps"))
    assert "Meet again on Thursday 25 February 2016" not in page
    assert "our next meeting" not in page


def test_the_second_meeting_says_we_met_again_at_the_third(client, seeded):
    page = text_of(client, reverse("meetings:detail", kwargs={"slug": "second-meeting"}))
    meet_again = page.split("Meet again on Thursday 25 February 2016", 1)[1][:300]
    assert "It is still to do" not in meet_again
    assert "It is done. We said so at our meeting on Thursday 25 February 2016." in meet_again
    assert "We wanted it done by Thursday 25 February 2016." in meet_again


def test_the_launch_seminar_is_not_coming_up_in_a_month_long_past(client, seeded):
    page = text_of(client, reverse("seminars:list"))
    coming_up = page.split("Seminars coming up", 1)[1].split("Seminars we are planning", 1)[0]
    assert "launch seminar" not in coming_up
    assert "Our launch seminar" in page.split("Seminars we are planning", 1)[1]

    detail = text_of(client, reverse("seminars:detail", kwargs={"slug": "launch-seminar"}))
    assert "We want to hold the seminar in May 2016" not in detail
    assert "we said we wanted to hold it in May 2016" in detail


def test_the_housing_theme_says_the_2016_meeting_in_the_past(client, seeded):
    page = text_of(client, reverse("evidence:theme", kwargs={"slug": "housing"}))
    assert "next meeting" not in page
    assert "We looked at it at our third meeting on Thursday 25 February 2016." in page

    housing = Theme.objects.get(slug="housing")
    intro = theme_handout_context(housing, [])["intro"]
    assert not any("next meeting" in line for line in intro)
    assert "We looked at it at our third meeting on Thursday 25 February 2016." in intro


def test_a_meeting_still_to_come_is_said_in_the_future():
    theme = make_theme()
    venue = make_venue(town="Southampton")
    coming = timezone.localdate() + datetime.timedelta(days=20)
    make_meeting(theme=theme, venue=venue, held_on=coming, title="Our fifth meeting")
    make_meeting(
        theme=theme, venue=venue, held_on=datetime.date(2016, 2, 25), title="Our third meeting"
    )
    long_day = f"{coming:%A} {coming.day} {coming:%B %Y}"
    assert theme.meeting_lines() == [
        "We looked at it at our third meeting on Thursday 25 February 2016.",
        "We will look at it at our fifth meeting.",
        f"The meeting is on {long_day} in Southampton.",
    ]


def test_the_home_page_does_not_call_a_seminar_without_a_date_our_next_seminar(client, seeded):
    page = text_of(client, "/")
    assert "Our next seminar" not in page
    assert "A seminar we are planning" in page
