"""Browser tests: Playwright driving Debian's Chromium against a live server, with axe-core.

Use the ``browser_page`` fixture, then ``assert_accessible(page, url)`` for each page a
member can reach. It checks the page at phone (390 px) and desktop (1280 px) widths with
axe-core (WCAG 2.0-2.2 A and AA, best practice, and the 7:1 enhanced contrast rule) and our
easy-read rules: text at least 18 px, line height at least 1.5, no italics or justified
text, targets at least 44 px, one h1, and no sideways scrolling.
"""

import json
import os
from pathlib import Path

import axe_playwright_python
import pytest
from django.templatetags.static import static

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
AXE_FOLDER = Path(axe_playwright_python.__file__).parent
AXE_SOURCE = (AXE_FOLDER / "axe.min.js").read_text()
# Served by the tests' live server beside the portal's own static files (conftest.py).
AXE_STATIC_NAME = "tests/axe.min.js"
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    # The 7:1 rule (AAA) is stricter than the 4.5:1 rule (AA) for every text, large or
    # small, so it fails every page the AA rule would: running both took twice the time.
    "rules": {"color-contrast-enhanced": {"enabled": True}, "color-contrast": {"enabled": False}},
    # Only violations fail a test: axe then skips gathering the elements that passed, which
    # halved the time of each check (the /credits/ page: 2.6 s to 1.3 s).
    "resultTypes": ["violations"],
}

# Our own easy-read rules, measured in the page.
EASY_READ_CHECKS = """
() => {
  const problems = [];
  const visible = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.visibility !== "hidden" && style.display !== "none" && box.width > 0 && box.height > 0;
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    " '" + (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40) + "'";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || seen.has(el) || !visible(el)) continue;
    if (el.closest(".skip-link, script, style, noscript, [hidden]")) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    const lineHeight = style.lineHeight === "normal" ? size * 1.2 : parseFloat(style.lineHeight);
    if (size < 18) problems.push(`text under 18px (${size}px): ${describe(el)}`);
    if (lineHeight / size < 1.4999) problems.push(`line height under 1.5: ${describe(el)}`);
    if (style.fontStyle === "italic" || style.fontStyle === "oblique") problems.push(`italic text: ${describe(el)}`);
    if (style.textAlign === "justify") problems.push(`justified text: ${describe(el)}`);
  }
  const words = (text) => (text || "").replace(/\\s+/g, " ").trim();
  const inRunningText = (link) => {
    const block = link.parentElement.closest("p, li, td, th, dd, dt, figcaption, caption, label, legend, summary");
    if (!block) return false;
    return words(block.textContent) !== words(link.textContent);
  };
  const targets = document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary");
  for (const el of targets) {
    if (!visible(el) || el.closest(".skip-link")) continue;
    if (el.matches("input[type=checkbox], input[type=radio]")) {
      const row = el.closest(".choice") || el.parentElement;
      if (row.getBoundingClientRect().height < 43.5) problems.push(`choice row under 44px: ${describe(row)}`);
      continue;
    }
    // Only a link inside running text is excepted (WCAG 2.5.8 inline exception): its
    // paragraph, list item or cell has words besides the link's. A link that is the only
    // content of its <p> or <li> stands alone, so it must be a 44px target.
    if (el.matches("a") && inRunningText(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.height < 43.5 || box.width < 43.5) problems.push(`target under 44px (${Math.round(box.width)}x${Math.round(box.height)}): ${describe(el)}`);
  }
  const headings = document.querySelectorAll("h1");
  if (headings.length !== 1) problems.push(`${headings.length} h1 elements`);
  if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`page scrolls sideways (${document.documentElement.scrollWidth}px wide)`);
  if (document.documentElement.lang !== "en-GB") problems.push("html lang is not en-GB");
  return problems;
}
"""


@pytest.fixture(scope="session")
def site_server(request, collected_static_files, django_db_setup):
    """pytest-django's live server, serving static files through whitenoise as in production.

    Its own static handler looks files up with the finders, which cannot find the hashed
    names that the manifest storage puts in pages.

    Under this name (not ``live_server``) a test is not made transactional: for modules that
    only read pages of content committed once for the module (``committed_seeds``).

    After the test database is made, so that it stops (closing its connections to that
    database) before the database is dropped.
    """
    from django.test.testcases import LiveServerThread
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost", start=False)
    server.thread = LiveServerThread(
        "localhost", static_handler=lambda application: application, connections_override={}
    )
    server.thread.daemon = True
    server.start()
    request.addfinalizer(server.stop)
    return server


