"""Where recordings are kept: a private folder, never under MEDIA_ROOT or the static files.

``settings.PRIVATE_MEDIA_ROOT`` is outside ``MEDIA_ROOT``, so neither the public media URL
nor whitenoise can reach a recording. The only way to hear one is ``experiences:recording``,
which checks who asks (``Experience.may_be_heard_by``).
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files on disk with no public address: ``url()`` is refused."""

    def __init__(self, **kwargs):
        kwargs.setdefault("location", settings.PRIVATE_MEDIA_ROOT)
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("Private files have no public address. Use the recording view.")


def private_storage() -> PrivateStorage:
    # A callable, so the folder is read from settings each time (tests move it).
    return PrivateStorage()


def recording_name(instance, filename: str) -> str:
    """A name nobody can guess, keeping only the file's ending (such as .webm)."""
    ending = Path(filename).suffix.lower()[:8]
    return f"recordings/{uuid.uuid4().hex}{ending}"
