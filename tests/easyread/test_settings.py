"""Reading choices: bigger text, higher contrast and pictures, remembered in a cookie."""

import pytest

from easyread.choices import COOKIE_NAME, ReadingChoices

pytestmark = pytest.mark.django_db


def test_choices_from_cookie_keep_known_values_and_ignore_the_rest():
    choices = ReadingChoices.from_cookie("text:biggest,contrast:purple,pictures:hide,evil:1")

    assert choices == ReadingChoices(text="biggest", contrast="normal", pictures="hide")
    assert choices.html_classes() == "text-biggest pictures-hidden"


def test_choices_default_to_normal_without_a_cookie():
    assert ReadingChoices.from_cookie(None).html_classes() == ""
    assert ReadingChoices.from_cookie("<script>").cookie_value() == (
        "text:normal,contrast:normal,pictures:show"
    )


def test_saving_settings_sets_the_cookie_and_goes_back(client):
    response = client.post(
        "/settings/",
        {"text": "bigger", "contrast": "higher", "pictures": "show", "next": "/credits/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/credits/"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "text:bigger,contrast:higher,pictures:show"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 63072000


def test_settings_never_send_people_to_another_website(client):
    response = client.post(
        "/settings/",
        {
            "text": "normal",
            "contrast": "normal",
            "pictures": "show",
            "next": "https://evil.example/",
        },
    )

    assert response["Location"] == "/"


def test_every_page_has_the_classes_of_the_saved_choices(client):
    client.cookies[COOKIE_NAME] = "text:biggest,contrast:higher,pictures:hide"

    for path in ["/", "/credits/", "/glossary/", "/accessibility/"]:
        html = client.get(path).content.decode()
        assert '<html lang="en-GB" class="text-biggest contrast-higher pictures-hidden">' in html


def test_settings_page_shows_the_saved_choices_ticked(client):
    client.cookies[COOKIE_NAME] = "text:bigger,contrast:normal,pictures:hide"

    response = client.get("/settings/?next=/glossary/")

    form = response.context["form"]
    assert form.initial == {
        "text": "bigger",
        "contrast": "normal",
        "pictures": "hide",
        "listen": "normal",
    }
    html = response.content.decode()
    assert '<input type="radio" name="text" value="bigger" id="id_text_1" required checked>' in html
    assert '<input type="hidden" name="next" value="/glossary/">' in html


def test_a_bad_choice_is_explained_in_easy_read_and_saves_nothing(client):
    response = client.post("/settings/", {"text": "huge", "contrast": "higher"})

    assert response.status_code == 200
    assert COOKIE_NAME not in response.cookies
    html = response.content.decode()
    assert "<title>Error: Settings – SPIRIT</title>" in html
    assert '<a href="#id_text_0">Choose how big you want the words.</a>' in html
    assert '<a href="#id_pictures_0">Choose if you want pictures.</a>' in html
    # What was typed is kept.
    assert (
        '<input type="radio" name="contrast" value="higher" id="id_contrast_1" required checked>'
        in html
    )


def test_the_header_links_to_settings_with_the_way_back(client):
    html = client.get("/credits/").content.decode()

    assert 'href="/settings/?next=/credits/"' in html


def test_listen_speed_is_a_reading_choice_kept_in_the_cookie(client):
    response = client.post(
        "/settings/",
        {
            "text": "normal",
            "contrast": "normal",
            "pictures": "show",
            "listen": "slower",
            "next": "/",
        },
    )

    assert response.cookies[COOKIE_NAME].value == (
        "text:normal,contrast:normal,pictures:show,listen:slower"
    )
    page = client.get("/")
    assert b'<html lang="en-GB" class="listen-slower">' in page.content


def test_a_form_without_the_listen_speed_keeps_the_normal_speed():
    choices = ReadingChoices.from_cookie("text:bigger,contrast:normal,pictures:show")

    assert choices.listen == "normal"
    assert choices.cookie_value() == "text:bigger,contrast:normal,pictures:show"
    assert ReadingChoices.from_cookie("listen:fast").listen == "normal"


def save_settings(client, **data):
    choices = {"text": "bigger", "contrast": "normal", "pictures": "show"}
    return client.post("/settings/", {**choices, **data})


def test_a_filtered_list_is_the_way_back_with_its_whole_query(client):
    html = client.get("/findings/?theme=housing&kind=barrier").content.decode()
    assert 'href="/settings/?next=/findings/%3Ftheme%3Dhousing%26kind%3Dbarrier"' in html

    page = client.get("/settings/?next=/findings/%3Ftheme%3Dhousing%26kind%3Dbarrier")
    assert page.context["next"] == "/findings/?theme=housing&kind=barrier"
    saved = save_settings(client, next="/findings/?theme=housing&kind=barrier")
    assert saved["Location"] == "/findings/?theme=housing&kind=barrier"


def test_without_a_next_the_page_the_browser_came_from_is_the_way_back(client):
    page = client.get("/settings/", headers={"referer": "http://testserver/glossary/?letter=b"})
    assert page.context["next"] == "/glossary/?letter=b"

    # Another website is never the way back, nor the settings page itself.
    for referer in ["https://evil.example/glossary/", "http://testserver/settings/?next=/x/"]:
        assert client.get("/settings/", headers={"referer": referer}).context["next"] == "/"
    assert client.get("/settings/").context["next"] == "/"


def test_the_settings_link_on_the_settings_page_keeps_the_way_back(client):
    html = client.get("/settings/?next=/credits/").content.decode()
    assert 'href="/settings/?next=/credits/" aria-current="page"' in html
    # A save with an error keeps it too.
    html = client.post("/settings/", {"text": "huge", "next": "/credits/"}).content.decode()
    assert '<input type="hidden" name="next" value="/credits/">' in html
    assert 'href="/settings/?next=/credits/" aria-current="page"' in html


@pytest.mark.parametrize(
    ("next_url", "location"),
    [
        ("//evil.example/", "/"),
        ("/\\evil.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("https://evil.example/credits/", "/"),
        # Our own host: only its path is kept, so "//" cannot become another host.
        ("http://testserver//evil.example/", "/evil.example/"),
        ("http://testserver/\\evil.example/", "/evil.example/"),
    ],
)
def test_no_way_back_leads_to_another_website(client, next_url, location):
    assert save_settings(client, next=next_url)["Location"] == location
