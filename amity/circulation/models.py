"""UN references (General Assembly sessions and agenda items), the translation memory, the
per-language editing state of a version's texts, circulation records and rendition jobs.

The language versions themselves are ``documents.VersionText`` rows (one per version and
language); this app adds what translation needs beside them (``TranslationState``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amity.core.languages import Language
from amity.members import permissions
from amity.members.permissions import Standing


class GASession(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    opened_on = models.DateField()
    president_name = models.CharField(max_length=200, blank=True)
    president_state = models.ForeignKey(
        "members.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"GA {self.number}"


class GAAgendaItem(models.Model):
    session = models.ForeignKey(GASession, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField()
    titles = models.JSONField(default=dict)

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="one_ga_item_number"),
        ]

    def __str__(self) -> str:
        return f"A/{self.session.number} item {self.number}"


class TMUnit(models.Model):
    """One paragraph pair kept when a translation was marked final."""

    source_language = models.CharField(max_length=2, choices=Language.choices)
    target_language = models.CharField(max_length=2, choices=Language.choices)
    source_text = models.TextField()  # normalised plain text of the source paragraph
    source_hash = models.CharField(max_length=64)  # SHA-256 of source_text: exact matches
    # The first characters and a length bucket: the candidate set for close matches.
    source_prefix = models.CharField(max_length=4)
    length_bucket = models.PositiveSmallIntegerField()
    target_text = models.TextField()  # sanitized paragraph HTML
    document = models.ForeignKey(
        "documents.OutcomeDocument", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.ForeignKey(
        "documents.DocumentVersion", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["source_language", "target_language", "source_hash"], name="tm_exact"
            ),
            models.Index(
                fields=["source_language", "target_language", "length_bucket"], name="tm_bucket"
            ),
            models.Index(
                fields=["source_language", "target_language", "source_prefix"], name="tm_prefix"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language", "source_hash", "version"],
                name="one_tm_unit_per_version_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_language}->{self.target_language}: {self.source_text[:40]}"


class TranslationState(models.Model):
    """Beside a ``VersionText``: its edit revision (optimistic check), which paragraphs the
    memory or the machine filled."""

    text = models.OneToOneField(
        "documents.VersionText", on_delete=models.CASCADE, related_name="translation_state"
    )
    revision = models.PositiveIntegerField(default=1)
    memory_refs = models.JSONField(default=list, blank=True)  # ["pp1", "op3"]
    machine_refs = models.JSONField(default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.text} r{self.revision}"


class CirculationStatus(models.TextChoices):
    PREPARED = "prepared", _("Prepared")
    SUBMITTED = "submitted", _("Submitted to the Secretariat")
    ISSUED = "issued", _("Issued as a UN document")
    PUBLISHED = "published", _("Published on the public site")


class Circulation(models.Model):
    """The request to circulate an adopted text as a UN document, and what became of it."""

    document = models.OneToOneField(
        "documents.OutcomeDocument", on_delete=models.CASCADE, related_name="circulation"
    )
    version = models.ForeignKey(
        "documents.DocumentVersion", on_delete=models.PROTECT, related_name="+"
    )
    session = models.ForeignKey(GASession, on_delete=models.PROTECT, related_name="+")
    agenda_item = models.ForeignKey(GAAgendaItem, on_delete=models.PROTECT, related_name="+")
    security_council = models.BooleanField(default=False)
    letter_date = models.DateField()
    chair_state = models.ForeignKey("members.State", on_delete=models.PROTECT, related_name="+")
    representative_name = models.CharField(max_length=200)
    # The person who signs, when recorded among the delegation: the letter then names them in
    # each language's script as the delegation gives it (``Person.names``).
    representative = models.ForeignKey(
        "members.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The title in the feminine where the language has one (Représentante permanente,
    # la Representante Permanente, الممثلة الدائمة).
    representative_feminine = models.BooleanField(default=False)
    status = models.CharField(
        max_length=12, choices=CirculationStatus.choices, default=CirculationStatus.PREPARED
    )
    submitted_on = models.DateField(null=True, blank=True)
    symbol = models.CharField(max_length=60, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Circulation of {self.document_id} ({self.status})"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Rendering")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class JobKind(models.TextChoices):
    PACKAGE = "package", _("Circulation package (.zip)")
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word (.docx)")
    AKN = "akn", _("Akoma Ntoso (.xml)")


def rendition_upload_to(instance: RenditionJob, filename: str) -> str:
    return f"renditions/{instance.document_id}/{instance.pk or 'new'}-{filename}"


class RenditionJobQuerySet(models.QuerySet["RenditionJob"]):
    def visible_to(self, user: Any) -> RenditionJobQuerySet:
        """The jobs ``user`` may follow and download, of documents they may read (which the
        caller checks): a rendition of one language version, anyone who reads the document's
        drafts; the circulation package (the letter to the Secretary-General and every
        language version), only the group's coordinator — who alone may ask for one. Whoever
        asked for a package and is no longer coordinator no longer sees it."""
        if permissions.sees_everything(user):
            return self.all()
        coordinated = permissions.groups_by_standing(user)[Standing.COORDINATOR]
        return self.filter(~Q(kind=JobKind.PACKAGE) | Q(document__group_id__in=coordinated))


class RenditionJob(models.Model):
    document = models.ForeignKey(
        "documents.OutcomeDocument", on_delete=models.CASCADE, related_name="rendition_jobs"
    )
    version = models.ForeignKey(
        "documents.DocumentVersion", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=JobKind.choices)
    language = models.CharField(max_length=2, choices=Language.choices, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    file = models.FileField(upload_to=rendition_upload_to, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # How often it was started; which process runs it (host:pid:start time) and when it last
    # showed a sign of life (queued, started, progress, heartbeat). A job whose process died
    # is resumed or failed by ``jobs.recover``.
    starts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=200, blank=True)
    touched_at = models.DateTimeField(null=True, blank=True)

    objects = RenditionJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status"], name="circulation_job_status")]

    def __str__(self) -> str:
        return f"{self.kind} of {self.document_id} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
