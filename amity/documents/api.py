"""API endpoints of outcome documents: list and read documents and versions (as permissions
allow), compare two versions, create a document or a version (coordinator), propose and decide
amendments, start and break silence, join."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from amity.core.api import (
    DEFAULT_LIMIT,
    BoundedDateTime,
    Cursor,
    Id,
    LanguageCode,
    Limit,
    PathId,
    QueryId,
    Slug,
    paginate,
    public,
    require_user,
)
from amity.core.errors import NotFound
from amity.documents import access, selectors, services
from amity.documents.compare import compare
from amity.documents.models import (
    AdoptionMethod,
    DocumentKind,
    DocumentStatus,
    DocumentVersion,
    OutcomeDocument,
    ProposalAction,
    ProposalStatus,
    SilenceOutcome,
    TextStatus,
    VersionKind,
)
from amity.members import permissions
from amity.members import selectors as member_selectors
from amity.members.models import State

router = Router(tags=["documents"])


class VersionOut(Schema):
    id: int
    label: str
    kind: VersionKind
    number: int
    created_at: datetime.datetime
    note: dict[str, str]


class TextOut(Schema):
    language: LanguageCode
    status: TextStatus
    title: str
    preamble: list[str]
    operative: list[str]


class VersionDetailOut(VersionOut):
    texts: list[TextOut]


class JoiningOut(Schema):
    state: str
    name: str
    joined_on: datetime.date


class AdoptionOut(Schema):
    method: AdoptionMethod
    adopted_at: datetime.datetime
    version: str
    meeting_id: int | None
    agenda_item_id: int | None


class ProposalOut(Schema):
    id: int
    base_version: int
    paragraph: str
    action: ProposalAction
    new_text: str
    explanation: str
    status: ProposalStatus
    state: str | None
    final_text: str
    accepted_into: int | None


class SilenceBreakOut(Schema):
    state: str
    reason: str
    at: datetime.datetime


class SilenceOut(Schema):
    id: int
    version: int
    starts_at: datetime.datetime
    deadline: datetime.datetime
    override_short: bool
    override_reason: str
    outcome: SilenceOutcome
    breaks: list[SilenceBreakOut]


class DocumentOut(Schema):
    id: int
    group: str
    slug: str
    kind: DocumentKind
    title: str
    original_language: LanguageCode
    status: DocumentStatus
    is_published: bool
    adopted_at: datetime.datetime | None
    adoption_method: AdoptionMethod | Literal[""]


class DocumentDetailOut(DocumentOut):
    versions: list[VersionOut]
    adoption: AdoptionOut | None
    joinings: list[JoiningOut]
    proposals: list[ProposalOut] | None
    silences: list[SilenceOut] | None


class DiffRowOut(Schema):
    kind: Literal["same", "changed", "inserted", "deleted", "moved"]
    old_ref: str
    new_ref: str
    html: str


class ComparisonOut(Schema):
    old: int
    new: int
    title: DiffRowOut
    preamble: list[DiffRowOut]
    operative: list[DiffRowOut]


class DocumentIn(Schema):
    kind: DocumentKind
    title: str
    preamble: list[str] = []
    operative: list[str] = []
    original_language: LanguageCode = "en"
    slug: str = ""
    meeting_id: Id | None = None
    shared_with_observers: bool = False


class DocumentVersionIn(Schema):
    based_on_version: Id
    title: str
    preamble: list[str] = []
    operative: list[str] = []
    note: dict[str, str] | str = ""


class ProposalIn(Schema):
    base_version: Id
    paragraph: str
    action: ProposalAction
    new_text: str = ""
    explanation: str = ""


class ProposalDecisionIn(Schema):
    proposal_id: Id
    outcome: Literal["accept", "accept_with_changes", "reject"]
    text: str = ""


class RevisionIn(Schema):
    based_on_version: Id
    decisions: list[ProposalDecisionIn]
    note: dict[str, str] | str = ""


class SilenceIn(Schema):
    deadline: BoundedDateTime
    override_short: bool = False
    override_reason: str = ""


class BreakIn(Schema):
    reason: str
    state: str | None = None


class JoinIn(Schema):
    state: str | None = None


def _version_out(v: DocumentVersion) -> dict[str, Any]:
    return {
        "id": v.pk,
        "label": v.label,
        "kind": v.kind,
        "number": v.number,
        "created_at": v.created_at,
        "note": v.note,
    }


def _document_out(doc: OutcomeDocument, user: Any) -> dict[str, Any]:
    version = selectors.readable_version(user=user, document=doc)
    return {
        "id": doc.pk,
        "group": doc.group.slug,
        "slug": doc.slug,
        "kind": doc.kind,
        "title": selectors.text_of(version).title if version else "",
        "original_language": doc.original_language,
        "status": doc.status,
        "is_published": doc.is_published,
        "adopted_at": doc.adopted_at,
        "adoption_method": doc.adoption_method,
    }


def _detail_out(doc: OutcomeDocument, user: Any) -> dict[str, Any]:
    adoption = selectors.adoption_of(doc)
    drafts = access.can_see_drafts(user, doc)
    negotiation = selectors.negotiation(document=doc) if drafts else None
    return {
        **_document_out(doc, user),
        "versions": [_version_out(v) for v in selectors.readable_versions(user=user, document=doc)],
        "adoption": {
            "method": adoption.method,
            "adopted_at": adoption.adopted_at,
            "version": adoption.version.label,
            "meeting_id": adoption.meeting_id,
            "agenda_item_id": adoption.agenda_item_id,
        }
        if adoption
        else None,
        "joinings": [
            {"state": j.state.iso3, "name": j.state.name, "joined_on": j.joined_on}
            for j in selectors.joinings(document=doc)
        ],
        "proposals": [
            {
                "id": p.pk,
                "base_version": p.base_version_id,
                "paragraph": p.paragraph,
                "action": p.action,
                "new_text": p.new_text,
                "explanation": p.explanation,
                "status": p.status,
                "state": p.state.iso3 if p.state else None,
                "final_text": p.final_text,
                "accepted_into": p.accepted_into_id,
            }
            for p in negotiation.proposals
        ]
        if negotiation
        else None,
        "silences": [
            {
                "id": s.pk,
                "version": s.version_id,
                "starts_at": s.starts_at,
                "deadline": s.deadline,
                "override_short": s.override_short,
                "override_reason": s.override_reason,
                "outcome": s.outcome,
                "breaks": [
                    {"state": b.state.iso3, "reason": b.reason, "at": b.at} for b in s.breaks.all()
                ],
            }
            for s in negotiation.silences
        ]
        if negotiation
        else None,
    }


def _get(request: HttpRequest, document_id: PathId) -> OutcomeDocument:
    doc = OutcomeDocument.objects.filter(pk=document_id).only("pk").first()
    if doc is not None:
        services.silence_settle_due(document=doc)
    return selectors.document_by_id(user=request.user, pk=document_id)


def _version(request: HttpRequest, doc: OutcomeDocument, version_id: PathId) -> DocumentVersion:
    return selectors.version_of(user=request.user, document=doc, pk=version_id)


def _state(request: HttpRequest, doc: OutcomeDocument, code: str | None) -> State:
    if code:
        try:
            return member_selectors.state_get(code=code)
        except NotFound as exc:
            raise HttpError(400, f"Unknown state code {code!r}.") from exc
    own = permissions.focal_point_state(request.user, doc.group) or permissions.acting_state(
        request.user, doc.group
    )
    if own is None:
        raise HttpError(400, "Name the state ('state': ISO 3166 alpha-3).")
    return own


@router.get(
    "/groups/{slug}/documents",
    response=list[DocumentOut],
    summary="Outcome documents of a group (newest first)",
    auth=public,
)
def list_documents(
    request: HttpRequest,
    response: HttpResponse,
    slug: Slug,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> list[dict[str, Any]]:
    group = member_selectors.group_get(slug=slug)
    services.silence_settle_due(group=group)
    rows = paginate(
        request,
        response,
        selectors.document_list(user=request.user, group=group),
        key=lambda row: (row.document.created_at.timestamp(), row.document.pk),
        limit=limit,
        cursor=cursor,
        newest_first=True,
    )
    return [_document_out(row.document, request.user) for row in rows]


@router.post(
    "/groups/{slug}/documents",
    response={201: DocumentDetailOut},
    summary="Create a document with its zero draft (coordinator)",
)
def create_document(request: HttpRequest, slug: str, payload: DocumentIn) -> Any:
    require_user(request)
    group = member_selectors.group_get(slug=slug)
    data = payload.dict()
    meeting_id = data.pop("meeting_id")
    meeting = group.meetings.filter(pk=meeting_id).first() if meeting_id else None
    if meeting_id and meeting is None:
        raise HttpError(400, f"No meeting {meeting_id} in this group.")
    doc = services.document_create(actor=request.user, group=group, meeting=meeting, **data)
    return Status(
        201, _detail_out(selectors.document_by_id(user=request.user, pk=doc.pk), request.user)
    )


@router.get(
    "/documents/{document_id}", response=DocumentDetailOut, summary="A document", auth=public
)
def get_document(request: HttpRequest, document_id: PathId) -> dict[str, Any]:
    return _detail_out(_get(request, document_id), request.user)


@router.get(
    "/documents/{document_id}/versions/{version_id}",
    response=VersionDetailOut,
    summary="A version with its language texts",
    auth=public,
)
def get_version(request: HttpRequest, document_id: PathId, version_id: PathId) -> dict[str, Any]:
    doc = _get(request, document_id)
    version = _version(request, doc, version_id)
    return {
        **_version_out(version),
        "texts": [
            {
                "language": t.language,
                "status": t.status,
                "title": t.title,
                "preamble": t.preamble,
                "operative": t.operative,
            }
            for t in version.texts.all()
        ],
    }


@router.get(
    "/documents/{document_id}/compare",
    response=ComparisonOut,
    summary="What changed between two versions (word by word, <ins>/<del>)",
    auth=public,
)
def compare_versions(
    request: HttpRequest, document_id: PathId, old: QueryId, new: QueryId
) -> dict[str, Any]:
    doc = _get(request, document_id)
    a, b = _version(request, doc, old), _version(request, doc, new)
    result = compare(selectors.text_of(a), selectors.text_of(b))
    return {
        "old": a.pk,
        "new": b.pk,
        "title": result.title.__dict__,
        "preamble": [r.__dict__ for r in result.preamble],
        "operative": [r.__dict__ for r in result.operative],
    }


@router.post(
    "/documents/{document_id}/versions",
    response={201: VersionOut},
    summary="A new version with new text (coordinator); 409 if not based on the latest",
)
def create_version(request: HttpRequest, document_id: PathId, payload: DocumentVersionIn) -> Any:
    require_user(request)
    doc = _get(request, document_id)
    base = _version(request, doc, payload.based_on_version)
    version = services.version_create(
        actor=request.user,
        document=doc,
        based_on_version=base,
        title=payload.title,
        preamble=payload.preamble,
        operative=payload.operative,
        note=payload.note,
    )
    return Status(201, _version_out(version))


@router.post(
    "/documents/{document_id}/proposals",
    response={201: ProposalOut},
    summary="Propose an amendment (focal point or coordinator)",
)
def propose(request: HttpRequest, document_id: PathId, payload: ProposalIn) -> Any:
    require_user(request)
    doc = _get(request, document_id)
    base = _version(request, doc, payload.base_version)
    p = services.proposal_create(
        actor=request.user,
        document=doc,
        base_version=base,
        paragraph=payload.paragraph,
        action=payload.action,
        new_text=payload.new_text,
        explanation=payload.explanation,
    )
    return Status(
        201,
        {
            "id": p.pk,
            "base_version": p.base_version_id,
            "paragraph": p.paragraph,
            "action": p.action,
            "new_text": p.new_text,
            "explanation": p.explanation,
            "status": p.status,
            "state": p.state.iso3 if p.state else None,
            "final_text": p.final_text,
            "accepted_into": p.accepted_into_id,
        },
    )


@router.post(
    "/documents/{document_id}/revisions",
    response={201: VersionOut},
    summary="Decide on proposals and make the next revision in one step (coordinator)",
)
def decide(request: HttpRequest, document_id: PathId, payload: RevisionIn) -> Any:
    require_user(request)
    doc = _get(request, document_id)
    base = _version(request, doc, payload.based_on_version)
    version = services.version_create_from_proposals(
        actor=request.user,
        document=doc,
        based_on_version=base,
        note=payload.note,
        decisions=[services.Decision(d.proposal_id, d.outcome, d.text) for d in payload.decisions],
    )
    return Status(201, _version_out(version))


@router.post(
    "/documents/{document_id}/silence",
    response={201: SilenceOut},
    summary="Put the latest version under silence (coordinator)",
)
def start_silence(request: HttpRequest, document_id: PathId, payload: SilenceIn) -> Any:
    require_user(request)
    doc = _get(request, document_id)
    latest = selectors.latest_version(doc)
    if latest is None:
        raise HttpError(409, "The document has no version.")
    s = services.silence_start(
        actor=request.user,
        document=doc,
        version=latest,
        deadline=payload.deadline,
        override_short=payload.override_short,
        override_reason=payload.override_reason,
    )
    return Status(
        201,
        {
            "id": s.pk,
            "version": s.version_id,
            "starts_at": s.starts_at,
            "deadline": s.deadline,
            "override_short": s.override_short,
            "override_reason": s.override_reason,
            "outcome": s.outcome,
            "breaks": [],
        },
    )


@router.post(
    "/documents/{document_id}/silence/break",
    response={201: SilenceBreakOut},
    summary="Break silence for a member state (its focal point, or the coordinator)",
)
def break_silence(request: HttpRequest, document_id: PathId, payload: BreakIn) -> Any:
    require_user(request)
    doc = _get(request, document_id)
    if not access.can_see_drafts(request.user, doc):
        raise HttpError(
            403, "Only the coordinator and the focal points of member states may do this."
        )
    procedure = selectors.negotiation(document=doc).silences
    if not procedure:
        raise HttpError(409, "The text is not under silence procedure.")
    state = _state(request, doc, payload.state)
    b = services.silence_break(
        actor=request.user, procedure=procedure[0], state=state, reason=payload.reason
    )
    return Status(201, {"state": b.state.iso3, "reason": b.reason, "at": b.at})


@router.post(
    "/documents/{document_id}/joinings",
    response={201: JoiningOut},
    summary="A member state joins the adopted text",
)
def join(request: HttpRequest, document_id: PathId, payload: JoinIn) -> Any:
    require_user(request)
    doc = _get(request, document_id)
    state = _state(request, doc, payload.state)
    j = services.document_join(actor=request.user, document=doc, state=state)
    return Status(201, {"state": j.state.iso3, "name": j.state.name, "joined_on": j.joined_on})
