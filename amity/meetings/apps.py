from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "amity.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        # Register this app's outbox handlers (amity.core.outbox).
        from amity.meetings import handlers  # noqa: F401
