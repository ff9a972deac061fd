import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_says_what_spirit_is(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Welcome to SPIRIT</h1>" in html
    assert "SPIRIT is a group of people with learning disabilities." in html
    assert '<html lang="en-GB">' in html


def test_header_has_a_picture_and_a_word_for_each_place(client):
    html = client.get("/").content.decode()
    for word in ["Home", "Findings", "Meetings", "Seminars", "Log in"]:
        assert f"<span>{word}</span>" in html
    navigation = html.split('<nav aria-label="Main">')[1].split("</nav>")[0]
    assert navigation.count('class="picture picture-nav"') == 5
    assert 'href="/" aria-current="page"' in html


def test_the_places_fold_into_a_menu_button_that_works_without_javascript(client):
    html = client.get("/findings/").content.decode()
    header = html.split('<header class="site-header" id="top">')[1].split("</header>")[0]
    menu = header.split('<details class="site-menu" data-menu>')[1].split("</details>")[0]
    assert '<summary class="tool-button menu-button">' in menu
    assert "<span>Menu</span></summary>" in menu
    assert '<nav aria-label="Main">' in menu
    assert 'role="search"' in menu


def test_every_page_ends_with_the_main_places_and_go_to_the_top(client):
    for path in ["/", "/findings/", "/glossary/", "/meetings/"]:
        html = client.get(path).content.decode()
        footer = html.split('<footer class="site-footer">')[1].split("</footer>")[0]
        places = footer.split('<nav class="footer-places" aria-label="Main places">')[1]
        for word in ["Home", "Findings", "Meetings", "Seminars", "Go to the top"]:
            assert f"<span>{word}</span>" in places, (path, word)
        assert '<a href="#top">' in places


def test_header_offers_log_out_to_a_logged_in_member(client, django_user_model):
    member = django_user_model.objects.create_user(
        "ann@example.org", "ann@example.org", "pw-1234567"
    )
    client.force_login(member)
    html = client.get("/").content.decode()
    assert "<span>Log out</span>" in html
    assert "<span>Log in</span>" not in html


def test_skip_link_points_at_main(client):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main" tabindex="-1">' in html


def test_accessibility_statement_is_linked_from_the_footer(client):
    html = client.get("/").content.decode()
    assert f'href="{reverse("accessibility")}"' in html
    page = client.get(reverse("accessibility"))
    assert page.status_code == 200
    assert "<h1>How we make this website easy to use</h1>" in page.content.decode()


def test_unknown_address_shows_the_easy_read_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "<h1>We cannot find this page</h1>" in response.content.decode()


def test_a_crash_shows_the_easy_read_500_page(settings):
    from django.urls import path

    def broken(request):
        raise RuntimeError("broken on purpose")

    class urls:
        urlpatterns = [path("broken/", broken)]
        handler500 = "core.views.server_error"

    settings.ROOT_URLCONF = urls
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()
    assert "It is not your fault." in response.content.decode()


def test_static_files_have_hashed_names(client):
    html = client.get("/").content.decode()
    assert 'href="/static/css/spirit.' in html
    assert 'href="/static/css/spirit.css"' not in html


def test_login_page_uses_the_easy_read_layout(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert 'aria-current="page"' in html
