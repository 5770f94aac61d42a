from django.urls import path

from amity.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("invitation/<str:key>/", views.invitation, name="invitation"),
    path("sessions/", views.sessions, name="sessions"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("groups/<slug:slug>/", views.group_accounts, name="group_accounts"),
    path(
        "groups/<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "groups/<slug:slug>/second-factor/",
        views.second_factor_setting,
        name="second_factor_setting",
    ),
    path(
        "groups/<slug:slug>/second-factor/<int:user_id>/reset/",
        views.second_factor_reset,
        name="second_factor_reset",
    ),
]
