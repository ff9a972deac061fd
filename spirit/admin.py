from allauth.mfa import admin as mfa_admin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from spirit.models import User
from spirit.privacy import delete_account, may_delete_own_account

# The "Member" boxes a facilitator may search by typing: (app, model, field). Each needs
# the facilitator's permission to change that model.
MEMBER_SEARCHES = {
    ("meetings", "nextstep", "member"),
    ("meetings", "attendance", "member"),
}


def is_member_search(request) -> bool:
    """A facilitator typing in a "Member" box: the admin's autocomplete, for one of the
    MEMBER_SEARCHES, by someone who may change that model."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "autocomplete" or not request.user.is_staff:
        return False
    source = (
        request.GET.get("app_label", ""),
        request.GET.get("model_name", ""),
        request.GET.get("field_name", ""),
    )
    return source in MEMBER_SEARCHES and request.user.has_perm(f"{source[0]}.change_{source[1]}")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People with an account. Only superusers may see or change them (facilitators may not).

    Facilitators may only find a member by typing in a "Member" box (``is_member_search``):
    they get the name (or the email, when there is no name) of active accounts matching
    what they typed, and nothing else: not the account page, not access needs."""

    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name", "username"]
    ordering = ["email"]

    def has_view_permission(self, request, obj=None):
        if obj is None and is_member_search(request):
            return True
        return super().has_view_permission(request, obj)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_member_search(request) and not request.user.is_superuser:
            return queryset.filter(is_active=True)
        return queryset

    def get_search_fields(self, request):
        if is_member_search(request):
            return ["email", "first_name", "last_name"]
        return super().get_search_fields(request)

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
