from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "amity.documents"
    label = "documents"
    verbose_name = "Outcome documents"

    def ready(self) -> None:
        from amity.core.registry import demo_loaders
        from amity.documents import demo, search_index
        from amity.search import indexers

        demo_loaders.register(self.label, demo.load)
        indexers.register(self.label, search_index.entries)

        # Register this app's outbox handlers (amity.core.outbox).
        from amity.documents import handlers  # noqa: F401
