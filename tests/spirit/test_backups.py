"""make backup / make restore: a dump brings back every row."""

import os
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import psycopg
import pytest
from allauth.account.models import EmailAddress, EmailConfirmation
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from core import backups
from tests.factories import make_facilitator, make_member

pytestmark = pytest.mark.django_db(transaction=True)


def table_fingerprints(dbname: str) -> dict[str, tuple[int, str]]:
    """Each table's row count and a checksum of all its rows, read straight from PostgreSQL."""
    database = settings.DATABASES["default"]
    with psycopg.connect(
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"],
        password=database.get("PASSWORD") or None,
        dbname=dbname,
    ) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: db.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM \"{table}\" t"
            ).fetchone()
            for table in tables
        }


@pytest.fixture
def fresh_database():
    """An empty database on the same server, dropped afterwards."""
    name = f"spirit_restore_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_people():
    for number in range(3):
        member = make_member(
            email=f"member{number}@example.org", username=f"member{number}@example.org"
        )
        EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    make_facilitator(email="fac@example.org", username="fac@example.org")


def test_a_backup_restored_into_a_fresh_database_has_every_row(tmp_path, fresh_database):
    make_people()
    dump = tmp_path / "spirit.dump"
    call_command("backup_database", output=str(dump))
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format

    call_command("restore_database", str(dump), dbname=fresh_database, interactive=False)

    original = table_fingerprints(settings.DATABASES["default"]["NAME"])
    restored = table_fingerprints(fresh_database)
    assert restored == original
    assert original["spirit_user"][0] == 4
    assert original["account_emailaddress"][0] == 3
    assert original["spirit_user_groups"][0] == 1  # the facilitator is in the Facilitators group
    assert original["django_migrations"][0] > 0


def test_restore_brings_back_rows_deleted_after_the_backup(tmp_path, django_user_model):
    make_people()
    dump = tmp_path / "spirit.dump"
    call_command("backup_database", output=str(dump))
    before = table_fingerprints(settings.DATABASES["default"]["NAME"])
    django_user_model.objects.filter(email="member1@example.org").delete()
    make_member(email="new@example.org", username="new@example.org")

    call_command("restore_database", str(dump), interactive=False)

    assert table_fingerprints(settings.DATABASES["default"]["NAME"]) == before
    assert sorted(django_user_model.objects.values_list("email", flat=True)) == [
        "fac@example.org",
        "member0@example.org",
        "member1@example.org",
        "member2@example.org",
    ]


def test_backup_file_names_carry_the_date_and_time(settings):
    moment = datetime(2026, 3, 5, 14, 7, 9, tzinfo=ZoneInfo("Europe/London"))
    assert backups.default_backup_path(moment) == (
        settings.BASE_DIR / "backups" / "spirit-2026-03-05-140709.dump"
    )


def test_backup_without_a_path_writes_to_the_backups_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(backups, "BACKUP_DIR", tmp_path)
    call_command("backup_database")
    [written] = tmp_path.iterdir()
    assert written.name.startswith("spirit-") and written.suffix == ".dump"
    assert written.stat().st_size > 0


def test_restore_asks_first_and_does_nothing_without_yes(tmp_path, monkeypatch, django_user_model):
    make_people()
    dump = tmp_path / "spirit.dump"
    call_command("backup_database", output=str(dump))
    django_user_model.objects.filter(email="member1@example.org").delete()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore_database", str(dump))
    assert django_user_model.objects.count() == 3


def test_restoring_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="There is no backup file at"):
        call_command("restore_database", str(tmp_path / "nope.dump"), interactive=False)


def test_the_tools_match_the_server_version():
    major = backups.server_major_version()
    for name in ["pg_dump", "pg_restore"]:
        assert backups._major_version(backups.find_tool(name, major)) >= major


def test_a_backup_only_its_owner_can_read_in_a_folder_only_its_owner_can_open(
    monkeypatch, tmp_path
):
    folder = tmp_path / "backups"
    monkeypatch.setattr(backups, "BACKUP_DIR", folder)
    monkeypatch.setattr(backups, "default_backup_path", lambda: folder / "spirit-now.dump")
    call_command("backup_database")
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert oct((folder / "spirit-now.dump").stat().st_mode & 0o777) == "0o600"


def test_an_old_open_backups_folder_is_closed_and_an_old_file_is_overwritten_privately(
    monkeypatch, tmp_path
):
    folder = tmp_path / "backups"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    old = folder / "spirit-now.dump"
    old.write_text("old")
    old.chmod(0o644)
    monkeypatch.setattr(backups, "BACKUP_DIR", folder)
    monkeypatch.setattr(backups, "default_backup_path", lambda: old)
    call_command("backup_database")
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert oct(old.stat().st_mode & 0o777) == "0o600"
    assert old.read_bytes()[:5] == b"PGDMP"


def test_a_backup_is_created_private_even_when_the_umask_is_open(tmp_path):
    """Mode 0600 is set when the file is made, so no one else can open it while it is written."""
    dump = tmp_path / "open-umask.dump"
    previous = os.umask(0)
    try:
        call_command("backup_database", output=str(dump))
    finally:
        os.umask(previous)
    assert oct(dump.stat().st_mode & 0o777) == "0o600"


def test_a_backup_leaves_out_who_is_logged_in(tmp_path, fresh_database, client):
    make_people()
    client.force_login(make_member(email="logged-in@example.org"))
    EmailConfirmation.create(EmailAddress.objects.first())
    original = table_fingerprints(settings.DATABASES["default"]["NAME"])
    assert original["django_session"][0] == 1
    assert original["account_emailconfirmation"][0] == 1
    dump = tmp_path / "spirit.dump"
    call_command("backup_database", output=str(dump))

    call_command("restore_database", str(dump), dbname=fresh_database, interactive=False)

    restored = table_fingerprints(fresh_database)
    assert restored["django_session"][0] == 0
    assert restored["account_emailconfirmation"][0] == 0
    assert restored["spirit_user"][0] == 5
