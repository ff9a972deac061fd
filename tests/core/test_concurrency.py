"""No lost update: a save from a page that someone else has saved since is refused, with
what they changed, and with everything typed kept for the next Save."""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from meetings.models import Meeting
from tests.evidence.factories import make_finding
from tests.factories import make_facilitator
from tests.meetings.factories import make_venue
from tests.meetings.test_admin import resubmitted, whole_meeting_post

pytestmark = pytest.mark.django_db


def logged_in(name: str) -> Client:
    client = Client()
    client.force_login(make_facilitator(first_name=name, email=f"{name.lower()}@example.org"))
    return client


@pytest.fixture
def meeting():
    ann = logged_in("Ann")
    ann.post(reverse("admin:meetings_meeting_add"), whole_meeting_post(make_venue()))
    return Meeting.objects.get(slug="second-meeting")


def change_page(client, meeting):
    return client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))


def save(client, meeting, data):
    return client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)


def errors(response) -> list[str]:
    return list(response.context["adminform"].form.non_field_errors())


def test_a_second_stale_save_is_refused_and_says_what_the_first_person_changed(meeting):
    ann, bob = logged_in("Ann"), logged_in("Bob")
    anns = resubmitted(change_page(ann, meeting))
    bobs = resubmitted(change_page(bob, meeting))

    anns["summary"] = "We met in Dorchester.\nAnn wrote this line."
    assert save(ann, meeting, anns).status_code == 302
    bobs["parts-1-easy_read"] = "Bob wrote about the seminar."
    refused = save(bob, meeting, bobs)

    assert refused.status_code == 200
    said = errors(refused)
    assert said[0].startswith("Ann saved this meeting while you were writing.")
    assert (
        "Ann changed: Summary: was “We met in Dorchester.\nWe talked about personal budgets.”, "
        "now “We met in Dorchester.\nAnn wrote this line.”." in said
    )
    meeting.refresh_from_db()
    assert meeting.summary == "We met in Dorchester.\nAnn wrote this line."
    assert meeting.parts.get(position=2).easy_read == "We planned our seminar."
    # Bob's words are still in his boxes.
    again = resubmitted(refused)
    assert again["parts-1-easy_read"] == "Bob wrote about the seminar."

    # Bob keeps Ann's line too, and saves: both people's words are kept.
    again["summary"] = "We met in Dorchester.\nAnn wrote this line."
    assert save(bob, meeting, again).status_code == 302
    meeting.refresh_from_db()
    assert meeting.summary == "We met in Dorchester.\nAnn wrote this line."
    assert meeting.parts.get(position=2).easy_read == "Bob wrote about the seminar."

    # The history credits each person only with their own change.
    ann_log, bob_log = LogEntry.objects.filter(object_id=str(meeting.pk), action_flag=2).order_by(
        "pk"
    )
    assert ann_log.user.first_name == "Ann" and "Summary" in ann_log.get_change_message()
    assert bob_log.user.first_name == "Bob"
    assert "Summary" not in bob_log.get_change_message()
    assert "meeting part “Part 2: Planning our seminar”" in bob_log.get_change_message()
    revisions = [v.revision for v in Version.objects.get_for_object(meeting).order_by("pk")]
    assert [r.user.first_name for r in revisions] == ["Ann", "Ann", "Bob"]
    assert "Summary" not in revisions[-1].comment


def test_two_people_changing_different_parts_of_one_meeting_are_caught(meeting):
    ann, bob = logged_in("Ann"), logged_in("Bob")
    anns = resubmitted(change_page(ann, meeting))
    bobs = resubmitted(change_page(bob, meeting))

    anns["parts-0-title"] = "Research on money for support"
    assert save(ann, meeting, anns).status_code == 302
    bobs["parts-1-title"] = "Planning our big seminar"
    refused = save(bob, meeting, bobs)

    assert refused.status_code == 200
    assert (
        "Ann changed the part of the meeting “Part 1: Research on money for support”: "
        "Title: was “Research on personal budgets”, now “Research on money for support”."
        in errors(refused)
    )
    assert meeting.parts.get(position=2).title == "Planning our seminar"


def test_a_part_added_or_a_step_removed_by_someone_else_is_listed(meeting):
    ann, bob = logged_in("Ann"), logged_in("Bob")
    bobs = resubmitted(change_page(bob, meeting))
    anns = resubmitted(change_page(ann, meeting))
    anns["next_steps-0-DELETE"] = "on"
    assert save(ann, meeting, anns).status_code == 302
    said = errors(save(bob, meeting, bobs))
    assert "Ann removed a next step: “Find 2 new people for the group.”." in said


def test_a_change_to_a_next_step_anywhere_moves_the_meeting_version_on(meeting):
    before = meeting.version
    step = meeting.next_steps.get()
    step.what = "Find 3 new people for the group."
    step.save()
    meeting.refresh_from_db()
    assert meeting.version == before + 1
    step.delete()
    meeting.refresh_from_db()
    assert meeting.version == before + 2


def test_a_stale_save_of_a_finding_is_refused_and_a_fresh_one_accepted():
    finding = make_finding(easy_read="First words.")
    url = reverse("admin:evidence_finding_change", args=[finding.pk])
    ann, bob = logged_in("Ann"), logged_in("Bob")
    anns = resubmitted(ann.get(url))
    bobs = resubmitted(bob.get(url))
    anns["easy_read"] = "Ann's words."
    assert ann.post(url, anns).status_code == 302
    bobs["key_figures"] = "9 in 10 people"
    refused = bob.post(url, bobs)
    assert refused.status_code == 200
    # Made outside the admin: no history of what Bob saw, so each box that differs is shown.
    assert errors(refused)[1:] == [
        "Easy read: saved now as “Ann's words.”. Yours is “First words.”.",
        "Key figures: saved now as (empty). Yours is “9 in 10 people”.",
    ]
    merged = resubmitted(refused) | {"easy_read": "Ann's words."}
    assert bob.post(url, merged).status_code == 302
    finding.refresh_from_db()
    assert (finding.easy_read, finding.key_figures) == ("Ann's words.", "9 in 10 people")


def test_going_back_in_the_history_never_lets_an_old_page_save_over_it(meeting):
    ann = logged_in("Ann")
    stale = resubmitted(change_page(ann, meeting))
    changed = resubmitted(change_page(ann, meeting)) | {"summary": "A newer summary."}
    assert save(ann, meeting, changed).status_code == 302
    oldest = Version.objects.get_for_object(meeting).order_by("pk").first()
    revert_url = reverse("admin:meetings_meeting_revision", args=[meeting.pk, oldest.pk])
    assert ann.post(revert_url, resubmitted(ann.get(revert_url))).status_code == 302
    meeting.refresh_from_db()
    assert meeting.summary == "We met in Dorchester.\nWe talked about personal budgets."
    assert meeting.version > int(changed["seen_version"]) + 1
    # The page opened before both saves still holds the first version: it is refused.
    assert save(ann, meeting, stale | {"title": "Old page"}).status_code == 200
    assert Meeting.objects.get(pk=meeting.pk).title == "Our second meeting"
