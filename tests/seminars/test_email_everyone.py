"""Email everyone at once: a facilitator writes one easy-read message, previews it with a
real person's details, and sends one email to each person chosen."""

import pytest
from django.urls import reverse

from mail.models import Email
from seminars import emails, services
from seminars.models import Registration
from tests.factories import make_member
from tests.seminars.factories import make_seminar, sign_up_data, sign_up_people

pytestmark = pytest.mark.django_db

MESSAGE = "The room has changed.\nWe are in room 2 now.\nIt is on the ground floor."


@pytest.fixture
def seminar():
    """One place: Ann has it; Bob and Cat wait."""
    return sign_up_people(make_seminar(capacity=1), "Ann", "Bob", "Cat")


def url(seminar):
    return reverse("admin:seminars_seminar_email_everyone", args=[seminar.pk])


def post(client, seminar, button="_preview", **fields):
    data = {"subject": "A new room", "message": MESSAGE, "audience": "places", button: "1"}
    return client.post(url(seminar), {**data, **fields})


def test_the_seminar_page_leads_to_email_everyone(facilitator_client, seminar):
    change = reverse("admin:seminars_seminar_change", args=[seminar.pk])
    html = facilitator_client.get(change).content.decode()
    assert f'<a href="{url(seminar)}">Email everyone at once</a>' in html
    assert facilitator_client.get(url(seminar)).status_code == 200


def test_the_preview_shows_a_real_persons_copy_escaped_and_sends_nothing(
    facilitator_client, seminar, mailoutbox
):
    mailoutbox.clear()
    Registration.objects.filter(email="ann@example.org").update(name="Ann <b>Smith</b>")
    html = post(
        facilitator_client, seminar, message=MESSAGE + "\nBring <script>alert(1)</script>."
    ).content.decode()
    assert "Preview: what Ann &lt;b&gt;Smith&lt;/b&gt; will get" in html
    assert "Hello Ann &lt;b&gt;Smith&lt;/b&gt;," in html
    assert "We are in room 2 now." in html
    assert "Bring &lt;script&gt;alert(1)&lt;/script&gt;." in html
    assert "<script>alert(1)</script>" not in html
    assert 'name="_send"' in html
    assert mailoutbox == []


def test_the_message_has_the_easy_read_check(facilitator_client, seminar):
    long = " ".join(["word"] * 30) + "."
    html = post(facilitator_client, seminar, message=long).content.decode()
    assert "this may be hard to read." in html
    assert "Sentence 1 has 30 words." in html


def test_sending_emails_each_person_with_a_place_their_own_copy(
    facilitator_client, seminar, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(facilitator_client, seminar, button="_send")
    assert response.status_code == 302
    [message] = mailoutbox
    ann = Registration.objects.get(email="ann@example.org")
    assert message.to == ["ann@example.org"]
    assert message.subject == "A new room"
    assert message.body.startswith("Hello Ann Smith,\n\nThe room has changed.\nWe are in room 2")
    assert emails.site_url(ann.get_absolute_url()) in message.body


@pytest.mark.parametrize(
    ("audience", "who"),
    [
        ("waiting", ["bob@example.org", "cat@example.org"]),
        ("both", ["ann@example.org", "bob@example.org", "cat@example.org"]),
    ],
)
def test_the_waiting_list_or_both_get_it_when_chosen(
    facilitator_client, seminar, mailoutbox, django_capture_on_commit_callbacks, audience, who
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(facilitator_client, seminar, button="_send", audience=audience)
    assert [message.to[0] for message in mailoutbox] == who
    for message in mailoutbox:
        registration = Registration.objects.get(email=message.to[0])
        assert f"Hello {registration.name}," in message.body
        assert emails.site_url(registration.get_absolute_url()) in message.body
    # Each copy is in the person's email log, on their registration.
    logged = Email.objects.filter(kind="seminars.message").values_list("to", "object_id")
    assert sorted(logged) == sorted(
        (email, Registration.objects.get(email=email).pk) for email in who
    )


def test_a_group_with_nobody_in_it_is_explained_and_nothing_is_sent(facilitator_client, mailoutbox):
    seminar = make_seminar()
    services.sign_up(seminar, **sign_up_data())
    mailoutbox.clear()
    html = post(facilitator_client, seminar, button="_send", audience="waiting").content.decode()
    assert "Nobody is in this group yet. Choose another." in html
    assert MESSAGE.splitlines()[1] in html  # what was typed is kept
    assert mailoutbox == []


def test_an_empty_message_is_refused(facilitator_client, seminar):
    html = post(facilitator_client, seminar, message="").content.decode()
    assert "This field is required." in html


def test_members_cannot_email_everyone(client, seminar):
    client.force_login(make_member())
    response = client.get(url(seminar))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
