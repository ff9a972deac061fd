"""The email log in the admin: every email, its state, and "send again".

Facilitators read it (the Facilitators group has the mail app's permissions). Nobody adds
or edits an email here: "send again" queues a fresh copy, logged beside the first.
"""

from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html

from mail import services
from mail.models import Email

READONLY = [
    "kind",
    "to",
    "from_email",
    "subject",
    "state",
    "attempts",
    "last_error",
    "created_at",
    "last_tried_at",
    "sent_at",
    "about_link",
    "resent_from",
    "body",
    "html",
    "attachment_names",
]


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    list_display = ["to", "subject", "kind", "state", "attempts", "last_error", "created_at"]
    list_filter = ["state", "kind"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    readonly_fields = READONLY
    fields = READONLY

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("mail.add_email")

    @admin.display(description="about")
    def about_link(self, email):
        about = email.about
        if about is None:
            return "-"
        meta = about._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[about.pk])
        return format_html('<a href="{}">{}</a>', url, about)

    @admin.display(description="attachments")
    def attachment_names(self, email):
        return ", ".join(item["filename"] for item in email.attachments) or "-"

    @admin.action(description="Send again (a fresh copy)", permissions=["resend"])
    def send_again(self, request, queryset):
        copies = [services.send_again(email) for email in queryset]
        self.message_user(
            request,
            f"{len(copies)} email{'s' if len(copies) != 1 else ''} queued to send again.",
            messages.SUCCESS,
        )


def email_table(obj) -> str:
    """A read-only table of the emails about one object (a registration), newest first,
    each linked to its page in the email log. For a readonly field of another admin."""
    return render_to_string("admin/includes/email_table.html", {"emails": Email.objects.about(obj)})
