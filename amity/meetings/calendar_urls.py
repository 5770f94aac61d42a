"""The calendar feeds, outside the language prefix: /calendar/<group>.ics and
/calendar/<group>/<token>.ics."""

from django.urls import path

from amity.meetings import feeds

app_name = "calendar"
urlpatterns = [
    path("<slug:slug>.ics", feeds.public_feed, name="public"),
    path("<slug:slug>/<str:token>.ics", feeds.private_feed, name="private"),
]
