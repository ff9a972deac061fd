"""ReadabilityAdminMixin: the check shows under each easy-read field and never blocks."""

import pytest
from django.contrib.messages import get_messages

from tests.factories import make_facilitator, make_member

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.easyread.admin_urls")]

ADD = "/checked-admin/easyread/glossaryterm/add/"
HARD = (
    "Personalisation necessitates individualised commissioning.\n"
    "Organisational accountability remains unresolved.\n"
    "Eligibility determinations vary considerably."
)


@pytest.fixture
def facilitator_client(client):
    client.force_login(make_facilitator())
    return client


def term(**overrides):
    return {
        "term": "review",
        "slug": "review",
        "meaning": "A check.",
        "picture": "information",
        **overrides,
    }


def test_the_check_shows_under_the_easy_read_field(facilitator_client):
    from easyread.models import GlossaryTerm

    item = GlossaryTerm.objects.create(
        term="review",
        slug="review",
        meaning="A meeting to check your support.\nIt happens each year.",
    )

    html = facilitator_client.get(
        f"/checked-admin/easyread/glossaryterm/{item.pk}/change/"
    ).content.decode()

    assert 'aria-describedby="id_meaning_helptext id_meaning_readability"' in html
    assert '<div class="readability" id="id_meaning_readability">' in html
    assert "this looks easy to read." in html
    assert "Longest sentence (6 words): “A meeting to check your support.”" in html
    assert '<button type="submit" name="_check_easy_read" value="1"' in html
    assert "css/easyread-admin" in html


def test_check_my_easy_read_shows_the_check_and_saves_nothing(facilitator_client):
    from easyread.models import GlossaryTerm

    response = facilitator_client.post(ADD, {**term(meaning=HARD), "_check_easy_read": "1"})

    assert response.status_code == 200
    assert GlossaryTerm.objects.count() == 0
    html = response.content.decode()
    assert '<div class="readability readability-hard" id="id_meaning_readability">' in html
    assert "this may be hard to read." in html
    assert "Easy read scores 80 or more." in html
    assert "Organisational accountability remains unresolved." in html  # what was typed is kept
    assert "errornote" not in html
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "This is a check only: nothing is saved yet. Read the check under each easy-read box, "
        "change the words if you like, then press Save."
    ]


def test_hard_text_is_saved_with_a_warning(facilitator_client):
    from easyread.models import GlossaryTerm

    response = facilitator_client.post(ADD, term(meaning=HARD), follow=True)

    assert GlossaryTerm.objects.get().meaning == HARD
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert warnings[0].startswith(
        "Meaning is saved, but it may be hard to read. The reading ease score is"
    )


def test_easy_text_is_saved_without_a_warning(facilitator_client):
    from easyread.models import GlossaryTerm

    response = facilitator_client.post(ADD, term(meaning="A check of your support."), follow=True)

    assert GlossaryTerm.objects.get().meaning == "A check of your support."
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_a_real_error_still_shows_when_checking(facilitator_client):
    response = facilitator_client.post(ADD, {**term(term=""), "_check_easy_read": "1"})

    assert "errornote" in response.content.decode()


def test_a_member_cannot_use_the_admin(client):
    client.force_login(make_member())

    response = client.post(ADD, term())

    assert response.status_code == 302
    assert response["Location"].startswith("/checked-admin/login/")
