"""Hostile input to the account forms never gives a server error (hypothesis)."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# Odd Unicode, NUL bytes, very long text, markup.
hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
    st.sampled_from(
        [
            "\x00",
            "a\x00b@example.org",
            "<script>alert(1)</script>",
            "'; DROP TABLE x; --",
            "\ufeff",
            "😀@😀.😀",
        ]
    ),
)
FORMS = {
    "account_login": ["login", "password"],
    "account_signup": ["email", "password1", "password2"],
    "account_reset_password": ["email"],
}
ANSWERS = {200, 302, 429}
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("url_name", FORMS)
@SETTINGS
@given(values=st.lists(hostile_text, min_size=3, max_size=3))
def test_account_forms_never_crash(client, url_name, values):
    cache.clear()  # the rate limits would otherwise answer every later example with 429
    data = dict(zip(FORMS[url_name], values, strict=False))
    response = client.post(reverse(url_name), data)
    assert response.status_code in ANSWERS
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_a_nul_byte_gets_an_easy_read_message_and_the_page_says_error(client):
    response = client.post(
        reverse("account_login"), {"login": "a\x00b@example.org", "password": "x"}
    )
    assert response.status_code == 200
    assert "Please take out the odd character you typed." in response.content.decode()
    assert "<title>Error: Log in – SPIRIT</title>" in response.content.decode()


def test_typed_markup_comes_back_as_text(client):
    response = client.post(reverse("account_signup"), {"email": "<b>ann</b>", "password1": ""})
    html = response.content.decode()
    assert 'value="&lt;b&gt;ann&lt;/b&gt;"' in html
    assert "<b>ann</b>" not in html
