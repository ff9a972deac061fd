from datetime import timedelta

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from seminars.models import Session, validate_photo, validate_podcast_audio
from tests.seminars.factories import make_seminar, make_session, make_speaker

pytestmark = pytest.mark.django_db

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 256


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def add_podcast(session, content=MP3, name="talk.mp3"):
    session.podcast_audio = SimpleUploadedFile(name, content, content_type="audio/mpeg")
    session.transcript = "Hello everyone.\nResearch means finding things out carefully."
    session.podcast_duration = timedelta(minutes=25)
    session.full_clean()
    session.save()
    return session


def test_podcast_files_get_generated_names_and_their_size_is_kept():
    session = add_podcast(make_session(make_seminar()), name="My Talk (final).MP3")
    assert session.podcast_audio.name.startswith("seminars/podcasts/")
    assert session.podcast_audio.name.endswith(".mp3")
    assert "My Talk" not in session.podcast_audio.name
    assert session.podcast_bytes == len(MP3)
    assert session.podcast_type == "audio/mpeg"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("talk.exe", MP3, "Choose a sound file ending in .mp3, .m4a, .ogg."),
        ("talk.mp3", b"<html>not sound</html>", "This file is not really a sound file."),
    ],
)
def test_podcast_files_must_be_sound(name, content, message):
    with pytest.raises(ValidationError) as error:
        validate_podcast_audio(SimpleUploadedFile(name, content))
    assert error.value.messages[0].startswith(message)


def test_photos_must_be_pictures():
    with pytest.raises(ValidationError) as error:
        validate_photo(SimpleUploadedFile("me.png", b"GIF89a......"))
    assert error.value.messages == ["This file is not really a photo file. Choose another file."]


def test_a_podcast_needs_its_transcript():
    session = make_session(make_seminar())
    session.podcast_audio = SimpleUploadedFile("talk.mp3", MP3)
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["transcript"] == ["A podcast needs its transcript."]


def test_podcast_feed_has_an_enclosure_for_each_recording(client):
    seminar = make_seminar(title="Launch seminar")
    speaker = make_speaker(name="Mel")
    add_podcast(make_session(seminar, title="What is research?", speaker=speaker))
    make_session(seminar, title="Small groups", kind=Session.Kind.DISCUSSION)
    response = client.get(f"/seminars/{seminar.slug}/podcast.xml")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    assert feed.feed.title == "Launch seminar: podcasts from SPIRIT"
    assert feed.feed.language == "en-GB"
    [entry] = feed.entries
    assert entry.title == "What is research?, by Mel"
    assert entry.summary.startswith("Hello everyone.")
    [enclosure] = entry.enclosures
    assert enclosure.type == "audio/mpeg"
    assert enclosure.length == str(len(MP3))
    assert enclosure.href.startswith("http://") and enclosure.href.endswith(".mp3")
    assert entry.itunes_duration == "1500"


def test_seminar_page_plays_the_podcast_with_its_transcript(client):
    seminar = make_seminar()
    session = add_podcast(make_session(seminar, title="What is research?"))
    html = client.get(seminar.get_absolute_url()).content.decode()
    assert f'<audio controls preload="none" src="{session.podcast_audio.url}"' in html
    assert "Download the recording of What is research? (MPEG, 0.1 MB)" in html
    assert "<p>Research means finding things out carefully.</p>" in html
    assert "The podcast feed for" in html
