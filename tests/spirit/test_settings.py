import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION_SECRET = "p" * 20 + "roduction-secret-key-that-is-long-and-random-1234567890"


def run_manage(*args, **environment):
    ignored = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env["DATABASE_URL"] = env.get("DATABASE_URL") or _database_url()
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _database_url():
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@%2F{db['HOST'].strip('/').replace('/', '%2F')}:{db['PORT']}/{db['NAME']}"


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "Set SECRET_KEY to a long random value" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = run_manage(
        "check", DEBUG="false", SECRET_KEY="development-only-secret-key-do-not-use-in-production"
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DEBUG="false",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="spirit.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_database_is_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_static_files_are_compressed_with_hashed_names():
    # The settings file itself: the tests collect static files without compressing them.
    from config import settings as configured

    assert (
        configured.STORAGES["staticfiles"]["BACKEND"]
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert settings.MIDDLEWARE[1] == "whitenoise.middleware.WhiteNoiseMiddleware"


def test_the_number_of_trusted_proxies_comes_from_the_environment():
    show = "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    assert run_manage("shell", "--no-imports", "-c", show, DEBUG="true").stdout.strip() == "0"
    result = run_manage(
        "shell", "--no-imports", "-c", show, DEBUG="true", ALLAUTH_TRUSTED_PROXY_COUNT="1"
    )
    assert result.stdout.strip() == "1"
