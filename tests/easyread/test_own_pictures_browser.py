"""A facilitator uploads their own picture in the admin, in a real browser, and a member
page shows it with the words they wrote for it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from easyread.models import OwnPicture
from evidence.models import Tag
from tests.browser import WIDTHS, log_in_as
from tests.easyread.test_own_pictures import png_bytes
from tests.evidence.factories import make_finding, make_tag
from tests.factories import make_facilitator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def save(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()


def test_a_facilitator_uploads_a_picture_and_a_tag_page_shows_it(browser_page, client, tmp_path):
    page = browser_page
    page.set_viewport_size(WIDTHS["desktop"])
    log_in_as(page, client, make_facilitator())
    tag = make_tag(name="Housing", slug="housing")
    make_finding(tags=[tag])
    bad, good = tmp_path / "drawing.svg", tmp_path / "our office.png"
    bad.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    good.write_bytes(png_bytes())
    page.goto(page.base_url + reverse("admin:easyread_ownpicture_add"))

    # Nothing but a name and a file: what it shows and who made it are asked for.
    page.get_by_label("Name:").fill("Our office")
    page.get_by_label("Picture file:").set_input_files(str(bad))
    page.get_by_label("What the picture shows:").evaluate("box => box.removeAttribute('required')")
    page.get_by_label("Who made it:").evaluate("box => box.removeAttribute('required')")
    save(page)
    expect(page.get_by_text("We cannot take SVG drawings: they can hide code.")).to_be_visible()
    expect(
        page.get_by_text("Say what the picture shows, for people who cannot see it.")
    ).to_be_visible()
    expect(page.get_by_text("Say who made the picture. The credits page shows it.")).to_be_visible()
    assert not OwnPicture.objects.exists()

    page.get_by_label("Picture file:").set_input_files(str(good))
    page.get_by_label("What the picture shows:").fill("Our office in Dorchester")
    page.get_by_label("Who made it:").fill("Photo by Sam Lee")
    save(page)
    picture = OwnPicture.objects.get()

    page.goto(page.base_url + reverse("admin:evidence_tag_change", args=[tag.pk]))
    grid = page.locator("[data-picture-choice]")
    grid.get_by_label("Find a picture: type a word, such as house or money").fill("office")
    grid.locator(".picture-choice-option:visible", has_text="Our own picture").click()
    save(page)
    assert Tag.objects.get().picture == picture.key

    page.goto(page.base_url + reverse("evidence:tag", args=["housing"]))
    # Beside the tag's name, and beside its finding (a finding shows its first tag's picture).
    expect(page.get_by_role("img", name="Our office in Dorchester").first).to_have_attribute(
        "src", picture.image.url
    )
