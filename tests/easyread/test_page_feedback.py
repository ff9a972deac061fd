""" "Was this page easy to understand?": kept without naming anybody, checked by Origin
instead of a CSRF token (so the page cache keeps working), limited per visitor, and shown
to facilitators per page."""

import pytest
from django.urls import reverse

from easyread.models import PageFeedback
from easyread.views import FEEDBACK_PER_VISITOR_PER_HOUR
from tests.factories import make_facilitator, make_member

pytestmark = pytest.mark.django_db

URL = "/page-feedback/"
OURS = {"HTTP_ORIGIN": "http://testserver"}


def send(client, **data):
    return client.post(URL, {"page": "/findings/", **data}, **OURS)


def test_every_member_page_asks_at_its_foot_without_a_csrf_token(client):
    page = client.get("/accessibility/").content.decode()
    assert "Was this page easy to understand?" in page
    form = page[page.index('action="/page-feedback/"') :].split("</form>")[0]
    assert '<input type="hidden" name="page" value="/accessibility/">' in form
    assert 'name="answer" value="yes"' in form and 'name="answer" value="no"' in form
    assert "csrfmiddlewaretoken" not in form


def test_yes_is_kept_and_the_same_page_says_thank_you(client):
    response = send(client, answer="yes")
    assert response.status_code == 302
    assert response["Location"] == "/findings/#page-feedback"
    answer = PageFeedback.objects.get()
    assert (answer.path, answer.answer, answer.words) == ("/findings/", "yes", "")
    page = client.get("/findings/").content.decode()
    foot = page[page.index('id="page-feedback"') :]
    assert "Thank you for telling us." in foot
    # Said once, under the question, not again at the top of the page.
    assert page.count("Thank you for telling us.") == 1


def test_no_with_words_and_words_alone_are_kept_and_nobody_is_named(client):
    client.force_login(make_member())
    send(client, answer="no", words="  Too many hard words.  ")
    send(client, answer="", words="The pictures helped.")
    assert list(PageFeedback.objects.order_by("pk").values_list("answer", "words")) == [
        ("no", "Too many hard words."),
        ("", "The pictures helped."),
    ]
    fields = {field.name for field in PageFeedback._meta.get_fields()}
    assert fields == {"id", "path", "answer", "words", "created_at"}


def test_nothing_chosen_or_written_keeps_nothing_and_says_why(client):
    response = send(client, answer="", words="   ")
    assert response["Location"] == "/findings/#page-feedback"
    assert PageFeedback.objects.count() == 0
    assert (
        "Please choose Yes or No, or write something." in client.get("/findings/").content.decode()
    )


def test_only_our_own_pages_are_kept_and_gone_back_to(client):
    for page in ["https://elsewhere.example/", "//elsewhere.example/", "findings"]:
        response = client.post(URL, {"page": page, "answer": "yes"}, **OURS)
        assert response["Location"] == reverse("home") + "#page-feedback"
    assert PageFeedback.objects.count() == 0
    client.post(URL, {"page": "/findings/?page=2#top", "answer": "yes"}, **OURS)
    assert PageFeedback.objects.get().path == "/findings/"


def test_another_site_cannot_send_it(client):
    assert client.post(URL, {"page": "/", "answer": "no"}).status_code == 403
    other = client.post(URL, {"page": "/", "answer": "no"}, HTTP_ORIGIN="https://evil.example")
    assert other.status_code == 403
    cross = client.post(URL, {"page": "/", "answer": "no"}, HTTP_SEC_FETCH_SITE="cross-site")
    assert cross.status_code == 403
    same = client.post(URL, {"page": "/", "answer": "no"}, HTTP_SEC_FETCH_SITE="same-origin")
    assert same.status_code == 302
    assert PageFeedback.objects.count() == 1
    assert client.get(URL).status_code == 405


def test_a_visitor_is_limited_each_hour(client):
    for _ in range(FEEDBACK_PER_VISITOR_PER_HOUR):
        send(client, answer="yes")
    send(client, answer="no")
    assert PageFeedback.objects.count() == FEEDBACK_PER_VISITOR_PER_HOUR
    assert not PageFeedback.objects.filter(answer="no").exists()
    assert "You have told us a lot in 1 hour." in client.get("/findings/").content.decode()
    # Another visitor may still answer.
    client.post(URL, {"page": "/", "answer": "no"}, REMOTE_ADDR="10.0.0.2", **OURS)
    assert PageFeedback.objects.filter(answer="no").count() == 1


def test_pages_with_the_question_stay_in_the_page_cache_and_an_answer_moves_nothing(
    client, settings
):
    settings.PAGE_CACHE = True
    assert client.get("/accessibility/")["X-Page-Cache"] == "miss"
    assert client.get("/accessibility/")["X-Page-Cache"] == "hit"
    client.post(URL, {"page": "/accessibility/", "answer": "yes"}, **OURS)
    # The page that says "Thank you" is this visitor's own: built for them, not kept.
    thanked = client.get("/accessibility/")
    assert "X-Page-Cache" not in thanked
    assert "Thank you for telling us." in thanked.content.decode()
    # The browser drops the messages cookie the thank-you page deleted (the test client
    # keeps it empty); the next visit is served from the cache: the answer moved nothing.
    client.cookies.pop("messages", None)
    assert client.get("/accessibility/")["X-Page-Cache"] == "hit"


def test_facilitators_see_the_answers_per_page_read_only(client):
    for answer, words in [("yes", ""), ("yes", ""), ("no", "Hard words."), ("", "More pictures.")]:
        PageFeedback.objects.create(path="/findings/", answer=answer, words=words)
    PageFeedback.objects.create(path="/", answer="no")
    client.force_login(make_facilitator())
    url = reverse("admin:easyread_pagefeedback_changelist")
    page = client.get(url).content.decode()
    rows = page[page.index("<tbody>") : page.index("</tbody>")].split("<tr>")[1:]
    assert '<a href="/">/</a>' in rows[0]  # the page with the newest answer first
    findings_row = rows[1]
    assert '<a href="/findings/">/findings/</a>' in findings_row
    assert "<td>2</td>\n        <td>1</td>\n        <td>4</td>" in findings_row
    assert findings_row.index("More pictures.") < findings_row.index("Hard words.")
    assert client.get(reverse("admin:easyread_pagefeedback_add")).status_code == 403
    assert "Add answer" not in page
    client.force_login(make_member())
    assert client.get(url).status_code == 302
