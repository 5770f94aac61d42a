from django.urls import path

from amity.circulation import views

app_name = "circulation"
D = "groups/<slug:slug>/documents/<slug:doc>/"
urlpatterns = [
    path(D + "languages/", views.overview, name="overview"),
    path(D + "languages/<str:lang>/", views.translation_edit, name="edit"),
    path(D + "circulation/", views.circulation_prepare, name="prepare"),
    path(D + "circulation/advance/", views.circulation_advance, name="advance"),
    path(D + "renditions/", views.rendition_request, name="request"),
    path(D + "renditions/<int:pk>/", views.job_detail, name="job"),
    path(D + "renditions/<int:pk>/download/", views.job_download, name="download"),
    path(D + "renditions/<int:pk>/retry/", views.job_retry, name="job_retry"),
]
