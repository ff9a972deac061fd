from django.urls import path

from evidence import views

app_name = "evidence"

urlpatterns = [
    path("findings/", views.finding_list, name="list"),
    path("findings/export.csv", views.finding_export_csv, name="export_csv"),
    path("findings/export.json", views.finding_export_json, name="export_json"),
    path("findings/<int:pk>/", views.finding_detail, name="detail"),
    path("findings/<int:pk>/happens-to-me-too/", views.same_for_me, name="same_for_me"),
    path("sources/", views.source_list, name="sources"),
    path("sources/<slug:slug>/", views.source_detail, name="source"),
    path("sources/<slug:slug>/cite.<str:style>", views.source_citation, name="citation"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("evidence-map/", views.evidence_map, name="map"),
    path("handouts/", views.handout_list, name="handouts"),
    path("handouts/theme/<slug:slug>.pdf", views.theme_handout, name="theme_handout"),
]
