from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "amity.api"
    label = "api"
    verbose_name = "HTTP API"
