"""The facilitators' side of seminars: plan them, see who is coming and what they need.

Changes to places (cancel, give a place, more or fewer places) call services.py, so the
admin follows the same rules, under the same lock, as the public sign-up form.
Registrations hold personal data: only people with the seminars permissions (the
Facilitators group) can see them, and their history is not kept (see models.py).
"""

from collections import Counter
from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from import_export import fields
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV
from reversion.admin import VersionAdmin

from core.admin_order import DragToOrderMixin
from core.concurrency import VersionCheckedAdminMixin
from core.spreadsheets import SafeExportResource
from easyread.admin import ReadabilityAdminMixin
from mail.admin import email_table
from seminars import emails, places, services
from seminars.forms import EmailEveryoneForm
from seminars.models import (
    Registration,
    Seminar,
    Session,
    Speaker,
    Survey,
    SurveyAnswer,
    SurveyChoice,
    SurveyQuestion,
)
from seminars.services import SignUpError

UNDO_MINUTES = 10
UNDO_TIME = timedelta(minutes=UNDO_MINUTES)


class RegistrationResource(SafeExportResource):
    """The list of people for a spreadsheet: one row a person, needs in plain words."""

    seminar = fields.Field(attribute="seminar__title", column_name="Seminar")
    name = fields.Field(attribute="name", column_name="Name")
    email = fields.Field(attribute="email", column_name="Email")
    phone = fields.Field(attribute="phone", column_name="Phone")
    role = fields.Field(attribute="get_role_display", column_name="Who they are")
    state = fields.Field(attribute="get_state_display", column_name="Place")
    support_worker = fields.Field(column_name="Support worker coming")
    needs = fields.Field(column_name="Access needs")
    needs_other = fields.Field(attribute="access_needs_other", column_name="More about needs")
    created_at = fields.Field(attribute="created_at", column_name="Signed up")

    class Meta:
        model = Registration
        fields = [
            "seminar",
            "name",
            "email",
            "phone",
            "role",
            "state",
            "support_worker",
            "needs",
            "needs_other",
            "created_at",
        ]
        export_order = fields

    def dehydrate_support_worker(self, registration):
        return "Yes" if registration.has_support_worker else "No"

    def dehydrate_needs(self, registration):
        return "; ".join(registration.access_need_labels())


def log_export(request, model, what: str) -> None:
    """Write who downloaded personal data, and when, to the admin's history."""
    LogEntry.objects.create(
        user_id=request.user.pk,
        content_type_id=ContentType.objects.get_for_model(model).pk,
        object_repr=what[:200],
        action_flag=CHANGE,
        change_message=what,
    )


class SessionInline(DragToOrderMixin, admin.StackedInline):
    model = Session
    order_field = "order"
    extra = 0
    autocomplete_fields = ["speaker"]
    fields = [
        ("title", "kind"),
        ("speaker", "starts_at", "order"),
        "summary",
        ("podcast_audio", "podcast_duration"),
        "transcript",
    ]


