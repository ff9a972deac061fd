from django.urls import path

from spirit import easyread_views

app_name = "easyread"

urlpatterns = [
    path("settings/", easyread_views.reading_settings, name="settings"),
    path("credits/", easyread_views.credits, name="credits"),
    path("glossary/", easyread_views.glossary, name="glossary"),
    path("handouts/", easyread_views.handout_list, name="handouts"),
    path("handouts/theme/<slug:slug>.pdf", easyread_views.theme_handout, name="theme_handout"),
]
