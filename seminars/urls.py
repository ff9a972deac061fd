from django.urls import path

from seminars import views

app_name = "seminars"

urlpatterns = [
    path("", views.seminar_list, name="list"),
]
