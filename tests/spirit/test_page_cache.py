import pytest
from django.contrib.auth.models import Group

from tests.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True


def test_the_page_cache_is_off_without_a_shared_cache(client, settings):
    settings.PAGE_CACHE = False
    client.get("/accessibility/")
    assert "X-Page-Cache" not in client.get("/accessibility/")


def test_an_anonymous_page_is_built_once_then_served_from_the_cache(
    client, django_assert_num_queries
):
    first = client.get("/accessibility/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/accessibility/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_content_change_makes_cached_pages_out_of_date(client):
    from spirit import page_cache

    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    page_cache.content_changed()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_only_content_models_move_the_version_on():
    from types import SimpleNamespace

    from spirit import page_cache

    before = page_cache.content_version()
    # Accounts and groups are not content: saving them changes no page.
    Group.objects.create(name="Visitors")
    make_member()
    assert page_cache.content_version() == before
    finding_model = SimpleNamespace(_meta=SimpleNamespace(app_label="evidence"))
    page_cache._on_change(sender=finding_model)
    assert page_cache.content_version() == before + 1


def test_a_logged_in_member_never_gets_a_cached_page(client):
    client.get("/")
    client.force_login(make_member(first_name="Ann"))
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert "<span>Log out</span>" in response.content.decode()


def test_a_page_with_a_form_is_not_cached(client):
    response = client.get("/accounts/login/")
    assert "X-Page-Cache" not in response
    assert client.get("/accounts/login/").get("X-Page-Cache") is None


def test_different_display_choices_get_different_copies(client):
    client.get("/")
    client.cookies["display"] = "bigger-text"
    assert client.get("/")["X-Page-Cache"] == "miss"
