"""Facilitators' own pictures: uploaded with what they show and who made them, chosen
beside the built-in pictures, shown with their alt text, credited, never deleted in use."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from PIL import Image

from easyread import pdf
from easyread.models import GlossaryTerm, OwnPicture
from evidence.handouts import theme_handout_context
from evidence.models import Tag
from tests.evidence.factories import make_finding, make_tag, make_theme
from tests.factories import make_facilitator

pytestmark = pytest.mark.django_db

ADD = "admin:easyread_ownpicture_add"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def facilitator_client(client):
    client.force_login(make_facilitator())
    return client


def png_bytes(size=(30, 20), image_format="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, image_format)
    return buffer.getvalue() + b"<?php system($_GET['c']); ?>"


def upload(client, file, **overrides):
    data = {"name": "Our office", "image": file, "alt_text": "Our office in Dorchester",
            "credit": "Photo by Sam Lee, shared with consent"}  # fmt: skip
    data.update(overrides)
    return client.post(reverse(ADD), data)


def own_picture(name="Our office", alt_text="Our office in Dorchester") -> OwnPicture:
    picture = OwnPicture(
        name=name,
        image=SimpleUploadedFile("my photo (1).png", png_bytes()),
        alt_text=alt_text,
        credit="Photo by Sam Lee",
    )
    picture.full_clean()
    picture.save()
    return picture


def test_an_uploaded_picture_is_kept_under_a_safe_name_and_saved_again(facilitator_client):
    response = upload(facilitator_client, SimpleUploadedFile("../my photo (1).PNG", png_bytes()))

    assert response.status_code == 302
    picture = OwnPicture.objects.get()
    assert picture.image.name.startswith("easyread/pictures/own-")
    assert picture.image.name.endswith(".png") and " " not in picture.image.name
    with picture.image.open("rb") as file:
        saved = file.read()
    assert b"<?php" not in saved  # made again from its dots: nothing after the picture
    assert Image.open(io.BytesIO(saved)).size == (30, 20)


@pytest.mark.parametrize(
    "field, message",
    [
        ("alt_text", "Say what the picture shows, for people who cannot see it."),
        ("credit", "Say who made the picture. The credits page shows it."),
    ],
)
def test_what_it_shows_and_who_made_it_are_needed(facilitator_client, field, message):
    response = upload(facilitator_client, SimpleUploadedFile("a.png", png_bytes()), **{field: ""})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OwnPicture.objects.exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
         "We cannot take SVG drawings: they can hide code."),
        ("notes.pdf", b"%PDF-1.4", "Choose a picture file ending in .png, .jpg, .jpeg or .webp."),
        ("random.png", bytes(range(256)) * 4, "This file is not really a picture we can use."),
        ("moving.png", png_bytes(image_format="GIF"), "This file is not really a picture we can use."),
        ("huge.png", b"\x89PNG\r\n\x1a\n" + b"0" * (2 * 1024 * 1024 + 1), "This file is too big."),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_a_plain_message(facilitator_client, name, content, message):
    response = upload(facilitator_client, SimpleUploadedFile(name, content))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OwnPicture.objects.exists()


def test_the_picture_grid_offers_own_pictures_beside_the_built_in_ones(facilitator_client):
    picture = own_picture()

    html = facilitator_client.get(reverse("admin:evidence_tag_add")).content.decode()

    assert 'src="/static/pictures/1F3E0' in html
    assert f'value="{picture.key}"' in html
    assert f'src="{picture.image.url}"' in html
    assert "Our office in Dorchester" in html and "Our own picture" in html


def test_a_tag_keeps_an_own_picture_and_its_page_shows_it_with_its_alt_text(
    facilitator_client, client
):
    picture = own_picture()
    tag = make_tag(name="Housing", slug="housing")
    make_finding(tags=[tag])
    data = {"name": "Housing", "slug": "housing", "easy_read_meaning": "Where you live.",
            "picture": picture.key}  # fmt: skip

    response = facilitator_client.post(reverse("admin:evidence_tag_change", args=[tag.pk]), data)

    assert response.status_code == 302
    assert Tag.objects.get().picture == picture.key
    client.logout()
    html = client.get(reverse("evidence:tag", args=["housing"])).content.decode()
    assert f'src="{picture.image.url}" alt="Our office in Dorchester"' in html


def test_the_picture_tag_gives_alt_text_unless_told_it_is_decoration():
    picture = own_picture()

    def render(source):
        return Template("{% load easyread %}" + source).render(Context({"name": picture.key}))

    assert 'alt="Our office in Dorchester"' in render("{% picture name %}")
    assert 'alt=""' in render('{% picture name alt="" %}')
    assert 'alt=""' in render('{% picture "home" %}')  # a built-in one repeats its words


def test_the_credits_page_says_who_made_each_own_picture(client):
    own_picture()

    html = client.get(reverse("easyread:credits")).content.decode()

    assert "Our own pictures" in html
    assert "Our office in Dorchester. Who made it: Photo by Sam Lee" in html


def test_a_picture_in_use_is_not_deleted_and_the_message_says_where(facilitator_client):
    picture = own_picture()
    make_tag(name="Housing", slug="housing", picture=picture.key)
    GlossaryTerm.objects.create(term="advocacy", slug="advocacy", meaning="Speaking up.",
                                picture=picture.key)  # fmt: skip
    url = reverse("admin:easyread_ownpicture_delete", args=[picture.pk])

    response = facilitator_client.post(url, {"post": "yes"}, follow=True)

    assert OwnPicture.objects.filter(pk=picture.pk).exists()
    assert (
        "We cannot delete the picture &#x27;Our office&#x27;. It is used by the tag "
        "&#x27;Housing&#x27;; the glossary term &#x27;advocacy&#x27;. "
        "Choose another picture for them first."
    ) in response.content.decode()


def test_a_picture_not_in_use_is_deleted_with_its_file(
    facilitator_client, django_capture_on_commit_callbacks
):
    picture = own_picture()
    storage, name = picture.image.storage, picture.image.name
    url = reverse("admin:easyread_ownpicture_delete", args=[picture.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not OwnPicture.objects.exists()
    assert not storage.exists(name)


def test_a_handout_draws_an_own_picture_of_a_hard_word():
    picture = own_picture()
    GlossaryTerm.objects.create(term="direct payment", slug="direct-payment",
                                meaning="Money to pay for your support.", picture=picture.key)  # fmt: skip
    theme = make_theme(name="Money", slug="money")
    make_finding(theme=theme, easy_read="A direct payment helps.")

    context = theme_handout_context(theme, list(theme.findings.all()))
    fetcher = pdf.PictureFetcher()
    from django.template.loader import render_to_string

    html = render_to_string("handouts/theme.html", context)
    document = pdf.render_pdf(html, pictures=context["all_pictures"], fetcher=fetcher)

    own_uri = pdf.handout_picture(picture.key).uri
    assert own_uri.endswith(picture.image.name.rsplit("/", 1)[1])
    assert own_uri in fetcher.fetched
    assert document.startswith(b"%PDF")


def test_a_page_of_many_own_pictures_reads_them_with_one_query(django_assert_num_queries):
    keys = [own_picture(name=f"Picture {n}", alt_text=f"Our room {n}").key for n in range(5)]
    template = Template("{% load easyread %}" + "".join(f'{{% picture "{k}" %}}' for k in keys))
    with django_assert_num_queries(1):
        html = template.render(Context())
    assert all(f'alt="Our room {n}"' in html for n in range(5))


def test_a_new_picture_is_shown_at_once_after_the_others_were_read():
    first = own_picture(name="First", alt_text="The first room")
    Template(f'{{% load easyread %}}{{% picture "{first.key}" %}}').render(Context())
    second = own_picture(name="Second", alt_text="The second room")
    html = Template(f'{{% load easyread %}}{{% picture "{second.key}" %}}').render(Context())
    assert 'alt="The second room"' in html
