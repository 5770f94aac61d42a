from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "amity.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        from amity.core.registry import demo_loaders
        from amity.meetings import demo, search_index
        from amity.search import indexers

        demo_loaders.register(self.label, demo.load)
        indexers.register(self.label, search_index.entries)

        # Register this app's outbox handlers (amity.core.outbox).
        from amity.meetings import handlers  # noqa: F401
