from django.urls import path, re_path

from amity.documents import views

app_name = "documents"
D = "groups/<slug:slug>/documents/<slug:doc>/"
urlpatterns = [
    path("groups/<slug:slug>/documents/", views.document_list, name="list"),
    path("groups/<slug:slug>/documents/new/", views.document_new, name="new"),
    path(D, views.document_detail, name="detail"),
    path(D + "propose/", views.proposal_new, name="propose"),
    path(D + "proposals/<int:pk>/", views.proposal_act, name="proposal_act"),
    path(D + "comment/", views.comment_new, name="comment"),
    path(D + "accept/", views.revision_accept, name="accept"),
    path(D + "versions/new/", views.version_new, name="version_new"),
    path(D + "silence/", views.silence_start, name="silence"),
    path(D + "silence/break/", views.silence_break, name="break"),
    path(D + "join/", views.join, name="join"),
    path(D + "adopt/", views.adopt, name="adopt"),
    path(D + "settings/", views.settings_toggle, name="settings"),
    path(D + "compare/", views.compare, name="compare"),
    path(D + "history/", views.history, name="history"),
    re_path(
        r"^groups/(?P<slug>[-a-zA-Z0-9_]+)/documents/(?P<doc>[-a-zA-Z0-9_]+)/"
        r"(?P<language>ar|zh|en|fr|ru|es)\.(?P<fmt>pdf|docx|akn\.xml)$",
        views.download,
        name="download",
    ),
]
