from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "amity.live"
    label = "live"
    verbose_name = _("Live session")

    def ready(self) -> None:
        from amity.core.registry import content_versions, demo_loaders
        from amity.live import demo, selectors

        demo_loaders.register(self.label, demo.load)
        # What core.edge checks before it answers a poll of the live state again.
        content_versions.register(selectors.POLL_VERSION, selectors.poll_version)

        # Register this app's outbox handlers (amity.core.outbox).
        from amity.live import handlers  # noqa: F401

        # Diagnostics only: note the oldest generation's collections (AMITY_LIVE_TRACE_FILE).
        from amity.live.trace import install_gc_watch

        install_gc_watch()
