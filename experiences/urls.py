from django.urls import path

from experiences import views

app_name = "experiences"

urlpatterns = [
    path("tell-us/", views.what, name="what"),
    path("tell-us/recording/", views.draft_recording, name="draft_recording"),
    path("tell-us/topic/", views.topic, name="topic"),
    path("tell-us/where/", views.where, name="where"),
    path("tell-us/sharing/", views.sharing, name="sharing"),
    path("tell-us/check/", views.check, name="check"),
    path("my-experiences/", views.mine, name="mine"),
    path("my-experiences/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("my-experiences/<int:pk>/recording/", views.recording, name="recording"),
]
