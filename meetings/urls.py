from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("next-steps/", views.next_step_list, name="next_steps"),
    path("calendar.ics", views.calendar_feed, name="calendar"),
    path("<slug:slug>/", views.meeting_detail, name="detail"),
    path("<slug:slug>/handout.pdf", views.meeting_handout, name="handout"),
    path("<slug:slug>/calendar.ics", views.meeting_calendar, name="meeting_calendar"),
]
