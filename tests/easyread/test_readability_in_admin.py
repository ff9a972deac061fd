"""The easy-read check sits under every easy-read box facilitators write in the admin."""

import pytest

from tests.evidence.factories import make_finding, make_source, make_tag, make_theme
from tests.factories import make_facilitator
from tests.meetings.factories import make_meeting, make_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator_client(client):
    client.force_login(make_facilitator())
    return client


def test_each_easy_read_box_shows_its_check(facilitator_client):
    finding = make_finding(easy_read="People choose their support. This helps them.")
    meeting = make_meeting()
    make_part(meeting=meeting)
    pages = {
        f"/admin/evidence/finding/{finding.pk}/change/": "id_easy_read_readability",
        f"/admin/evidence/source/{make_source().pk}/change/": "id_easy_read_summary_readability",
        f"/admin/evidence/theme/{make_theme().pk}/change/": "id_easy_read_intro_readability",
        f"/admin/evidence/tag/{make_tag().pk}/change/": "id_easy_read_meaning_readability",
        "/admin/easyread/glossaryterm/add/": "id_meaning_readability",
        f"/admin/meetings/meeting/{meeting.pk}/change/": "id_summary_readability",
        "/admin/seminars/seminar/add/": "id_description_readability",
        "/admin/seminars/speaker/add/": "id_introduction_readability",
    }
    for path, report_id in pages.items():
        html = facilitator_client.get(path).content.decode()
        assert f'id="{report_id}"' in html, path
    meeting_page = facilitator_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/")
    assert 'id="id_parts-0-easy_read_readability"' in meeting_page.content.decode()


def test_the_finding_check_reports_on_what_was_written(facilitator_client):
    finding = make_finding(easy_read="People choose their support. This helps them.")
    html = facilitator_client.get(f"/admin/evidence/finding/{finding.pk}/change/").content.decode()
    assert "Easy-read check:</strong>\n    this looks easy to read." in html
    assert "Sentences: 2." in html
