from allauth.mfa import admin as mfa_admin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from spirit.models import User
from spirit.privacy import delete_account, may_delete_own_account


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People with an account. Only superusers may see or change them (facilitators may not)."""

    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name", "username"]
    ordering = ["email"]

    def get_actions(self, request):
        # "Delete selected" would skip the checks below and the privacy rules.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        """A facilitator's account is closed (untick "Active"), never deleted: the record of
        the lists of people they downloaded must stay."""
        if obj is not None and not may_delete_own_account(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        # The same deletion as the member's own: sign-ups anonymised, history forgotten.
        delete_account(obj)


# allauth's own admin of these shows the secrets: load it first, then put ours in its place.
admin.site.unregister(mfa_admin.Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Phone apps and recovery codes for two-factor log-in. A superuser deletes a person's
    when they have lost their phone; they set a new one up at their next visit to the admin.
    The secrets are never shown."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
