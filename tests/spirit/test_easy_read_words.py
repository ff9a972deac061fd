"""The words on the account, privacy and fault pages are easy read: short sentences."""

import html
import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from easyread.readability import check
from tests.factories import make_member

pytestmark = pytest.mark.django_db

VISITOR_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/zz-not-a-token/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-real-key/",
    "/privacy/",
    "/your-information/deleted/",
]
MEMBER_PAGES = [
    "/accounts/logout/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/your-information/",
    "/your-information/delete/",
    "/accounts/reauthenticate/",
]


def sentences_in_main(response) -> str:
    """The text of each paragraph, label and hint in <main>, one per line."""
    page = response if isinstance(response, str) else response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    parts = re.findall(
        r"<(?:p|label|h1|h2|legend)\b[^>]*>(.*?)</(?:p|label|h1|h2|legend)>", main, re.S
    )
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).strip() for part in parts)


def assert_easy_read(text: str):
    report = check(text)
    assert max(report.words) <= 15, report.longest_sentence
    assert report.words_per_sentence <= 10, text


@pytest.mark.parametrize("path", VISITOR_PAGES)
def test_visitor_pages_use_short_sentences(client, path):
    assert_easy_read(sentences_in_main(client.get(path)))


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_pages_use_short_sentences(client, path):
    member = make_member(username="ann@example.org", email="ann@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    client.force_login(member)
    if path != "/accounts/reauthenticate/":
        client.post("/accounts/reauthenticate/", {"password": "a-long-test-password"})
    assert_easy_read(sentences_in_main(client.get(path)))


def test_the_facilitators_delete_page_uses_short_sentences(client):
    from tests.factories import make_facilitator

    client.force_login(make_facilitator())
    assert_easy_read(sentences_in_main(client.get("/your-information/delete/")))


def test_fault_pages_use_short_sentences(settings):
    from django.template import loader

    assert_easy_read(sentences_in_main(loader.render_to_string("503.html")))
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    client = Client()
    client.post("/accounts/signup/", {})
    assert_easy_read(sentences_in_main(client.post("/accounts/signup/", {})))
    assert_easy_read(
        sentences_in_main(Client(enforce_csrf_checks=True).post("/accounts/login/", {}))
    )
