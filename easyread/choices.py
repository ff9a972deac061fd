"""How a member likes to read: bigger text, higher contrast, pictures on or off, and how
fast Listen reads.

The choices live in one cookie, so they stay from page to page without an account and
without JavaScript. ``base.html`` turns them into classes on ``<html>``.
"""

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

COOKIE_NAME = "spirit_reading"
COOKIE_AGE = 60 * 60 * 24 * 365 * 2  # 2 years

TEXT_SIZES = {"normal": "Normal text", "bigger": "Bigger text", "biggest": "Biggest text"}
CONTRASTS = {"normal": "Normal colours", "higher": "Higher contrast"}
PICTURE_CHOICES = {"show": "Show pictures", "hide": "Hide pictures"}
LISTEN_SPEEDS = {"normal": "Normal speed", "slower": "Slower"}


@dataclass(frozen=True)
class ReadingChoices:
    """One member's reading choices, with safe defaults for anything missing or odd."""

    text: str = "normal"
    contrast: str = "normal"
    pictures: str = "show"
    listen: str = "normal"

    @classmethod
    def from_cookie(cls, value: str | None) -> "ReadingChoices":
        """Read ``text:bigger,contrast:higher``; unknown names and values are ignored."""
        allowed = {
            "text": TEXT_SIZES,
            "contrast": CONTRASTS,
            "pictures": PICTURE_CHOICES,
            "listen": LISTEN_SPEEDS,
        }
        found = {}
        for part in (value or "").split(","):
            name, _, choice = part.partition(":")
            if name in allowed and choice in allowed[name]:
                found[name] = choice
        return cls(**found)

    @classmethod
    def from_request(cls, request: HttpRequest | None) -> "ReadingChoices":
        if request is None:
            return cls()
        return cls.from_cookie(request.COOKIES.get(COOKIE_NAME))

    def cookie_value(self) -> str:
        value = f"text:{self.text},contrast:{self.contrast},pictures:{self.pictures}"
        # The speed only when it is not normal: cookies saved before it was a choice stay the same.
        return value if self.listen == "normal" else f"{value},listen:{self.listen}"

    def html_classes(self) -> str:
        """Classes for ``<html>``; none when everything is as normal."""
        classes = []
        if self.text != "normal":
            classes.append(f"text-{self.text}")
        if self.contrast != "normal":
            classes.append(f"contrast-{self.contrast}")
        if self.pictures == "hide":
            classes.append("pictures-hidden")
        if self.listen != "normal":
            classes.append(f"listen-{self.listen}")  # spirit.js reads it for the speed
        return " ".join(classes)

    def remember(self, response: HttpResponse, *, secure: bool) -> HttpResponse:
        response.set_cookie(
            COOKIE_NAME,
            self.cookie_value(),
            max_age=COOKIE_AGE,
            samesite="Lax",
            httponly=True,
            secure=secure,
        )
        return response


def page_variant(request: HttpRequest) -> str:
    """Which version of a page this member sees: the page cache keeps one per choice."""
    return ReadingChoices.from_request(request).cookie_value()


def way_back(request: HttpRequest) -> str:
    """The page to go back to after saving the settings: the ``next`` the Settings link
    gives (kept in the form through a save with an error), else the page the browser says
    it came from (``Referer``, sent only from our own pages: ``SECURE_REFERRER_POLICY``),
    else the home page. Only an address on this site is followed
    (``url_has_allowed_host_and_scheme``), and never the settings page itself."""
    settings_path = reverse("easyread:settings")
    candidates = [request.POST.get("next"), request.GET.get("next")]
    if request.method == "GET":
        candidates.append(request.headers.get("referer"))
    for candidate in candidates:
        if not candidate or not url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            continue
        address = urlsplit(candidate)
        if address.path == settings_path:
            continue
        # Only the path and query: "//host" or "/\\host" would lead to another website.
        path = urlunsplit(("", "", "/" + address.path.lstrip("/\\"), address.query, ""))
        if url_has_allowed_host_and_scheme(path, allowed_hosts=None):
            return path
    return reverse("home")


def settings_link(request: HttpRequest | None) -> str:
    """The header's Settings link, with this page as the way back; on the settings page
    itself, the same way back that page has."""
    settings_path = reverse("easyread:settings")
    if request is None:  # the error pages drawn without a request
        return settings_path
    here = way_back(request) if request.path == settings_path else request.get_full_path()
    return f"{settings_path}?{urlencode({'next': here}, safe='/')}"
