"""Reads on outcome documents for the pages and the API (related rows fetched in a fixed
number of queries). Callers settle due silence procedures first
(``services.silence_settle_due``) so that what they read follows from the deadline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Min, Prefetch, QuerySet, Subquery

from amity.core.errors import NotFound
from amity.core.languages import CONTENT_LANGUAGES, Language, is_rtl
from amity.documents import access
from amity.documents.models import (
    Adoption,
    AmendmentProposal,
    Comment,
    DocumentVersion,
    Joining,
    OutcomeDocument,
    SilenceOutcome,
    SilenceProcedure,
    TextStatus,
    VersionText,
)
from amity.documents.text import Text
from amity.members.models import AuditEntry, Group


def _versions_prefetch(*, texts: bool = True) -> Prefetch:
    """The versions with their language versions; without ``texts``, only which languages
    each has and their status (what access decides on), not the texts themselves."""
    rows = (
        VersionText.objects.all()
        if texts
        else VersionText.objects.only("id", "version_id", "language", "status")
    )
    return Prefetch(
        "versions",
        queryset=DocumentVersion.objects.order_by("id").prefetch_related(
            Prefetch("texts", queryset=rows)
        ),
        to_attr="all_versions",
    )


def visible_documents(*, user: Any, group: Group) -> QuerySet[OutcomeDocument]:
    """The documents of a group the user may see (``OutcomeDocument.objects.visible_to``)."""
    return OutcomeDocument.objects.filter(group=group).visible_to(user)


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


def silence_pending(*, document: OutcomeDocument) -> bool:
    """Whether a silence procedure of the document is still running: its deadline will change
    what the document's page shows without any write until someone reads it."""
    return SilenceProcedure.objects.filter(
        outcome=SilenceOutcome.PENDING, document=document
    ).exists()


def silence_deadline(
    *, document: OutcomeDocument | None = None, group: Group | None = None
) -> datetime.datetime | None:
    """The earliest deadline of the silence procedures still running (of the document, or of
    any of the group's documents): the moment their pages change with no write until someone
    reads them (``silence_settle_due``), so they are kept no longer (None: none running)."""
    running = SilenceProcedure.objects.filter(outcome=SilenceOutcome.PENDING)
    running = running.filter(document=document) if document is not None else running
    running = running.filter(document__group=group) if group is not None else running
    return running.aggregate(first=Min("deadline"))["first"]


def document_get(*, user: Any, group: Group, slug: str, texts: bool = True) -> OutcomeDocument:
    """The document, with its versions and language versions (``texts=False``: without the
    texts, for a reader who needs only who may read what, like a download)."""
    doc = (
        OutcomeDocument.objects.filter(group=group, slug=slug)
        .select_related("group", "meeting", "agenda_item", "adoption__version", "adoption__meeting")
        .prefetch_related(_versions_prefetch(texts=texts))
        .first()
    )
    if doc is None or not access.can_see(user, doc):
        raise NotFound(f"No document {slug}.")
    return doc


def document_or_none(*, pk: int) -> OutcomeDocument | None:
    """The document with this id, whoever asks (for housekeeping before an access check)."""
    return OutcomeDocument.objects.filter(pk=pk).only("pk").first()


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
    """The original text of ``version``; with ``language``, that language version if the public
    may read it (the original or a final translation), else the original."""
    lang = language or version.document.original_language
    rows = list(version.texts.all())
    row: VersionText | None = next(
        (r for r in rows if r.language == lang and r.status in access.PUBLIC_TEXT_STATUSES), None
    )
    if row is None:
        row = next((r for r in rows if r.status == TextStatus.ORIGINAL), None)
    if row is None:
        return Text()
    return _text(row)


def _text(row: VersionText) -> Text:
    return Text(title=row.title, preamble=list(row.preamble), operative=list(row.operative))


# --- language versions ----------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageVersion:
    """One of the six language versions of a version, as a given reader may use it."""

    language: str
    status: str  # a TextStatus value; "missing" when there is no row
    readable: bool  # this reader may read it (and download its renditions)
    public: bool  # the public may read it: a public document's original or final text

    @property
    def name(self) -> str:
        return str(Language(self.language).label)

    @property
    def status_label(self) -> str:
        return str(TextStatus(self.status).label)

    @property
    def lang_attr(self) -> str:
        return html_lang(self.language)

    @property
    def rtl(self) -> bool:
        return is_rtl(self.language)


def html_lang(language: str) -> str:
    """The HTML ``lang`` value of a content language (Chinese is written in simplified
    characters)."""
    return "zh-Hans" if language == "zh" else language


def language_versions(
    *, user: Any, document: OutcomeDocument, version: DocumentVersion
) -> list[LanguageVersion]:
    """The six language versions of ``version`` in UN order, with what ``user`` may read of
    them. Reads ``version.texts`` (prefetched by ``document_get``: no query)."""
    statuses = {t.language: t.status for t in version.texts.all()}
    public = access.is_public(document)
    rows = []
    for language in CONTENT_LANGUAGES:
        status = statuses.get(language, TextStatus.MISSING)
        rows.append(
            LanguageVersion(
                language=language,
                status=status,
                readable=access.can_read_text(user, document, status),
                public=public and status in access.PUBLIC_TEXT_STATUSES,
            )
        )
    return rows


@dataclass(frozen=True)
class ShownText:
    """The text a reader gets for a language: that language version, or the original when
    the reader may not read it (``fallback``)."""

    text: Text
    shown: LanguageVersion
    wanted: LanguageVersion

    @property
    def fallback(self) -> bool:
        return self.shown.language != self.wanted.language


def text_in(
    *, user: Any, document: OutcomeDocument, version: DocumentVersion, language: str
) -> ShownText:
    """``version`` in ``language`` if ``user`` may read that language version, else in its
    original language (no query when the texts are prefetched)."""
    rows = {r.language: r for r in language_versions(user=user, document=document, version=version)}
    wanted = rows.get(language) or rows[document.original_language]
    shown = wanted if wanted.readable else rows[document.original_language]
    texts = {t.language: t for t in version.texts.all()}
    row = texts.get(shown.language)
    return ShownText(text=_text(row) if row else Text(), shown=shown, wanted=wanted)


def public_languages(document: OutcomeDocument) -> list[str]:
    """The languages in which the public may read (and download) ``document``'s latest
    version, in UN order: none unless it is adopted and published. One query."""
    if not access.is_public(document):
        return []
    latest = DocumentVersion.objects.filter(document=document).order_by("-id").values("id")[:1]
    found = set(
        VersionText.objects.filter(
            version_id=Subquery(latest), status__in=access.PUBLIC_TEXT_STATUSES
        ).values_list("language", flat=True)
    )
    return [lang for lang in CONTENT_LANGUAGES if lang in found]


def download_version(
    *, user: Any, document: OutcomeDocument, language: str
) -> tuple[DocumentVersion, LanguageVersion]:
    """The version whose ``language`` version ``user`` may download (the latest they may
    read) and that language version; ``NotFound`` if they may not read it."""
    version = readable_version(user=user, document=document)
    if version is None:
        raise NotFound("No readable version.")
    for row in language_versions(user=user, document=document, version=version):
        if row.language == language and row.readable:
            return version, row
    raise NotFound(f"No {language} version of this document.")


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


def proposal_get(*, document: OutcomeDocument, pk: int) -> AmendmentProposal:
    proposal = (
        AmendmentProposal.objects.filter(pk=pk, document=document)
        .select_related("document__group")
        .first()
    )
    if proposal is None:
        raise NotFound("No such proposal.")
    return proposal
