from django.urls import path

from amity.members import views

app_name = "members"
urlpatterns = [
    path("<slug:slug>/", views.group_detail, name="group"),
    path("<slug:slug>/members/", views.member_list, name="members"),
    path("<slug:slug>/members.csv", views.member_export, {"fmt": "csv"}, name="export_csv"),
    path("<slug:slug>/members.xlsx", views.member_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("<slug:slug>/members.pdf", views.member_export, {"fmt": "pdf"}, name="export_pdf"),
    path("<slug:slug>/members/chart.svg", views.membership_chart, name="chart"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/manage/profile/", views.group_edit, name="group_edit"),
    path(
        "<slug:slug>/manage/machine-proposal/",
        views.machine_proposal,
        name="machine_proposal",
    ),
    path("<slug:slug>/manage/applications/new/", views.application_new, name="application_new"),
    path(
        "<slug:slug>/manage/applications/<int:pk>/decide/",
        views.application_decide,
        name="application_decide",
    ),
    path(
        "<slug:slug>/applications/<int:pk>/note.pdf",
        views.application_scan,
        name="application_scan",
    ),
    path(
        "<slug:slug>/manage/memberships/<int:pk>/end/", views.membership_end, name="membership_end"
    ),
    path("<slug:slug>/manage/co-chairs/new/", views.cochair_new, name="cochair_new"),
    path(
        "<slug:slug>/manage/co-chairs/<int:pk>/delete/", views.cochair_delete, name="cochair_delete"
    ),
    path("<slug:slug>/manage/deliveries/", views.deliveries, name="deliveries"),
    path(
        "<slug:slug>/manage/deliveries/<int:pk>/retry/",
        views.delivery_retry,
        name="delivery_retry",
    ),
    path("<slug:slug>/people/", views.people_list, name="people"),
    path("<slug:slug>/people/new/", views.person_edit, name="person_new"),
    path("<slug:slug>/people/<int:pk>/", views.person_edit, name="person_edit"),
    path("<slug:slug>/people/<int:pk>/delete/", views.person_delete, name="person_delete"),
    path("<slug:slug>/my-state/", views.my_state, name="my_state"),
]
