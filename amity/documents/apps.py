from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "amity.documents"
    label = "documents"
    verbose_name = "Outcome documents"

    def ready(self) -> None:
        # Register this app's outbox handlers (amity.core.outbox).
        from amity.documents import handlers  # noqa: F401
