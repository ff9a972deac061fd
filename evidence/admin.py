"""The facilitators' pages for the evidence library: add and correct findings in seconds."""

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from import_export.forms import ConfirmImportForm, ImportForm
from reversion.admin import VersionAdmin

from core.concurrency import VersionCheckedAdminMixin
from core.history import KeepLinksAdminMixin
from core.uploads import validate_size
from easyread.admin import PicturePickerMixin, ReadabilityAdminMixin
from evidence import imports, services
from evidence.imports import FindingResource
from evidence.models import Finding, FindingImport, SearchTerm, Source, Synonym, Tag, Theme
from evidence.search import matching, search_refreshed_once, understand

# Easy-read sentences should have at most this many words.
MOST_WORDS = 15


class ImportChoices(forms.Form):
    """What to do with columns and tags the library does not know (both refused unless ticked)."""

    leave_out_columns = forms.BooleanField(
        required=False,
        label=imports.LEAVE_OUT_LABEL,
        help_text="Only tick this when you are sure those columns do not matter.",
    )
    create_tags = forms.BooleanField(
        required=False,
        label=imports.CREATE_TAGS_LABEL,
        help_text="Tick this to add tags that are not in the library yet.",
    )


class FindingImportForm(ImportChoices, ImportForm):
    """The file is read in any common encoding, and checked before anything is tried:
    its size, its rows and its column headings."""

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        if upload is None:
            return cleaned
        try:
            validate_size(upload, imports.MAX_SPREADSHEET_BYTES)
            text = imports.decode(b"".join(upload.chunks()))
            dataset = imports.read_spreadsheet(text)
        except ValidationError as error:
            self.add_error("import_file", error)
            return cleaned
        self.new_tag_names = imports.new_tag_names(dataset)
        if not cleaned.get("leave_out_columns"):
            for problem in imports.column_problems(dataset.headers):
                self.add_error("import_file", problem)
        cleaned["import_file"] = SimpleUploadedFile(
            upload.name, text.encode("utf-8"), content_type="text/csv"
        )
        return cleaned


class ConfirmFindingImportForm(ImportChoices, ConfirmImportForm):
    """The choices made on the first step, carried to the import itself."""

    leave_out_columns = forms.BooleanField(required=False, widget=forms.HiddenInput)
    create_tags = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ImportFailed(Exception):
    """The import did not work: nothing of it is kept, not even in the history."""

    def __init__(self, result):
        super().__init__("The import did not work.")
        self.result = result


class FindingInline(admin.TabularInline):
    """The source's findings, each with a link to change it."""

    model = Finding
    fields = ["position", "kind", "easy_read"]
    readonly_fields = ["position", "kind", "easy_read"]
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["position"]
    verbose_name_plural = "Findings from this source (open one to change it)"

    def has_add_permission(self, request, obj=None):
        return False


class AddTagForm(forms.Form):
    tag = forms.ModelChoiceField(queryset=Tag.objects.all(), label="Tag to add")


class SearchRefreshedOnceMixin:
    """A save in the admin changes a row, then its tags or inline findings: search is
    refreshed once, at the end, for every finding the save changed."""

    def changeform_view(self, *args, **kwargs):
        with search_refreshed_once():
            return super().changeform_view(*args, **kwargs)


