import uuid
from datetime import timedelta

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import etree

from seminars.models import Seminar, Session, validate_photo, validate_podcast_audio
from tests.seminars.factories import make_seminar, make_session, make_speaker

pytestmark = pytest.mark.django_db

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
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
    assert entry.summary == (
        "A recording from Launch seminar. Read every word: "
        f"http://127.0.0.1:8000/seminars/{seminar.slug}/transcripts/{entry_session(seminar).pk}/"
    )
    [enclosure] = entry.enclosures
    assert enclosure.type == "audio/mpeg"
    assert enclosure.length == str(len(MP3))
    assert enclosure.href.startswith("http://") and enclosure.href.endswith(".mp3")
    assert entry.itunes_duration == "1500"


def entry_session(seminar) -> Session:
    return seminar.sessions.with_podcast().get()


def feed_xml(client, seminar):
    response = client.get(f"/seminars/{seminar.slug}/podcast.xml")
    assert response.status_code == 200
    return response, etree.fromstring(response.content)


def test_the_feed_has_every_tag_apple_and_podcast_index_require(client, settings):
    settings.SEMINARS_CONTACT_EMAIL = "podcasts@spirit.example.org"
    seminar = make_seminar(title="Launch seminar")
    add_podcast(
        make_session(seminar, title="What is research?", summary="Mel says what research is.")
    )
    response, root = feed_xml(client, seminar)
    channel = root.find("channel")
    # Apple Podcasts: https://podcasters.apple.com/support/823-podcast-requirements
    for tag in ["title", "description", "language", "link"]:
        assert channel.findtext(tag), tag
    artwork = channel.find(f"{{{ITUNES}}}image").get("href")
    assert artwork.startswith("http://") and artwork.endswith(".png")
    assert channel.find(f"{{{ITUNES}}}category").get("text") == "Education"
    assert channel.findtext(f"{{{ITUNES}}}explicit") == "false"
    assert channel.findtext(f"{{{ITUNES}}}owner/{{{ITUNES}}}email") == "podcasts@spirit.example.org"
    assert channel.findtext(f"{{{ITUNES}}}author") == "SPIRIT"
    # The channel links to the seminar page, not to the feed.
    assert channel.findtext("link") == "http://127.0.0.1:8000" + seminar.get_absolute_url()
    # Podcast Index: https://podcastindex.org/namespace/1.0 (guid: UUIDv5 of the address)
    feed_address = f"127.0.0.1:8000/seminars/{seminar.slug}/podcast.xml"
    assert channel.findtext(f"{{{PODCAST}}}guid") == str(
        uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), feed_address)
    )
    [item] = channel.findall("item")
    assert item.findtext("title") and item.find("enclosure").get("url")
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.findtext("description") == (
        "Mel says what research is. Read every word: "
        f"http://127.0.0.1:8000/seminars/{seminar.slug}/transcripts/{entry_session(seminar).pk}/"
    )
    transcript = item.find(f"{{{PODCAST}}}transcript")
    assert transcript.get("type") == "text/html"
    assert (
        client.get(transcript.get("url").removeprefix("http://127.0.0.1:8000")).status_code == 200
    )
    assert feedparser.parse(response.content).bozo == 0


def test_the_episode_guid_stays_when_the_recording_moves(client, settings, tmp_path):
    seminar = make_seminar()
    session = add_podcast(make_session(seminar))
    _, before = feed_xml(client, seminar)
    settings.MEDIA_URL = "/elsewhere/"
    _, after = feed_xml(client, seminar)
    assert before.findtext("channel/item/guid") == after.findtext("channel/item/guid")
    assert before.findtext("channel/item/guid") == f"session-{session.pk}@spirit-seminars"
    assert (
        after.find("channel/item/enclosure")
        .get("url")
        .startswith("http://127.0.0.1:8000/elsewhere/")
    )


def test_an_unchanged_feed_answers_not_modified(client):
    seminar = make_seminar()
    add_podcast(make_session(seminar))
    response, _ = feed_xml(client, seminar)
    url = f"/seminars/{seminar.slug}/podcast.xml"
    assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_no_feed_or_transcript_for_a_seminar_still_in_planning(client):
    seminar = Seminar.objects.create(title="Not yet", slug="not-yet", description="Soon.")
    session = add_podcast(make_session(seminar))
    assert client.get(f"/seminars/{seminar.slug}/podcast.xml").status_code == 404
    assert client.get(f"/seminars/{seminar.slug}/transcripts/{session.pk}/").status_code == 404


def test_the_transcript_page_has_every_word(client):
    seminar = make_seminar()
    session = add_podcast(make_session(seminar, title="What is research?"))
    html = client.get(f"/seminars/{seminar.slug}/transcripts/{session.pk}/").content.decode()
    assert "<h1>The words of What is research?</h1>" in html
    assert "<p>Research means finding things out carefully.</p>" in html
    assert 'rel="alternate" type="application/rss+xml"' not in html


def test_seminar_page_plays_the_podcast_with_its_transcript(client):
    seminar = make_seminar()
    session = add_podcast(make_session(seminar, title="What is research?"))
    html = client.get(seminar.get_absolute_url()).content.decode()
    assert f'<audio controls preload="none" src="{session.podcast_audio.url}"' in html
    assert "Download the recording of What is research? (MPEG, 0.1 MB)" in html
    assert "<p>Research means finding things out carefully.</p>" in html
    assert "The podcast feed for" in html
    feed = f"/seminars/{seminar.slug}/podcast.xml"
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        f'title="The podcast feed for {seminar.title}" href="{feed}">'
    ) in html
    assert f'href="/seminars/{seminar.slug}/transcripts/{session.pk}/"' in html


def test_a_seminar_page_without_podcasts_has_no_feed_link(client):
    html = client.get(make_seminar().get_absolute_url()).content.decode()
    assert "application/rss+xml" not in html
