from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One write done by a service: who, when, from where, what, on which object."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    # The group the object belongs to, so a coordinator can read the group's history.
    group = models.ForeignKey(
        "members.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    data = models.JSONField(default=dict, blank=True)
    source = models.CharField(max_length=20, blank=True, help_text=_("web, api, cli or task"))
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            # The group's latest entry is its public content version (amity.core.cache).
            models.Index(fields=["group", "id"], name="core_audit_group_latest"),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


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
