"""The podcast feed: RSS 2.0 with an enclosure for each recording, and iTunes tags so
podcast apps can subscribe to a seminar's talks."""

from feedgen.feed import FeedGenerator

from seminars.emails import site_url
from seminars.models import Seminar


def podcast_rss(seminar: Seminar, sessions) -> bytes:
    """The feed for a seminar's recordings. Each item links to the seminar page, where the
    transcript is, and carries the transcript as its description."""
    feed = FeedGenerator()
    feed.load_extension("podcast")
    page = site_url(seminar.get_absolute_url())
    feed.id(page)
    feed.title(f"{seminar.title}: podcasts from SPIRIT")
    feed.link(href=page, rel="alternate")
    feed.link(href=site_url(f"{seminar.get_absolute_url()}podcast.xml"), rel="self")
    feed.description("Recordings of the talks at a SPIRIT seminar, each with a written transcript.")
    feed.language("en-GB")
    feed.podcast.itunes_author("SPIRIT")
    feed.podcast.itunes_category("Education")
    feed.podcast.itunes_explicit("no")
    feed.podcast.itunes_summary(seminar.description)
    for session in sessions:
        entry = feed.add_entry(order="append")
        entry.id(site_url(session.podcast_audio.url))
        entry.guid(site_url(session.podcast_audio.url), permalink=False)
        title = session.title
        if session.speaker_id:
            title = f"{session.title}, by {session.speaker.name}"
        entry.title(title)
        entry.link(href=f"{page}#session-{session.pk}")
        entry.description(session.transcript)
        entry.enclosure(
            site_url(session.podcast_audio.url), str(session.podcast_bytes), session.podcast_type
        )
        if session.published_at:
            entry.published(session.published_at)
        if session.podcast_duration:
            entry.podcast.itunes_duration(int(session.podcast_duration.total_seconds()))
    return feed.rss_str(pretty=True)
