from django.urls import path

from amity.publishing import feeds, views

app_name = "publishing"
urlpatterns = [
    path("groups/<slug:slug>/news/", views.news_list, name="news"),
    path("groups/<slug:slug>/news.atom", feeds.news_feed, name="news_feed"),
    path("groups/<slug:slug>/news/<uuid:key>/", views.news_detail, name="news_detail"),
    path("groups/<slug:slug>/press/", views.press_manage, name="press_manage"),
    path(
        "groups/<slug:slug>/press/<uuid:key>/<str:language>/",
        views.press_edit,
        name="press_edit",
    ),
    path(
        "groups/<slug:slug>/press/<uuid:key>/<str:language>/publish/",
        views.press_publish,
        name="press_publish",
    ),
    path(
        "groups/<slug:slug>/press/<uuid:key>/<str:language>/withdraw/",
        views.press_withdraw,
        name="press_withdraw",
    ),
    path("meetings/<int:pk>/press-release/", views.press_draft, name="press_draft"),
    path("groups/<slug:slug>/resolutions/", views.resolution_list, name="resolutions"),
    path("groups/<slug:slug>/initiatives/", views.initiative_list, name="initiatives"),
    path("groups/<slug:slug>/road-map/", views.road_map, name="road_map"),
    path("groups/<slug:slug>/resolutions/new/", views.resolution_add, name="resolution_add"),
    path(
        "groups/<slug:slug>/resolutions/<int:pk>/edit/",
        views.resolution_edit,
        name="resolution_edit",
    ),
    path("groups/<slug:slug>/initiatives/new/", views.initiative_add, name="initiative_add"),
    path(
        "groups/<slug:slug>/initiatives/<int:pk>/edit/",
        views.initiative_edit,
        name="initiative_edit",
    ),
    path(
        "groups/<slug:slug>/initiatives/<int:pk>/status/",
        views.initiative_status,
        name="initiative_status",
    ),
    path("groups/<slug:slug>/road-map/new/", views.road_map_add, name="road_map_add"),
    path("groups/<slug:slug>/road-map/<int:pk>/edit/", views.road_map_edit, name="road_map_edit"),
    path(
        "groups/<slug:slug>/road-map/<int:pk>/activities/new/",
        views.activity_add,
        name="activity_add",
    ),
    path(
        "groups/<slug:slug>/road-map/activities/<int:pk>/edit/",
        views.activity_edit,
        name="activity_edit",
    ),
    path(
        "groups/<slug:slug>/road-map/activities/<int:pk>/remove/",
        views.activity_remove,
        name="activity_remove",
    ),
    path("groups/<slug:slug>/report/<int:year>/", views.year_report, name="report"),
    path("groups/<slug:slug>/report/<int:year>.pdf", views.year_report_pdf, name="report_pdf"),
    path("groups/<slug:slug>/map.svg", views.world_map, name="world_map"),
]
