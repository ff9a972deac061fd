"""Easy-read handouts: a PDF of a theme's findings made by WeasyPrint, read back with pypdf."""

import io
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from easyread import pdf as handouts
from easyread.pictures import SVG_DIR
from evidence.handouts import theme_handout_context
from tests.conftest import kept_for_the_module

pytestmark = pytest.mark.django_db

THEME = "personal-budgets-and-direct-payments"
URL = f"/handouts/theme/{THEME}.pdf"


@pytest.fixture(scope="module")
def evidence_seeds(django_db_setup, django_db_blocker):
    """The seed evidence, loaded once for this module."""
    from evidence import seeds

    with kept_for_the_module(django_db_blocker):
        seeds.load()
        yield


@pytest.fixture
def seeded(evidence_seeds, db):
    pass


def flat(text: str) -> str:
    """One space between words, and words split at a hyphen at the end of a line joined."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def smallest_text_in_points(reader: PdfReader) -> float:
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append(abs(size * tm[3] * cm[3]))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return round(min(sizes), 1)


def test_theme_handout_is_a_pdf_with_every_finding_in_easy_read(client, seeded):
    from evidence.models import Finding

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (f'inline; filename="spirit-{THEME}-easy-read.pdf"')
    reader = PdfReader(io.BytesIO(response.content))
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    assert text.startswith(
        "Personal budgets and direct payments An easy read handout from SPIRIT. Made on "
    )
    findings = Finding.objects.filter(theme__slug=THEME)
    assert findings.count() >= 30
    missing = [
        sentence
        for finding in findings
        for sentence in finding.easy_read_sentences
        if flat(sentence) not in text
    ]
    assert missing == []
    assert "What research found" in text
    assert "What members told us" in text
    assert re.search(r"Hard words .*Direct payment\. Money from the council", text)
    assert f"Page 1 of {len(reader.pages)}" in text
    assert 2 <= len(reader.pages) <= 24
    assert smallest_text_in_points(reader) >= 14
    assert reader.metadata.title == (
        "Personal budgets and direct payments: easy read handout – SPIRIT"
    )


def test_theme_handout_draws_the_pictures(seeded):
    from evidence.models import Finding, Theme

    theme = Theme.objects.get(slug=THEME)
    findings = list(Finding.objects.filter(theme=theme).with_related().by_kind())
    context = theme_handout_context(theme, findings)
    html = render_to_string("handouts/theme.html", context)
    fetcher = handouts.PictureFetcher()

    pdf = handouts.render_pdf(html, pictures=context["all_pictures"], fetcher=fetcher)

    assert pdf.startswith(b"%PDF-")
    # Every picture box has its rule, so none is left empty.
    used = set(re.findall(r'class="picture (picture-[0-9A-F-]+)"', html))
    assert used == {picture.css_class for picture in context["all_pictures"]}
    assert len(used) >= 10
    drawn = {url.rsplit("/", 1)[1] for url in fetcher.fetched}
    assert {
        "1F52C.svg",
        "1F5E3.svg",
        "2753.svg",
        "1F4B3.svg",
    } <= drawn  # research, story, gap, card
    assert len(drawn) >= 10


def struct_tags(element, found=None) -> list[str]:
    """Every structure tag of a tagged PDF, from its structure tree, in reading order."""
    found = [] if found is None else found
    element = element.get_object()
    if "/S" in element:
        found.append(element["/S"])
    kids = element.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
            struct_tags(kid, found)
    return found


def test_a_handout_is_a_tagged_pdf_screen_readers_can_read(client, seeded, caplog):
    """PDF/UA-1: tagged, with its language and title; the pictures beside the ideas are
    decoration that a screen reader skips, as alt="" on a page, not figures with no words."""
    response = client.get(URL)
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()
    tags = struct_tags(root["/StructTreeRoot"])
    assert tags[0] == "/Document" and tags.index("/H1") < tags.index("/H2")
    assert tags.count("/H2") >= 3 and tags.count("/P") >= 60
    assert "/Figure" not in tags
    assert [r.getMessage() for r in caplog.records if r.name == "weasyprint"] == []


def test_a_handout_never_fetches_anything_but_our_pictures():
    fetcher = handouts.PictureFetcher()

    with pytest.raises(ValueError, match="only use the portal's pictures"):
        fetcher.fetch("http://example.org/tracker.png")
    with pytest.raises(ValueError, match="only use the portal's pictures"):
        fetcher.fetch("file:///etc/passwd")
    assert fetcher.fetched == []


def test_a_second_download_comes_from_the_cache(client, seeded):
    client.get(URL)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)

    assert response.content.startswith(b"%PDF-")
    assert [q["sql"] for q in queries if "evidence_finding" in q["sql"]] == []


def test_an_unknown_theme_has_no_handout(client):
    assert client.get("/handouts/theme/no-such-theme.pdf").status_code == 404


def test_handouts_page_links_to_each_theme(client, seeded):
    from evidence.models import Theme

    html = client.get("/handouts/").content.decode()

    assert html.count("(PDF file)</a>") == Theme.objects.count()
    assert (
        f'<a href="{URL}">Handout about personal budgets and direct payments (PDF file)</a>' in html
    )


def escape_urls():
    """Ways out of the pictures folder: encoded dots, plain dots, absolute paths, others."""
    folder = SVG_DIR.as_uri()
    up = "/%2e%2e" * 12
    return [
        f"{folder}{up}/etc/passwd",
        f"{folder}{up.upper()}/etc/passwd",
        f"{folder}/%2E%2e/%2e%2E{up}/etc/passwd",
        f"{folder}/{'../' * 12}etc/passwd",
        f"{folder}%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc/passwd",
        f"{folder}-other/1F3E0.svg",
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
    ]


@pytest.mark.parametrize("url", escape_urls())
def test_the_picture_fetcher_refuses_every_file_outside_the_pictures_folder(url):
    fetcher = handouts.PictureFetcher()

    with pytest.raises(ValueError, match="only use the portal's pictures"):
        fetcher.fetch(url)
    assert fetcher.fetched == []


@pytest.mark.parametrize("href", [*escape_urls(), "/etc/passwd", "../" * 12 + "etc/passwd"])
def test_a_handout_never_embeds_a_file_from_outside_the_pictures_folder(href):
    html = f'<html><head><link rel="attachment" href="{href}"></head><body><p>Hi</p></body></html>'
    fetcher = handouts.PictureFetcher()

    pdf = handouts.render_pdf(html, fetcher=fetcher)

    assert PdfReader(io.BytesIO(pdf)).attachments == {}
    assert fetcher.fetched == []


def test_the_picture_fetcher_still_fetches_a_picture_named_with_encoded_letters():
    fetcher = handouts.PictureFetcher()

    response = fetcher.fetch(SVG_DIR.as_uri() + "/1F3E%30.svg")

    assert response.read().startswith(b"<svg")
    assert fetcher.fetched == [(SVG_DIR / "1F3E0.svg").as_uri()]
