from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "amity.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from amity.core.registry import after_restore, demo_loaders
        from amity.search import demo, indexers

        # Last among the domain apps: its demo loader indexes what the others loaded.
        demo_loaders.register(self.label, demo.load)
        # The index is derived data: a backup does not hold it, a restore rebuilds it.
        after_restore.register(self.label, indexers.reindex)
