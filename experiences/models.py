"""What happened to a member, told by them (typed or spoken), as evidence for the group.

A member sends an experience through the "Tell us what happened to you" steps
(``experiences/flow.py``). It waits for a facilitator, who may publish it as a finding of
the member-experience kind (``finding``). The member sees its state on "My experiences"
and can withdraw it at any time (``experiences/services.py: withdraw``).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from evidence.models import Finding, Tag, Theme
from experiences.storage import private_storage, recording_name


class Sharing(models.TextChoices):
    """Whether we may share it, and with which name. The exact words agreed are stored too."""

    FIRST_NAME = "first_name", "Share it with my first name"
    NO_NAME = "no_name", "Share it without a name"
    NOT_AT_ALL = "not_at_all", "Do not share it"


class State(models.TextChoices):
    WAITING = "waiting", "Waiting for a facilitator"
    PUBLISHED = "published", "Published"
    NOT_SHARED = "not_shared", "Not shared"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ExperienceQuerySet(models.QuerySet):
    def of_member(self, user):
        """The experiences this member sent (none for a visitor who is not logged in)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(member=user)

    def waiting(self):
        """Sent, and waiting for a facilitator to read it."""
        return self.filter(state=State.WAITING)


class Experience(models.Model):
    """One thing that happened to a member, in their own words or voice."""

    Sharing = Sharing
    State = State

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="experiences"
    )
    words = models.TextField(blank=True, help_text="What happened, exactly as the member typed it.")
    recording = models.FileField(
        upload_to=recording_name,
        storage=private_storage,
        blank=True,
        max_length=200,
        help_text="The member telling it in their own voice. Private: never at a public address.",
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experiences",
        help_text="The topic the member chose.",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="experiences")
    place = models.CharField(
        max_length=200, blank=True, help_text="Where it happened, if the member said."
    )
    sharing = models.CharField(max_length=20, choices=Sharing)
    consent_text = models.TextField(help_text="The exact words the member agreed to.")
    helped_by_supporter = models.BooleanField(
        default=False, help_text="A supporter helped the member to tell it."
    )
    state = models.CharField(max_length=20, choices=State, default=State.WAITING)
    finding = models.OneToOneField(
        Finding,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experience",
        help_text="The finding made when a facilitator published it.",
    )
    easy_read_version = models.TextField(
        blank=True, help_text="The facilitator's easy-read version: short sentences, one idea each."
    )
    facilitator_notes = models.TextField(
        blank=True, help_text="Only facilitators see these notes. Never shown to the member."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ExperienceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "created_at"], name="experience_state_idx"),
            models.Index(fields=["member", "-created_at"], name="experience_member_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sharing__in=Sharing.values), name="experience_sharing_is_known"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=State.values), name="experience_state_is_known"
            ),
        ]

    def __str__(self):
        return f"Experience {self.pk} from {self.member}"

    def get_absolute_url(self):
        return reverse("experiences:mine")

    @property
    def has_recording(self) -> bool:
        return bool(self.recording)

    def recording_url(self) -> str:
        """The only address of the recording: a view that checks who asks."""
        return reverse("experiences:recording", kwargs={"pk": self.pk})

    def may_be_heard_by(self, user) -> bool:
        """Only the member who sent it and facilitators may hear the recording or read it."""
        if not getattr(user, "is_authenticated", False):
            return False
        if user.pk == self.member_id:
            return True
        # The admin's rule: a facilitator's password alone is not enough to see people's details.
        return is_facilitator(user) and has_two_factor(user)


# The group's name is spirit.apps.FACILITATORS; this layer is below spirit, so it is said again.
FACILITATORS = "Facilitators"


def is_facilitator(user) -> bool:
    """Staff, or in the Facilitators group: the people who review members' experiences."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return user.groups.filter(name=FACILITATORS).exists()


def has_two_factor(user) -> bool:
    """Whether the person logs in with a code from an app on their phone (allauth.mfa)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
