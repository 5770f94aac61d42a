from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "amity.documents"
    label = "documents"
    verbose_name = "Outcome documents"
