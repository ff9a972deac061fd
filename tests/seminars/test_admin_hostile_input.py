"""What the public types never runs as HTML in the facilitators' pages.

Each payload goes into one field the public fills in (the sign-up form and the members'
survey), then every admin page that shows that field is read as a browser would: the
payload must be shown as text, and no element, script or refresh may come from it.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from seminars import services
from seminars.models import Registration, Survey, SurveyQuestion
from tests.factories import make_facilitator, make_member
from tests.seminars.factories import make_seminar, sign_up_data

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '<script>alert("spirit-xss")</script>',
    '"><img src=x onerror=alert(1)>',
    "<meta http-equiv=refresh content=0>",
    '<meta http-equiv="refresh" content="1;url=https://evil.example/admin/login/">',
]
# The phone number is at most 40 characters long.
SHORT_PAYLOADS = [payload for payload in PAYLOADS if len(payload) <= 40]

# Each field the public types, and each admin page that shows it.
PAGES = {
    "name": [
        ("admin:seminars_registration_changelist", None),
        ("admin:seminars_registration_change", "registration"),
        ("admin:seminars_registration_emails", "registration"),
        ("admin:seminars_seminar_change", "seminar"),
        ("admin:seminars_seminar_needs", "seminar"),
        ("admin:seminars_seminar_sign_in_sheet", "seminar"),
    ],
    "phone": [("admin:seminars_registration_change", "registration")],
    "access_needs_other": [
        ("admin:seminars_registration_change", "registration"),
        ("admin:seminars_seminar_change", "seminar"),
        ("admin:seminars_seminar_needs", "seminar"),
    ],
    "survey_idea": [("admin:seminars_survey_results", "survey")],
}
CASES = [
    (field, url_name, on, payload)
    for field, pages in PAGES.items()
    for url_name, on in pages
    for payload in (SHORT_PAYLOADS if field == "phone" else PAYLOADS)
]


class PageReader(HTMLParser):
    """What a browser would make of a page: its elements, and the text and values it shows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.shown: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self.shown.extend(value for _, value in attrs if value)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.shown).append(data)


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    return reader


def made_by_the_payload(reader: PageReader) -> list:
    """Elements and scripts that can only have come from a payload."""
    return [
        *(
            (tag, attrs)
            for tag, attrs in reader.elements
            if "http-equiv" in attrs
            or any(name.startswith("on") for name in attrs)
            or attrs.get("src") == "x"
        ),
        *(script for script in reader.scripts if "alert(" in script),
    ]


def signed_up_with(field: str, payload: str):
    seminar = make_seminar()
    typed = {"access_needs_other": "No nuts, please.", "phone": "01234 567890"}
    if field in ("name", "phone", "access_needs_other"):
        typed[field] = payload
    registration = services.sign_up(seminar, **sign_up_data(**typed))
    survey = Survey.objects.create(title="Planning", slug="planning", seminar=seminar)
    idea = SurveyQuestion.objects.create(survey=survey, text="Speakers?", kind="idea")
    if field == "survey_idea":
        services.answer_survey(survey, member=make_member(), answers={idea.pk: payload})
    return {"registration": registration, "seminar": seminar, "survey": survey}


@pytest.mark.parametrize(("field", "url_name", "on", "payload"), CASES)
def test_what_the_public_types_is_shown_as_text_in_the_admin(client, field, url_name, on, payload):
    rows = signed_up_with(field, payload)
    client.force_login(make_facilitator())
    url = reverse(url_name, args=[rows[on].pk] if on else None)

    reader = read_page(client.get(url).content.decode())

    assert made_by_the_payload(reader) == []
    assert any(payload in text for text in reader.shown)


def test_the_email_preview_shows_the_plain_text_email_as_text(client):
    rows = signed_up_with("name", "<b>Ann</b> & co")
    client.force_login(make_facilitator())
    url = reverse("admin:seminars_registration_emails", args=[rows["registration"].pk])

    html = client.get(url).content.decode()

    assert "Hello &lt;b&gt;Ann&lt;/b&gt; &amp; co," in html
    assert "<b>Ann</b>" not in html
    assert Registration.objects.get().name == "<b>Ann</b> & co"
