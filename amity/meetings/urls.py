from django.urls import path

from amity.meetings import views

app_name = "meetings"
urlpatterns = [
    path("groups/<slug:slug>/meetings/", views.calendar, name="calendar"),
    path("groups/<slug:slug>/meetings/new/", views.meeting_new, name="new"),
    path("meetings/<int:pk>/", views.detail, name="detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("meetings/<int:pk>/convene/", views.meeting_convene, name="convene"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("meetings/<int:pk>/agenda/", views.agenda, name="agenda"),
    path("meetings/<int:pk>/agenda/reorder/", views.agenda_reorder, name="agenda_reorder"),
    path("meetings/<int:pk>/agenda/adopt/", views.agenda_adopt, name="agenda_adopt"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/", views.agenda_item_edit, name="agenda_item"),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/documents/",
        views.agenda_document_new,
        name="agenda_document_new",
    ),
    path(
        "meetings/<int:pk>/documents/<int:doc_pk>/title/",
        views.agenda_document_title,
        name="agenda_document_title",
    ),
    path(
        "meetings/<int:pk>/documents/<int:doc_pk>/", views.agenda_document, name="agenda_document"
    ),
    path("meetings/<int:pk>/registration/", views.registration, name="register"),
    path(
        "meetings/<int:pk>/registration/<int:reg_pk>/withdraw/",
        views.registration_withdraw,
        name="withdraw",
    ),
    path("meetings/<int:pk>/attendance/<int:reg_pk>/", views.attendance, name="attendance"),
    path(
        "meetings/<int:pk>/participants.csv",
        views.participants_export,
        {"fmt": "csv"},
        name="participants_csv",
    ),
    path(
        "meetings/<int:pk>/participants.xlsx",
        views.participants_export,
        {"fmt": "xlsx"},
        name="participants_xlsx",
    ),
    path(
        "meetings/<int:pk>/participants.pdf",
        views.participants_export,
        {"fmt": "pdf"},
        name="participants_pdf",
    ),
    path(
        "meetings/<int:pk>/statements.csv",
        views.statements_export,
        {"fmt": "csv"},
        name="statements_csv",
    ),
    path(
        "meetings/<int:pk>/statements.xlsx",
        views.statements_export,
        {"fmt": "xlsx"},
        name="statements_xlsx",
    ),
    path("meetings/<int:pk>/record/", views.record, name="record"),
    path("meetings/<int:pk>/statements/new/", views.statement_new, name="statement_new"),
    path(
        "meetings/<int:pk>/statements/<int:statement_pk>/title/",
        views.statement_title,
        name="statement_title",
    ),
    path(
        "meetings/<int:pk>/statements/<int:statement_pk>/",
        views.statement_file,
        name="statement_file",
    ),
    path("groups/<slug:slug>/date-polls/", views.poll_list, name="polls"),
    path("groups/<slug:slug>/date-polls/new/", views.poll_new, name="poll_new"),
    path("date-polls/<int:pk>/", views.poll_detail, name="poll"),
    path("date-polls/<int:pk>/answer/", views.poll_answer, name="poll_answer"),
    path("date-polls/<int:pk>/close/", views.poll_close, name="poll_close"),
]
