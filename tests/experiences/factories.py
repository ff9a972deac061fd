from django.core.files.base import ContentFile

from experiences.models import Experience
from tests.experiences.conftest import wav_bytes


def make_experience(member, *, recording=False, **overrides) -> Experience:
    fields = {
        "words": "The bus driver would not wait for me.",
        "sharing": Experience.Sharing.NO_NAME,
        "consent_text": "I agree that SPIRIT may share what happened to me, without my name.",
        **overrides,
    }
    experience = Experience(member=member, **fields)
    if recording:
        experience.recording.save("voice.wav", ContentFile(wav_bytes()), save=False)
    experience.save()
    return experience
