"""The podcast feed: RSS 2.0 with an enclosure for each recording, the iTunes tags Apple
Podcasts asks for and the Podcast Index namespace (a transcript file and a guid).

- The channel links to the seminar page; artwork (1400 px square PNG) and the owner (the
  group's contact address) are given, and ``itunes:explicit`` is ``false``.
- ``podcast:guid`` is the UUIDv5 of the feed's address, as the namespace says.
- Each episode's guid never changes (not the file's address, which moves with storage).
- Each episode links its transcript page (``podcast:transcript``, text/html); the
  description is the short easy-read summary, well under Apple's 4,000 bytes.
"""

import uuid

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from seminars.emails import site_url
from seminars.models import Seminar, Session

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
# The namespace the Podcast Index namespace gives for podcast:guid.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
ARTWORK = "icons/podcast-artwork.png"


def podcast_guid(feed_url: str) -> str:
    """The feed's address without its scheme or trailing slashes, as UUIDv5."""
    address = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, address))


def episode_guid(session: Session) -> str:
    return f"session-{session.pk}@spirit-seminars"


def transcript_url(session: Session) -> str:
    return site_url(
        reverse("seminars:transcript", kwargs={"slug": session.seminar.slug, "pk": session.pk})
    )


class _Channel(BaseExtension):
    """What feedgen's podcast extension cannot write: explicit as true or false, the
    Podcast Index guid."""

    def __init__(self):
        self.guid = ""

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss_feed):
        channel = rss_feed[0]
        xml_elem(f"{{{ITUNES_NS}}}explicit", channel).text = "false"
        xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self.guid
        return rss_feed


class _Episode(BaseEntryExtension):
    def __init__(self):
        self.transcript = ""

    def extend_rss(self, entry):
        xml_elem(f"{{{ITUNES_NS}}}explicit", entry).text = "false"
        transcript = xml_elem(f"{{{PODCAST_NS}}}transcript", entry)
        transcript.attrib.update({"url": self.transcript, "type": "text/html", "language": "en-GB"})
        return entry


def _description(session: Session) -> str:
    summary = " ".join(session.summary.split()) or f"A recording from {session.seminar.title}."
    return f"{summary} Read every word: {transcript_url(session)}"


def podcast_rss(seminar: Seminar, sessions) -> bytes:
    """The feed for a seminar's recordings (sessions with their speaker loaded)."""
    page = site_url(seminar.get_absolute_url())
    feed_url = site_url(reverse("seminars:podcast", kwargs={"slug": seminar.slug}))
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.register_extension("spirit", _Channel, _Episode, atom=False)
    feed.id(page)
    feed.title(f"{seminar.title}: podcasts from SPIRIT")
    # feedgen writes the last link as the channel's <link>: the seminar page.
    feed.link(href=feed_url, rel="self")
    feed.link(href=page, rel="alternate")
    feed.description("Recordings of the talks at a SPIRIT seminar, each with a written transcript.")
    feed.language("en-GB")
    feed.image(url=site_url(static(ARTWORK)), title=feed.title(), link=page)
    feed.podcast.itunes_image(site_url(static(ARTWORK)))
    feed.podcast.itunes_author("SPIRIT")
    feed.podcast.itunes_owner(name="SPIRIT", email=settings.SEMINARS_CONTACT_EMAIL)
    feed.podcast.itunes_category("Education")
    feed.podcast.itunes_type("episodic")
    feed.podcast.itunes_summary(seminar.description)
    feed.spirit.guid = podcast_guid(feed_url)
    sessions = list(sessions)
    # Built from the content, not the clock, so an unchanged feed keeps its ETag.
    feed.lastBuildDate(
        max([seminar.updated_at, *(s.published_at for s in sessions if s.published_at)])
    )
    for session in sessions:
        session.seminar = seminar
        entry = feed.add_entry(order="append")
        entry.id(episode_guid(session))
        entry.guid(episode_guid(session), permalink=False)
        title = session.title
        if session.speaker_id:
            title = f"{session.title}, by {session.speaker.name}"
        entry.title(title)
        entry.link(href=f"{page}#session-{session.pk}")
        entry.description(_description(session))
        entry.enclosure(
            site_url(session.podcast_audio.url), str(session.podcast_bytes), session.podcast_type
        )
        if session.published_at:
            entry.published(session.published_at)
        if session.podcast_duration:
            entry.podcast.itunes_duration(int(session.podcast_duration.total_seconds()))
        entry.spirit.transcript = transcript_url(session)
    return feed.rss_str(pretty=True)
