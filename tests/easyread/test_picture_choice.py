"""Pictures chosen by sight: a grid of radio buttons with pictures and names, and a search."""

import pytest
from django.urls import reverse

from evidence.models import Tag
from tests.browser import WIDTHS, axe_violations, log_in_as
from tests.evidence.factories import make_tag
from tests.factories import make_facilitator

pytestmark = pytest.mark.django_db

PICTURE_PAGES = [
    "admin:evidence_tag_add",
    "admin:evidence_theme_add",
    "admin:easyread_glossaryterm_add",
    "admin:meetings_meeting_add",
]


@pytest.mark.parametrize("page", PICTURE_PAGES)
def test_each_picture_menu_is_a_grid_of_pictures_with_names(client, page):
    client.force_login(make_facilitator())

    html = client.get(reverse(page)).content.decode()

    assert "data-picture-choice" in html
    assert 'type="radio"' in html
    assert 'src="/static/pictures/1F3E0' in html
    assert "a house" in html
    assert "js/picture-choice" in html


def test_a_tag_keeps_the_picture_chosen_in_the_grid(client):
    client.force_login(make_facilitator())
    tag = make_tag(name="Housing", slug="housing", picture="findings")
    data = {"name": "Housing", "slug": "housing", "easy_read_meaning": "Where you live.",
            "picture": "housing"}  # fmt: skip

    response = client.post(reverse("admin:evidence_tag_change", args=[tag.pk]), data)

    assert response.status_code == 302
    assert Tag.objects.get().picture == "housing"


def log_in(page, client):
    log_in_as(page, client, make_facilitator())


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_typing_a_word_shows_only_the_pictures_that_match(browser_page, client):
    log_in(browser_page, client)
    browser_page.goto(browser_page.base_url + reverse("admin:evidence_tag_add"))
    grid = browser_page.locator("[data-picture-choice]")

    grid.get_by_label("Find a picture: type a word, such as house or money").fill("house")

    shown = grid.locator(".picture-choice-option:visible")
    assert shown.count() >= 2
    # The picture chosen now stays in sight.
    others = [text.strip() for text in shown.all_inner_texts() if "house" not in text]
    assert others == ["findings\na scroll"]
    assert "pictures shown." in grid.locator(".picture-choice-count").inner_text()
    shown.first.click()
    assert browser_page.locator("input[name=picture]:checked").input_value() == "home"
    browser_page.get_by_label("Name:").fill("Homes")
    browser_page.get_by_role("button", name="Save", exact=True).click()
    browser_page.wait_for_url("**/evidence/tag/")
    assert list(Tag.objects.values_list("slug", "picture")) == [("homes", "home")]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_picture_grid_is_accessible(browser_page, client, width):
    log_in(browser_page, client)
    browser_page.set_viewport_size(WIDTHS[width])
    browser_page.goto(browser_page.base_url + reverse("admin:evidence_tag_add"))
    assert axe_violations(browser_page) == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_pictures_are_radio_buttons(chromium, live_server, client):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.base_url = live_server.url
    log_in(page, client)
    page.goto(live_server.url + reverse("admin:evidence_tag_add"))

    assert not page.get_by_label("Find a picture: type a word, such as house or money").is_visible()
    page.get_by_label("housing houses").check()
    page.get_by_label("Name:").fill("Homes")
    page.get_by_label("Slug:").fill("homes")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/evidence/tag/")
    assert Tag.objects.get(slug="homes").picture == "housing"
    context.close()
