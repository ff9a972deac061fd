"""Compressed answers, only where compression cannot leak a secret.

BREACH: when a compressed page holds a secret (a CSRF token, a person's details) next to
text an attacker can choose (a search in the address), the size of the answer gives the
secret away a letter at a time. So we compress only answers that hold no secret:
- no CSRF token was put in the page (Django marks a request whose token was used);
- the visitor sent no session cookie (so they are not logged in and have no booking open);
- the answer sets no cookie and is not marked private or no-store (personal pages are).
Public pages, calendars, feeds and exports are therefore compressed; forms and anything
personal are not. Static files are compressed ahead of time by whitenoise.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import cc_delim_re


def carries_secret(request, response) -> bool:
    cache_control = {
        part.strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or response.cookies
        or cache_control & {"private", "no-store"}
    )


class PublicGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for answers without a secret (see above)."""

    def process_response(self, request, response):
        if carries_secret(request, response):
            return response
        return super().process_response(request, response)
