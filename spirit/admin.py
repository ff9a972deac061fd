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
