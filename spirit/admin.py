from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from spirit.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People with an account. Only superusers may see or change them (facilitators may not)."""

    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name", "username"]
    ordering = ["email"]
