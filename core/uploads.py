"""Uploaded files: a limit on every upload, and pictures made again from their dots.

``SizeLimitUploadHandler`` (first in ``FILE_UPLOAD_HANDLERS``) stops keeping a file once it
passes ``UPLOAD_MAX_BYTES``, so a huge upload never fills the disk; the field's check then
says the file is too big. ``reencoded_image`` saves a photo again with Pillow: what the
camera wrote (where and when it was taken) and anything hidden after the picture are gone.
"""

import io
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from PIL import Image, ImageOps, UnidentifiedImageError

NOT_A_PHOTO = "This file is not really a photo file. Choose another file."
# How each picture format is saved again, and the colour modes it can hold.
SAVE_AS = {
    "JPEG": ({"quality": 90}, ("RGB", "L", "CMYK")),
    "PNG": ({"optimize": True}, ("RGB", "RGBA", "L", "LA", "P", "1")),
    "WEBP": ({"quality": 90}, ("RGB", "RGBA")),
}


def megabytes(size: int) -> int:
    return size // (1024 * 1024)


def upload_limit(max_bytes: int) -> int:
    """The most bytes a field takes: its own limit, or the limit on every upload if lower."""
    return min(max_bytes, settings.UPLOAD_MAX_BYTES)


def validate_size(upload, max_bytes: int) -> None:
    """A file is at most ``max_bytes`` long (and no longer than any upload may be)."""
    limit = upload_limit(max_bytes)
    if upload.size > limit:
        raise ValidationError(
            f"This file is too big. The biggest is {megabytes(limit)} MB.", code="file_size"
        )


def _open_image(upload) -> Image.Image:
    upload.seek(0)
    image = Image.open(upload)
    width, height = image.size
    if width * height > settings.UPLOAD_MAX_PIXELS:
        raise ValidationError("This photo is too big. Choose a smaller photo.", code="pixels")
    image.load()
    upload.seek(0)
    return image


def validate_image(upload, *, message: str = NOT_A_PHOTO) -> None:
    """A photo Pillow can read to the end, of at most ``UPLOAD_MAX_PIXELS`` dots, in a
    format it is saved again in (JPEG, PNG or WebP: ``SAVE_AS``)."""
    try:
        image = _open_image(upload)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(message, code="file_content") from error
    if image.format not in SAVE_AS:
        raise ValidationError(message, code="file_content")


def reencoded_image(upload) -> ContentFile:
    """The photo saved again in its own format: no EXIF, no GPS, nothing after the picture.

    It is turned the way its EXIF said first, so it still shows the right way up.
    """
    image = _open_image(upload)
    options, modes = SAVE_AS[image.format]
    icc_profile = image.info.get("icc_profile")
    clean = ImageOps.exif_transpose(image)
    if clean.mode not in modes:
        clean = clean.convert("RGBA" if "A" in clean.mode and "RGBA" in modes else "RGB")
    buffer = io.BytesIO()
    clean.save(buffer, image.format, icc_profile=icc_profile, **options)
    return ContentFile(buffer.getvalue(), name=Path(upload.name).name)


class SizeLimitUploadHandler(FileUploadHandler):
    """Keeps no more than ``UPLOAD_MAX_BYTES`` of any uploaded file.

    Past the limit, the rest is read and thrown away, and the field gets an empty file
    that knows its real size, so its size check refuses it with an easy-read message.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            return None
        return raw_data

    def file_complete(self, file_size):
        if self.received <= settings.UPLOAD_MAX_BYTES:
            return None
        too_big = SimpleUploadedFile(self.file_name, b"", self.content_type)
        too_big.size = self.received
        return too_big
