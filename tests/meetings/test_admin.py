import datetime

import pytest
from django.urls import reverse
from reversion.models import Version

from meetings.models import Meeting, NextStep
from tests.evidence.factories import make_finding
from tests.factories import make_facilitator, make_member
from tests.meetings.factories import make_meeting, make_next_step, make_part, make_venue

pytestmark = pytest.mark.django_db

INLINES = ["parts", "decisions", "next_steps", "attendances"]


@pytest.fixture
def facilitator_client(client):
    client.force_login(make_facilitator())
    return client


def management_form(prefix: str, total: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def form_data(form) -> dict:
    """What a browser would send back for a rendered form."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[field.html_name] = [str(item) for item in value]
        elif hasattr(field.field.widget, "widgets"):  # split date and time
            for index, part in enumerate(field.field.widget.decompress(value)):
                data[f"{field.html_name}_{index}"] = "" if part is None else str(part)
        else:
            data[field.html_name] = str(value.pk if hasattr(value, "pk") else value)
    return data


def resubmitted(response) -> dict:
    """The admin page's forms sent back unchanged, with the save button."""
    data = form_data(response.context["adminform"].form) | {"_save": "Save"}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data |= form_data(formset.management_form)
        for form in formset.forms:
            data |= form_data(form)
    return data


def whole_meeting_post(venue) -> dict:
    data = {
        "number": "2",
        "title": "Our second meeting",
        "slug": "second-meeting",
        "held_on": "2015-12-03",
        "start_time": "10:30",
        "end_time": "15:00",
        "venue": str(venue.pk),
        "theme": "",
        "summary": "We met in Dorchester.\nWe talked about personal budgets.",
        "status": "draft",
        "_save": "Save",
    }
    data |= management_form("parts", 2) | management_form("decisions", 1)
    data |= management_form("next_steps", 1) | management_form("attendances", 2)
    data |= {
        "parts-0-position": "1",
        "parts-0-title": "Research on personal budgets",
        "parts-0-picture": "research",
        "parts-0-led_by": "Mel and Andrew",
        "parts-0-easy_read": "Mel told us what research found.",
        "parts-0-notes": "<p>Findings</p><script>alert(1)</script>",
        "parts-1-position": "2",
        "parts-1-title": "Planning our seminar",
        "parts-1-picture": "seminars",
        "parts-1-led_by": "Clare",
        "parts-1-easy_read": "We planned our seminar.",
        "parts-1-notes": "",
        "decisions-0-position": "1",
        "decisions-0-text": "We all agree: we need ideas for solutions.",
        "decisions-0-part": "",
        "decisions-0-review_on": "",
        "next_steps-0-position": "1",
        "next_steps-0-status": "open",
        "next_steps-0-what": "Find 2 new people for the group.",
        "next_steps-0-who": "People First Dorset",
        "next_steps-0-member": "",
        "next_steps-0-due_on": "",
        "next_steps-0-done_at_0": "",
        "next_steps-0-done_at_1": "",
        "attendances-0-name": "Mel",
        "attendances-0-member": "",
        "attendances-0-status": "present",
        "attendances-1-name": "Sam",
        "attendances-1-member": "",
        "attendances-1-status": "apologies",
    }
    return data


def test_facilitator_adds_a_whole_meeting_with_its_parts_on_one_page(facilitator_client):
    venue = make_venue(name="People First Dorset")
    response = facilitator_client.post(
        reverse("admin:meetings_meeting_add"), whole_meeting_post(venue)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get(slug="second-meeting")
    assert meeting.status == Meeting.Status.DRAFT
    assert [(p.position, p.title, p.led_by) for p in meeting.parts.all()] == [
        (1, "Research on personal budgets", "Mel and Andrew"),
        (2, "Planning our seminar", "Clare"),
    ]
    assert meeting.parts.get(position=1).notes_html == "<p>Findings</p>"
    assert [d.text for d in meeting.decisions.all()] == [
        "We all agree: we need ideas for solutions."
    ]
    assert [(s.what, s.who) for s in meeting.next_steps.all()] == [
        ("Find 2 new people for the group.", "People First Dorset")
    ]
    assert sorted(meeting.attendances.values_list("name", "status")) == [
        ("Mel", "present"),
        ("Sam", "apologies"),
    ]
    assert Version.objects.get_for_object(meeting).count() == 1


def test_two_parts_with_the_same_number_show_an_error_not_a_crash(facilitator_client):
    data = whole_meeting_post(make_venue()) | {"parts-1-position": "1"}
    response = facilitator_client.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 200
    parts = response.context["inline_admin_formsets"][0].formset
    assert "Another row has the number 1 too." in parts.forms[1].errors["position"][0]
    assert not Meeting.objects.exists()


def test_a_new_row_leaves_its_number_empty_and_is_saved_after_the_others(facilitator_client):
    meeting = make_meeting()
    make_part(meeting=meeting, position=1)
    make_part(meeting=meeting, position=2)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    response = facilitator_client.get(url)
    parts = response.context["inline_admin_formsets"][0].formset
    assert [form["position"].value() for form in parts.forms] == [1, 2, None]
    data = resubmitted(response) | {"parts-2-title": "A new part", "parts-2-picture": "talk"}
    assert facilitator_client.post(url, data).status_code == 302
    assert [(p.position, p.title) for p in meeting.parts.all()][2] == (3, "A new part")


def test_new_minutes_with_3_parts_and_5_next_steps_save_first_time_without_numbers(
    facilitator_client,
):
    """Each 'Add another' row used to start at 1: the first save failed on duplicate numbers."""
    data = whole_meeting_post(make_venue())
    data |= management_form("parts", 3) | management_form("next_steps", 5)
    data |= {"parts-0-position": "", "parts-1-position": ""}
    data |= {"parts-2-title": "What next", "parts-2-picture": "talk", "parts-2-position": ""}
    data |= {"decisions-0-position": ""}
    for index in range(5):
        data |= {
            f"next_steps-{index}-position": "",
            f"next_steps-{index}-status": "open",
            f"next_steps-{index}-what": f"Step number {index + 1}.",
        }
    response = facilitator_client.post(reverse("admin:meetings_meeting_add"), data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    meeting = Meeting.objects.get(slug="second-meeting")
    assert [p.position for p in meeting.parts.all()] == [1, 2, 3]
    assert [(s.position, s.what) for s in meeting.next_steps.all()] == [
        (n, f"Step number {n}.") for n in range(1, 6)
    ]
    assert [d.position for d in meeting.decisions.all()] == [1]


def test_the_change_page_links_to_the_preview_of_the_easy_read_page(facilitator_client):
    meeting = make_meeting(status=Meeting.Status.DRAFT)
    html = facilitator_client.get(
        reverse("admin:meetings_meeting_change", args=[meeting.pk])
    ).content.decode()
    assert f'<a href="{meeting.get_absolute_url()}">Preview the easy-read page</a>' in html
    for heading in ["What we talked about: the parts of the meeting", "What we agreed"]:
        assert heading in html


def test_theme_findings_and_venue_are_picked_by_typing(facilitator_client):
    response = facilitator_client.get(reverse("admin:meetings_meeting_add"))
    form = response.context["adminform"].form
    widgets = {
        name: type(form.fields[name].widget.widget).__name__
        for name in ["venue", "theme", "findings"]
    }
    assert widgets == {
        "venue": "AutocompleteSelect",
        "theme": "AutocompleteSelect",
        "findings": "AutocompleteSelectMultiple",
    }


def test_typing_a_word_finds_findings_to_link(facilitator_client):
    wanted = make_finding(easy_read="Councils give too little information.")
    make_finding(easy_read="Parents can be parents again.")
    response = facilitator_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "meetings",
            "model_name": "meeting",
            "field_name": "findings",
            "term": "councils",
        },
    )
    assert [row["id"] for row in response.json()["results"]] == [str(wanted.pk)]


def test_list_of_meetings_counts_parts_and_open_steps(facilitator_client):
    meeting = make_meeting(title="Counted meeting")
    make_part(meeting=meeting)
    make_part(meeting=meeting)
    make_next_step(meeting=meeting)
    response = facilitator_client.get(reverse("admin:meetings_meeting_changelist"))
    row = next(m for m in response.context["cl"].result_list if m.pk == meeting.pk)
    assert (row.number_of_parts, row.number_of_open_steps) == (2, 1)


def test_history_shows_each_change_and_revert_brings_the_old_text_back(facilitator_client):
    venue = make_venue()
    facilitator_client.post(reverse("admin:meetings_meeting_add"), whole_meeting_post(venue))
    meeting = Meeting.objects.get(slug="second-meeting")
    part = meeting.parts.get(position=1)
    change = whole_meeting_post(venue)
    for prefix, total, rows in [
        ("parts", 2, meeting.parts.all()),
        ("decisions", 1, meeting.decisions.all()),
        ("next_steps", 1, meeting.next_steps.all()),
        ("attendances", 2, meeting.attendances.order_by("name")),
    ]:
        change[f"{prefix}-INITIAL_FORMS"] = str(total)
        for index, row in enumerate(rows):
            change[f"{prefix}-{index}-id"] = str(row.pk)
            change[f"{prefix}-{index}-meeting"] = str(meeting.pk)
    change["parts-0-title"] = "A bad edit"
    change["summary"] = "Wrong summary."
    change["seen_version"] = str(meeting.version)
    response = facilitator_client.post(
        reverse("admin:meetings_meeting_change", args=[meeting.pk]), change
    )
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.title == "A bad edit"

    history = facilitator_client.get(reverse("admin:meetings_meeting_history", args=[meeting.pk]))
    versions = Version.objects.get_for_object(meeting).order_by("pk")
    assert versions.count() == 2
    revert_url = reverse("admin:meetings_meeting_revision", args=[meeting.pk, versions[0].pk])
    assert f'href="{revert_url}"' in history.content.decode()
    form = facilitator_client.get(revert_url)
    assert form.context["adminform"].form["title"].value() == "Our second meeting"
    assert facilitator_client.post(revert_url, resubmitted(form)).status_code == 302
    part.refresh_from_db()
    meeting.refresh_from_db()
    assert (part.title, meeting.summary) == (
        "Research on personal budgets",
        "We met in Dorchester.\nWe talked about personal budgets.",
    )


def test_a_deleted_meeting_can_be_recovered_with_its_parts(facilitator_client):
    venue = make_venue()
    facilitator_client.post(reverse("admin:meetings_meeting_add"), whole_meeting_post(venue))
    meeting = Meeting.objects.get(slug="second-meeting")
    facilitator_client.post(
        reverse("admin:meetings_meeting_delete", args=[meeting.pk]), {"post": "yes"}
    )
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    recover_list = facilitator_client.get(reverse("admin:meetings_meeting_recoverlist"))
    version = Version.objects.get_deleted(Meeting).get()
    recover_url = reverse("admin:meetings_meeting_recover", args=[version.pk])
    assert f'href="{recover_url}"' in recover_list.content.decode()
    form = facilitator_client.get(recover_url)
    assert form.status_code == 200
    response = facilitator_client.post(recover_url, resubmitted(form))
    assert response.status_code == 302
    recovered = Meeting.objects.get(slug="second-meeting")
    assert recovered.parts.count() == 2
    assert recovered.next_steps.count() == 1


def test_publish_action_lets_members_see_the_meeting(facilitator_client):
    meeting = make_meeting(status=Meeting.Status.DRAFT)
    facilitator_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "publish", "_selected_action": [meeting.pk]},
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