class RegistrationInline(admin.TabularInline):
    """Who signed up. States change only through the actions, never by editing here."""

    model = Registration
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["name", "email", "role", "state", "has_support_worker", "needs", "was_there"]
    readonly_fields = ["name", "email", "role", "state", "has_support_worker", "needs"]
    ordering = ["state", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Access needs")
    def needs(self, registration):
        labels = registration.access_need_labels()
        if registration.access_needs_other:
            labels.append(registration.access_needs_other)
        return "; ".join(labels) or "None"


@admin.register(Seminar)
class SeminarAdmin(VersionCheckedAdminMixin, ReadabilityAdminMixin, VersionAdmin):
    readability_fields = ["description"]
    list_display = ["title", "stage", "starts_at", "venue", "places"]
    list_filter = ["stage", "format", "support_workers"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["venue", "planned_at"]
    list_select_related = ["venue"]
    readonly_fields = ["planning_pages", "places"]
    inlines = [SessionInline, RegistrationInline]
    fieldsets = [
        ("What it is", {"fields": ["title", "slug", "stage", "description"]}),
        (
            "When and where",
            {
                "fields": [
                    "starts_at",
                    "ends_at",
                    "date_plan",
                    "venue",
                    "getting_there",
                    "planned_at",
                ]
            },
        ),
        (
            "What will happen",
            {"fields": ["format", "format_description", "opening_question", "opening_activity"]},
        ),
        (
            "Places and sign-up",
            {
                "fields": [
                    "places",
                    "capacity",
                    "support_workers",
                    "signup_opens_at",
                    "signup_closes_at",
                    "promotion_stops_hours",
                    "reminder_days",
                ]
            },
        ),
        ("Planning the room", {"fields": ["planning_pages"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_places()

    @admin.display(description="Places: taken / places, waiting")
    def places(self, seminar):
        if seminar.pk is None:
            return "-"
        return f"{places.taken(seminar)} / {seminar.capacity}, {places.waiting(seminar)} waiting"

    @admin.display(description="Pages for planning")
    def planning_pages(self, seminar):
        if seminar.pk is None:
            return "Save the seminar first."
        return format_html(
            '<a href="{}">Access needs and support workers</a> · '
            '<a href="{}">Sign-in sheet to print</a> · '
            '<a href="{}">Download the list of people (CSV)</a> · '
            '<a href="{}">Email everyone at once</a>',
            reverse("admin:seminars_seminar_needs", args=[seminar.pk]),
            reverse("admin:seminars_seminar_sign_in_sheet", args=[seminar.pk]),
            reverse("admin:seminars_seminar_attendees_csv", args=[seminar.pk]),
            reverse("admin:seminars_seminar_email_everyone", args=[seminar.pk]),
        )

    def save_model(self, request, obj, form, change):
        promoted = services.save_seminar(obj)
        for registration in promoted:
            self.message_user(request, f"{registration.name} now has a place.", messages.SUCCESS)
        over = services.places_over(obj)
        if over:
            self.message_user(
                request,
                f"{over} more places are taken than the seminar has. Nobody was removed.",
                messages.WARNING,
            )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/needs/", view(self.needs_view), name="seminars_seminar_needs"),
            path(
                "<int:pk>/sign-in-sheet/",
                view(self.sign_in_sheet_view),
                name="seminars_seminar_sign_in_sheet",
            ),
            path(
                "<int:pk>/attendees.csv",
                view(self.attendees_csv_view),
                name="seminars_seminar_attendees_csv",
            ),
            path(
                "<int:pk>/email-everyone/",
                view(self.email_everyone_view),
                name="seminars_seminar_email_everyone",
            ),
        ] + super().get_urls()

    def _seminar_with_people(self, request, pk):
        """The seminar and the people with a place, for facilitators only."""
        if not request.user.has_perm("seminars.view_registration"):
            raise PermissionDenied
        seminar = get_object_or_404(Seminar.objects.with_places().select_related("venue"), pk=pk)
        people = list(seminar.registrations.confirmed().order_by("name"))
        return seminar, people

    def needs_view(self, request, pk):
        seminar, people = self._seminar_with_people(request, pk)
        counts = Counter(need for person in people for need in person.access_needs)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Access needs and support workers: {seminar.title}",
            "subtitle": None,
            "seminar": seminar,
            "people": people,
            "needs": [
                (label, counts.get(value, 0)) for value, label in Registration.AccessNeed.choices
            ],
            "support_workers": sum(person.has_support_worker for person in people),
            "told_us_more": [person for person in people if person.access_needs_other],
            "waiting": seminar.registrations.waiting().count(),
        }
        return TemplateResponse(request, "seminars/admin/needs.html", context)

    def sign_in_sheet_view(self, request, pk):
        seminar, people = self._seminar_with_people(request, pk)
        return TemplateResponse(
            request, "seminars/admin/sign_in_sheet.html", {"seminar": seminar, "people": people}
        )

    def attendees_csv_view(self, request, pk):
        if not request.user.has_perm("seminars.view_registration"):
            raise PermissionDenied
        seminar = get_object_or_404(Seminar, pk=pk)
        people = seminar.registrations.active().select_related("seminar").order_by("state", "name")
        data = RegistrationResource().export(queryset=people)
        log_export(request, Registration, f"Downloaded the people signed up for {seminar}")
        response = HttpResponse(data.csv, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{seminar.slug}-people.csv"'
        return response

    def email_everyone_view(self, request, pk):
        """Write one easy-read message, preview it as the first person would get it (their
        real details, escaped), then send: one email each, in one transaction."""
        if not request.user.has_perm("seminars.change_registration"):
            raise PermissionDenied
        seminar = get_object_or_404(Seminar.objects.select_related("venue"), pk=pk)
        form = EmailEveryoneForm(request.POST or None, seminar=seminar)
        preview = None
        if request.method == "POST" and form.is_valid():
            if "_send" in request.POST:
                count = services.email_everyone(
                    seminar, audience=form.cleaned_data["audience"], **form.email_parts()
                )
                self.message_user(request, f"Sending your message to {count} people.")
                return redirect("admin:seminars_seminar_change", seminar.pk)
            preview = emails.render_message_email(form.first_person, **form.email_parts())
        context = {
            **self.admin_site.each_context(request),
            "title": f"Email everyone: {seminar.title}",
            "subtitle": None,
            "seminar": seminar,
            "form": form,
            "preview": preview,
            "media": form.media,
        }
        return TemplateResponse(request, "seminars/admin/email_everyone.html", context)


class AccessNeedFilter(admin.SimpleListFilter):
    title = "access need"
    parameter_name = "need"

    def lookups(self, request, model_admin):
        return Registration.AccessNeed.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(access_needs__contains=[self.value()])
        return queryset


@admin.register(Registration)
class RegistrationAdmin(ExportMixin, admin.ModelAdmin):
    """Every sign-up. Cancel or give a place with the actions: they email the person."""

    resource_classes = [RegistrationResource]
    formats = [CSV]
    list_display = [
        "name",
        "email",
        "seminar",
        "state",
        "role",
        "has_support_worker",
        "was_there",
        "created_at",
    ]
    list_filter = ["seminar", "state", "role", "has_support_worker", AccessNeedFilter, "was_there"]
    search_fields = ["name", "email", "phone"]
    list_select_related = ["seminar"]
    date_hierarchy = "created_at"
    actions = ["cancel_places", "give_back_places", "give_places"]
    readonly_fields = [
        "seminar",
        "state",
        "user",
        "created_at",
        "promoted_at",
        "cancelled_at",
        "cancelled_by",
        "cancel_email_due_at",
        "reminder_sent_at",
        "anonymised_at",
        "secret_link",
        "email_previews",
        "emails_sent",
    ]
    fieldsets = [
        ("The person", {"fields": ["seminar", "name", "email", "phone", "role", "user"]}),
        (
            "What they need",
            {"fields": ["access_needs", "access_needs_other", "has_support_worker"]},
        ),
        (
            "Their place",
            {
                "fields": [
                    "state",
                    "was_there",
                    "created_at",
                    "promoted_at",
                    "cancelled_at",
                    "cancelled_by",
                    "cancel_email_due_at",
                    "reminder_sent_at",
                    "secret_link",
                    "email_previews",
                ]
            },
        ),
        ("Only for facilitators", {"fields": ["facilitator_notes", "has_consented"]}),
        ("Emails to this person", {"fields": ["emails_sent"]}),
        ("Personal details removed", {"fields": ["anonymised_at"]}),
    ]

    @admin.display(description="emails")
    def emails_sent(self, registration):
        """Every email this person was sent or is due, with its state (mail/admin.py)."""
        return email_table(registration)

    def has_add_permission(self, request):
        # People sign up through the sign-up form, so the rules and emails always apply.
        return False

    def has_delete_permission(self, request, obj=None):
        # Cancel instead: it keeps the counts and gives the place to the waiting list.
        return False

    def has_export_permission(self, request):
        return request.user.has_perm("seminars.view_registration")

    def get_export_data(self, file_format, request, queryset, **kwargs):
        data = super().get_export_data(file_format, request, queryset, **kwargs)
        log_export(request, Registration, f"Downloaded {queryset.count()} sign-ups")
        return data

    def get_urls(self):
        return [
            path(
                "<int:pk>/emails/",
                self.admin_site.admin_view(self.emails_view),
                name="seminars_registration_emails",
            )
        ] + super().get_urls()

    def emails_view(self, request, pk):
        """Every email this person could get, as they would read it, before it goes out."""
        if not request.user.has_perm("seminars.view_registration"):
            raise PermissionDenied
        registration = get_object_or_404(
            Registration.objects.select_related("seminar__venue"), pk=pk, anonymised_at=None
        )
        previews = []
        for kind in emails.KINDS:
            message = emails.render_registration_email(kind, registration)
            previews.append(
                {
                    "subject": message.subject,
                    "body": message.body,
                    "has_calendar": bool(message.attachments),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Emails to {registration.name}",
            "subtitle": None,
            "registration": registration,
            "previews": previews,
        }
        return TemplateResponse(request, "seminars/admin/email_previews.html", context)

    @admin.display(description="Emails")
    def email_previews(self, registration):
        if registration.pk is None or registration.anonymised_at:
            return "-"
        return format_html(
            '<a href="{}">See the emails {} gets</a>',
            reverse("admin:seminars_registration_emails", args=[registration.pk]),
            registration.name,
        )

    @admin.display(description="Secret link")
    def secret_link(self, registration):
        if registration.anonymised_at:
            return "Removed"
        return format_html('<a href="{0}">{0}</a>', registration.get_absolute_url())

    @admin.action(description="Cancel the selected places (asks first, 10 minutes to undo)")
    def cancel_places(self, request, queryset):
        """First "are you sure?"; then cancel, holding each email for the undo time."""
        people = list(queryset.active().select_related("seminar"))
        if request.POST.get("confirmed") != "yes":
            return self._confirm_cancel_page(request, people)
        for registration in people:
            services.cancel_registration(registration, by=request.user, notify_after=UNDO_TIME)
        self.message_user(
            request,
            format_html(
                "Cancelled {} place(s). Each person gets an email in {} minutes. Changed your "
                'mind? <a href="{}">See the cancelled places</a>, tick them and choose '
                "“Give back the selected cancelled places”.",
                len(people),
                UNDO_MINUTES,
                reverse("admin:seminars_registration_changelist") + "?state__exact=cancelled",
            ),
            messages.SUCCESS,
        )

    def _confirm_cancel_page(self, request, people):
        context = {
            **self.admin_site.each_context(request),
            "title": "Are you sure you want to cancel these places?",
            "subtitle": None,
            "opts": self.model._meta,
            "people": people,
            "undo_minutes": UNDO_MINUTES,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "seminars/admin/cancel_confirm.html", context)

    @admin.action(description="Give back the selected cancelled places (undo a cancel)")
    def give_back_places(self, request, queryset):
        for registration in queryset.filter(state=Registration.State.CANCELLED, anonymised_at=None):
            try:
                registration = services.give_back(registration)
            except SignUpError as error:
                self.message_user(request, str(error), messages.ERROR)
                continue
            where = (
                "has a place again"
                if registration.state == Registration.State.CONFIRMED
                else "is first on the waiting list"
            )
            self.message_user(request, f"{registration.name} {where}.", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        """Save only what was changed. "Support worker coming" changes the seats taken, so
        it goes through the seminar's locked service, which offers a freed place on."""
        fields = [name for name in form.changed_data if name != "has_support_worker"]
        if fields:
            obj.save(update_fields=fields)
        if "has_support_worker" not in form.changed_data:
            return
        try:
            promoted = services.set_support_worker(obj, form.cleaned_data["has_support_worker"])
        except SignUpError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        for registration in promoted:
            self.message_user(request, f"{registration.name} now has a place.", messages.SUCCESS)

    @admin.action(description="Give a place to the selected people on the waiting list")
    def give_places(self, request, queryset):
        for registration in queryset.waiting():
            try:
                services.promote_registration(registration)
            except SignUpError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request, f"{registration.name} now has a place.", messages.SUCCESS
                )


@admin.register(Speaker)
class SpeakerAdmin(ReadabilityAdminMixin, VersionAdmin):
    readability_fields = ["introduction"]
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation"]
    fieldsets = [
        ("Who they are", {"fields": ["name", "organisation", "introduction"]}),
        ("Photo", {"fields": ["photo", "photo_alt"]}),
    ]


class SurveyQuestionInline(admin.StackedInline):
    model = SurveyQuestion
    extra = 0
    show_change_link = True
    fields = [("text", "kind"), ("hint", "order", "is_required")]


class SurveyChoiceInline(admin.TabularInline):
    model = SurveyChoice
    extra = 3
    fields = ["text", "order"]


@admin.register(Survey)
class SurveyAdmin(VersionAdmin):
    list_display = ["title", "seminar", "is_open", "answered_by", "results_link"]
    list_filter = ["is_open"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["seminar"]
    list_select_related = ["seminar"]
    inlines = [SurveyQuestionInline]
    fieldsets = [
        ("The survey", {"fields": ["title", "slug", "seminar", "introduction", "is_open"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(answer_count=Count("responses"))

    @admin.display(description="Members who answered")
    def answered_by(self, survey):
        return survey.answer_count

    @admin.display(description="Results")
    def results_link(self, survey):
        return format_html(
            '<a href="{}">See the results of {}</a>',
            reverse("admin:seminars_survey_results", args=[survey.pk]),
            survey.title,
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/results/",
                self.admin_site.admin_view(self.results_view),
                name="seminars_survey_results",
            )
        ] + super().get_urls()

    def results_view(self, request, pk):
        if not request.user.has_perm("seminars.view_survey"):
            raise PermissionDenied
        choices = SurveyChoice.objects.annotate(votes=Count("answers"))
        ideas = Prefetch("answers", queryset=self._ideas(), to_attr="ideas")
        survey = get_object_or_404(
            Survey.objects.annotate(answer_count=Count("responses")).prefetch_related(
                Prefetch(
                    "questions",
                    SurveyQuestion.objects.prefetch_related(Prefetch("choices", choices), ideas),
                )
            ),
            pk=pk,
        )
        questions = []
        for question in survey.questions.all():
            options = list(question.choices.all())
            most = max([choice.votes for choice in options], default=0) or 1
            questions.append(
                {
                    "question": question,
                    "rows": [
                        {
                            "choice": choice,
                            "votes": choice.votes,
                            "width": 100 * choice.votes / most,
                        }
                        for choice in options
                    ],
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Results: {survey.title}",
            "subtitle": None,
            "survey": survey,
            "questions": questions,
        }
        return TemplateResponse(request, "seminars/admin/survey_results.html", context)

    @staticmethod
    def _ideas():
        return SurveyAnswer.objects.filter(choice__isnull=True).exclude(text="")


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(VersionAdmin):
    """A question and the answers members can choose from."""

    list_display = ["text", "survey", "kind", "order"]
    list_filter = ["survey", "kind"]
    search_fields = ["text"]
    list_select_related = ["survey"]
    autocomplete_fields = ["survey"]
    inlines = [SurveyChoiceInline]
