"""API of language versions, renditions and the circulation package."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.http import FileResponse, HttpRequest
from ninja import Field, Path, Router, Schema, Status

from amity.circulation import selectors, services
from amity.circulation.models import JobKind, JobStatus, RenditionJob
from amity.core.api import LanguageCode, PathId, require_user
from amity.core.errors import NotFound
from amity.documents import access
from amity.documents import selectors as document_selectors
from amity.documents.models import DocumentVersion, OutcomeDocument, TextStatus

router = Router(tags=["languages and circulation"])


class LanguageOut(Schema):
    language: LanguageCode
    status: TextStatus
    title: str
    preamble: list[str]
    operative: list[str]
    revision: int
    status_set_by: str | None
    status_set_at: datetime.datetime | None
    from_memory: list[str]
    machine_proposals: list[str]


class TranslationIn(Schema):
    title: str
    preamble: list[str]
    operative: list[str]
    revision: Annotated[int, Field(ge=0, le=2**31 - 1)] | None = None
    status: Literal["draft", "in_revision"] | None = None
    final: bool = False


class JobIn(Schema):
    kind: JobKind
    language: LanguageCode | Literal[""] = ""


class JobOut(Schema):
    id: int
    kind: JobKind
    language: LanguageCode | Literal[""]
    status: JobStatus
    progress: int
    message: str
    filename: str
    download: str | None


def _document(request: HttpRequest, document_id: PathId) -> OutcomeDocument:
    require_user(request)
    document = document_selectors.document_by_id(user=request.user, pk=document_id)
    if not access.can_see_drafts(request.user, document):
        raise NotFound(f"No document {document_id}.")
    return document


def _version(document: OutcomeDocument, version_id: PathId) -> DocumentVersion:
    version = document.versions.filter(pk=version_id).first()
    if version is None:
        raise NotFound(f"No version {version_id}.")
    return version


def _row_out(row: selectors.LanguageRow) -> dict[str, Any]:
    return {
        "language": row.language,
        "status": row.status,
        "title": row.title,
        "preamble": row.preamble,
        "operative": row.operative,
        "revision": row.revision,
        "status_set_by": str(row.status_set_by) if row.status_set_by else None,
        "status_set_at": row.status_set_at,
        "from_memory": row.memory_refs,
        "machine_proposals": row.machine_refs,
    }


def _job_out(job: RenditionJob) -> dict[str, Any]:
    return {
        "id": job.pk,
        "kind": job.kind,
        "language": job.language,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "filename": job.filename,
        "download": f"/api/v1/documents/{job.document_id}/renditions/{job.pk}/file"
        if job.status == "done"
        else None,
    }


@router.get(
    "/documents/{document_id}/versions/{version_id}/languages",
    response=list[LanguageOut],
    summary="The six language versions and their status",
)
def languages(
    request: HttpRequest, document_id: PathId, version_id: PathId
) -> list[dict[str, Any]]:
    document = _document(request, document_id)
    version = _version(document, version_id)
    return [_row_out(r) for r in selectors.language_rows(version)]


@router.put(
    "/documents/{document_id}/versions/{version_id}/languages/{language}",
    response=LanguageOut,
    summary="Update a translation (and optionally mark it final)",
)
def update_translation(
    request: HttpRequest,
    document_id: PathId,
    version_id: PathId,
    language: Annotated[LanguageCode, Path()],
    payload: TranslationIn,
) -> dict[str, Any]:
    document = _document(request, document_id)
    version = _version(document, version_id)
    services.translation_update(
        actor=request.user,
        version=version,
        language=language,
        title=payload.title,
        preamble=payload.preamble,
        operative=payload.operative,
        revision=payload.revision,
        status=payload.status,
        final=payload.final,
    )
    return _row_out(selectors.language_row(version, language))


@router.post(
    "/documents/{document_id}/renditions",
    response={201: JobOut},
    summary="Request a rendition (pdf, docx, akn) or the circulation package",
)
def request_rendition(request: HttpRequest, document_id: PathId, payload: JobIn) -> Any:
    document = _document(request, document_id)
    job = services.rendition_request(
        actor=request.user, document=document, kind=payload.kind, language=payload.language
    )
    return Status(201, _job_out(job))


def _job(request: HttpRequest, document_id: PathId, job_id: PathId) -> RenditionJob:
    document = _document(request, document_id)
    return selectors.job_get(user=request.user, document=document, pk=job_id)


@router.get(
    "/documents/{document_id}/renditions/{job_id}",
    response=JobOut,
    summary="A rendition job and its progress",
)
def get_rendition(request: HttpRequest, document_id: PathId, job_id: PathId) -> dict[str, Any]:
    return _job_out(_job(request, document_id, job_id))


@router.post(
    "/documents/{document_id}/renditions/{job_id}/retry",
    response={202: JobOut},
    summary="Start a failed rendition again (the same job)",
)
def retry_rendition(request: HttpRequest, document_id: PathId, job_id: PathId) -> Any:
    job = services.rendition_retry(actor=request.user, job=_job(request, document_id, job_id))
    return Status(202, _job_out(job))


FILE_TYPES = (
    "application/pdf",
    "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/xml",
    "text/xml",
)


@router.get(
    "/documents/{document_id}/renditions/{job_id}/file",
    summary="Download a rendition",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file (PDF, .zip package, .docx or Akoma Ntoso XML).",
                "content": {
                    kind: {"schema": {"type": "string", "format": "binary"}} for kind in FILE_TYPES
                },
            }
        }
    },
)
def download_rendition(request: HttpRequest, document_id: PathId, job_id: PathId) -> Any:
    job = _job(request, document_id, job_id)
    if job.status != "done" or not job.file:
        raise NotFound("The rendition is not ready.")
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
