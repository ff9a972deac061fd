"""The easy-read check in the admin: a report beside each easy-read field, never blocking.

Add ``ReadabilityAdminMixin`` first in a ModelAdmin's bases and name the fields::

    @admin.register(Finding)
    class FindingAdmin(ReadabilityAdminMixin, VersionAdmin):
        readability_fields = ["easy_read"]

Each of those fields then shows sentences, words per sentence, the longest sentence, long
words and the reading-ease score under the box, with a "Check my easy read" button that
shows the check for what was typed without saving; with JavaScript the check also updates
as they type (``static/js/readability-live.js`` asks ``easyread.views.easy_read_check``,
the same check). Saving is never blocked: hard text is saved with a warning message.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from reversion.admin import VersionAdmin

from easyread.models import GlossaryTerm, OwnPicture, PageFeedback
from easyread.readability import check_easy_read
from easyread.services import EasyReadError, delete_own_picture
from easyread.widgets import PictureChoiceWidget

CHECK_BUTTON = "_check_easy_read"


class ReadabilityTextarea(AdminTextareaWidget):
    """A text box with the easy-read check of its text underneath."""

    class Media:
        css = {"all": ["css/easyread-admin.css"]}
        js = ["js/readability-live.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-readability-check"] = reverse("easyread:check")
        widget_id = context["widget"]["attrs"].get("id") or name
        described = context["widget"]["attrs"].get("aria-describedby", "")
        context["widget"]["attrs"]["aria-describedby"] = (
            f"{described} {widget_id}_readability".strip()
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        box = super().render(name, value, attrs, renderer)
        widget_id = (attrs or {}).get("id") or name
        report = render_to_string(
            "easyread/readability_report.html",
            {"report": check_easy_read(value or ""), "id": widget_id, "button": CHECK_BUTTON},
        )
        return mark_safe(box + report)


class _CheckOnly:
    """The form is checked and shown again with its report; nothing is saved."""

    def is_valid(self):
        super().is_valid()
        return False


def _is_check(request) -> bool:
    return request.method == "POST" and CHECK_BUTTON in request.POST


class PicturePickerMixin:
    """Every field that chooses one of the pictures shows them: a grid with a search box."""

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.choices and db_field.name == "picture":
            kwargs["widget"] = PictureChoiceWidget
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class ReadabilityAdminMixin:
    """Show the easy-read check under each of ``readability_fields``; warn, never block."""

    readability_fields: list[str] = []

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.readability_fields:
            kwargs["widget"] = ReadabilityTextarea
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if _is_check(request):
            return type(form.__name__, (_CheckOnly, form), {"__module__": form.__module__})
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if _is_check(request) and not context["adminform"].form.errors:
            messages.info(
                request,
                "This is a check only: nothing is saved yet. Read the check under each "
                "easy-read box, change the words if you like, then press Save.",
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for name in self.readability_fields:
            if name not in form.cleaned_data:
                continue
            report = check_easy_read(form.cleaned_data[name])
            if report.warnings:
                label = form.fields[name].label
                messages.warning(
                    request,
                    f"{label} is saved, but it may be hard to read. " + " ".join(report.warnings),
                )


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(PicturePickerMixin, ReadabilityAdminMixin, VersionAdmin):
    readability_fields = ["meaning"]
    list_display = ["term", "meaning", "picture"]
    search_fields = ["term", "meaning"]
    prepopulated_fields = {"slug": ["term"]}
    fields = ["term", "slug", "synonyms", "meaning", "picture"]


class OwnPictureForm(forms.ModelForm):
    class Meta:
        model = OwnPicture
        fields = ["name", "image", "alt_text", "credit"]
        error_messages = {
            "name": {"required": "Give the picture a name, so you can find it."},
            "image": {"required": "Choose the picture file."},
            "alt_text": {"required": "Say what the picture shows, for people who cannot see it."},
            "credit": {
                "required": "Say who made the picture. The credits page shows it.",
            },
        }


@admin.register(OwnPicture)
class OwnPictureAdmin(admin.ModelAdmin):
    """Facilitators' own pictures: uploaded with what they show and who made them, chosen
    beside the built-in pictures, never deleted while something shows them."""

    form = OwnPictureForm
    list_display = ["name", "thumbnail", "alt_text", "credit"]
    search_fields = ["name", "alt_text", "credit"]
    readonly_fields = ["thumbnail", "used_by"]
    actions = None  # deleting is one at a time, so each refusal can say where it is used

    def get_fields(self, request, obj=None):
        fields = ["name", "image", "alt_text", "credit"]
        return [*fields, "thumbnail", "used_by"] if obj else fields

    @admin.display(description="picture")
    def thumbnail(self, obj):
        if not obj.image:
            return ""
        return format_html(
            '<img src="{}" alt="" width="64" height="64" style="object-fit: contain">',
            obj.image.url,
        )

    @admin.display(description="where it is used")
    def used_by(self, obj):
        return "; ".join(obj.places_used()) or "Nowhere yet."

    def delete_view(self, request, object_id, extra_context=None):
        picture = self.get_object(request, object_id)
        if picture is not None and picture.places_used():
            try:
                delete_own_picture(picture)
            except EasyReadError as error:
                messages.error(request, str(error))
                return redirect("admin:easyread_ownpicture_change", picture.pk)
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        delete_own_picture(obj)


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    """Answers to "Was this page easy to understand?", one row a page: how many said yes
    and no, and the newest words. Read only: nobody adds, changes or deletes an answer."""

    change_list_template = "admin/easyread/pagefeedback/change_list.html"
    PAGES_SHOWN = 100
    WORDS_SHOWN = 3

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """Two queries: the counts per page (one GROUP BY), then the newest words of those
        pages (kept to the first few a page here)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        pages = list(PageFeedback.objects.per_page()[: self.PAGES_SHOWN])
        words: dict[str, list[PageFeedback]] = {page["path"]: [] for page in pages}
        newest = (
            PageFeedback.objects.filter(path__in=words)
            .exclude(words="")
            .order_by("-created_at")
            .only("path", "answer", "words", "created_at")
        )
        for answer in newest.iterator():
            if len(words[answer.path]) < self.WORDS_SHOWN:
                words[answer.path].append(answer)
        for page in pages:
            page["words"] = words[page["path"]]
        context = {
            **self.admin_site.each_context(request),
            "title": "Was this page easy to understand?",
            "opts": self.model._meta,
            "pages": pages,
            "pages_shown": self.PAGES_SHOWN,
            "subtitle": None,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.change_list_template, context)
