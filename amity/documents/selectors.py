"""Reads on outcome documents for the pages and the API (related rows fetched in a fixed
number of queries). Callers settle due silence procedures first
(``services.silence_settle_due``) so that what they read follows from the deadline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet

from amity.core.errors import NotFound
from amity.core.models import AuditEntry
from amity.documents import access
from amity.documents.models import (
    Adoption,
    AmendmentProposal,
    Comment,
    DocumentStatus,
    DocumentVersion,
    Joining,
    OutcomeDocument,
    SilenceOutcome,
    SilenceProcedure,
    VersionText,
)
from amity.documents.text import Text
from amity.members.models import Group


def _versions_prefetch() -> Prefetch:
    return Prefetch(
        "versions",
        queryset=DocumentVersion.objects.order_by("id").prefetch_related("texts"),
        to_attr="all_versions",
    )


def visible_documents(*, user: Any, group: Group) -> QuerySet[OutcomeDocument]:
    qs = OutcomeDocument.objects.filter(group=group)
    if access.can_negotiate(user, group):
        return qs
    from amity.accounts import permissions

    public = qs.filter(status=DocumentStatus.ADOPTED, is_published=True)
    if permissions.is_observer(user, group):
        return qs.filter(pk__in=public.values("pk")) | qs.filter(shared_with_observers=True)
    return public


@dataclass
class ListRow:
    document: OutcomeDocument
    title: str
    version_label: str


def document_list(*, user: Any, group: Group) -> list[ListRow]:
    """The documents the user may see, newest first, with the title of the version they may
    read (the public: the adopted one)."""
    docs = list(
        visible_documents(user=user, group=group)
        .select_related("group", "adoption__version")
        .prefetch_related(_versions_prefetch())
        .order_by("-created_at", "-id")
    )
    rows = []
    for doc in docs:
        version = readable_version(user=user, document=doc)
        text = text_of(version) if version else None
        rows.append(
            ListRow(doc, text.title if text else doc.slug, version.label if version else "")
        )
    return rows


def document_get(*, user: Any, group: Group, slug: str) -> OutcomeDocument:
    doc = (
        OutcomeDocument.objects.filter(group=group, slug=slug)
        .select_related("group", "meeting", "agenda_item", "adoption__version", "adoption__meeting")
        .prefetch_related(_versions_prefetch())
        .first()
    )
    if doc is None or not access.can_see(user, doc):
        raise NotFound(f"No document {slug}.")
    return doc


def document_by_id(*, user: Any, pk: int) -> OutcomeDocument:
    doc = OutcomeDocument.objects.select_related("group").filter(pk=pk).first()
    if doc is None:
        raise NotFound(f"No document {pk}.")
    return document_get(user=user, group=doc.group, slug=doc.slug)


def versions(document: OutcomeDocument) -> list[DocumentVersion]:
    found = getattr(document, "all_versions", None)
    if found is None:
        found = list(document.versions.order_by("id").prefetch_related("texts"))
    return list(found)


def latest_version(document: OutcomeDocument) -> DocumentVersion | None:
    found = versions(document)
    return found[-1] if found else None


def adoption_of(document: OutcomeDocument) -> Adoption | None:
    try:
        return document.adoption
    except Adoption.DoesNotExist:
        return None


def readable_versions(*, user: Any, document: OutcomeDocument) -> list[DocumentVersion]:
    """All versions for those who follow the negotiation; for the public, the adopted version
    and any corrigenda."""
    found = versions(document)
    if access.can_see_drafts(user, document):
        return found
    adoption = adoption_of(document)
    if adoption is None:
        return []
    return [v for v in found if v.pk >= adoption.version_id]


def readable_version(*, user: Any, document: OutcomeDocument) -> DocumentVersion | None:
    found = readable_versions(user=user, document=document)
    return found[-1] if found else None


def text_of(version: DocumentVersion, language: str | None = None) -> Text:
    lang = language or version.document.original_language
    rows = list(version.texts.all())
    row: VersionText | None = next((r for r in rows if r.language == lang), None)
    if row is None:
        row = next((r for r in rows if r.status == "original"), None)
    if row is None:
        return Text()
    return Text(title=row.title, preamble=list(row.preamble), operative=list(row.operative))


def version_of(*, user: Any, document: OutcomeDocument, pk: int) -> DocumentVersion:
    for version in readable_versions(user=user, document=document):
        if version.pk == pk:
            return version
    raise NotFound(f"No version {pk} of this document.")


@dataclass
class Negotiation:
    proposals: list[AmendmentProposal] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    silences: list[SilenceProcedure] = field(default_factory=list)

    @property
    def open_proposals(self) -> list[AmendmentProposal]:
        return [p for p in self.proposals if p.is_open]

    @property
    def pending_silence(self) -> SilenceProcedure | None:
        return next((s for s in self.silences if s.outcome == SilenceOutcome.PENDING), None)


def negotiation(*, document: OutcomeDocument) -> Negotiation:
    return Negotiation(
        proposals=list(
            AmendmentProposal.objects.filter(document=document).select_related(
                "state", "proposer", "base_version", "accepted_into", "decided_by"
            )
        ),
        comments=list(
            Comment.objects.filter(version__document=document).select_related(
                "state", "author", "version"
            )
        ),
        silences=list(
            SilenceProcedure.objects.filter(document=document)
            .select_related("version", "started_by")
            .prefetch_related("breaks__state", "breaks__by")
        ),
    )


def joinings(*, document: OutcomeDocument) -> list[Joining]:
    return list(Joining.objects.filter(document=document).select_related("state"))


def history(*, document: OutcomeDocument) -> QuerySet[AuditEntry]:
    """Every recorded action on the document, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(OutcomeDocument),
        object_id=str(document.pk),
    ).select_related("actor")
