"""When the database goes away mid-request, the person sees "Please try again" (HTTP 503)."""

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.urls import path, reverse

from tests.factories import make_member

pytestmark = pytest.mark.django_db


def assert_try_again_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "<title>Please try again – SPIRIT</title>" in html
    assert "<h1>Please try again</h1>" in html
    assert "It is not your fault." in html


def database_gone(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_whose_queries_fail_shows_please_try_again(client, error):
    member = make_member()
    client.force_login(member)

    def fail(execute, sql, params, many, context):
        raise error("connection already closed")

    with connection.execute_wrapper(fail):
        response = client.get(reverse("account_email"))
    assert_try_again_page(response)


def test_the_try_again_page_has_the_security_headers(client):
    client.force_login(make_member())
    with connection.execute_wrapper(database_gone):
        response = client.get(reverse("account_email"))
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def _kill_my_connection_then_query(request):
    """A view whose database connection is cut in the middle, as when the server restarts."""
    from django.contrib.auth import get_user_model

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    return get_user_model().objects.count()


class urls:
    urlpatterns = [path("cut/", _kill_my_connection_then_query)]
    handler500 = "core.views.server_error"


@pytest.mark.django_db(transaction=True)
def test_a_connection_cut_mid_request_shows_please_try_again(settings):
    settings.ROOT_URLCONF = urls
    response = Client(raise_request_exception=False).get("/cut/")
    assert_try_again_page(response)
    # The next request gets a new connection and works.
    connection.close()
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.count() == 0


def test_an_error_outside_the_view_also_gives_please_try_again(rf):
    from core.views import server_error

    try:
        raise InterfaceError("connection already closed")
    except InterfaceError:
        response = server_error(rf.get("/"))
    assert_try_again_page(response)


def test_other_crashes_still_give_the_500_page(rf):
    from core.views import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()
