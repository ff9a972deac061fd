import pytest

from tests.factories import make_facilitator


@pytest.fixture
def facilitator_client(client):
    """A facilitator with two-factor log-in, logged in."""
    client.force_login(make_facilitator())
    return client
