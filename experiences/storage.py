"""Where recordings are kept: a private folder, never under MEDIA_ROOT or the static files.

``settings.PRIVATE_MEDIA_ROOT`` is outside ``MEDIA_ROOT``, so neither the public media URL
nor whitenoise can reach a recording. The only way to hear one is ``experiences:recording``,
which checks who asks (``Experience.may_be_heard_by``).
"""

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files on disk with no public address: ``url()`` is refused.

    The folder is read from ``settings.PRIVATE_MEDIA_ROOT`` at each use, not once when the
    model is loaded, so it follows the settings (tests give each run a folder of its own).
    """

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    # Only the portal's own user may read them on the server.
    @property
    def file_permissions_mode(self):
        return 0o600

    @property
    def directory_permissions_mode(self):
        return 0o700

    def url(self, name):
        raise ValueError("Private files have no public address. Use the recording view.")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


def recording_name(instance, filename: str) -> str:
    """A name nobody can guess, keeping only the file's ending (such as .webm)."""
    ending = Path(filename).suffix.lower()[:8]
    return f"recordings/{uuid.uuid4().hex}{ending}"
