"""The facilitators' pages for meetings: one page writes a whole meeting."""

from collections import Counter

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from reversion.admin import VersionAdmin

from core.admin_order import DragToOrderMixin
from core.concurrency import VersionCheckedAdminMixin
from easyread.admin import PicturePickerMixin, ReadabilityAdminMixin
from meetings import services
from meetings.models import (
    Attendance,
    Decision,
    Meeting,
    MeetingPart,
    NextStep,
    Venue,
    render_notes,
)


@admin.register(Venue)
class VenueAdmin(VersionAdmin):
    list_display = ["name", "town", "address"]
    search_fields = ["name", "town", "address"]
    fieldsets = [
        ("The place", {"fields": ["name", "address", "town", "postcode"]}),
        ("Help for members", {"fields": ["how_to_get_there", "accessibility_notes"]}),
    ]


class NumberedFormSet(BaseInlineFormSet):
    """Rows with no number go last, in the order they are on the page; rows may swap
    numbers in one save (the database checks the numbers when the save ends).

    "Add another" copies one empty row, so every new row used to start with the same
    number and the first save of new minutes failed. Now a new row leaves it empty.
    Two rows with the same number are refused next to the box, in plain words.
    """

    def clean(self):
        rows = [
            form
            for form in self.forms
            if form.is_valid()
            and not self._should_delete_form(form)
            and (form.instance.pk is not None or form.has_changed())
        ]
        on_page = {form.instance.pk for form in self.forms if form.instance.pk is not None}
        saved = (
            self.model.objects.filter(**{self.fk.name: self.instance}).exclude(pk__in=on_page)
            if self.instance.pk
            else []
        )
        numbers = [row.position for row in saved]
        numbers += [
            form.cleaned_data["position"] for form in rows if form.cleaned_data.get("position")
        ]
        last = max(numbers, default=0)
        for form in rows:
            if form.cleaned_data.get("position") is None:
                last += 1
                numbers.append(last)
                form.cleaned_data["position"] = form.instance.position = last
        counted = Counter(numbers)
        for form in rows:
            number = form.cleaned_data["position"]
            if counted[number] > 1:
                form.add_error(
                    "position",
                    f"Another row has the number {number} too. Give each row its own "
                    "number, or leave it empty to put the row last.",
                )
        super().clean()


class NumberedRowForm(forms.ModelForm):
    """A numbered row: its number is checked against the other rows by the formset
    (``NumberedFormSet``), so two rows may swap numbers."""

    def _get_validation_exclusions(self):
        return {*super()._get_validation_exclusions(), "position"}


class NumberedInline(DragToOrderMixin):
    """The number of each row is filled in for you: leave it empty and the row goes last.
    Rows can be moved by dragging or with "Move up" and "Move down" (``DragToOrderMixin``)."""

    extra = 1
    form = NumberedRowForm
    formset = NumberedFormSet

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        position = formset.form.base_fields["position"]
        position.required = False
        position.initial = None
        position.help_text = (
            "Leave it empty: the row goes after the others. To move a row, drag it, press "
            "“Move up” or “Move down”, or change the numbers."
        )
        return formset


class NotesTextarea(AdminTextareaWidget):
    """The notes box, with a preview of how members will see the notes under it."""

    def render(self, name, value, attrs=None, renderer=None):
        box = super().render(name, value, attrs, renderer)
        if not (value or "").strip():
            return box
        return box + format_html(
            '<div class="notes-preview" id="{}_preview"><p><strong>How members will see '
            "the notes.</strong> Change the words, then press “Check my easy read” to see "
            "it again. Nothing is saved until you press Save.</p>{}</div>",
            (attrs or {}).get("id") or name,
            mark_safe(render_notes(value)),  # noqa: S308 - nh3 has removed everything else
        )


