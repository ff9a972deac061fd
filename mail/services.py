"""Queue an email, and send one: the only way the portal sends email.

``queue_email`` writes the email's log row and defers its send job in the caller's
transaction: a change that is rolled back queues nothing, and a committed one always has
its emails queued. The worker (``manage.py procrastinate worker``) runs ``deliver`` for
each one, tries again with a growing wait when the mail server fails, and marks the row
"failed" with the reason in plain words after the last try.

Sent at least once, never lost: the row is locked while it is being sent and marked sent
in the same transaction. A worker that dies after the mail server took the email but
before the commit leaves the row waiting, so it is sent again (the same Message-ID, so
mail programs can see it is the same email). Losing an email would be worse.
"""

import smtplib
import socket
from base64 import b64decode, b64encode
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import models, transaction
from django.utils import timezone

from mail.models import Email

# 8 tries over about 27 hours: each wait is 5 ** (tries so far) seconds:
# 5 s, 25 s, 2 min, 10 min, 52 min, 4 h 20 min, 21 h 42 min.
TRIES = 8
WAIT_BASE_SECONDS = 5


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


class NotSentYet(Exception):
    """The mail server did not take the email; the worker tries again later."""


def queue_email(
    *,
    to: str,
    subject: str,
    body: str,
    kind: str,
    html: str = "",
    about: models.Model | None = None,
    attachments: Iterable[Attachment] = (),
    from_email: str = "",
    resent_from: Email | None = None,
) -> Email:
    """Log an email to one person and queue its sending, in the caller's transaction."""
    from mail.tasks import send_email

    with transaction.atomic():
        email = Email(
            kind=kind,
            to=to,
            from_email=from_email or settings.DEFAULT_FROM_EMAIL,
            subject=subject,
            body=body,
            html=html,
            attachments=[_attachment_json(attachment) for attachment in attachments],
            about=about,
            resent_from=resent_from,
        )
        email.save()
        send_email.defer(email_id=email.pk)
    return email


def queue_message(
    message: EmailMessage, *, kind: str, about: models.Model | None = None
) -> list[Email]:
    """Queue a message built with Django's mail classes: one logged email a person."""
    html = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    attachments = [Attachment(*attachment) for attachment in message.attachments]
    with transaction.atomic():
        return [
            queue_email(
                to=address,
                subject=message.subject,
                body=message.body,
                html=html,
                kind=kind,
                about=about,
                attachments=attachments,
                from_email=message.from_email,
            )
            for address in message.to
        ]


def send_again(email: Email) -> Email:
    """A fresh copy of an email, queued now and logged as a copy of the first."""
    return queue_email(
        to=email.to,
        subject=email.subject,
        body=email.body,
        html=email.html,
        kind=email.kind,
        about=email.about,
        attachments=[_attachment_from_json(item) for item in email.attachments],
        from_email=email.from_email,
        resent_from=email,
    )


def forget(about: Iterable[models.Model]) -> int:
    """Delete every logged email about these objects (their person's details are removed)."""
    about = list(about)
    if not about:
        return 0
    content_type = ContentType.objects.get_for_model(about[0])
    deleted, _ = Email.objects.filter(
        content_type=content_type, object_id__in=[obj.pk for obj in about]
    ).delete()
    return deleted


def forget_emails_to(addresses: Iterable[str]) -> int:
    """Delete every logged email to these addresses (a person who deleted their account)."""
    deleted, _ = Email.objects.to_addresses(addresses).delete()
    return deleted


def emails_to(addresses: Iterable[str]) -> list[dict]:
    """What we emailed (or are still to email) these addresses, for the person's download:
    which email, when, and whether it went. Not the words: those can hold a secret link
    (a new password, a place's own link), and the person has the email itself."""
    return [
        {
            "email": email.subject,
            "kind": email.kind,
            "to": email.to,
            "state": email.get_state_display(),
            "queued_at": email.created_at.isoformat(),
            "sent_at": email.sent_at.isoformat() if email.sent_at else None,
        }
        for email in Email.objects.to_addresses(addresses).order_by("created_at", "pk")
    ]