@pytest.fixture(scope="session")
def live_server(site_server):
    """The same server under pytest-django's name: each test that uses it is transactional
    (what it writes is committed, so the server sees it) and the database is emptied after."""
    return site_server


@pytest.fixture(scope="module")
def committed_seeds(django_db_setup, django_db_blocker):
    """The group's seed content, committed once for a module of browser tests that only
    read pages, and emptied at the module's end.

    Loading the seeds for each test took most of these modules' time. Their tests use
    ``site_server`` or ``site_page`` (never ``live_server``) with ``pytest.mark.django_db``:
    each test's own transaction is rolled back, and the server sees only the seeds. A test
    that writes what the server must see belongs in a transactional module.
    """
    from django.core.management import call_command

    from tests.database import empty_database

    with django_db_blocker.unblock():
        call_command("load_seeds", verbosity=0)
        try:
            yield
        finally:
            empty_database()


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian's Chromium is needed for the browser tests: apt-get install chromium "
            "(`make test` installs it). It is never skipped."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def browser_context(chromium, site_server):
    """One browser context (a browser profile) for every test of this worker that uses
    ``browser_page`` or ``site_page``.

    Making a context for each test took a third of a second, and each new context
    downloaded every stylesheet, script and picture again and compiled axe again. The
    static files have hashed names, so keeping them in the context's cache never shows a
    test an old file. What belongs to one person is emptied after each test
    (``_forget_the_person``): cookies, permissions and the site's storage.

    Closed before the server stops: the connections it keeps open hold the server's
    threads, and their database connections, which would stop the test database being
    dropped.
    """
    context = chromium.new_context(viewport=WIDTHS["desktop"], locale="en-GB")
    yield context
    context.close()


# Everything a site keeps in the browser but its cookies (context.clear_cookies) and its
# HTTP cache (the hashed static files).
SITE_STORAGE = "local_storage,indexeddb,websql,service_workers,cache_storage,file_systems"


def _forget_the_person(context, server) -> None:
    """Empty what the last test left in the shared context, as a new profile would be."""
    tidy = context.pages[0] if context.pages else context.new_page()
    session = context.new_cdp_session(tidy)
    session.send("Storage.clearDataForOrigin", {"origin": server.url, "storageTypes": SITE_STORAGE})
    session.detach()
    for page in context.pages:
        page.close()
    context.clear_cookies()
    context.clear_permissions()


def _tab(context, server):
    page = context.new_page()
    page.base_url = server.url
    # Pages of the shared context run scripts, so axe comes as a static file (axe_violations).
    page.runs_scripts = True
    return page


@pytest.fixture
def browser_page(browser_context, live_server):
    """A fresh browser tab at desktop width; ``page.base_url`` is the live server."""
    yield _tab(browser_context, live_server)
    _forget_the_person(browser_context, live_server)


@pytest.fixture
def site_page(browser_context, site_server):
    """``browser_page`` for the modules that read ``committed_seeds``."""
    yield _tab(browser_context, site_server)
    _forget_the_person(browser_context, site_server)


def axe_violations(page) -> list[dict]:
    # axe is 573 KB: inject it once per loaded page, not once per check. A page that runs
    # scripts loads it as a static file (collected_static_files), which the browser keeps
    # compiled in its cache; evaluating the source compiled it again every time.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        if getattr(page, "runs_scripts", False):
            page.add_script_tag(url=static(AXE_STATIC_NAME))
        else:
            page.evaluate(AXE_SOURCE)
    results = page.evaluate("(options) => axe.run(document, options)", AXE_OPTIONS)
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
    ]


def assert_accessible(page, path: str, *, widths=("phone", "desktop")) -> None:
    """Open ``path`` once, then at each width fail on any axe violation or easy-read problem.

    The page is loaded once and re-checked after resizing the window, as a member turning a
    tablet or resizing a window would see it: the layout answers to the width with CSS alone.
    """
    page.set_viewport_size(WIDTHS[widths[0]])
    response = page.goto(page.base_url + path)
    assert response is not None and response.status < 400, f"{path} answered {response.status}"
    for width in widths:
        page.set_viewport_size(WIDTHS[width])
        violations = axe_violations(page)
        assert violations == [], f"{path} at {width} width:\n" + json.dumps(violations, indent=2)
        problems = page.evaluate(EASY_READ_CHECKS)
        assert problems == [], f"{path} at {width} width:\n" + "\n".join(problems)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def log_in_as(page, client, user) -> None:
    """Give the browser tab the session of ``user`` (logged in through the test client)."""
    from django.conf import settings

    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": page.base_url,
            }
        ]
    )
