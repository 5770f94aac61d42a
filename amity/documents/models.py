"""Outcome documents of a group: declarations, joint statements, communiqués, chair's summaries.

A document is drafted in immutable versions (zero draft, Rev.1, ...; after adoption a
corrigendum). Each language version of a version is its own row (``VersionText``), tied to its
siblings by the version it belongs to and unique with its language: the original language's
row is written with the version; issue 6 adds the other five. Paragraphs are lists of
sanitized HTML (``amity.documents.text``).

Adoption is by consensus at a meeting or by silence procedure; its record (``Adoption``) exists
at most once per document, which the database enforces.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from amity.core.languages import Language


class DocumentKind(models.TextChoices):
    DECLARATION = "declaration", _("Declaration")
    JOINT_STATEMENT = "joint_statement", _("Joint statement")
    COMMUNIQUE = "communique", _("Communiqué")
    CHAIRS_SUMMARY = "chairs_summary", _("Chair's summary")


class DocumentStatus(models.TextChoices):
    DRAFTING = "drafting", _("Under negotiation")
    UNDER_SILENCE = "under_silence", _("Under silence procedure")
    ADOPTED = "adopted", _("Adopted")


class AdoptionMethod(models.TextChoices):
    CONSENSUS = "consensus", _("By consensus at a meeting")
    SILENCE = "silence", _("By silence procedure")


class OutcomeDocumentQuerySet(models.QuerySet["OutcomeDocument"]):
    def visible_to(self, user: Any) -> OutcomeDocumentQuerySet:
        """The documents ``user`` may see: the rule of ``documents.access.can_see``, as a
        query (written beside it, ``access.visible_condition``)."""
        from amity.documents import access

        return self.filter(access.visible_condition(user))


class OutcomeDocument(models.Model):
    group = models.ForeignKey(
        "members.Group", on_delete=models.CASCADE, related_name="outcome_documents"
    )
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    slug = models.SlugField(max_length=100)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcome_documents",
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    original_language = models.CharField(
        max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    status = models.CharField(
        max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFTING
    )
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    shared_with_observers = models.BooleanField(default=False)
    # Copied from the adoption record when it is written, so lists need no join.
    adopted_at = models.DateTimeField(null=True, blank=True)
    adoption_method = models.CharField(max_length=10, choices=AdoptionMethod.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OutcomeDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "slug"], name="one_document_slug_per_group"),
        ]

    def __str__(self) -> str:
        return f"{self.group.slug}/{self.slug}"

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", kwargs={"slug": self.group.slug, "doc": self.slug})

    @property
    def is_adopted(self) -> bool:
        return self.status == DocumentStatus.ADOPTED


class VersionKind(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CORRIGENDUM = "corrigendum", _("Corrigendum")


class DocumentVersion(models.Model):
    """One state of the text. Immutable: no service changes a version once written."""

    document = models.ForeignKey(OutcomeDocument, on_delete=models.CASCADE, related_name="versions")
    kind = models.CharField(max_length=12, choices=VersionKind.choices, default=VersionKind.DRAFT)
    # Drafts: 0 is the zero draft, 1 is Rev.1 ...; corrigenda: 1 is Corr.1 ...
    number = models.PositiveSmallIntegerField()
    note = models.JSONField(default=dict, blank=True)  # {lang: text}
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "kind", "number"], name="one_version_number_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} {self.label_en}"

    @property
    def label_en(self) -> str:
        if self.kind == VersionKind.CORRIGENDUM:
            return f"Corr.{self.number}"
        return "Zero draft" if self.number == 0 else f"Rev.{self.number}"

    @property
    def label(self) -> str:
        if self.kind == VersionKind.CORRIGENDUM:
            return str(_("Corr.%(number)s") % {"number": self.number})
        if self.number == 0:
            return str(_("Zero draft"))
        return str(_("Rev.%(number)s") % {"number": self.number})


class TextStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft translation")
    IN_REVISION = "in_revision", _("In revision")
    FINAL = "final", _("Final")
    ORIGINAL = "original", _("Original")


class VersionText(models.Model):
    """The text of a version in one language: title, preambular and operative paragraphs
    (lists of sanitized HTML)."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=2, choices=Language.choices)
    status = models.CharField(max_length=12, choices=TextStatus.choices, default=TextStatus.MISSING)
    title = models.CharField(max_length=500, blank=True)
    preamble = models.JSONField(default=list, blank=True)
    operative = models.JSONField(default=list, blank=True)
    status_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_set_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["version", "language"]
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="one_text_per_language"),
        ]

    def __str__(self) -> str:
        return f"{self.version} [{self.language}]"


