"""The facilitators' pages for the evidence library: add and correct findings in seconds."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.shortcuts import render
from django.utils.html import format_html, format_html_join
from import_export import fields, widgets
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm
from reversion.admin import VersionAdmin

from core.spreadsheets import SafeExportResource
from core.uploads import validate_size
from easyread.admin import ReadabilityAdminMixin
from evidence import services
from evidence.models import Finding, SearchTerm, Source, Synonym, Tag, Theme
from evidence.search import matching, search_refreshed_once, understand

# Easy-read sentences should have at most this many words.
MOST_WORDS = 15
# The biggest spreadsheet of findings that can be imported (thousands of findings).
MAX_SPREADSHEET_BYTES = 10 * 1024 * 1024


class FindingResource(SafeExportResource):
    """Findings as spreadsheet rows: sources by short name, themes and tags by slug."""

    source = fields.Field(
        attribute="source",
        column_name="source",
        widget=widgets.ForeignKeyWidget(Source, field="short_name"),
    )
    theme = fields.Field(
        attribute="theme", column_name="theme", widget=widgets.ForeignKeyWidget(Theme, "slug")
    )
    tags = fields.Field(
        attribute="tags",
        column_name="tags",
        widget=widgets.ManyToManyWidget(Tag, field="slug", separator=";"),
    )

    class Meta:
        model = Finding
        fields = [
            "id",
            "source",
            "position",
            "theme",
            "kind",
            "original_wording",
            "easy_read",
            "key_figures",
            "strength",
            "strength_reason",
            "tags",
        ]
        import_id_fields = ["id"]
        skip_unchanged = True


class FindingImportForm(ImportForm):
    """The import form: a spreadsheet that is too big is refused before it is imported."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        validate_size(upload, MAX_SPREADSHEET_BYTES)
        return upload


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
    SearchRefreshedOnceMixin, ReadabilityAdminMixin, ImportExportMixin, VersionAdmin
):
    readability_fields = ["easy_read"]
    resource_classes = [FindingResource]
    import_form_class = FindingImportForm
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
class SourceAdmin(SearchRefreshedOnceMixin, ReadabilityAdminMixin, FindingCountAdmin):
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
        ("What it is", {"fields": ["short_name", "slug", "title", "authors", "kind"]}),
        ("When", {"fields": ["year", "published_on"]}),
        ("Who or what it looked at", {"fields": ["sample_size", "sample_description"]}),
        ("For members", {"fields": ["easy_read_summary", "link", "tags"]}),
    ]


@admin.register(Theme)
class ThemeAdmin(ReadabilityAdminMixin, FindingCountAdmin):
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
class TagAdmin(SearchRefreshedOnceMixin, ReadabilityAdminMixin, FindingCountAdmin):
    readability_fields = ["easy_read_meaning"]
    list_order = ["name"]
    list_display = ["name", "slug", "picture", "finding_count"]
    search_fields = ["name", "easy_read_meaning"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "easy_read_meaning", "picture"]


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
