"""A real SMTP server inside the tests (aiosmtpd), which accepts, refuses or hangs, and a
real Procrastinate worker that sends what the portal queued."""

import asyncio
import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from procrastinate.contrib.django import app


class MailServer:
    """What a mail server does with each email: ``mode`` is one of
    accept, refuse (421: try later), refuse_address (550: no such address), hang."""

    def __init__(self):
        self.mode = "accept"
        self.received = []
        self.refused = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "refuse":
            self.refused += 1
            return "421 Too busy, try again later"
        if self.mode == "refuse_address":
            return "550 No such person here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "hang":
            await asyncio.sleep(5)
        self.received.append(message_from_bytes(envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mail_server(settings):
    """The portal's email goes to this server, by SMTP, with a 1 second timeout."""
    handler = MailServer()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 1
    yield handler
    controller.stop()


@pytest.fixture
def no_mail_server(settings):
    """The mail server is switched off: nothing listens on its port."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1


def run_worker(*queues: str, workers: int = 1) -> None:
    """Run real workers (``manage.py procrastinate worker`` does the same), each with its
    own database connection, until no job is due. Needs committed data:
    ``django_db(transaction=True)``."""

    async def run():
        async with app.open_async():
            await asyncio.gather(
                *[
                    app.run_worker_async(
                        queues=list(queues) or None,
                        wait=False,
                        install_signal_handlers=False,
                        listen_notify=False,
                    )
                    for _ in range(workers)
                ]
            )

    with app.replace_connector(app.connector.get_worker_connector()):
        asyncio.run(run())


@pytest.fixture
def worker_db(transactional_db):
    """Committed data for real workers. Their threads close their database connections
    after each job (CONN_MAX_AGE 0), and the queue's tables, which Django's flush does not
    know, are emptied after the test."""
    from django.db import connection

    def empty_the_queue():
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE procrastinate_jobs, procrastinate_periodic_defers,"
                " procrastinate_events, procrastinate_workers CASCADE"
            )

    empty_the_queue()  # other tests with committed data may have left jobs
    max_age = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 0
    yield
    connection.settings_dict["CONN_MAX_AGE"] = max_age
    empty_the_queue()
