"""The steps of "Tell us what happened to you", through the test client (no browser)."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from experiences import flow, services
from experiences.models import Experience
from tests.evidence.factories import make_tag, make_theme
from tests.experiences.conftest import wav_bytes
from tests.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = make_member(first_name="Sam")
    client.force_login(user)
    return user


def wav_upload(name="voice.wav", content=None, content_type="audio/wav"):
    return SimpleUploadedFile(name, wav_bytes() if content is None else content, content_type)


def answer_all(client, *, words="The bus driver would not wait for me.", sharing="no_name", **what):
    theme = make_theme(name="Getting about", slug="getting-about", picture="transport")
    tag = make_tag(name="buses", slug="buses", picture="transport")
    assert client.post(reverse("experiences:what"), {"words": words, **what}).status_code == 302
    assert (
        client.post(reverse("experiences:topic"), {"theme": theme.pk, "tags": [tag.pk]}).status_code
        == 302
    )
    assert client.post(reverse("experiences:where"), {"place": "In Brighton"}).status_code == 302
    assert client.post(reverse("experiences:sharing"), {"sharing": sharing}).status_code == 302
    return theme, tag


def test_a_member_answers_each_question_then_checks_and_sends(client, member):
    theme, tag = answer_all(client)
    check = client.get(reverse("experiences:check"))
    assert check.status_code == 200
    page = check.content.decode()
    assert "The bus driver would not wait for me." in page
    assert "Getting about" in page and "buses" in page and "In Brighton" in page
    for sentence in flow.sentences(flow.CONSENT_WORDS["no_name"]):
        assert sentence in page
    assert " ".join(flow.sentences(flow.CONSENT_WORDS["no_name"])) == flow.CONSENT_WORDS["no_name"]

    sent = client.post(reverse("experiences:check"), {"send": ""})
    assert sent["Location"] == reverse("experiences:mine")
    experience = Experience.objects.get()
    assert experience.member == member
    assert experience.words == "The bus driver would not wait for me."
    assert experience.theme == theme and list(experience.tags.all()) == [tag]
    assert experience.place == "In Brighton"
    assert experience.sharing == "no_name"
    assert experience.consent_text == flow.CONSENT_WORDS["no_name"]
    assert experience.state == "waiting" and not experience.helped_by_supporter
    # The draft is gone: the next story starts empty.
    assert flow.SESSION_KEY not in client.session
    mine = client.get(reverse("experiences:mine")).content.decode()
    assert "The bus driver would not wait for me." in mine and "It is waiting." in mine


def test_nothing_typed_and_nothing_recorded_says_so_next_to_the_box(client, member):
    response = client.post(reverse("experiences:what"), {"words": "   "})
    assert response.status_code == 200
    assert 'id="id_words_error"' in response.content.decode()
    assert "Type what happened, or record it." in response.content.decode()
    assert response.context["form"].errors["words"] == ["Type what happened, or record it."]


def test_a_file_that_is_not_sound_is_refused_and_the_typed_words_are_kept(client, member):
    fake = SimpleUploadedFile("voice.mp3", b"<html>not sound at all</html>", "audio/mpeg")
    response = client.post(
        reverse("experiences:what"), {"words": "It was my birthday.", "recording": fake}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This file is not a sound recording." in page
    assert "It was my birthday." in page
    assert flow.load(client.session).recording == ""


def test_a_picture_with_a_sound_ending_is_refused(client, member):
    picture = SimpleUploadedFile("voice.wav", b"\x89PNG\r\n\x1a\n" + b"0" * 40, "image/png")
    response = client.post(reverse("experiences:what"), {"recording": picture})
    assert "This file is not a sound recording." in response.content.decode()


def test_a_recording_over_the_limit_is_refused_in_easy_read(client, member, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    response = client.post(reverse("experiences:what"), {"recording": wav_upload()})
    assert response.status_code == 200
    assert "This file is too big." in response.content.decode()


def test_an_uploaded_recording_is_kept_privately_then_sent_and_the_draft_copy_goes(
    client, member, private_media, settings, django_capture_on_commit_callbacks
):
    response = client.post(reverse("experiences:what"), {"recording": wav_upload()})
    assert response.status_code == 302
    draft = flow.load(client.session)
    assert draft.recording.startswith("drafts/")
    draft_file = Path(private_media) / draft.recording
    assert draft_file.read_bytes() == wav_bytes()
    # Listen back before sending.
    listen = client.get(reverse("experiences:draft_recording"))
    assert listen["Content-Type"] == "audio/wav" and listen["Cache-Control"] == "private, no-store"
    assert b"".join(listen.streaming_content) == wav_bytes()

    client.post(reverse("experiences:topic"), {"theme": ""})
    client.post(reverse("experiences:where"), {"place": ""})
    client.post(reverse("experiences:sharing"), {"sharing": "first_name"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("experiences:check"), {"send": ""})
    experience = Experience.objects.get()
    assert experience.words == "" and experience.theme is None
    assert experience.recording.name.startswith("recordings/")
    stored = Path(private_media) / experience.recording.name
    assert stored.read_bytes() == wav_bytes()
    assert not draft_file.exists()
    # Nowhere under the public media or static folders.
    for public in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        assert not Path(stored).resolve().is_relative_to(Path(public).resolve())


def test_a_later_question_cannot_be_opened_before_the_first_is_answered(client, member):
    for step in ("topic", "where", "sharing", "check"):
        response = client.get(reverse(f"experiences:{step}"))
        assert response["Location"] == reverse("experiences:what")
    assert client.post(reverse("experiences:check"), {"send": ""})["Location"] == reverse(
        "experiences:what"
    )
    assert not Experience.objects.exists()


def test_go_back_keeps_what_was_chosen_and_shows_it_again(client, member):
    theme = make_theme(name="Getting about", slug="getting-about")
    client.post(reverse("experiences:what"), {"words": "I missed the bus."})
    back = client.post(reverse("experiences:topic"), {"theme": theme.pk, "back": ""})
    assert back["Location"] == reverse("experiences:what")
    page = client.get(reverse("experiences:what")).content.decode()
    assert "I missed the bus." in page
    topic = client.get(reverse("experiences:topic")).content.decode()
    assert f'value="{theme.pk}" id="id_theme_1" checked' in topic or (
        f'value="{theme.pk}"' in topic and "checked" in topic
    )
    assert flow.load(client.session).theme == theme.pk


def test_the_sharing_question_must_be_answered(client, member):
    client.post(reverse("experiences:what"), {"words": "I missed the bus."})
    client.post(reverse("experiences:topic"), {"theme": ""})
    client.post(reverse("experiences:where"), {"place": ""})
    response = client.post(reverse("experiences:sharing"), {})
    assert response.status_code == 200
    assert "Choose if we may share it." in response.content.decode()
    assert client.get(reverse("experiences:check"))["Location"] == reverse("experiences:sharing")


def test_a_supporter_is_asked_about_them_and_their_consent_words_are_stored(client, member):
    answer_all(client, helped_by_supporter="on", sharing="first_name")
    sharing = client.get(reverse("experiences:sharing")).content.decode()
    assert "We would like to share their story." in sharing
    for sentence in flow.sentences(flow.CONSENT_WORDS_FOR_SUPPORTER["first_name"]):
        assert sentence in sharing
    assert "Yes, with their first name" in sharing
    client.post(reverse("experiences:check"), {"send": ""})
    experience = Experience.objects.get()
    assert experience.helped_by_supporter
    assert experience.consent_text.startswith("They agree that SPIRIT may share")


def test_coming_from_a_theme_chooses_its_topic(client, member):
    theme = make_theme(name="Getting about", slug="getting-about")
    client.get(reverse("experiences:what") + "?theme=getting-about")
    client.post(reverse("experiences:what"), {"words": "I missed the bus."})
    topic = client.get(reverse("experiences:topic"))
    assert topic.context["form"].initial["theme"] == theme.pk


def test_each_step_posts_to_its_own_address_never_an_empty_action(client, member):
    # The Nu HTML Checker refuses action="" (it must be a URL when it is given).
    answer_all(client)
    for step in flow.STEPS:
        path = reverse(f"experiences:{step}")
        html = client.get(path + "?theme=getting-about").content.decode()
        assert 'action=""' not in html
        assert f'<form method="post" action="{path}?theme=getting-about" novalidate' in html


def test_a_theme_that_is_gone_by_sending_time_leaves_the_topic_empty(client, member):
    theme, _ = answer_all(client)
    theme.findings.all().delete()
    theme.delete()
    client.post(reverse("experiences:check"), {"send": ""})
    assert Experience.objects.get().theme is None


def test_only_the_first_question_may_use_the_microphone(client, member):
    what = client.get(reverse("experiences:what"))
    policy = dict(item.split("=") for item in what["Permissions-Policy"].split(", "))
    assert policy["microphone"] == "(self)" and policy["camera"] == "()"
    mine = client.get(reverse("experiences:mine"))
    policy = dict(item.split("=") for item in mine["Permissions-Policy"].split(", "))
    assert policy["microphone"] == "()"


def test_a_visitor_is_asked_to_log_in_first(client):
    response = client.get(reverse("experiences:what"))
    assert response["Location"].startswith(reverse("account_login"))


def test_the_my_experiences_page_asks_the_same_few_questions_for_many(
    client, member, django_assert_max_num_queries
):
    from tests.experiences.factories import make_experience

    theme = make_theme()
    for _ in range(12):
        make_experience(member, theme=theme, recording=True)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("experiences:mine"))
    assert response.content.decode().count("Take it back") == 12


def test_the_topic_page_asks_the_same_few_questions_for_many_themes(
    client, member, django_assert_max_num_queries
):
    for number in range(15):
        make_theme(name=f"Theme {number}", slug=f"theme-{number}")
        make_tag(name=f"tag {number}", slug=f"tag-{number}")
    client.post(reverse("experiences:what"), {"words": "I missed the bus."})
    with django_assert_max_num_queries(6):
        response = client.get(reverse("experiences:topic"))
    assert response.content.decode().count('name="tags"') == 15


def test_the_daily_clean_up_deletes_old_withdrawn_ones_and_unsent_recordings(
    client, member, private_media
):
    from tests.experiences.factories import make_experience

    old = make_experience(member)
    services.withdraw(old)
    Experience.objects.filter(pk=old.pk).update(
        withdrawn_at=timezone.now() - datetime.timedelta(days=31)
    )
    recent = services.withdraw(make_experience(member))
    waiting = make_experience(member)
    client.post(reverse("experiences:what"), {"recording": wav_upload()})
    unsent = Path(private_media) / flow.load(client.session).recording
    assert unsent.exists()

    assert services.purge(now=timezone.now() + datetime.timedelta(days=2)) >= 1
    assert set(Experience.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not unsent.exists()
