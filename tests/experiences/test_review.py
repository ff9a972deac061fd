"""The facilitators' review: a queue in the admin, publish as a finding (with the sharing
choice respected), keep private, the member told by email once, no lost update."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from evidence.models import Finding, FindingKind, Strength
from experiences import review
from experiences.models import Experience
from mail.models import Email
from tests.evidence.factories import make_tag, make_theme
from tests.experiences.factories import make_experience
from tests.factories import make_facilitator, make_member

pytestmark = pytest.mark.django_db

EASY_READ = "The bus driver did not wait for me.\nI missed my day centre."


@pytest.fixture
def member():
    person = make_member(first_name="Ann", email="ann@example.org", username="ann@example.org")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    return person


@pytest.fixture
def facilitator(client):
    person = make_facilitator(first_name="Fay")
    client.force_login(person)
    return person


def change_url(experience) -> str:
    return reverse("admin:experiences_experience_change", args=[experience.pk])


def form_data(experience, **changes) -> dict:
    data = {
        "original_wording": experience.words,
        "easy_read_version": EASY_READ,
        "theme": "",
        "tags": [],
        "strength": str(Strength.ONE_STORY),
        "strength_reason": "It is one person's story.",
        "facilitator_notes": "",
        "seen_version": str(experience.version),
        "seen_history": "",
    }
    return {**data, **changes}


# --- The queue -----------------------------------------------------------------------------


def test_the_queue_shows_waiting_experiences_first_and_filters_by_state(
    client, facilitator, member, django_assert_max_num_queries
):
    done = make_experience(member, words="Published one.", state=Experience.State.PUBLISHED)
    first = make_experience(member, words="Waiting one.")
    second = make_experience(member, words="Waiting two.")
    url = reverse("admin:experiences_experience_changelist")
    client.get(url)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert list(response.context["cl"].result_list) == [first, second, done]
    waiting = client.get(url, {"state__exact": "waiting"})
    assert list(waiting.context["cl"].result_list) == [first, second]
    for _ in range(5):
        make_experience(member)
    with django_assert_max_num_queries(20):
        client.get(url)


def test_the_start_page_counts_the_waiting_experiences(client, facilitator, member):
    make_experience(member)
    make_experience(member)
    make_experience(member, state=Experience.State.PUBLISHED)
    page = client.get(reverse("admin:index")).content.decode()
    assert "2 experiences are waiting for you to read." in page
    assert "/admin/experiences/experience/?state__exact=waiting" in page


def test_the_change_page_lets_them_listen_and_read_the_consent(client, facilitator, member):
    experience = make_experience(member, recording=True)
    page = client.get(change_url(experience)).content.decode()
    assert f'<audio controls preload="metadata" src="{experience.recording_url()}">' in page
    assert experience.consent_text in page
    assert "Publish as a finding" in page
    # The recording's address answers the facilitator with the sound.
    response = client.get(experience.recording_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    response.close()


def test_nobody_adds_or_deletes_an_experience_in_the_admin(client, facilitator, member):
    experience = make_experience(member, recording=True)
    assert client.get(reverse("admin:experiences_experience_add")).status_code == 403
    delete = reverse("admin:experiences_experience_delete", args=[experience.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Experience.objects.filter(pk=experience.pk).exists()
    page = client.get(change_url(experience)).content.decode()
    assert "View on site" not in page


# --- Publish -----------------------------------------------------------------------------


def test_publish_makes_a_member_experience_finding_and_emails_the_member_once(
    client, facilitator, member
):
    theme = make_theme(name="Getting about", slug="getting-about")
    tag = make_tag(name="Transport", slug="transport")
    experience = make_experience(member, sharing=Experience.Sharing.FIRST_NAME)
    data = form_data(experience, theme=str(theme.pk), tags=[str(tag.pk)], _publish="1")
    response = client.post(change_url(experience), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    experience.refresh_from_db()
    finding = experience.finding
    assert experience.state == Experience.State.PUBLISHED
    assert experience.reviewed_by == facilitator
    assert experience.published_at is not None
    assert finding.kind == FindingKind.MEMBER_EXPERIENCE
    assert finding.strength == Strength.ONE_STORY
    assert finding.theme == theme
    assert list(finding.tags.all()) == [tag]
    assert finding.easy_read == EASY_READ
    assert finding.original_wording == "The bus driver would not wait for me."
    assert finding.strength_reason == "Ann told us this. It is one person's story."
    assert finding.source.kind == "members_experience"

    emails = Email.objects.filter(kind=review.EMAIL_KIND)
    assert [email.to for email in emails] == ["ann@example.org"]
    body = emails.get().body
    assert "We put it on the SPIRIT website." in body
    assert "http://testserver" not in body and reverse("experiences:mine") in body
    assert "The bus driver did not wait for me." in body

    # Correcting it later updates the same finding and sends no second email.
    experience.refresh_from_db()
    again = form_data(
        experience,
        theme=str(theme.pk),
        tags=[str(tag.pk)],
        easy_read_version="The bus did not wait.",
        _publish="1",
    )
    assert client.post(change_url(experience), again).status_code == 302
    assert Finding.objects.filter(kind=FindingKind.MEMBER_EXPERIENCE).count() == 1
    assert Finding.objects.get(pk=finding.pk).easy_read == "The bus did not wait."
    assert Email.objects.filter(kind=review.EMAIL_KIND).count() == 1


def test_without_a_name_the_finding_says_a_member(client, facilitator, member):
    theme = make_theme()
    experience = make_experience(member, sharing=Experience.Sharing.NO_NAME)
    review_data = form_data(experience, theme=str(theme.pk), _publish="1")
    client.post(change_url(experience), review_data)
    finding = Experience.objects.get(pk=experience.pk).finding
    assert finding.strength_reason.startswith("A member told us this.")
    client.logout()
    assert "Ann" not in client.get(finding.get_absolute_url()).content.decode()


def test_what_publishing_needs_is_said_next_to_each_box_and_nothing_is_lost(
    client, facilitator, member
):
    experience = make_experience(member)
    data = form_data(experience, easy_read_version="", original_wording="My own words.")
    response = client.post(change_url(experience), {**data, "_publish": "1"})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["theme"] == ["Choose the theme it is about."]
    assert errors["easy_read_version"] == ["Write the easy-read version."]
    assert "My own words." in response.content.decode()
    assert Experience.objects.get(pk=experience.pk).state == Experience.State.WAITING
    assert not Email.objects.exists()


def test_an_experience_not_to_be_shared_cannot_be_published_only_kept_private(
    client, facilitator, member
):
    theme = make_theme()
    experience = make_experience(member, sharing=Experience.Sharing.NOT_AT_ALL)
    page = client.get(change_url(experience)).content.decode()
    assert "Publish as a finding" not in page
    response = client.post(
        change_url(experience), form_data(experience, theme=str(theme.pk), _publish="1")
    )
    assert response.status_code == 200
    assert "The member asked us not to share it." in response.content.decode()
    assert not Finding.objects.exists()
    with pytest.raises(review.ReviewError):
        review.publish(experience, by=facilitator)

    experience.refresh_from_db()
    client.post(change_url(experience), form_data(experience, _keep_private="1"))
    experience.refresh_from_db()
    assert experience.state == Experience.State.NOT_SHARED
    assert experience.reviewed_by == facilitator
    assert not Finding.objects.exists()
    assert not Email.objects.exists()


def test_keeping_a_published_experience_private_takes_its_finding_away(facilitator, member):
    experience = make_experience(
        member, easy_read_version=EASY_READ, original_wording="Words.", theme=make_theme()
    )
    finding = review.publish(experience, by=facilitator)
    review.keep_private(experience, by=facilitator)
    assert not Finding.objects.filter(pk=finding.pk).exists()
    assert Experience.objects.get(pk=experience.pk).finding is None


def test_a_member_without_a_checked_address_gets_no_email(facilitator):
    someone = make_member(email="unchecked@example.org")
    experience = make_experience(
        someone, easy_read_version=EASY_READ, original_wording="Words.", theme=make_theme()
    )
    review.publish(experience, by=facilitator)
    assert not Email.objects.exists()


def test_two_facilitators_cannot_overwrite_each_other(client, facilitator, member):
    from django.test import Client

    experience = make_experience(member)
    seen = form_data(experience)
    other = Client()
    other.force_login(make_facilitator(first_name="Bea"))
    assert (
        other.post(
            change_url(experience), form_data(experience, easy_read_version="Bea's words.")
        ).status_code
        == 302
    )
    response = client.post(change_url(experience), {**seen, "easy_read_version": "Fay's words."})
    assert response.status_code == 200
    assert "saved this" in response.content.decode()
    assert Experience.objects.get(pk=experience.pk).easy_read_version == "Bea's words."


# --- Where a published experience shows ----------------------------------------------------


def test_a_published_experience_is_in_search_on_its_theme_and_on_the_map(
    client, facilitator, member
):
    theme = make_theme(name="Getting about", slug="getting-about")
    tag = make_tag(name="Transport", slug="transport")
    experience = make_experience(
        member,
        easy_read_version="The bus driver did not wait for me.",
        original_wording="The bus driver would not wait for me.",
        theme=theme,
    )
    experience.tags.set([tag])
    finding = review.publish(experience, by=facilitator)
    client.logout()

    search = client.get("/search/", {"q": "bus driver"}).content.decode()
    assert finding.get_absolute_url() in search
    listed = client.get("/findings/", {"q": "bus", "kind": "member_experience"})
    assert [f.pk for f in listed.context["page"].object_list] == [finding.pk]
    theme_page = client.get(theme.get_absolute_url()).content.decode()
    assert "What members told us: 1" in theme_page
    assert finding.get_absolute_url() in theme_page
    counted = client.get("/evidence-map/").context["map"]
    assert counted["experiences"] == 1
    row = next(row for row in counted["rows"] if row["tag"].slug == "transport")
    assert {cell["key"]: cell["count"] for cell in row["cells"]}["members_experience"] == 1


def test_my_experiences_shows_what_was_published(client, facilitator, member):
    experience = make_experience(
        member, easy_read_version=EASY_READ, original_wording="Words.", theme=make_theme()
    )
    finding = review.publish(experience, by=facilitator)
    client.force_login(member)
    page = client.get(reverse("experiences:mine")).content.decode()
    assert finding.get_absolute_url() in page


def test_withdrawing_a_reviewed_experience_leaves_nothing_of_it_in_the_history(
    client, facilitator, member
):
    from reversion.models import Version

    from experiences import services

    theme = make_theme()
    experience = make_experience(member, words="A secret story about my landlord.")
    data = form_data(experience, theme=str(theme.pk), _publish="1")
    assert client.post(change_url(experience), data).status_code == 302
    assert Version.objects.filter(serialized_data__contains="landlord").exists()
    services.withdraw(Experience.objects.get(pk=experience.pk))
    assert not Version.objects.filter(serialized_data__contains="landlord").exists()
    assert not Finding.objects.exists()
