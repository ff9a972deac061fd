import io
import logging
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by
# tests around it are still synchronous, so Django may allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.browser"]


def pytest_configure(config):
    from tests.database import empty_with_delete

    empty_with_delete()


@pytest.fixture(scope="session", autouse=True)
def collected_static_files(tmp_path_factory):
    """Pages link to hashed static files, as in production: collect them once per run.

    Into a folder of this run's own, so that runs at the same time never share one.
    Hashed names as in production, without the brotli and gzip copies: the tests never read
    those, and making them took most of the time before the first test.
    """
    # Imported here: tests.browser is a plugin (pytest_plugins), whose asserts pytest
    # rewrites only if nothing imported it first.
    from tests.browser import AXE_FOLDER, AXE_STATIC_NAME

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    # axe-core, for the browser tests to load as a file of the site (tests/browser.py).
    axe = tmp_path_factory.mktemp("axe")
    shutil.copy(AXE_FOLDER / "axe.min.js", axe / Path(AXE_STATIC_NAME).name)
    with override_settings(
        STATIC_ROOT=tmp_path_factory.mktemp("staticfiles"),
        STORAGES=storages,
        STATICFILES_DIRS=[*settings.STATICFILES_DIRS, ("tests", axe)],
        # Whitenoise looks a static file up when it is asked for, not all of them when its
        # middleware starts: each test's client starts the middleware again, and reading
        # the 600 files' details took a quarter of a second of every test that used it.
        WHITENOISE_AUTOREFRESH=True,
    ):
        call_command("collectstatic", "--noinput", verbosity=0)
        yield


@contextmanager
def kept_for_the_module(django_db_blocker):
    """Data made once for a test module, rolled back at its end.

    Each test runs inside its own savepoint on top (pytest-django's ``db``), so tests may
    change the data freely. Only for modules without transactional or browser tests: those
    need committed data, which this never is.
    """
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def site_seeds(django_db_setup, django_db_blocker):
    """The group's whole seed content (``load_seeds``), loaded once for a test module."""
    with kept_for_the_module(django_db_blocker):
        call_command("load_seeds", stdout=io.StringIO())
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (pages, rate limits, the uploaded pictures a
    request has read), as the database is emptied."""
    from django.core.cache import cache

    from easyread.models import forget_own_pictures

    cache.clear()
    forget_own_pictures()
    yield
    cache.clear()
    forget_own_pictures()


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser, with the authenticator app the admin requires of staff."""
    from tests.factories import give_authenticator_app

    give_authenticator_app(admin_user)
    return admin_user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Templates of libraries look up optional variables on purpose; ours must not.
LIBRARY_TEMPLATES = ("allauth/", "admin/", "django/", "import_export/", "reversion/")


class _FailOnMissingVariable(logging.Handler):
    def emit(self, record):
        message = record.getMessage()
        if "Exception while resolving variable" not in message:
            return
        template_name = record.args[1] if len(record.args) > 1 else ""
        if str(template_name).startswith(LIBRARY_TEMPLATES):
            return
        raise AssertionError(message)


@pytest.fixture(autouse=True)
def fail_on_template_variable_errors():
    """A template that refers to a variable that is not there fails the test.

    Django tells of each such variable at the DEBUG level, with the exception that it
    caught. The libraries' templates (the admin's, allauth's) do it hundreds of times a
    page on purpose, so those records go to this handler alone: pytest's log capture
    formatted the traceback of every one, which took a sizeable part of each admin test.
    """
    logger = logging.getLogger("django.template")
    handler = _FailOnMissingVariable()
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield
    logger.removeHandler(handler)
    logger.setLevel(old_level)
    logger.propagate = old_propagate


class SentEmails(list):
    """Django's test outbox, read after the email queue is emptied.

    The portal queues every email (``mail.services.queue_email``); the worker sends it.
    Reading this list first sends what is waiting, through the worker's own function
    (``mail.services.deliver``), in the test's own database transaction, so a test reads
    what the worker would have sent. Emails queued before the test asked for the outbox
    (by fixtures named before it, which set people up) are left waiting, unsent. Tests that
    run a real worker are in tests/mail/.
    """

    def __init__(self, queued_before: int):
        super().__init__()
        self.queued_before = queued_before

    def _sent(self):
        from django.core import mail as django_mail

        from mail.models import Email
        from mail.services import deliver

        waiting = Email.objects.not_sent().filter(pk__gt=self.queued_before).order_by("pk")
        for pk in waiting.values_list("pk", flat=True):
            deliver(pk)
        return django_mail.outbox

    def __len__(self):
        return len(self._sent())

    def __iter__(self):
        return iter(self._sent())

    def __getitem__(self, index):
        return self._sent()[index]

    def __eq__(self, other):
        return list(self._sent()) == other

    def __bool__(self):
        return bool(self._sent())

    def clear(self):
        """Send what is waiting, then forget it: the emails of a test's setting up."""
        self._sent().clear()


@pytest.fixture
def mailoutbox(mailoutbox, request):
    """pytest-django's outbox (the locmem backend), through the email queue (SentEmails)."""
    from django.db.models import Max

    from mail.models import Email

    if request.node.get_closest_marker("django_db") is None:
        return SentEmails(queued_before=0)
    return SentEmails(queued_before=Email.objects.aggregate(last=Max("pk"))["last"] or 0)
