"""make_<thing>(**overrides) helpers for seminar tests."""

import io
from datetime import timedelta

from django.utils import timezone
from PIL import ExifTags, Image

from meetings.models import Venue
from seminars import services
from seminars.models import Registration, Seminar, Session, Speaker


def make_venue(**overrides) -> Venue:
    fields = {
        "name": "People First Dorset",
        "address": "Herringston Barn, Winterborne Herringston",
        "town": "Dorchester",
        "postcode": "DT2 9PU",
        "how_to_get_there": "Get the train to Dorchester South.\nWe can meet you at the station.",
        "accessibility_notes": "There are no steps.\nThere is an accessible toilet.",
    }
    fields.update(overrides)
    venue, _ = Venue.objects.get_or_create(name=fields.pop("name"), defaults=fields)
    return venue


def make_seminar(**overrides) -> Seminar:
    """A seminar open for sign-up, 30 days from now, with 5 places."""
    starts_at = timezone.now().replace(microsecond=0) + timedelta(days=30)
    count = Seminar.objects.count()
    fields = {
        "title": f"Turning research into action {count + 1}",
        "slug": f"research-into-action-{count + 1}",
        "stage": Seminar.Stage.PUBLISHED,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=5),
        "description": "We talk about research.\nWe plan what to change.",
        "capacity": 5,
    }
    if "venue" not in overrides:
        fields["venue"] = make_venue()
    fields.update(overrides)
    seminar = Seminar(**fields)
    seminar.full_clean()
    seminar.save()
    return seminar


def sign_up_people(seminar: Seminar, *names: str) -> Seminar:
    """Sign each person up, in order, as "<Name> Smith" at <name>@example.org."""
    for name in names:
        services.sign_up(
            seminar, **sign_up_data(name=f"{name} Smith", email=f"{name.lower()}@example.org")
        )
    return seminar


def make_speaker(**overrides) -> Speaker:
    fields = {"name": "Mel", "organisation": "University of Southampton"}
    fields.update(overrides)
    return Speaker.objects.create(**fields)


def make_session(seminar: Seminar, **overrides) -> Session:
    fields = {"seminar": seminar, "title": "What is research?", "kind": Session.Kind.TALK}
    fields.update(overrides)
    return Session.objects.create(**fields)


def sign_up_data(**overrides) -> dict:
    """Keyword arguments for services.sign_up."""
    data = {
        "name": "Ann Smith",
        "email": "ann@example.org",
        "role": Registration.Role.SELF_ADVOCATE,
        "has_consented": True,
    }
    data.update(overrides)
    return data


def form_data(**overrides) -> dict:
    """What a person types into the sign-up form."""
    data = {
        "name": "Ann Smith",
        "email": "ann@example.org",
        "phone": "",
        "role": "self_advocate",
        "access_needs": ["easy_read"],
        "access_needs_other": "",
        "has_support_worker": "no",
        "has_consented": "on",
        "leave_empty": "",
    }
    data.update(overrides)
    return data


APPENDED = b"<?php system($_GET['c']); ?>"


def photo_bytes(image_format="JPEG", *, size=(40, 30)) -> bytes:
    """A small photo with where it was taken (GPS) in its EXIF, and a script after its end."""
    image = Image.new("RGB", size, "teal")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (50.0, 42.0, 36.0)
    buffer = io.BytesIO()
    image.save(buffer, image_format, exif=exif)
    return buffer.getvalue() + APPENDED
