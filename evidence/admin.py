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
from evidence.models import (
    Finding,
    FindingImport,
    SearchTerm,
    Source,
    Synonym,
    Tag,
    Theme,
)
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


# The buttons on a finding's page that change who can see it.
PUBLISH_BUTTON = "_publish"
UNPUBLISH_BUTTON = "_unpublish"


def finding_words(finding) -> str:
    """A finding in a few words: its first easy-read sentence, or its source's words."""
    sentences = finding.easy_read_sentences
    return sentences[0] if sentences else finding.original_wording[:80]


def say_published(request, published, refused) -> None:
    """What ``services.publish_findings`` did, in messages: how many, and each one refused
    with its reason and a link to open it."""
    if published:
        messages.success(request, f"Published {len(published)} findings. Members can see them now.")
    for finding, reason in refused:
        url = reverse("admin:evidence_finding_change", args=[finding.pk])
        messages.warning(
            request,
            format_html(
                '<a href="{}">{}</a> is still a draft. {}', url, finding_words(finding), reason
            ),
        )
    if not published and not refused:
        messages.info(request, "Those findings were published already.")


class FindingAdminForm(forms.ModelForm):
    """A finding's page: "Save and publish" checks the easy-read version first
    (``services.publishing_problem``) and says why not next to the box."""

    publish_anyway = forms.BooleanField(
        required=False,
        label=services.PUBLISH_ANYWAY_LABEL,
        help_text=(
            "Only for “Save and publish”, when the easy-read check says it may be hard "
            "to read and you are sure the words are right. An empty easy-read version is "
            "never published."
        ),
    )
    publishing = False

    def clean(self):
        cleaned = super().clean()
        if self.publishing and "easy_read" in cleaned:
            problem = services.publishing_problem(
                cleaned["easy_read"], anyway=cleaned.get("publish_anyway", False)
            )
            if problem:
                self.add_error("easy_read", problem)
        return cleaned


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
    form = FindingAdminForm
    resource_classes = [FindingResource]
    formats = [CSV]
    import_form_class = FindingImportForm
    confirm_form_class = ConfirmFindingImportForm
    import_template_name = "admin/evidence/finding/import.html"
    list_display = ["short_text", "source", "kind", "state", "theme", "created_at"]
    list_filter = ["state", "kind", "theme", "source", "strength", "tags"]
    list_select_related = ["source", "theme"]
    search_fields = ["easy_read", "original_wording", "source__short_name", "keywords"]
    autocomplete_fields = ["source", "theme", "tags"]
    readonly_fields = [
        "easy_read_preview",
        "member_page",
        "state",
        "published_at",
        "keywords",
        "created_at",
        "updated_at",
    ]
    actions = ["add_tag", "publish", "unpublish"]
    fieldsets = [
        ("Who can see it", {"fields": ["state", "published_at", "publish_anyway"]}),
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

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.is_published:
            # Published already: nothing to publish anyway.
            return [
                (
                    name,
                    {**options, "fields": [f for f in options["fields"] if f != "publish_anyway"]},
                )
                for name, options in fieldsets
            ]
        return fieldsets

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if request.method == "POST" and PUBLISH_BUTTON in request.POST:
            form = type(form.__name__, (form,), {"__module__": form.__module__, "publishing": True})
        if "position" in form.base_fields:
            form.base_fields["position"].required = False
            form.base_fields[
                "position"
            ].help_text = "Where this finding comes in its source. Leave empty to put it last."
        return form

    def save_model(self, request, obj, form, change):
        services.save_finding(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        finding = form.instance
        if PUBLISH_BUTTON in request.POST:
            services.publish_finding(
                finding, by=request.user, anyway=form.cleaned_data.get("publish_anyway", False)
            )
        elif UNPUBLISH_BUTTON in request.POST:
            services.unpublish_findings([finding], by=request.user)

    def _said_who_can_see(self, request, obj, response):
        """After a save: published, made a draft again, or still a draft, said plainly
        (with the link to the finding, so the draft kept in the browser is cleared)."""
        link = format_html(
            '<a href="{}">{}</a>',
            reverse("admin:evidence_finding_change", args=[obj.pk]),
            finding_words(obj),
        )
        if PUBLISH_BUTTON in request.POST:
            self.message_user(
                request,
                format_html(
                    "The finding “{}” is saved and published. Members can see it now.", link
                ),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:evidence_finding_change", args=[obj.pk]))
        if UNPUBLISH_BUTTON in request.POST:
            self.message_user(
                request,
                format_html(
                    "The finding “{}” is saved and is a draft again. Members cannot see it.",
                    link,
                ),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:evidence_finding_change", args=[obj.pk]))
        if not obj.is_published:
            self.message_user(
                request,
                "It is a draft: members cannot see it yet. When it is ready, open it and "
                "press “Save and publish”.",
                messages.INFO,
            )
        return response

    def response_add(self, request, obj, post_url_continue=None):
        if PUBLISH_BUTTON in request.POST:
            return self._said_who_can_see(request, obj, None)
        response = super().response_add(request, obj, post_url_continue)
        return self._said_who_can_see(request, obj, response)

    def response_change(self, request, obj):
        if PUBLISH_BUTTON in request.POST or UNPUBLISH_BUTTON in request.POST:
            return self._said_who_can_see(request, obj, None)
        response = super().response_change(request, obj)
        return self._said_who_can_see(request, obj, response)

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
        result.finding_import = (
            FindingImport.objects.filter(
                revision__user=request.user, made_findings=resource.made_findings
            )
            .order_by("-pk")
            .first()
        )
        return result

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            for problem in imports.problems(result):
                messages.error(request, problem)
            messages.error(request, "Nothing is saved. Correct the file and import it again.")
            return HttpResponseRedirect(reverse("admin:evidence_finding_import"))
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        new = result.totals["new"]
        messages.success(
            request,
            f"Imported {new} new findings and changed "
            f"{result.totals['update']}. Each one is in its history. To undo the whole "
            "import, open Imports of findings.",
        )
        record = getattr(result, "finding_import", None)
        if new and record is not None:
            url = reverse("admin:evidence_findingimport_publish", args=[record.pk])
            messages.info(
                request,
                format_html(
                    "The {} new findings are drafts: members cannot see them yet. "
                    '<a href="{}">Publish these {}</a>. Changed findings stay as they were: '
                    "published or draft.",
                    new,
                    url,
                    new,
                ),
            )

    @admin.display(description="Finding")
    def short_text(self, finding):
        return finding_words(finding)

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
        if not finding.is_published:
            return "Members cannot see it yet: it is a draft."
        return format_html('<a href="{}">See the page members see</a>', finding.get_absolute_url())

    def get_search_results(self, request, queryset, search_term):
        """Words as typed (as on the member pages) or parts of words, as the admin usually does."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            results = results | matching(queryset, understand(search_term).query)
        return results, may_have_duplicates

    @admin.action(description="Publish the chosen findings", permissions=["change"])
    def publish(self, request, queryset):
        published, refused = services.publish_findings(queryset, by=request.user)
        say_published(request, published, refused)

    @admin.action(description="Make the chosen findings drafts again", permissions=["change"])
    def unpublish(self, request, queryset):
        made = services.unpublish_findings(queryset, by=request.user)
        self.message_user(
            request,
            f"{len(made)} findings are drafts again. Members cannot see them.",
            messages.SUCCESS,
        )

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

    list_display = [
        "file_name",
        "imported_by",
        "imported_at",
        "new_count",
        "changed_count",
        "publish",
        "undo",
    ]
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

    @admin.display(description="Publish")
    def publish(self, record):
        if record.undone_at or not record.new_count:
            return "-"
        url = reverse("admin:evidence_findingimport_publish", args=[record.pk])
        return format_html('<a href="{}">Publish its drafts</a>', url)

    def publish_view(self, request, pk):
        """Publish the new findings of one import that are still drafts, after a yes."""
        record = get_object_or_404(FindingImport, pk=pk)
        if not request.user.has_perm("evidence.change_finding"):
            raise PermissionDenied
        drafts = Finding.objects.filter(pk__in=record.made_findings).drafts()
        if request.method == "POST":
            published, refused = services.publish_findings(drafts, by=request.user)
            say_published(request, published, refused)
            return HttpResponseRedirect(
                reverse("admin:evidence_finding_changelist") + "?state__exact=draft"
                if refused
                else reverse("admin:evidence_findingimport_changelist")
            )
        drafts = list(drafts)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Publish the drafts of {record.file_name}?",
            "record": record,
            "drafts": drafts,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/evidence/findingimport/publish.html", context)

    def get_urls(self):
        undo = self.admin_site.admin_view(self.undo_view)
        publish = self.admin_site.admin_view(self.publish_view)
        return [
            path("<int:pk>/publish/", publish, name="evidence_findingimport_publish"),
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
