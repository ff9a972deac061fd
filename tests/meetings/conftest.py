import pytest

from spirit.apps import grant_facilitator_permissions


@pytest.fixture(autouse=True)
def facilitators_have_meeting_permissions(db):
    """Grant the Facilitators group its permissions as `migrate` does on a second run.

    On a brand-new database the post_migrate hook runs for the spirit app before the
    meetings permissions exist, so the first migrate grants none (reported to the owner).
    """
    grant_facilitator_permissions()
