"""WebSocket routes. Each domain app that speaks in real time adds its patterns here."""

from django.urls import URLPattern

from amity.live.routing import websocket_urlpatterns as live_patterns

websocket_urlpatterns: list[URLPattern] = [*live_patterns]
