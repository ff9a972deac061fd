import pytest
from django.db import transaction

from evidence import seeds


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The seed evidence, loaded once for a test module and rolled back at its end.

    Each test runs inside its own savepoint on top (pytest-django's ``db``), so tests may
    change the data freely. Returns the summary line of ``seeds.load()``.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield seeds.load()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
