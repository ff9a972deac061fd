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

The ``post_migrate`` signal took three quarters of that (0.17 of 0.24 s a test): it asks for
every app's permissions and the Facilitators group's. It always makes the same rows (the
site, the group and its permissions), so it runs once per test process; after that, its
rows are put back from what it made the first time, in the same transaction as the
``DELETE``.
"""

from django.core.management.sql import emit_post_migrate_signal
from django.db import connections, transaction
from django.test import TransactionTestCase

# Made from the models by post_migrate; the same before and after every test.
KEPT = frozenset({"django_content_type", "auth_permission"})


# For each database: the rows post_migrate makes, as (table, columns, rows).
_made_by_post_migrate: dict[str, list[tuple[str, list[str], list[tuple]]]] = {}


def empty_database(using: str = "default") -> None:
    connection = connections[using]
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    emptied = sorted(set(tables) - KEPT)
    quote = connection.ops.quote_name
    made = _made_by_post_migrate.get(using)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("".join(f"DELETE FROM {quote(table)};" for table in emptied))
        for table, columns, rows in made or ():
            names = ", ".join(quote(column) for column in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)
    if made is None:
        emit_post_migrate_signal(verbosity=0, interactive=False, db=using)
        _made_by_post_migrate[using] = _rows_of(connection, emptied)


def _rows_of(connection, tables) -> list[tuple[str, list[str], list[tuple]]]:
    """Every row of the tables that have any (put back in any order: PostgreSQL checks
    Django's foreign keys at the commit)."""
    quote = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)}")
            rows = cursor.fetchall()
            if rows:
                found.append((table, [column.name for column in cursor.description], rows))
    return found


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
