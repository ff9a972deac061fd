from django.urls import path

from evidence import views

app_name = "evidence"

urlpatterns = [
    path("findings/", views.finding_list, name="list"),
]
