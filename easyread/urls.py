from django.urls import path

from easyread import views as easyread_views

app_name = "easyread"

urlpatterns = [
    path("settings/", easyread_views.reading_settings, name="settings"),
    path("credits/", easyread_views.credits, name="credits"),
    path("glossary/", easyread_views.glossary, name="glossary"),
]
