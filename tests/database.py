"""Emptying the test database after a test that committed (a transactional or browser test).

Django's ``TransactionTestCase`` empties every table with ``flush``: one ``TRUNCATE`` of all
of them, after which ``post_migrate`` makes the content types, permissions, the site and the
Facilitators group again. On PostgreSQL a ``TRUNCATE`` gives each table and index a new file,
which took about a second a test here, and most of the teardown time of the suite.

``empty_database`` leaves the database in the same state with ``DELETE``: every table of our
models in one transaction (PostgreSQL checks Django's foreign keys at the commit, so the
order does not matter), then the same ``post_migrate`` signal as ``flush``. Content types
and permissions are kept: they are made from the models, which do not change during a run,
and keeping them keeps their ids the same as in Django's cache of content types.
"""

from django.core.management.sql import emit_post_migrate_signal
from django.db import connections, transaction
from django.test import TransactionTestCase

# Made from the models by post_migrate; the same before and after every test.
KEPT = frozenset({"django_content_type", "auth_permission"})


def empty_database(using: str = "default") -> None:
    connection = connections[using]
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    emptied = sorted(set(tables) - KEPT)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        quote = connection.ops.quote_name
        cursor.execute("".join(f"DELETE FROM {quote(table)};" for table in emptied))
    emit_post_migrate_signal(verbosity=0, interactive=False, db=using)


_flush_teardown = TransactionTestCase._fixture_teardown


def _fixture_teardown(self):
    """TransactionTestCase's teardown, with ``empty_database`` for ``flush``.

    Django's own teardown is kept where it does something else: for a test that lists its
    ``available_apps`` or asks for a serialised rollback.
    """
    if self.available_apps is not None or self.serialized_rollback:
        return _flush_teardown(self)
    for using in self._databases_names(include_mirrors=False):
        empty_database(using)


def empty_with_delete() -> None:
    TransactionTestCase._fixture_teardown = _fixture_teardown
