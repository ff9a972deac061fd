"""Whole-page cache for anonymous visitors, invalidated by any change to the content.

Most visits are anonymous and every anonymous visitor sees the same page, so it is built
once and then served from the cache. It is on when the cache is shared by every app
process (REDIS_URL is set), or with PAGE_CACHE=true. Any save, delete or many-to-many
change of a content model (evidence, meetings, seminars) moves a version number on, so a
change made in the admin is visible at once everywhere: old pages are never served again.

Pages are only cached when nothing about them belongs to one person: no session or
message cookie on the request (so the visitor is not logged in and has nothing waiting
for them), and no cookie set by the response (a page with a form sets the CSRF cookie).
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "page-cache:version"
CONTENT_APPS = {"evidence", "meetings", "seminars"}
UNCACHED_PREFIXES = ("/admin/", "/accounts/", "/static/", "/media/")
PERSONAL_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
TIMEOUT = 60 * 60


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def content_changed(**kwargs) -> None:
    """Make every cached page out of date (called when content is saved or deleted)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def _is_content_model(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in CONTENT_APPS


def _on_change(sender, **kwargs):
    if _is_content_model(sender):
        content_changed()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_") and (
        _is_content_model(sender) or _is_content_model(kwargs.get("model"))
    ):
        content_changed()


def connect_signals() -> None:
    post_save.connect(_on_change, dispatch_uid="page-cache-save")
    post_delete.connect(_on_change, dispatch_uid="page-cache-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="page-cache-m2m")


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET pages from the cache; store the ones that are the same for all."""

    def __init__(self, get_response):
        self.get_response = get_response
        apps.get_app_config("spirit")  # the signals are connected in SpiritConfig.ready()

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        key = self._key(request)
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._may_store(response):
            cache.set(key, response, TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _may_use_cache(request) -> bool:
        return (
            settings.PAGE_CACHE
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(UNCACHED_PREFIXES)
            and not PERSONAL_COOKIES & request.COOKIES.keys()
        )

    @staticmethod
    def _may_store(response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _key(request) -> str:
        # Display choices kept in cookies (bigger text, contrast) give their own copy.
        choices = sorted(
            (name, value)
            for name, value in request.COOKIES.items()
            if name != settings.CSRF_COOKIE_NAME
        )
        raw = f"{request.method}|{request.get_full_path()}|{choices}"
        digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
        return f"page-cache:{content_version()}:{digest}"
