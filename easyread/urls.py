from django.urls import path

from easyread import views as easyread_views

app_name = "easyread"

urlpatterns = [
    path("settings/", easyread_views.reading_settings, name="settings"),
    path("credits/", easyread_views.credits, name="credits"),
    path("page-feedback/", easyread_views.page_feedback, name="page_feedback"),
    path("glossary/", easyread_views.glossary, name="glossary"),
    # Under admin/ so that it is for facilitators only, like the admin (two-factor log-in).
    path("admin/easy-read-check/", easyread_views.easy_read_check, name="check"),
]
