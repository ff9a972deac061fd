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
    html = render_to_string("handouts/theme.html", theme_handout_context(theme, findings))
    fetcher = handouts.PictureFetcher()

    pdf = handouts.render_pdf(html, fetcher=fetcher)

    assert pdf.startswith(b"%PDF-")
    assert html.count("<img ") == html.count(SVG_DIR.as_uri())
    drawn = {url.rsplit("/", 1)[1] for url in fetcher.fetched}
    assert {
        "1F52C.svg",
        "1F5E3.svg",
        "2753.svg",
        "1F4B3.svg",
    } <= drawn  # research, story, gap, card
    assert len(drawn) >= 10


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
