from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "amity.live"
    label = "live"
    verbose_name = _("Live session")

    def ready(self) -> None:
        # Register this app's outbox handlers (amity.core.outbox).
        from amity.live import handlers  # noqa: F401
