"""The email log: every email a person was sent, or is due to be sent."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower


class EmailQuerySet(models.QuerySet):
    def failed(self):
        return self.filter(state=Email.State.FAILED)

    def not_sent(self):
        """Waiting for its first try, or for the next one."""
        return self.filter(state__in=[Email.State.WAITING, Email.State.RETRYING])

    def to_addresses(self, addresses):
        """Emails to any of these addresses, whatever the capitals (one address, one person)."""
        wanted = [address.lower() for address in addresses]
        return self.alias(lower_to=Lower("to")).filter(lower_to__in=wanted)

    def about(self, obj: models.Model):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class Email(models.Model):
    """One email to one person: what it says, to whom, and whether it has gone."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting to be sent"
        SENT = "sent", "Sent"
        RETRYING = "retrying", "Waiting to try again"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=60, help_text="Which email this is, e.g. seminars.reminder")
    to = models.EmailField("to", max_length=254)
    from_email = models.CharField("from", max_length=254)
    subject = models.CharField(max_length=998)
    body = models.TextField("text")
    html = models.TextField("HTML version", blank=True)
    # [{"filename": "seminar.ics", "mimetype": "text/calendar", "content": "BEGIN:..."}]
    attachments = models.JSONField(default=list, blank=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    resent_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        help_text="The email this one is a fresh copy of (send again).",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    attempts = models.PositiveSmallIntegerField("tries", default=0)
    last_error = models.CharField("what went wrong", max_length=300, blank=True)
    created_at = models.DateTimeField("queued at", auto_now_add=True)
    last_tried_at = models.DateTimeField("last try at", null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = EmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="email_about"),
            models.Index(fields=["state", "-created_at"], name="email_state_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["waiting", "sent", "retrying", "failed"]),
                name="email_state_is_known",
            ),
            models.CheckConstraint(
                condition=Q(state="sent", sent_at__isnull=False)
                | (~Q(state="sent") & Q(sent_at__isnull=True)),
                name="email_sent_has_sent_at",
            ),
        ]

    def __str__(self):
        return f"{self.subject} (to {self.to})"
