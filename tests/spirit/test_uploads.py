"""Uploads: pictures are made again from their dots, and no upload is kept past its limit."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from core.uploads import SizeLimitUploadHandler, reencoded_image, validate_image
from tests.seminars.factories import APPENDED, photo_bytes


@pytest.mark.parametrize(
    ("image_format", "name"), [("JPEG", "me.jpg"), ("PNG", "me.png"), ("WEBP", "me.webp")]
)
def test_a_reencoded_photo_has_no_gps_and_nothing_after_the_picture(image_format, name):
    original = photo_bytes(image_format)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    cleaned = reencoded_image(SimpleUploadedFile(name, original))

    data = cleaned.read()
    image = Image.open(io.BytesIO(data))
    assert image.format == image_format
    assert image.size == (40, 30)
    assert dict(image.getexif()) == {}
    assert APPENDED not in data
    assert b"Exif" not in data
    assert cleaned.name == name


def test_a_reencoded_photo_is_turned_the_way_its_exif_said():
    image = Image.new("RGB", (40, 30), "teal")
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # turned a quarter to the right
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)

    cleaned = reencoded_image(SimpleUploadedFile("me.jpg", buffer.getvalue()))

    assert Image.open(cleaned).size == (30, 40)


@pytest.mark.parametrize(
    "content",
    [b"\xff\xd8\xff" + b"not a picture" * 10, photo_bytes()[:60]],
)
def test_a_file_that_is_not_a_whole_picture_is_refused(content):
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("me.jpg", content))
    assert error.value.messages == ["This file is not really a photo file. Choose another file."]


def test_a_picture_with_too_many_dots_is_refused(settings):
    settings.UPLOAD_MAX_PIXELS = 100
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("me.jpg", photo_bytes(size=(20, 10))))
    assert error.value.messages == ["This photo is too big. Choose a smaller photo."]


def test_the_upload_handler_keeps_nothing_past_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 10
    handler = SizeLimitUploadHandler()
    handler.new_file("photo", "me.jpg", "image/jpeg", None)

    passed_on = [handler.receive_data_chunk(chunk, 0) for chunk in (b"123456", b"7890", b"X")]
    too_big = handler.file_complete(11)

    assert passed_on == [b"123456", b"7890", None]
    assert (too_big.name, too_big.size, too_big.read()) == ("me.jpg", 11, b"")


def test_the_upload_handler_lets_a_file_within_the_limit_through(settings):
    settings.UPLOAD_MAX_BYTES = 10
    handler = SizeLimitUploadHandler()
    handler.new_file("photo", "me.jpg", "image/jpeg", None)

    assert handler.receive_data_chunk(b"1234567890", 0) == b"1234567890"
    assert handler.file_complete(10) is None
