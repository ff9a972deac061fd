import pytest

from evidence import seeds
from tests.conftest import kept_for_the_module


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The seed evidence, loaded once for a test module (``kept_for_the_module``).

    Returns the summary line of ``seeds.load()``.
    """
    with kept_for_the_module(django_db_blocker):
        yield seeds.load()
