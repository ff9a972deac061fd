"""The facilitators' review of members' experiences: a queue, waiting ones first.

On an experience's page a facilitator reads or listens to what the member sent, writes or
corrects the easy-read version and the member's own words, chooses the theme, the tags and
how sure we can be, then presses "Publish as a finding" (or "Keep it private"). The rules
are in ``experiences/review.py``; two facilitators cannot overwrite each other
(``core.concurrency``).
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from core.concurrency import VersionCheckedAdminMixin
from easyread.admin import ReadabilityAdminMixin
from easyread.text import long_date
from experiences import review
from experiences.models import Experience, Sharing, State

PUBLISH = "_publish"
KEEP_PRIVATE = "_keep_private"


class ExperienceReviewForm(forms.ModelForm):
    """Pressing "Publish as a finding" checks what publishing needs, next to each box."""

    class Meta:
        model = Experience
        # What a facilitator writes; the rest of the page is read-only.
        fields = [
            "original_wording",
            "easy_read_version",
            "theme",
            "tags",
            "strength",
            "strength_reason",
            "facilitator_notes",
        ]

    def clean(self):
        cleaned = super().clean()
        if PUBLISH in self.data:
            problems = review.publish_problems(
                sharing=self.instance.sharing,
                state=self.instance.state,
                theme=cleaned.get("theme"),
                easy_read=cleaned.get("easy_read_version") or "",
                original_wording=cleaned.get("original_wording") or "",
            )
            for name, problem in problems.items():
                self.add_error(name if name in self.fields else None, problem)
        if KEEP_PRIVATE in self.data and self.instance.state == State.WITHDRAWN:
            self.add_error(None, "The member withdrew it. There is nothing to keep.")
        return cleaned


@admin.register(Experience)
class ExperienceAdmin(VersionCheckedAdminMixin, ReadabilityAdminMixin, VersionAdmin):
    form = ExperienceReviewForm
    change_form_template = "admin/experiences/experience_change_form.html"
    readability_fields = ["easy_read_version", "strength_reason"]
    view_on_site = False  # its address is the member's own page; the finding is linked below
    list_display = ["sent", "from_member", "state", "sharing", "theme", "how_told"]
    list_display_links = ["sent", "from_member"]
    list_filter = ["state", "sharing", "theme"]
    search_fields = ["words", "original_wording", "easy_read_version", "place"]
    autocomplete_fields = ["tags"]
    list_select_related = ["member", "theme"]
    readonly_fields = [
        "from_member",
        "sent",
        "what_they_typed",
        "listen",
        "place",
        "helped_by_supporter",
        "sharing_choice",
        "state",
        "published_finding",
        "reviewed_by",
        "published_at",
    ]
    fieldsets = [
        (
            "What the member sent",
            {
                "fields": [
                    "from_member",
                    "sent",
                    "what_they_typed",
                    "listen",
                    "place",
                    "helped_by_supporter",
                    "sharing_choice",
                ]
            },
        ),
        (
            "What members will read",
            {
                "fields": [
                    "original_wording",
                    "easy_read_version",
                    "theme",
                    "tags",
                    "strength",
                    "strength_reason",
                ]
            },
        ),
        ("Only for facilitators", {"fields": ["facilitator_notes"]}),
        (
            "Where it is now",
            {"fields": ["state", "published_finding", "reviewed_by", "published_at"]},
        ),
    ]

    def has_add_permission(self, request):
        return False  # members send their experiences themselves

    def has_delete_permission(self, request, obj=None):
        # Deleting here would leave the recording on the disk and skip the member's say:
        # they withdraw it themselves; facilitators keep it private.
        return False

    def get_ordering(self, request):
        """Waiting ones first, oldest first: the queue."""
        waiting_first = Case(
            When(state=State.WAITING, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return [waiting_first.asc(), "created_at", "id"]

    def get_object(self, request, object_id, from_field=None):
        experience = super().get_object(request, object_id, from_field)
        if experience is not None and not experience.original_wording:
            # The member's typed words are where the original words start.
            experience.original_wording = experience.words
        return experience

    @admin.display(description="Sent", ordering="created_at")
    def sent(self, obj):
        return long_date(obj.created_at)

    @admin.display(description="From")
    def from_member(self, obj):
        return obj.member.get_full_name() or obj.member.email

    @admin.display(description="Told by")
    def how_told(self, obj):
        return "Recording" if obj.has_recording else "Writing"

    @admin.display(description="What they typed")
    def what_they_typed(self, obj):
        return obj.words or "Nothing: they recorded it. Listen below."

    @admin.display(description="Listen")
    def listen(self, obj):
        if not obj.has_recording:
            return "No recording: the member typed it."
        return format_html(
            '<audio controls preload="metadata" src="{}"></audio>'
            '<p><a href="{}">Download the recording</a></p>',
            obj.recording_url(),
            obj.recording_url(),
        )

    @admin.display(description="May we share it?")
    def sharing_choice(self, obj):
        return format_html(
            "<strong>{}</strong><br>The words they agreed to: “{}”",
            obj.get_sharing_display(),
            obj.consent_text,
        )

    @admin.display(description="The finding")
    def published_finding(self, obj):
        if obj.finding_id is None:
            return "Not published."
        return format_html('<a href="{}">See it as members do</a>', obj.finding.get_absolute_url())

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["may_publish"] = (
                obj.sharing != Sharing.NOT_AT_ALL and obj.state != State.WITHDRAWN
            )
            context["may_keep_private"] = obj.state != State.WITHDRAWN
            context["is_published"] = obj.state == State.PUBLISHED
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        experience = form.instance
        if PUBLISH in request.POST:
            finding = review.publish(experience, by=request.user)
            messages.success(
                request,
                format_html(
                    'Published as a finding. {} <a href="{}">See it as members do</a>.',
                    "The member gets an email about it."
                    if experience.published_at is None
                    else "The finding is up to date.",
                    finding.get_absolute_url(),
                ),
            )
        elif KEEP_PRIVATE in request.POST:
            review.keep_private(experience, by=request.user)
            messages.success(request, "Kept private: it is used only for our research.")
