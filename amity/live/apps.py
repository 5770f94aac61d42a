from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "amity.live"
    label = "live"
    verbose_name = _("Live session")

    def ready(self) -> None:
        from amity.core.registry import demo_loaders
        from amity.live import demo

        demo_loaders.register(self.label, demo.load)

        # Register this app's outbox handlers (amity.core.outbox).
        from amity.live import handlers  # noqa: F401

        # Diagnostics only: note the oldest generation's collections (AMITY_LIVE_TRACE_FILE).
        from amity.live.trace import install_gc_watch

        install_gc_watch()
