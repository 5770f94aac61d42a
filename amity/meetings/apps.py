from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "amity.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        from amity.core.registry import content_versions, demo_loaders
        from amity.meetings import demo, feeds, search_index
        from amity.search import indexers

        demo_loaders.register(self.label, demo.load)
        # A private calendar kept at its secret address (core.edge) while it opens it.
        content_versions.register("calendar-reader", feeds.calendar_reader_version)
        indexers.register(self.label, search_index.entries)

        # Register this app's outbox handlers (amity.core.outbox).
        from amity.meetings import handlers  # noqa: F401
