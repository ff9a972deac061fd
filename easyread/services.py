"""Rules that write easy-read data: deleting a facilitator's own picture."""

from django.db import transaction

from easyread.models import OwnPicture


class EasyReadError(Exception):
    """Something a facilitator asked for cannot be done, said in plain words."""


def delete_own_picture(picture: OwnPicture) -> None:
    """Delete an uploaded picture and its file; refused while anything still shows it."""
    places = picture.places_used()
    if places:
        raise EasyReadError(
            f"We cannot delete the picture '{picture.name}'. It is used by "
            + "; ".join(places)
            + ". Choose another picture for them first."
        )
    image = picture.image
    picture.delete()
    transaction.on_commit(lambda: image.storage.delete(image.name))
