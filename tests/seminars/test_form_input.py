"""Bad input on every field never gives a server error, and what was typed is kept."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.emails import normalise_email
from seminars.models import Registration
from tests.seminars.factories import make_seminar

pytestmark = pytest.mark.django_db

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
TEXT_FIELDS = ["name", "email", "phone", "access_needs_other"]


@pytest.fixture
def seminar(settings):
    settings.SEMINARS_SIGNUPS_PER_HOUR = 1_000_000
    return make_seminar(capacity=3)


form_data = st.fixed_dictionaries(
    {
        "name": TEXT,
        "email": st.one_of(TEXT, st.emails().map(str)),
        "phone": st.one_of(TEXT, st.from_regex(r"\A\+?[0-9 ]{7,20}\Z")),
        "role": st.one_of(TEXT, st.sampled_from([r.value for r in Registration.Role])),
        "access_needs": st.lists(
            st.one_of(TEXT, st.sampled_from([n.value for n in Registration.AccessNeed])),
            max_size=4,
        ),
        "access_needs_other": TEXT,
        "has_support_worker": st.one_of(TEXT, st.sampled_from(["yes", "no"])),
        "has_consented": st.sampled_from(["on", "", "yes", "\x00"]),
        "leave_empty": st.sampled_from(["", "", "", "http://spam.example"]),
    }
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=form_data)
def test_any_input_gives_a_page_and_keeps_what_was_typed(client, seminar, data):
    cache.clear()
    url = reverse("seminars:sign_up", kwargs={"slug": seminar.slug})
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    if "<title>Error: " not in html:
        # Signed up: kept in its one written form (lower case, NFKC, IDNA domain).
        assert Registration.objects.filter(email=normalise_email(data["email"])).exists()
        return
    for field in TEXT_FIELDS:
        if data[field].strip():
            assert escape(data[field]) in html, field


def test_null_characters_get_an_easy_read_message(client, seminar):
    url = reverse("seminars:sign_up", kwargs={"slug": seminar.slug})
    response = client.post(url, {"name": "Ann\x00", "email": "ann@example.org"})
    assert response.status_code == 200
    assert response.content.decode().count("Remove the unusual characters.") == 2
