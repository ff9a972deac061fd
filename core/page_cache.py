"""Whole-page cache for anonymous visitors, invalidated by any change to the content.

Most visits are anonymous and every anonymous visitor sees the same page, so it is built
once and then served from the cache. It is on when the cache is shared by every app
process (REDIS_URL is set), or with PAGE_CACHE=true. Any save, delete or many-to-many
change of a content model (evidence, meetings, seminars) moves a version number on, so a
change made in the admin is visible at once everywhere: old pages are never served again.

What people send is not content. A sign-up or a cancelled place moves only the "places"
version, which is in the key of the pages that show places left (the home page and the
seminar pages); survey answers move nothing. So a busy sign-up day does not empty the
cache of every finding and meeting. In the same way a member's "this happens to me too"
moves only the "marks" version, in the key of the pages that show how many said so (the
findings, themes, tags, sources, the evidence map and search).

The key is the scheme, the host, the path and the query. Anybody can type any address, so
a page with a query is only kept when every parameter is one the pages use (``PARAMETERS``)
with a value shaped like the portal's own links, in any order; anything else is built for
that visitor and not kept, so junk queries cannot fill the shared cache. Searches (``q``)
are never kept for the same reason: every search is different.

Pages are only cached when nothing about them belongs to one person: no session or
message cookie on the request (so the visitor is not logged in and has nothing waiting
for them), and no cookie set by the response (a page with a form sets the CSRF cookie).
"""

import hashlib
import re

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.http import urlencode
from django.utils.module_loading import import_string

VERSION_KEY = "page-cache:version"
PLACES_VERSION_KEY = "page-cache:places-version"
MARKS_VERSION_KEY = "page-cache:marks-version"
# Which apps hold content, and which models are what people send, is the configuration's
# to say (config/settings.py: PAGE_CACHE_*), so that this module names no domain app.
CONTENT_APPS = set(settings.PAGE_CACHE_CONTENT_APPS)
PLACES_MODELS = set(settings.PAGE_CACHE_PLACES_MODELS)
MARKS_MODELS = set(settings.PAGE_CACHE_MARKS_MODELS)
PEOPLE_MODELS = PLACES_MODELS | MARKS_MODELS | set(settings.PAGE_CACHE_PEOPLE_MODELS)
# Pages that show places left: "/" itself, and every page under a path that ends with "/"
# other than "/" (the seminar pages). Their key has the places version.
PLACES_PAGES = set(settings.PAGE_CACHE_PLACES_PAGES)
PLACES_PATHS = tuple(page for page in PLACES_PAGES if page != "/")
# Pages that show how many members said "this happens to me too": every page under these.
MARKS_PATHS = tuple(settings.PAGE_CACHE_MARKS_PATHS)
# The query parameters the pages read (evidence/search.py: "q", FACETS and "all"; "page" on
# every list), each with the shape of the values the portal's own links give it. An empty
# value is fine (an empty search box); a search is never kept.
SLUG = re.compile(r"(?:[a-z0-9][a-z0-9_-]{0,79})?")
PARAMETERS = {
    "page": re.compile(r"(?:[1-9][0-9]{0,3})?"),
    "q": re.compile(r""),
    **dict.fromkeys(["theme", "kind", "tag", "source", "source_kind", "all"], SLUG),
}
UNCACHED_PREFIXES = ("/admin/", "/accounts/", "/static/", "/media/")
PERSONAL_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
TIMEOUT = 60 * 60


def _version(key: str) -> int:
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, timeout=None)
        version = cache.get(key, 1)
    return version


def _move_on(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, timeout=None)


def content_version() -> int:
    return _version(VERSION_KEY)


def places_version() -> int:
    return _version(PLACES_VERSION_KEY)


def marks_version() -> int:
    return _version(MARKS_VERSION_KEY)


def content_changed(**kwargs) -> None:
    """Make every cached page out of date (called when content is saved or deleted)."""
    _move_on(VERSION_KEY)


def places_changed() -> None:
    """Make the pages that show places left out of date (a place was taken or freed)."""
    _move_on(PLACES_VERSION_KEY)


def marks_changed() -> None:
    """Make the pages that count members' marks out of date (a member marked or took back)."""
    _move_on(MARKS_VERSION_KEY)


def _label(sender) -> str:
    meta = getattr(sender, "_meta", None)
    return meta.label_lower if meta is not None else ""


def _is_content_model(sender) -> bool:
    label = _label(sender)
    return label.split(".")[0] in CONTENT_APPS and label not in PEOPLE_MODELS


def _on_change(sender, **kwargs):
    if _label(sender) in PLACES_MODELS:
        places_changed()
    elif _label(sender) in MARKS_MODELS:
        marks_changed()
    elif _is_content_model(sender):
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
        if not self._may_use_cache(request) or (query := self._query(request)) is None:
            return self.get_response(request)
        key = self._key(request, query)
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
    def _query(request) -> str | None:
        """The query in one order, or None when it is not one the pages' own links make."""
        pairs = []
        for name, values in request.GET.lists():
            shape = PARAMETERS.get(name)
            if shape is None or len(values) != 1 or not shape.fullmatch(values[0]):
                return None
            pairs.append((name, values[0]))
        return urlencode(sorted(pairs))

    @staticmethod
    def _key(request, query: str) -> str:
        # Reading choices (bigger text, contrast, pictures) give their own copy; other
        # cookies, which anybody can make up, do not.
        # The one cookie pages depend on, reduced to its few valid values by the function
        # settings.PAGE_CACHE_VARIANT names (the reading choices of easyread).
        choices = import_string(settings.PAGE_CACHE_VARIANT)(request)
        path = request.path
        places = places_version() if path in PLACES_PAGES or path.startswith(PLACES_PATHS) else 0
        marks = marks_version() if path.startswith(MARKS_PATHS) else 0
        raw = f"{request.method}|{request.scheme}|{request.get_host()}|{path}|{query}|{choices}"
        digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
        return f"page-cache:{content_version()}:{places}:{marks}:{digest}"
