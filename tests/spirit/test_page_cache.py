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
    from core import page_cache

    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    page_cache.content_changed()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_only_content_models_move_the_version_on():
    from core import page_cache
    from evidence.models import Finding

    before = page_cache.content_version()
    # Accounts and groups are not content: saving them changes no page.
    Group.objects.create(name="Visitors")
    make_member()
    assert page_cache.content_version() == before
    page_cache._on_change(sender=Finding)
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
    client.cookies["spirit_reading"] = "text:bigger,contrast:normal,pictures:show"
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_made_up_cookies_share_one_copy(client):
    client.get("/")
    for number in range(3):
        client.cookies[f"junk{number}"] = str(number)
        assert client.get("/")["X-Page-Cache"] == "hit"


# --- What makes a copy: the host, the parameters pages use, the places left ------------------


def test_each_host_gets_its_own_copy(client, settings):
    settings.ALLOWED_HOSTS = ["spirit.example", "other.example"]
    assert client.get("/accessibility/", HTTP_HOST="spirit.example")["X-Page-Cache"] == "miss"
    assert client.get("/accessibility/", HTTP_HOST="other.example")["X-Page-Cache"] == "miss"
    assert client.get("/accessibility/", HTTP_HOST="spirit.example")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    "query",
    [
        "?utm_source=x",
        "?x=1",
        "?page=abc",
        "?page=007",
        "?page=1&page=2",
        "?theme=%3Cb%3E",
        "?q=money",
    ],
)
def test_junk_and_searches_make_no_copy(client, query):
    """Anybody can type any address: only parameters the pages use, with values shaped like
    the portal's own links, are kept. Every search is different, so searches are not kept."""
    for _ in range(2):
        response = client.get(f"/findings/{query}")
        assert "X-Page-Cache" not in response
        assert response.status_code == 200


def test_every_parameter_the_findings_list_reads_can_be_kept():
    from core.page_cache import PARAMETERS
    from evidence.search import FACETS, SHOW_ALL

    assert {"q", "page", SHOW_ALL, *(facet[0] for facet in FACETS)} == PARAMETERS.keys()


def test_an_empty_search_box_with_a_filter_is_kept(client):
    assert client.get("/findings/?q=&kind=gap")["X-Page-Cache"] == "miss"
    assert client.get("/findings/?kind=gap&q=")["X-Page-Cache"] == "hit"


def test_the_same_parameters_in_another_order_share_one_copy(client):
    assert client.get("/findings/?kind=gap&page=1")["X-Page-Cache"] == "miss"
    assert client.get("/findings/?page=1&kind=gap")["X-Page-Cache"] == "hit"


def test_a_sign_up_only_renews_the_pages_that_show_places_left(client):
    from seminars import services
    from tests.seminars.factories import make_seminar, sign_up_data

    seminar = make_seminar(capacity=5)
    detail = seminar.get_absolute_url()
    for path in ["/accessibility/", "/findings/", "/meetings/", "/", "/seminars/", detail]:
        client.get(path)
    services.sign_up(seminar, **sign_up_data(email="new@example.org"))

    for path in ["/accessibility/", "/findings/", "/meetings/"]:
        assert client.get(path)["X-Page-Cache"] == "hit"
    for path in ["/", "/seminars/", detail]:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss"
        assert "There are 4 places left." in response.content.decode()


def test_people_signing_up_or_answering_surveys_do_not_move_the_content_version():
    from core import page_cache
    from seminars import services
    from tests.seminars.factories import make_seminar, sign_up_data

    seminar = make_seminar()
    before = page_cache.content_version()
    registration = services.sign_up(seminar, **sign_up_data())
    services.cancel_registration(registration)
    assert page_cache.content_version() == before
