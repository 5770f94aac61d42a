from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "amity.publishing"
    label = "publishing"
    verbose_name = "Publishing: resolutions, initiatives, road maps, news"

    def ready(self) -> None:
        # Register this app's outbox handlers (amity.core.outbox).
        from amity.publishing import handlers  # noqa: F401
