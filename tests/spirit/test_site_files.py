"""What search engines and browsers ask for: robots.txt, sitemap.xml, the icons, the web
manifest, and each page's description and canonical address."""

import io
import json
import re
import urllib.robotparser
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from PIL import Image

from meetings.models import Meeting
from seminars.models import Seminar
from tests.evidence.factories import make_finding
from tests.meetings.factories import make_meeting
from tests.seminars.factories import make_seminar, make_session

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "http://127.0.0.1:8000"
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 64


def test_robots_txt_keeps_search_engines_out_of_private_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(response.content.decode().splitlines())
    assert robots.can_fetch("Googlebot", "/findings/")
    assert robots.can_fetch("Googlebot", "/seminars/launch/")
    for private in [
        "/admin/",
        "/accounts/login/",
        "/your-information/",
        "/seminars/registration/x/",
    ]:
        assert not robots.can_fetch("Googlebot", private), private
    assert robots.site_maps() == ["http://testserver/sitemap.xml"]


@pytest.fixture
def site(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    finding = make_finding()
    meeting = make_meeting()
    draft = make_meeting(status=Meeting.Status.DRAFT)
    seminar = make_seminar()
    planning = Seminar.objects.create(title="Soon", slug="soon", description="We plan it.")
    session = make_session(seminar, podcast_duration=timedelta(minutes=1))
    session.podcast_audio = SimpleUploadedFile("talk.mp3", MP3)
    session.transcript = "Hello."
    session.save()
    return {
        "finding": finding,
        "meeting": meeting,
        "draft": draft,
        "seminar": seminar,
        "planning": planning,
        "session": session,
    }


def sitemap_urls(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    return [loc.text for loc in root.iterfind("s:url/s:loc", SITEMAP_NS)]


def test_the_sitemap_has_every_public_page_and_no_private_one(client, site):
    urls = sitemap_urls(client)
    assert all(url.startswith(SITE + "/") for url in urls)
    paths = {url.removeprefix(SITE) for url in urls}
    finding, source, theme = site["finding"], site["finding"].source, site["finding"].theme
    for path in [
        "/",
        "/findings/",
        "/sources/",
        "/evidence-map/",
        "/handouts/",
        "/meetings/",
        "/meetings/next-steps/",
        "/seminars/",
        "/glossary/",
        "/accessibility/",
        "/privacy/",
        finding.get_absolute_url(),
        source.get_absolute_url(),
        theme.get_absolute_url(),
        f"/handouts/theme/{theme.slug}.pdf",
        site["meeting"].get_absolute_url(),
        site["seminar"].get_absolute_url(),
        site["planning"].get_absolute_url(),
        f"/seminars/{site['seminar'].slug}/transcripts/{site['session'].pk}/",
    ]:
        assert path in paths, path
    assert site["draft"].get_absolute_url() not in paths
    assert not any(re.match(r"/(admin|accounts|your-information)/", path) for path in paths)
    # Every page in it opens (the PDF handouts are made by another test module).
    for path in sorted(paths):
        if not path.endswith(".pdf"):
            assert client.get(path).status_code == 200, path


def test_the_sitemap_keeps_a_constant_number_of_queries(client, site):
    sitemap_urls(client)  # The site's name is read once, then kept.
    with CaptureQueriesContext(connection) as few:
        sitemap_urls(client)
    for _ in range(5):
        make_finding()
        make_meeting()
        make_seminar()
    with CaptureQueriesContext(connection) as more:
        sitemap_urls(client)
    assert len(few) == len(more) <= 16  # at most 2 for each of the 8 lists


def test_favicon_and_apple_touch_icon_are_real_pictures(client):
    response = client.get("/favicon.ico")
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert (
        client.get("/favicon.ico", headers={"if-none-match": response["ETag"]}).status_code == 304
    )
    page = client.get("/").content.decode()
    [apple] = re.findall(r'<link rel="apple-touch-icon" href="([^"]+)">', page)
    with Image.open(finders.find("icons/apple-touch-icon.png")) as picture:
        assert picture.size == (180, 180)
    assert "apple-touch-icon" in apple
    with Image.open(finders.find("icons/podcast-artwork.png")) as artwork:
        assert artwork.size == (1400, 1400) and artwork.mode == "RGB"


def test_the_web_manifest_names_the_site_and_its_icons(client):
    page = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["short_name"] == "SPIRIT" and manifest["lang"] == "en-GB"
    assert manifest["start_url"] == "/"
    for icon in manifest["icons"]:
        name = icon["src"].removeprefix("/static/")
        name = re.sub(r"\.[0-9a-f]{12}\.png$", ".png", name)
        with Image.open(finders.find(name)) as picture:
            assert f"{picture.size[0]}x{picture.size[1]}" == icon["sizes"]
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}


def description(page: str) -> str:
    [text] = re.findall(r'<meta name="description" content="([^"]*)">', page, re.DOTALL)
    return text


def test_each_page_has_an_easy_read_description(client, site):
    home = description(client.get("/").content.decode())
    assert home.startswith("SPIRIT is a research group.")
    seminar = site["seminar"]
    assert description(client.get(seminar.get_absolute_url()).content.decode()).startswith(
        "We talk about research."
    )
    findings = description(client.get("/findings/").content.decode())
    assert findings.startswith("Findings are what research tells us.")
    assert all(len(text) <= 160 for text in [home, findings])


def canonical(client, url, **params) -> str:
    page = client.get(url, params).content.decode()
    [link] = re.findall(r'<link rel="canonical" href="([^"]+)">', page)
    return link


def test_filtered_lists_name_the_list_itself_as_canonical(client, site):
    theme = site["finding"].theme.slug
    assert canonical(client, "/findings/") == "http://testserver/findings/"
    assert canonical(client, "/findings/", theme=theme, q="budget") == "http://testserver/findings/"
    assert canonical(client, "/findings/", theme=theme, page="2") == (
        "http://testserver/findings/?page=2"
    )
    assert canonical(client, "/meetings/", page="1") == "http://testserver/meetings/"
