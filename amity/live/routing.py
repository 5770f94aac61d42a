from django.urls import path

from amity.live.consumers import LiveConsumer

websocket_urlpatterns = [
    path("ws/meetings/<int:meeting_id>/live/", LiveConsumer.as_asgi()),
]
