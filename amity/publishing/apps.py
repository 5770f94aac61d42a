from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "amity.publishing"
    label = "publishing"
    verbose_name = "Publishing: resolutions, initiatives, road maps, news"

    def ready(self) -> None:
        from amity.core.registry import demo_loaders
        from amity.publishing import demo, search_index
        from amity.search import indexers

        demo_loaders.register(self.label, demo.load)
        indexers.register(self.label, search_index.entries)

        # Register this app's outbox handlers (amity.core.outbox).
        from amity.publishing import handlers  # noqa: F401
