from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirculationConfig(AppConfig):
    name = "amity.circulation"
    label = "circulation"
    verbose_name = _("Six languages and UN circulation")

    def ready(self) -> None:
        from amity.circulation import demo, downloads
        from amity.core.registry import demo_loaders
        from amity.documents import downloads as document_downloads

        demo_loaders.register(self.label, demo.load)
        from amity.circulation import metrics
        from amity.core.metrics import metric_collectors

        metric_collectors.register(self.label, metrics.collect)
        # The document page's download links are rendered here (documents is below us).
        document_downloads.register(self.label, downloads.rendition)
        # Proposals from the translation memory in the side-by-side editor of the lower
        # layers' {lang: text} fields (core.forms.translation_fields).
        from amity.circulation.selectors import memory_proposal
        from amity.core.registry import translation_proposers

        translation_proposers.register(self.label, memory_proposal)
        # Its machine translation (AMITY_MT_URL) for the same editor, asked on request.
        from amity.circulation.mt import machine_translator
        from amity.core.registry import machine_translators

        machine_translators.register(self.label, machine_translator)

        # The content version of the language and rendition pages (kept per reader).
        from amity.circulation.cache import VERSION, circulation_version
        from amity.core.registry import content_versions

        content_versions.register(VERSION, circulation_version)

        # Register this app's outbox handlers (amity.core.outbox).
        from amity.circulation import handlers, jobs  # noqa: F401
        from amity.core import outbox

        # The embedded default's background thread recovers jobs at start and every minute
        # (Celery beat and worker_ready do in scale mode).
        outbox.register_periodic("circulation.recover_jobs", jobs.recover, seconds=60)
