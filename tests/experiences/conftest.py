import io
import wave

import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Recordings go to a private folder of this test's own, away from the public media."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


def wav_bytes(seconds: float = 0.5) -> bytes:
    """A small real WAV file: a quiet tone, written with Python's wave module."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        frames = int(8000 * seconds)
        sound.writeframes(b"".join((i % 40 * 200).to_bytes(2, "little") for i in range(frames)))
    return buffer.getvalue()
