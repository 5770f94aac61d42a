"""WebSocket routes. Each domain app that speaks in real time adds its patterns here."""

from django.urls import URLPattern

websocket_urlpatterns: list[URLPattern] = []
