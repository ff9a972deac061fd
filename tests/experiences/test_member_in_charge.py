"""The member stays in charge: withdraw, the recording's privacy, download and deletion."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from evidence.models import Finding, FindingKind
from experiences.models import Experience
from experiences.storage import private_storage
from spirit.privacy import delete_account, export_personal_data
from tests.evidence.factories import make_finding, make_tag, make_theme
from tests.experiences.conftest import wav_bytes
from tests.experiences.factories import make_experience
from tests.factories import make_facilitator, make_member

pytestmark = pytest.mark.django_db


def published(member, **overrides):
    """An experience as 18b's publishing leaves it: a member-experience finding linked."""
    finding = make_finding(kind=FindingKind.MEMBER_EXPERIENCE, easy_read="The bus did not wait.")
    return make_experience(
        member, recording=True, state=Experience.State.PUBLISHED, finding=finding, **overrides
    )


def test_withdraw_asks_first_then_unpublishes_and_deletes_the_recording(
    client, django_capture_on_commit_callbacks, private_media
):
    member = make_member()
    experience = published(member)
    recording = Path(private_media) / experience.recording.name
    assert recording.exists()
    client.force_login(member)

    sure = client.get(reverse("experiences:withdraw", kwargs={"pk": experience.pk}))
    assert "Are you sure you want to take it back?" in sure.content.decode()
    assert "We will delete your recording." in sure.content.decode()
    # Posting without saying yes changes nothing.
    client.post(reverse("experiences:withdraw", kwargs={"pk": experience.pk}))
    assert Experience.objects.get().state == "published"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("experiences:withdraw", kwargs={"pk": experience.pk}), {"sure": "yes"}
        )
    assert response["Location"] == reverse("experiences:mine")
    experience.refresh_from_db()
    assert experience.state == "withdrawn" and experience.withdrawn_at is not None
    assert not experience.recording and experience.finding is None
    assert not recording.exists()
    assert not Finding.objects.filter(kind=FindingKind.MEMBER_EXPERIENCE).exists()
    mine = client.get(reverse("experiences:mine")).content.decode()
    assert "You took it back on" in mine and "Take it back</a>" not in mine


def test_another_member_cannot_withdraw_or_hear_it(client):
    experience = published(make_member())
    client.force_login(make_member())
    withdraw = reverse("experiences:withdraw", kwargs={"pk": experience.pk})
    assert client.post(withdraw, {"sure": "yes"}).status_code == 404
    assert client.get(experience.recording_url()).status_code == 404
    assert Experience.objects.get().state == "published"


def test_the_recording_is_served_privately_to_the_member_and_a_facilitator(client):
    member = make_member()
    experience = make_experience(member, recording=True)
    for person in (member, make_facilitator()):
        client.force_login(person)
        response = client.get(experience.recording_url())
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == wav_bytes()
        assert response["Content-Type"] == "audio/wav"
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_the_recording_has_no_public_address(client, settings, live_server_free_paths):
    experience = make_experience(make_member(), recording=True)
    name = experience.recording.name
    with pytest.raises(ValueError, match="no public address"):
        private_storage().url(name)
    for path in live_server_free_paths(name):
        assert client.get(path).status_code == 404, path


@pytest.fixture
def live_server_free_paths(settings):
    def paths(name):
        return [f"{settings.MEDIA_URL}{name}", f"{settings.STATIC_URL}{name}", f"/{name}"]

    return paths


def test_a_recording_on_the_disk_is_readable_by_the_portal_only(private_media):
    experience = make_experience(make_member(), recording=True)
    path = Path(private_media) / experience.recording.name
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_the_private_folder_is_outside_the_public_ones_by_default():
    from config import settings as real

    private = Path(real.PRIVATE_MEDIA_ROOT).resolve()
    for public in (real.MEDIA_ROOT, real.STATIC_ROOT):
        assert not private.is_relative_to(Path(public).resolve())
        assert not Path(public).resolve().is_relative_to(private)


def test_download_my_information_has_the_experiences_but_not_the_sound(client):
    member = make_member()
    theme = make_theme(name="Getting about")
    experience = make_experience(
        member, recording=True, theme=theme, place="Brighton", facilitator_notes="Phone Sam."
    )
    experience.tags.set([make_tag(name="buses")])
    make_experience(make_member(), words="Somebody else's story.")
    data = export_personal_data(member)
    rows = data["related"]["experiences.Experience"]
    assert len(rows) == 1
    row = rows[0]
    assert row["what_happened"] == experience.words
    assert row["has_recording"] is True
    assert row["topic"] == "Getting about" and row["tags"] == ["buses"]
    assert row["where"] == "Brighton"
    assert row["consent_text"] == experience.consent_text
    assert row["state"] == "Waiting for a facilitator"
    text = json.dumps(data)
    assert "Phone Sam." not in text and "Somebody else's story." not in text
    client.force_login(member)
    download = client.get(reverse("download_your_data"))
    assert experience.words in download.content.decode()


def test_deleting_the_account_deletes_experiences_findings_and_recordings(
    django_capture_on_commit_callbacks, private_media
):
    member = make_member()
    experience = published(member)
    waiting = make_experience(member, recording=True)
    files = [Path(private_media) / e.recording.name for e in (experience, waiting)]
    assert all(file.exists() for file in files)
    other = make_experience(make_member(), recording=True)
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(member)
    assert list(Experience.objects.all()) == [other]
    assert not Finding.objects.filter(kind=FindingKind.MEMBER_EXPERIENCE).exists()
    assert not any(file.exists() for file in files)
    assert (Path(private_media) / other.recording.name).exists()
