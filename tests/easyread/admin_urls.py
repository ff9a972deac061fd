"""An admin site for the tests of ReadabilityAdminMixin: the glossary's meaning is checked."""

from django.contrib import admin
from django.urls import include, path

from easyread.admin import ReadabilityAdminMixin
from easyread.models import GlossaryTerm

site = admin.AdminSite(name="easyread_test_admin")


@admin.register(GlossaryTerm, site=site)
class GlossaryTermCheckedAdmin(ReadabilityAdminMixin, admin.ModelAdmin):
    readability_fields = ["meaning"]
    fields = ["term", "slug", "meaning", "picture"]


urlpatterns = [path("checked-admin/", site.urls), path("", include("config.urls"))]
