"""Core's tables: the outbox (``amity.core.outbox``). The audit log moved to
``amity.members`` (its entries key on the group, the tenant); core's first migrations stay, as
the history of ``core_auditentry``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("being delivered")
    DONE = "done", _("delivered")
    FAILED = "failed", _("failed")


class OutboxEntry(models.Model):
    """A side effect of a committed write (an e-mail, a job to start, a search entry to
    refresh, a live update), recorded in the write's own transaction and delivered at least
    once by ``amity.core.outbox``.

    ``due_at`` is when the entry may next be taken: for a waiting entry, its next attempt (the
    committing process keeps it for a short while, as it delivers it at once); for one being
    delivered, the end of its lease, after which a process that died while delivering it is
    presumed dead and the entry is taken again.
    """

    handler = models.CharField(max_length=80)
    payload = models.JSONField(default=dict)
    # The group whose coordinator sees the entry if it fails: the id of a ``members.Group``,
    # kept as a plain number because core imports no domain app.
    group_pk = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    # What it is about, in words, as the audit log keeps an object's name (a meeting's title,
    # a document's name): the failures page names it without a query per entry.
    subject = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    due_at = models.DateTimeField()
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "due_at"], name="core_outbox_due")]
        verbose_name = _("outbox entry")
        verbose_name_plural = _("outbox entries")

    def __str__(self) -> str:
        return f"{self.handler} #{self.pk} ({self.status})"


class OutboxReceipt(models.Model):
    """One part of an entry's side effect that is done (an e-mail to one address): a handler
    that runs again after a crash or a retry skips what its receipts say was done."""

    entry = models.ForeignKey(OutboxEntry, on_delete=models.CASCADE, related_name="receipts")
    key = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "key"], name="core_outbox_receipt_once")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.key}"
