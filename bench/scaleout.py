"""Two app servers, one database, one Redis: a change through one is seen through the other.

``bench/run.py`` calls ``check_scale_out`` after the load test. It starts two gunicorn
servers on two ports, loads a meeting page through both as an anonymous visitor (the shared
page cache then holds it), logs a facilitator in through the first, changes the meeting's
title with the admin's own form, and loads the page through the second straight away. Then
it changes the title back through the second server with the same log-in (sessions live in
the database), and checks the first server shows that at once too.
"""

import base64
import http.client
import re
import secrets
import subprocess
import sys
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
FACILITATOR = "bench-facilitator@example.org"


class Visitor:
    """A browser on one server: keeps its cookies (even 'Secure' ones, over plain HTTP)."""

    def __init__(self, port: int, cookies: dict | None = None):
        self.port = port
        self.cookies = cookies if cookies is not None else {}

    def request(self, method: str, path: str, data=None) -> tuple[int, dict, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                for key, morsel in SimpleCookie(value).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(key, None)
                    else:
                        self.cookies[key] = morsel.value
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text


class FormFields(HTMLParser):
    """The fields a browser would send for the form with the given id, in order."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[list[str]] = []
        self._textarea = None
        self._select = None  # [name, multiple, chosen, first]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append([name, attrs.get("value") or ("on" if kind == "checkbox" else "")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = [name, "multiple" in attrs, [], None]
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select[3] is None:
                self._select[3] = value
            if "selected" in attrs:
                self._select[2].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append(self._textarea)
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, multiple, chosen, first = self._select
            if not chosen and not multiple and first is not None:
                chosen = [first]
            self.fields.extend([name, value] for value in chosen)
            self._select = None


def form_fields(html: str, form_id: str) -> list[list[str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def log_in(visitor: Visitor, password: str, code) -> None:
    """Log in as a facilitator does: the portal's log-in page, then the code from the phone
    app (``code()`` gives the one the app shows now)."""
    _, _, page = visitor.request("GET", "/accounts/login/")
    status, headers, page = visitor.request(
        "POST",
        "/accounts/login/?next=/admin/",
        {"csrfmiddlewaretoken": csrf_token(page), "login": FACILITATOR, "password": password},
    )
    if status != 302 or headers.get("location") != "/accounts/2fa/authenticate/":
        raise RuntimeError(f"the facilitator's password was not taken ({status})")
    _, _, page = visitor.request("GET", "/accounts/2fa/authenticate/")
    status, headers, _ = visitor.request(
        "POST",
        "/accounts/2fa/authenticate/",
        {"csrfmiddlewaretoken": csrf_token(page), "code": code()},
    )
    if status != 302 or headers.get("location") != "/admin/":
        raise RuntimeError(f"the facilitator could not log in to the admin ({status})")


def change_title(visitor: Visitor, admin_path: str, title: str) -> None:
    """Change the meeting's title with the admin form, as a facilitator would."""
    status, _, page = visitor.request("GET", admin_path)
    if status != 200:
        raise RuntimeError(f"the admin page {admin_path} answered {status}")
    fields = [
        (name, title if name == "title" else value)
        for name, value in form_fields(page, "meeting_form")
    ]
    status, _, page = visitor.request("POST", admin_path, [*fields, ("_save", "Save")])
    if status != 302:
        errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)
        raise RuntimeError(f"the admin did not save the meeting ({status}): {errors[:3]}")


def anonymous_get(port: int, path: str) -> tuple[str, str]:
    """(what the page cache did, the page) for a visitor with no cookies."""
    status, headers, page = Visitor(port).request("GET", path)
    if status != 200:
        raise RuntimeError(f"{path} answered {status} on port {port}")
    return headers.get("x-page-cache", "not cached"), page


def _shell(env: dict, code: str) -> str:
    """What ``manage.py shell -c code`` prints."""
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _meeting_pk(env: dict, slug: str) -> int:
    output = _shell(
        env,
        f"from meetings.models import Meeting; print('PK', Meeting.objects.get(slug={slug!r}).pk)",
    )
    return int(re.search(r"PK (\d+)", output).group(1))


def _give_authenticator_app(env: dict, secret: str) -> None:
    """The bench facilitator's phone app: the admin asks staff for its code (allauth.mfa)."""
    _shell(
        env,
        "from allauth.mfa.models import Authenticator; "
        "from allauth.mfa.totp.internal.auth import TOTP; "
        "from django.contrib.auth import get_user_model; "
        f"user = get_user_model().objects.get(email={FACILITATOR!r}); "
        "Authenticator.objects.filter(user=user).delete(); "
        f"TOTP.activate(user, {secret!r})",
    )


def _code_now(env: dict, secret: str) -> str:
    """The 6 numbers the phone app shows now, by allauth's own sums."""
    output = _shell(
        env,
        "import time; "
        "from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value; "
        f"print('CODE', format_hotp_value(hotp_value({secret!r}, int(time.time()) // 30)))",
    )
    return re.search(r"CODE (\d+)", output).group(1)


def check_scale_out(env: dict, make_server, ports: tuple[int, int]) -> dict:
    """Run the check; returns what happened, with ``seen_at_once`` True when it worked."""
    password = secrets.token_urlsafe(24)
    subprocess.run(
        [sys.executable, "manage.py", "make_facilitator", FACILITATOR, "--password", password],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    secret = base64.b32encode(secrets.token_bytes(20)).decode()
    _give_authenticator_app(env, secret)
    slug = "bench-meeting-0001"
    page_path = f"/meetings/{slug}/"
    admin_path = f"/admin/meetings/meeting/{_meeting_pk(env, slug)}/change/"
    first, second = ports
    steps = []
    try:
        with make_server(first), make_server(second):
            cache_first, page = anonymous_get(first, page_path)
            cache_second, _ = anonymous_get(second, page_path)
            steps.append(
                f"page loaded through :{first} ({cache_first}), :{second} ({cache_second})"
            )
            old_title = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1).strip()
            new_title = f"Bench meeting changed {secrets.token_hex(4)}"

            facilitator = Visitor(first)
            log_in(facilitator, password, lambda: _code_now(env, secret))
            change_title(facilitator, admin_path, new_title)
            changed_at = time.perf_counter()
            cache_after, page_after = anonymous_get(second, page_path)
            seen = new_title in page_after
            seconds = time.perf_counter() - changed_at
            steps.append(
                f"title changed in the admin through :{first}; :{second} showed it on the next "
                f"request, sent as the save returned ({cache_after}, answered in "
                f"{seconds * 1000:.0f} ms): {'yes' if seen else 'NO'}"
            )
            # The same log-in on the other server: sessions are in the database.
            change_title(Visitor(second, facilitator.cookies), admin_path, "Bench meeting 1")
            cache_back, page_back = anonymous_get(first, page_path)
            seen_back = new_title not in page_back and "Bench meeting 1" in page_back
            steps.append(
                f"changed back through :{second} with the same log-in; :{first} showed it at "
                f"once ({cache_back}): {'yes' if seen_back else 'NO'}"
            )
    except (RuntimeError, OSError, AttributeError) as error:
        return {"seen_at_once": False, "error": str(error), "steps": steps}
    return {
        "seen_at_once": seen and seen_back,
        "page": page_path,
        "old_title": old_title,
        "steps": steps,
        "summary": "; ".join(steps),
    }