def forget_old_emails(*, now=None) -> int:
    """Delete sent and failed emails older than EMAIL_LOG_RETENTION_DAYS. Returns how many."""
    before = (now or timezone.now()) - timedelta(days=settings.EMAIL_LOG_RETENTION_DAYS)
    deleted, _ = (
        Email.objects.exclude(state__in=[Email.State.WAITING, Email.State.RETRYING])
        .filter(created_at__lt=before)
        .delete()
    )
    return deleted


def deliver(email_id: int) -> None:
    """Send one logged email, if it is still due. Run by the worker's send job.

    Its row is locked (SKIP LOCKED) while it is sent, so two workers never send it at once;
    one that finds it locked, or already sent or failed, does nothing. Raises NotSentYet
    when the mail server failed and there are tries left, after saving the reason.
    """
    with transaction.atomic():
        email = (
            Email.objects.select_for_update(skip_locked=True).not_sent().filter(pk=email_id).first()
        )
        if email is None:
            return
        email.attempts += 1
        email.last_tried_at = timezone.now()
        try:
            with get_connection(timeout=settings.EMAIL_TIMEOUT) as connection:
                connection.send_messages([_message(email)])
        except (smtplib.SMTPException, OSError) as error:
            email.last_error, lasting = why_not_sent(error)
            email.state = (
                Email.State.FAILED if lasting or email.attempts >= TRIES else Email.State.RETRYING
            )
        else:
            email.state = Email.State.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
        email.save(update_fields=["attempts", "last_tried_at", "state", "sent_at", "last_error"])
    if email.state == Email.State.RETRYING:
        raise NotSentYet(email.last_error)


def next_try_in(attempts: int) -> timedelta:
    """How long the worker waits after try number ``attempts`` (1, 2, ...) failed."""
    return timedelta(seconds=WAIT_BASE_SECONDS**attempts)


def why_not_sent(error: Exception) -> tuple[str, bool]:
    """The reason in plain words, and whether trying again cannot help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return "The mail server refused the address.", all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPSenderRefused):
        return "The mail server refused our own address.", error.smtp_code >= 500
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return "The mail server did not accept our password.", False
    if isinstance(error, smtplib.SMTPServerDisconnected):
        # smtplib turns a reply that never came into "disconnected"; the cause tells.
        if isinstance(error.__context__, TimeoutError):
            return "The mail server did not answer.", False
        return "The mail server hung up.", False
    if isinstance(error, smtplib.SMTPResponseException):
        return f"The mail server said no (code {error.smtp_code}).", error.smtp_code >= 500
    if isinstance(error, TimeoutError):
        return "The mail server did not answer.", False
    if isinstance(error, ConnectionRefusedError):
        return "The mail server is not there (connection refused).", False
    if isinstance(error, socket.gaierror):
        return "We could not find the mail server's name.", False
    return f"We could not reach the mail server ({error.__class__.__name__}).", False


def _message(email: Email) -> EmailMultiAlternatives:
    host = urlsplit(settings.SITE_URL).hostname or "spirit"
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=[email.to],
        # The same Message-ID on every try, so a second copy is seen as the same email.
        headers={"Message-ID": f"<spirit-email-{email.pk}@{host}>"},
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for item in email.attachments:
        attachment = _attachment_from_json(item)
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message


def _attachment_json(attachment: Attachment) -> dict:
    content = attachment.content
    if isinstance(content, bytes):
        return {
            "filename": attachment.filename,
            "mimetype": attachment.mimetype,
            "base64": b64encode(content).decode("ascii"),
        }
    return {"filename": attachment.filename, "mimetype": attachment.mimetype, "text": content}


def _attachment_from_json(item: dict) -> Attachment:
    content = b64decode(item["base64"]) if "base64" in item else item["text"]
    return Attachment(item["filename"], content, item["mimetype"])
