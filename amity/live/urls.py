from django.urls import path

from amity.live import views

app_name = "live"
urlpatterns = [
    path("meetings/<int:pk>/live/", views.delegate, name="delegate"),
    path("meetings/<int:pk>/live/console/", views.console, name="console"),
    path("meetings/<int:pk>/live/projector/", views.projector, name="projector"),
    path("meetings/<int:pk>/live/public/", views.public, name="public"),
    path("meetings/<int:pk>/live/request/", views.floor_request, name="request"),
    path(
        "meetings/<int:pk>/live/withdraw/<int:entry_pk>/",
        views.floor_withdraw,
        name="withdraw",
    ),
    path(
        "meetings/<int:pk>/speakers.csv", views.speakers_export, {"fmt": "csv"}, name="speakers_csv"
    ),
    path(
        "meetings/<int:pk>/speakers.xlsx",
        views.speakers_export,
        {"fmt": "xlsx"},
        name="speakers_xlsx",
    ),
    path(
        "meetings/<int:pk>/speakers.pdf", views.speakers_export, {"fmt": "pdf"}, name="speakers_pdf"
    ),
    path("meetings/<int:pk>/live/do/<slug:action>/", views.act, name="act"),
]