@admin.register(Finding)
class FindingAdmin(
    VersionCheckedAdminMixin,
    KeepLinksAdminMixin,
    SearchRefreshedOnceMixin,
    ReadabilityAdminMixin,
    ImportExportMixin,
    VersionAdmin,
):
    readability_fields = ["easy_read"]
    resource_classes = [FindingResource]
    formats = [CSV]
    import_form_class = FindingImportForm
    confirm_form_class = ConfirmFindingImportForm
    import_template_name = "admin/evidence/finding/import.html"
    list_display = ["short_text", "source", "kind", "strength", "theme", "created_at"]
    list_filter = ["kind", "theme", "source", "strength", "tags"]
    list_select_related = ["source", "theme"]
    search_fields = ["easy_read", "original_wording", "source__short_name", "keywords"]
    autocomplete_fields = ["source", "theme", "tags"]
    readonly_fields = ["easy_read_preview", "member_page", "keywords", "created_at", "updated_at"]
    actions = ["add_tag"]
    fieldsets = [
        ("Where it comes from", {"fields": ["source", "position", "theme", "kind"]}),
        (
            "The words",
            {"fields": ["original_wording", "easy_read", "easy_read_preview", "member_page"]},
        ),
        (
            "Numbers, and how sure we can be",
            {"fields": ["key_figures", "strength", "strength_reason"]},
        ),
        ("Tags", {"fields": ["tags"]}),
        ("For search, and when it changed", {"fields": ["keywords", "created_at", "updated_at"]}),
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "position" in form.base_fields:
            form.base_fields["position"].required = False
            form.base_fields[
                "position"
            ].help_text = "Where this finding comes in its source. Leave empty to put it last."
        return form

    def save_model(self, request, obj, form, change):
        services.save_finding(obj)

    # --- Imports: explained row by row, kept in the history as one change ---

    def get_import_resource_kwargs(self, request, *args, **kwargs):
        resource_kwargs = super().get_import_resource_kwargs(request, *args, **kwargs)
        form = kwargs.get("form")
        cleaned = getattr(form, "cleaned_data", None) or {}
        resource_kwargs["create_tags"] = bool(cleaned.get("create_tags"))
        resource_kwargs["leave_out_columns"] = bool(cleaned.get("leave_out_columns"))
        return resource_kwargs

    def get_import_data_kwargs(self, **kwargs):
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        data_kwargs.pop("request", None)
        return data_kwargs | {
            "rollback_on_validation_errors": True,
            "retain_instance_in_row_result": True,
        }

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            for name in ImportChoices.base_fields:
                initial[name] = import_form.cleaned_data.get(name, False)
        return initial

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = response.context_data
        if context.get("result") is not None:
            resource = FindingResource()
            context["problems"] = imports.problems(context["result"])
            context["changes"] = imports.changes(context["result"], resource)
            if context["form"].cleaned_data.get("create_tags"):
                context["new_tags"] = context["form"].new_tag_names
        context["max_rows"] = imports.MAX_ROWS
        context["columns"] = imports.COLUMNS.values()
        return response

    def process_dataset(self, dataset, form, request, **kwargs):
        """The import as one change in the history: every row has a version, and the
        import can be undone as a whole (Imports of findings)."""
        file_name = form.cleaned_data.get("original_file_name", "a spreadsheet")
        resource = FindingResource(**self.get_import_resource_kwargs(request, form=form))
        data_kwargs = self.get_import_data_kwargs(request=request, form=form, **kwargs)
        try:
            with transaction.atomic(), reversion.create_revision(), search_refreshed_once():
                reversion.set_user(request.user)
                result = resource.import_data(
                    dataset, dry_run=False, file_name=file_name, user=request.user, **data_kwargs
                )
                if result.has_errors() or result.has_validation_errors():
                    raise ImportFailed(result)
                new = result.totals["new"]
                changed = result.totals["update"]
                reversion.set_comment(
                    f"Imported from {file_name}: {new} new findings, {changed} changed."
                )
                reversion.add_meta(
                    FindingImport,
                    file_name=file_name,
                    new_count=new,
                    changed_count=changed,
                    made_findings=resource.made_findings,
                    made_tags=resource.made_tags,
                    before=resource.before,
                )
        except ImportFailed as failed:
            return failed.result
        return result

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            for problem in imports.problems(result):
                messages.error(request, problem)
            messages.error(request, "Nothing is saved. Correct the file and import it again.")
            return HttpResponseRedirect(reverse("admin:evidence_finding_import"))
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        messages.success(
            request,
            f"Imported {result.totals['new']} new findings and changed "
            f"{result.totals['update']}. Each one is in its history. To undo the whole "
            "import, open Imports of findings.",
        )

    @admin.display(description="Finding")
    def short_text(self, finding):
        sentences = finding.easy_read_sentences
        return sentences[0] if sentences else finding.original_wording[:80]

    @admin.display(description="How members will see it")
    def easy_read_preview(self, finding):
        if not finding.pk:
            return "Save the finding to see the preview."
        rows = []
        for sentence in finding.easy_read_sentences:
            words = len(sentence.split())
            note = "too long: make it shorter" if words > MOST_WORDS else "fine"
            rows.append((sentence, words, note))
        return format_html(
            "<ol>{}</ol>",
            format_html_join("", "<li>{} <strong>({} words: {})</strong></li>", rows),
        )

    @admin.display(description="Member page")
    def member_page(self, finding):
        if not finding.pk:
            return "-"
        return format_html('<a href="{}">See the page members see</a>', finding.get_absolute_url())

    def get_search_results(self, request, queryset, search_term):
        """Words as typed (as on the member pages) or parts of words, as the admin usually does."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            results = results | matching(queryset, understand(search_term).query)
        return results, may_have_duplicates

    @admin.action(description="Add a tag to the chosen findings", permissions=["change"])
    def add_tag(self, request, queryset):
        if "apply" in request.POST:
            form = AddTagForm(request.POST)
            if form.is_valid():
                tag = form.cleaned_data["tag"]
                added = services.tag_findings(queryset, tag=tag)
                self.message_user(
                    request, f"Added the tag {tag} to {added} findings.", messages.SUCCESS
                )
                return None
        else:
            form = AddTagForm()
        return render(
            request,
            "evidence/admin_add_tag.html",
            {
                **self.admin_site.each_context(request),
                "title": "Add a tag to findings",
                "subtitle": None,
                "form": form,
                "findings": queryset,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


class FindingCountAdmin(VersionAdmin):
    """A list that shows how many findings each row has (counted in the same query)."""

    list_order = ["pk"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).annotate(finding_count=Count("findings"))
        # Meta.ordering does not apply to a query with GROUP BY, so order it here.
        return queryset.order_by(*self.list_order)

    @admin.display(description="Findings", ordering="finding_count")
    def finding_count(self, obj):
        return obj.finding_count


@admin.register(Source)
class SourceAdmin(
    VersionCheckedAdminMixin, SearchRefreshedOnceMixin, ReadabilityAdminMixin, FindingCountAdmin
):
    readability_fields = ["easy_read_summary"]
    list_order = ["-year", "short_name"]
    list_display = ["short_name", "year", "kind", "sample_size", "finding_count"]
    list_filter = ["kind", "year", "tags"]
    search_fields = ["short_name", "title", "authors"]
    autocomplete_fields = ["tags"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [FindingInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (
            "What it is",
            {"fields": ["short_name", "slug", "title", "authors", "publisher", "kind"]},
        ),
        ("When", {"fields": ["year", "published_on"]}),
        ("Who or what it looked at", {"fields": ["sample_size", "sample_description"]}),
        ("For members", {"fields": ["easy_read_summary", "link", "tags"]}),
    ]


@admin.register(Theme)
class ThemeAdmin(PicturePickerMixin, ReadabilityAdminMixin, FindingCountAdmin):
    readability_fields = ["easy_read_intro"]
    list_order = ["position", "name"]
    list_display = ["name", "position", "finding_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        ("The theme", {"fields": ["name", "slug", "picture", "position"]}),
        ("For members", {"fields": ["easy_read_intro", "gaps"]}),
    ]


@admin.register(Tag)
class TagAdmin(
    PicturePickerMixin, SearchRefreshedOnceMixin, ReadabilityAdminMixin, FindingCountAdmin
):
    readability_fields = ["easy_read_meaning"]
    list_order = ["name"]
    list_display = ["name", "slug", "picture", "finding_count"]
    search_fields = ["name", "easy_read_meaning"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "easy_read_meaning", "picture"]


@admin.register(FindingImport)
class FindingImportAdmin(admin.ModelAdmin):
    """Each spreadsheet imported, who imported it, and a way to undo the whole import."""

    list_display = ["file_name", "imported_by", "imported_at", "new_count", "changed_count", "undo"]
    list_select_related = ["revision__user"]
    fields = ["file_name", "new_count", "changed_count", "undone_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("evidence.change_finding")

    @admin.display(description="Imported by")
    def imported_by(self, record):
        return record.revision.user or "-"

    @admin.display(description="When", ordering="revision__date_created")
    def imported_at(self, record):
        return record.revision.date_created

    @admin.display(description="Undo")
    def undo(self, record):
        if record.undone_at:
            return "Undone"
        url = reverse("admin:evidence_findingimport_undo", args=[record.pk])
        return format_html('<a href="{}">Undo this import</a>', url)

    def get_urls(self):
        undo = self.admin_site.admin_view(self.undo_view)
        return [
            path("<int:pk>/undo/", undo, name="evidence_findingimport_undo"),
            *super().get_urls(),
        ]

    def undo_view(self, request, pk):
        record = get_object_or_404(FindingImport.objects.select_related("revision"), pk=pk)
        if not request.user.has_perm("evidence.delete_finding"):
            raise PermissionDenied
        if request.method == "POST":
            try:
                services.undo_import(record, request.user)
            except services.EvidenceError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, f"The import of {record.file_name} is undone.")
            return HttpResponseRedirect(reverse("admin:evidence_findingimport_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Undo the import of {record.file_name}?",
            "record": record,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/evidence/findingimport/undo.html", context)


@admin.register(SearchTerm)
class SearchTermAdmin(admin.ModelAdmin):
    """The spelling vocabulary: rebuilt from the findings; facilitators may look at it."""

    list_display = ["word", "ndoc"]
    search_fields = ["word"]
    ordering = ["-ndoc", "word"]


@admin.register(Synonym)
class SynonymAdmin(VersionAdmin):
    """Words that mean the same to search: "PA, personal assistant". Searching for one word
    of a line finds findings with any of them, at once."""

    list_display = ["words"]
    search_fields = ["words"]