class Comment(models.Model):
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="comments")
    paragraph = models.CharField(max_length=10)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.ForeignKey(
        "members.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "created_at", "id"]

    def __str__(self) -> str:
        return f"Comment on {self.paragraph} of {self.version}"


class ProposalAction(models.TextChoices):
    REPLACE = "replace", _("New wording")
    INSERT = "insert", _("New paragraph after")
    DELETE = "delete", _("Delete the paragraph")


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    ACCEPTED_WITH_CHANGES = "accepted_with_changes", _("Accepted with changes")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AmendmentProposal(models.Model):
    """A delegation's proposed change to one paragraph of a version: new wording, a new
    paragraph after it ("op0"/"pp0": at the start), or its deletion."""

    document = models.ForeignKey(
        OutcomeDocument, on_delete=models.CASCADE, related_name="proposals"
    )
    base_version = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, related_name="proposals"
    )
    paragraph = models.CharField(max_length=10)
    action = models.CharField(max_length=10, choices=ProposalAction.choices)
    new_text = models.TextField(blank=True)
    explanation = models.TextField(blank=True)
    status = models.CharField(
        max_length=24, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.ForeignKey(
        "members.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    final_text = models.TextField(blank=True)
    accepted_into = models.ForeignKey(
        DocumentVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accepted_proposals",
    )

    class Meta:
        ordering = ["document", "created_at", "id"]

    def __str__(self) -> str:
        return f"Proposal {self.pk} on {self.paragraph} of {self.document}"

    @property
    def is_open(self) -> bool:
        return self.status == ProposalStatus.OPEN


class SilenceOutcome(models.TextChoices):
    PENDING = "pending", _("Under silence")
    ADOPTED = "adopted", _("Adopted: silence not broken")
    BROKEN = "broken", _("Silence broken")


class SilenceProcedure(models.Model):
    document = models.ForeignKey(OutcomeDocument, on_delete=models.CASCADE, related_name="silences")
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField()
    deadline = models.DateTimeField()
    override_short = models.BooleanField(default=False)
    override_reason = models.CharField(max_length=500, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(
        max_length=10, choices=SilenceOutcome.choices, default=SilenceOutcome.PENDING
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "-starts_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(outcome="pending"),
                name="one_pending_silence_per_document",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("starts_at")), name="silence_deadline_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"Silence on {self.version} until {self.deadline:%Y-%m-%d %H:%M}"


class SilenceBreak(models.Model):
    procedure = models.ForeignKey(SilenceProcedure, on_delete=models.CASCADE, related_name="breaks")
    state = models.ForeignKey("members.State", on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    at = models.DateTimeField()

    class Meta:
        ordering = ["procedure", "at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "state"], name="one_break_per_state"),
        ]

    def __str__(self) -> str:
        return f"{self.state} broke {self.procedure}"


class Adoption(models.Model):
    """The record that a document was adopted: written once (the database refuses a second)."""

    document = models.OneToOneField(
        OutcomeDocument, on_delete=models.CASCADE, related_name="adoption"
    )
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=10, choices=AdoptionMethod.choices)
    adopted_at = models.DateTimeField()
    procedure = models.OneToOneField(
        SilenceProcedure, null=True, blank=True, on_delete=models.PROTECT, related_name="adoption"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-adopted_at"]

    def __str__(self) -> str:
        return f"{self.document} adopted {self.adopted_at:%Y-%m-%d}"


class Joining(models.Model):
    """A state that joins (co-sponsors) an adopted text, and when."""

    document = models.ForeignKey(OutcomeDocument, on_delete=models.CASCADE, related_name="joinings")
    state = models.ForeignKey("members.State", on_delete=models.PROTECT, related_name="+")
    joined_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "joined_on", "state__iso3"]
        constraints = [
            models.UniqueConstraint(fields=["document", "state"], name="one_joining_per_state"),
        ]

    def __str__(self) -> str:
        return f"{self.state} joined {self.document}"