def test_mark_done_action_closes_next_steps(facilitator_client):
    step = make_next_step()
    facilitator_client.post(
        reverse("admin:meetings_nextstep_changelist"),
        {"action": "mark_done", "_selected_action": [step.pk]},
    )
    step.refresh_from_db()
    assert step.status == NextStep.Status.DONE
    assert step.done_at is not None


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:meetings_meeting_changelist",
        "admin:meetings_meeting_add",
        "admin:meetings_venue_changelist",
        "admin:meetings_nextstep_changelist",
    ],
)
def test_each_admin_page_opens_for_a_facilitator(facilitator_client, url_name):
    make_meeting(title="Listed meeting")
    response = facilitator_client.get(reverse(url_name))
    assert response.status_code == 200
    assert response.context["title"] != ""


def test_a_member_cannot_reach_the_meetings_admin(client):
    client.force_login(make_member())
    response = client.get(reverse("admin:meetings_meeting_add"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_staff_without_the_facilitator_group_cannot_change_a_meeting(client):
    client.force_login(make_member(is_staff=True))
    meeting = make_meeting()
    venue = make_venue()
    change_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    assert client.get(change_url).status_code == 403
    assert client.post(change_url, whole_meeting_post(venue)).status_code == 403
    meeting.refresh_from_db()
    assert meeting.title != "Our second meeting"
    assert not Meeting.objects.filter(held_on=datetime.date(2015, 12, 3)).exists()


def test_a_new_meeting_says_when_its_parts_can_be_chosen_for_a_decision(facilitator_client):
    page = facilitator_client.get(reverse("admin:meetings_meeting_add")).content.decode()
    assert "New parts show here after you press &#x27;Save and continue editing&#x27;." in page
