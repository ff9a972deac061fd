"""sitemap.xml: every public page, so search engines find them all (django.contrib.sitemaps).

Drafts, sign-up forms, personal pages, the admin and log-in pages are left out; so are
filtered lists, which are the list itself (their canonical link says so).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import sitemaps
from django.urls import reverse

from evidence.models import Finding, Source, Tag, Theme
from meetings.models import Meeting
from seminars.models import Seminar, Session

PAGES = [
    "home",
    "accessibility",
    "privacy",
    "easyread:glossary",
    "easyread:credits",
    "evidence:list",
    "evidence:sources",
    "evidence:map",
    "evidence:handouts",
    "meetings:list",
    "meetings:next_steps",
    "seminars:list",
]


class _Sitemap(sitemaps.Sitemap):
    """Addresses on the site's own address (SITE_URL), as in emails and feeds."""

    protocol = urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PageSitemap(_Sitemap):
    priority = 0.8

    def items(self):
        return PAGES

    def location(self, item):
        return reverse(item)


class _Updated(_Sitemap):
    def lastmod(self, item):
        return item.updated_at


class FindingSitemap(_Updated):
    def items(self):
        return Finding.objects.published().order_by("pk").only("pk", "updated_at")


class MeetingSitemap(_Updated):
    def items(self):
        return Meeting.objects.published().order_by("held_on").only("slug", "updated_at")


class SeminarSitemap(_Updated):
    def items(self):
        return Seminar.objects.order_by("pk").only("slug", "updated_at")


class _Slugs(_Sitemap):
    model = None

    def items(self):
        return self.model.objects.order_by("slug").only("slug")


class SourceSitemap(_Slugs):
    model = Source


class ThemeSitemap(_Slugs):
    model = Theme


class TagSitemap(_Slugs):
    model = Tag


class HandoutSitemap(_Slugs):
    model = Theme

    def location(self, item):
        return reverse("evidence:theme_handout", kwargs={"slug": item.slug})


class TranscriptSitemap(_Sitemap):
    def items(self):
        return (
            Session.objects.with_podcast()
            .filter(seminar__in=Seminar.objects.published())
            .select_related("seminar")
            .only("pk", "seminar__slug")
            .order_by("pk")
        )

    def location(self, item):
        return reverse("seminars:transcript", kwargs={"slug": item.seminar.slug, "pk": item.pk})


SITEMAPS = {
    "pages": PageSitemap,
    "findings": FindingSitemap,
    "sources": SourceSitemap,
    "themes": ThemeSitemap,
    "tags": TagSitemap,
    "handouts": HandoutSitemap,
    "meetings": MeetingSitemap,
    "seminars": SeminarSitemap,
    "transcripts": TranscriptSitemap,
}
