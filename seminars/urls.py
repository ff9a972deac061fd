from django.urls import path

from seminars import views

app_name = "seminars"

urlpatterns = [
    path("", views.seminar_list, name="list"),
    path("calendar.ics", views.calendar_feed, name="calendar_feed"),
    path("registration/<str:token>/", views.registration_detail, name="registration"),
    path("registration/<str:token>/cancel/", views.registration_cancel, name="cancel"),
    path("surveys/<slug:slug>/", views.survey, name="survey"),
    path("<slug:slug>/", views.seminar_detail, name="detail"),
    path("<slug:slug>/sign-up/", views.sign_up, name="sign_up"),
    path("<slug:slug>/signed-up/", views.signed_up, name="signed_up"),
    path("<slug:slug>/send-link/", views.send_link, name="send_link"),
    path("<slug:slug>/invitation.pdf", views.seminar_invitation, name="invitation"),
    path("<slug:slug>/calendar.ics", views.seminar_calendar, name="calendar"),
    path("<slug:slug>/podcast.xml", views.podcast_feed, name="podcast"),
    path("<slug:slug>/transcripts/<int:pk>/", views.transcript, name="transcript"),
]
