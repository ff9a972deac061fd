"""What a recording must be: a sound file we know, no bigger than RECORDING_MAX_BYTES.

The browser's recorder makes WebM/Opus (Chrome, Firefox) or MP4/AAC (Safari); a phone's
voice memo app makes M4A, MP3, AMR or WAV. The first bytes of the file are checked too, so
a renamed file that is not sound is refused. Each message is one easy-read sentence.
"""

from pathlib import Path

from django.core.exceptions import ValidationError

from core.uploads import validate_size

RECORDING_MAX_BYTES = 20 * 1024 * 1024
ENDINGS = {".webm", ".weba", ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".mp4", ".aac", ".wav"}
ENDINGS |= {".flac", ".3gp", ".amr", ".caf"}
# What the browser or phone may say the file is ("audio/webm;codecs=opus" counts as audio/webm).
CONTENT_TYPES = {"video/webm", "video/mp4", "video/3gpp", "application/ogg"}
CONTENT_TYPES |= {"application/octet-stream"}  # some phones say nothing useful
CONTENT_TYPE_FOR_ENDING = {
    ".webm": "audio/webm",
    ".weba": "audio/webm",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".mp4": "audio/mp4",
    ".aac": "audio/aac",
    ".wav": "audio/wav",
    ".flac": "audio/flac",
    ".3gp": "audio/3gpp",
    ".amr": "audio/amr",
    ".caf": "audio/x-caf",
}
NOT_SOUND = "This file is not a sound recording. Choose a recording, or type instead."


def _looks_like_sound(head: bytes) -> bool:
    """The first bytes of each sound format we take."""
    return (
        head.startswith(b"\x1a\x45\xdf\xa3")  # WebM / Matroska
        or head.startswith(b"OggS")
        or (head.startswith(b"RIFF") and head[8:12] == b"WAVE")
        or head.startswith(b"ID3")  # MP3 with its labels
        or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)  # MP3 or AAC frame
        or head[4:8] == b"ftyp"  # MP4, M4A, 3GP
        or head.startswith(b"fLaC")
        or head.startswith(b"#!AMR")
        or head.startswith(b"caff")
    )


def validate_recording(upload) -> None:
    ending = Path(upload.name or "").suffix.lower()
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if ending not in ENDINGS or not (
        content_type.startswith("audio/") or content_type in CONTENT_TYPES or not content_type
    ):
        raise ValidationError(NOT_SOUND, code="file_type")
    validate_size(upload, RECORDING_MAX_BYTES)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not _looks_like_sound(head):
        raise ValidationError(NOT_SOUND, code="file_content")


def content_type_of(name: str) -> str:
    return CONTENT_TYPE_FOR_ENDING.get(Path(name).suffix.lower(), "application/octet-stream")