class MeetingPartInline(
    PicturePickerMixin, ReadabilityAdminMixin, NumberedInline, admin.StackedInline
):
    readability_fields = ["easy_read"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "notes":
            kwargs["widget"] = NotesTextarea
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    model = MeetingPart
    fields = ["position", "title", "picture", "led_by", "easy_read", "notes"]
    verbose_name = "part of the meeting"
    verbose_name_plural = "What we talked about: the parts of the meeting"


class DecisionInline(NumberedInline, admin.TabularInline):
    model = Decision
    fields = ["position", "text", "part", "review_on"]
    verbose_name_plural = "What we agreed"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Only the parts of this meeting can be chosen.
        parts = MeetingPart.objects.filter(meeting=obj) if obj else MeetingPart.objects.none()
        formset.form.base_fields["part"].queryset = parts
        formset.form.base_fields["part"].help_text = (
            "The part of the meeting it came from. New parts show here after you press "
            "'Save and continue editing'."
        )
        return formset


class NextStepInline(NumberedInline, admin.StackedInline):
    model = NextStep
    fk_name = "meeting"
    fields = [("position", "status"), "what", ("who", "member"), "due_on", "done_at"]
    autocomplete_fields = ["member"]  # type a name or email (spirit/admin.py: is_member_search)
    verbose_name = "next step"
    verbose_name_plural = "What happens next: the next steps"


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 1
    fields = ["name", "member", "status"]
    autocomplete_fields = ["member"]
    verbose_name = "person"
    verbose_name_plural = "Who came and who sent apologies"


@admin.register(Meeting)
class MeetingAdmin(VersionCheckedAdminMixin, ReadabilityAdminMixin, VersionAdmin):
    readability_fields = ["summary"]
    list_display = ["title", "held_on", "venue", "theme", "status", "part_count", "open_steps"]
    list_filter = ["status", "theme", "venue"]
    list_select_related = ["venue", "theme"]
    search_fields = ["title", "summary", "parts__title", "venue__name", "venue__town"]
    date_hierarchy = "held_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue", "theme", "findings"]
    readonly_fields = ["preview_link"]
    inlines = [MeetingPartInline, DecisionInline, NextStepInline, AttendanceInline]
    actions = ["publish", "make_draft"]
    fieldsets = [
        ("Which meeting", {"fields": ["number", "title", "slug"]}),
        ("When and where", {"fields": ["held_on", ("start_time", "end_time"), "venue"]}),
        ("What it is about", {"fields": ["theme", "summary", "findings"]}),
        ("Draft or published", {"fields": ["status", "preview_link"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                number_of_parts=Count("parts", distinct=True),
                number_of_open_steps=Count(
                    "next_steps", filter=Q(next_steps__status="open"), distinct=True
                ),
            )
        )

    @admin.display(description="Parts", ordering="number_of_parts")
    def part_count(self, meeting):
        return meeting.number_of_parts

    @admin.display(description="Open next steps", ordering="number_of_open_steps")
    def open_steps(self, meeting):
        return meeting.number_of_open_steps

    @admin.display(description="Preview")
    def preview_link(self, meeting):
        if meeting.pk is None:
            return "Save the meeting first. Then you can preview the easy-read page."
        return format_html(
            '<a href="{}">Preview the easy-read page</a> (members cannot see a draft)',
            meeting.get_absolute_url(),
        )

    @admin.action(description="Publish the chosen meetings: everyone can see them")
    def publish(self, request, queryset):
        for meeting in queryset:
            services.publish_meeting(meeting, user=request.user)
        self.message_user(request, f"Published {len(queryset)} meetings.", messages.SUCCESS)

    @admin.action(description="Make the chosen meetings drafts: only facilitators see them")
    def make_draft(self, request, queryset):
        for meeting in queryset:
            services.unpublish_meeting(meeting, user=request.user)
        self.message_user(request, f"Made {len(queryset)} meetings drafts.", messages.SUCCESS)


@admin.register(NextStep)
class NextStepAdmin(VersionAdmin):
    list_display = ["what", "who", "meeting", "status", "due_on", "done_at"]
    list_filter = ["status", "meeting"]
    list_select_related = ["meeting", "member"]
    search_fields = ["what", "who"]
    autocomplete_fields = ["meeting", "done_at_meeting", "member"]
    actions = ["mark_done", "reopen"]
    fieldsets = [
        ("The step", {"fields": ["meeting", "position", "what", "who", "member", "due_on"]}),
        ("Done or not", {"fields": ["status", "done_at", "done_at_meeting"]}),
    ]

    @admin.action(description="Mark the chosen next steps as done")
    def mark_done(self, request, queryset):
        for step in queryset:
            services.mark_next_step_done(step, user=request.user)
        self.message_user(request, f"Marked {len(queryset)} next steps as done.", messages.SUCCESS)

    @admin.action(description="Open the chosen next steps again")
    def reopen(self, request, queryset):
        for step in queryset:
            services.reopen_next_step(step, user=request.user)
        self.message_user(request, f"Opened {len(queryset)} next steps again.", messages.SUCCESS)
