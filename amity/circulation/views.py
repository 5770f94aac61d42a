"""Pages of the language versions, the circulation and the renditions of an outcome document.
Thin: check who may see, call a selector or a service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amity.circulation import mt, selectors, services
from amity.circulation.cache import VERSION, document_scope
from amity.circulation.forms import AdvanceForm, CirculationForm
from amity.circulation.models import RenditionJob
from amity.circulation.symbols import symbol_url
from amity.core.cache import cache_public_page, public_page_of
from amity.core.forms import (
    SERVICE_ERRORS,
    add_service_error,
    flash_form_errors,
    flash_service_error,
)
from amity.core.languages import CONTENT_LANGUAGES, Language, is_rtl
from amity.documents import access
from amity.documents import selectors as document_selectors
from amity.documents.models import DocumentVersion, OutcomeDocument
from amity.members import permissions
from amity.members import selectors as member_selectors


def _document(request: HttpRequest, slug: str, doc: str) -> OutcomeDocument:
    group = member_selectors.group_get(slug=slug)
    # The pages read the language versions they show themselves (``language_rows``).
    return document_selectors.document_get(user=request.user, group=group, slug=doc, texts=False)


def _version(document: OutcomeDocument) -> DocumentVersion:
    version = selectors.rendition_version(document)
    if version is None:
        raise Http404(_("This document has no text yet."))
    return version


# A signed-in reader's copy of the two pages is kept under the document's circulation version
# (``circulation.cache``: the site's audited writes and what its rendition jobs show). Both are
# members' pages: an anonymous reader is sent to sign in before this is reached.
_kept = cache_public_page(version=VERSION, reader_version=VERSION)


def _kept_page_of(request: HttpRequest, slug: str, doc: str) -> None:
    """The version first, before anything the page shows is read (only a GET may be kept)."""
    if request.method == "GET":
        public_page_of(request, document_scope(slug, doc))


@login_required
@_kept
def overview(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    _kept_page_of(request, slug, doc)
    document = _document(request, slug, doc)
    if not access.can_see_drafts(request.user, document):
        raise PermissionDenied
    version = _version(document)
    circulation = selectors.circulation_of(document)
    coordinator = permissions.is_coordinator(request.user, document.group)
    return render(
        request,
        "circulation/overview.html",
        {
            "group": document.group,
            "document": document,
            "version": version,
            "rows": selectors.language_rows(version),
            "circulation": circulation,
            "symbol_link": symbol_url(circulation.symbol)
            if circulation and circulation.symbol
            else "",
            "jobs": selectors.jobs_of(user=request.user, document=document),
            "is_coordinator": coordinator,
            "form": CirculationForm(group=document.group)
            if coordinator and circulation is None
            else None,
            "languages": CONTENT_LANGUAGES,
        },
    )


def _paragraphs(post: Any, prefix: str, count: int) -> list[str]:
    return [post.get(f"{prefix}{i}", "") for i in range(1, count + 1)]


@login_required
@_kept
def translation_edit(request: HttpRequest, slug: str, doc: str, lang: str) -> HttpResponse:
    _kept_page_of(request, slug, doc)
    document = _document(request, slug, doc)
    if not access.can_see_drafts(request.user, document):
        raise PermissionDenied
    if lang not in CONTENT_LANGUAGES or lang == document.original_language:
        raise Http404(_("No such language version to translate."))
    version = _version(document)
    coordinator = permissions.is_coordinator(request.user, document.group)
    rows = selectors.language_rows(version)
    original = next(r for r in rows if r.language == document.original_language)
    row = next(r for r in rows if r.language == lang)
    errors: list[str] = []
    if request.method == "POST":
        if not coordinator:
            raise PermissionDenied
        action = request.POST.get("action", "save")
        revision = int(request.POST.get("revision") or 0) or None
        try:
            if action == "prefill":
                filled = services.translation_prefill(
                    actor=request.user, version=version, language=lang
                )
                messages.success(
                    request,
                    _("%(count)s paragraphs filled from the translation memory.")
                    % {"count": filled},
                )
            elif action == "machine":
                proposed = services.translation_machine_propose(
                    actor=request.user, version=version, language=lang
                )
                messages.success(
                    request,
                    _("%(count)s machine proposals added as draft text: review them.")
                    % {"count": proposed},
                )
            elif action == "final":
                services.translation_mark_final(
                    actor=request.user, version=version, language=lang, revision=revision
                )
                messages.success(request, _("The language version is final."))
            elif action == "revision":
                services.translation_set_status(
                    actor=request.user, version=version, language=lang, status="in_revision"
                )
            else:
                final = request.POST.get("then") == "final"
                services.translation_update(
                    actor=request.user,
                    version=version,
                    language=lang,
                    title=request.POST.get("title", ""),
                    preamble=_paragraphs(request.POST, "pp", len(original.preamble)),
                    operative=_paragraphs(request.POST, "op", len(original.operative)),
                    revision=revision,
                    final=final,
                )
                if final:
                    messages.success(request, _("The language version is final."))
                else:
                    messages.success(request, _("Translation saved."))
            return redirect(request.path)
        except SERVICE_ERRORS as exc:
            errors = (
                list(exc.messages)
                if isinstance(exc, ValidationError)
                else [getattr(exc, "message", str(exc))]
            )
            row.title = request.POST.get("title", row.title)
            row.preamble = _paragraphs(request.POST, "pp", len(original.preamble))
            row.operative = _paragraphs(request.POST, "op", len(original.operative))
    pairs: list[dict[str, Any]] = []
    for prefix, sources, targets in (
        ("pp", original.preamble, row.preamble),
        ("op", original.operative, row.operative),
    ):
        for index, source in enumerate(sources, start=1):
            ref = f"{prefix}{index}"
            pairs.append(
                {
                    "ref": ref,
                    "label": ref.upper(),
                    "source": source,
                    "target": targets[index - 1] if index <= len(targets) else "",
                    "from_memory": ref in row.memory_refs,
                    "from_machine": ref in row.machine_refs,
                }
            )
    empty = {p["ref"]: p["source"] for p in pairs if not p["target"].strip()}
    suggestions = selectors.memory_suggestions(
        source_language=document.original_language, target_language=lang, paragraphs=empty
    )
    for pair in pairs:
        pair["suggestions"] = suggestions.get(pair["ref"], [])
    return render(
        request,
        "circulation/translation_edit.html",
        {
            "group": document.group,
            "document": document,
            "version": version,
            "original": original,
            "row": row,
            "pairs": pairs,
            "lang": lang,
            "language_name": Language(lang).label,
            "html_lang": "zh-Hans" if lang == "zh" else lang,
            "dir": "rtl" if is_rtl(lang) else "ltr",
            "source_dir": "rtl" if is_rtl(document.original_language) else "ltr",
            "is_coordinator": coordinator,
            "mt_configured": mt.backend() is not None,
            "errors": errors,
            "memory_count": len(row.memory_refs),
            "total": len(pairs),
        },
    )


@login_required
@require_POST
def circulation_prepare(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    document = _document(request, slug, doc)
    form = CirculationForm(request.POST, group=document.group)
    if form.is_valid():
        try:
            services.circulation_prepare(actor=request.user, document=document, **form.cleaned_data)
            messages.success(request, _("The circulation is prepared."))
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
    flash_form_errors(request, form)
    return redirect("circulation:overview", slug=slug, doc=doc)


@login_required
@require_POST
def circulation_advance(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    document = _document(request, slug, doc)
    circulation = selectors.circulation_of(document)
    if circulation is None:
        raise Http404(_("No circulation is prepared."))
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what happened and when."))
        return redirect("circulation:overview", slug=slug, doc=doc)
    to, on, symbol = (form.cleaned_data[k] for k in ("to", "on", "symbol"))
    try:
        if to in ("submitted", "issued") and on is None:
            raise ValidationError({"on": _("Give the date.")})
        if to == "submitted":
            services.circulation_submit(
                actor=request.user, circulation=circulation, submitted_on=on
            )
        elif to == "issued":
            services.circulation_issue(
                actor=request.user, circulation=circulation, symbol=symbol, issued_on=on
            )
        else:
            services.circulation_publish(actor=request.user, circulation=circulation)
        messages.success(request, _("The circulation record is updated."))
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    return redirect("circulation:overview", slug=slug, doc=doc)


@login_required
@require_POST
def rendition_request(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    document = _document(request, slug, doc)
    try:
        job = services.rendition_request(
            actor=request.user,
            document=document,
            kind=request.POST.get("kind", ""),
            language=request.POST.get("language", ""),
        )
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
        return redirect("circulation:overview", slug=slug, doc=doc)
    return redirect("circulation:job", slug=slug, doc=doc, pk=job.pk)


def _job(request: HttpRequest, document: OutcomeDocument, pk: int) -> RenditionJob:
    return selectors.job_get(user=request.user, document=document, pk=pk)


@login_required
def job_detail(request: HttpRequest, slug: str, doc: str, pk: int) -> HttpResponse:
    document = _document(request, slug, doc)
    job = _job(request, document, pk)
    template = (
        "circulation/_job_status.html"
        if request.headers.get("HX-Request")
        else "circulation/job.html"
    )
    return render(request, template, {"group": document.group, "document": document, "job": job})


@login_required
@require_POST
def job_retry(request: HttpRequest, slug: str, doc: str, pk: int) -> HttpResponse:
    document = _document(request, slug, doc)
    job = _job(request, document, pk)
    try:
        services.rendition_retry(actor=request.user, job=job)
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    else:
        messages.success(request, _("The rendition is started again."))
    return redirect("circulation:job", slug=slug, doc=doc, pk=job.pk)


@login_required
def job_download(request: HttpRequest, slug: str, doc: str, pk: int) -> FileResponse:
    document = _document(request, slug, doc)
    job = _job(request, document, pk)
    if job.status != "done" or not job.file:
        raise Http404(_("The rendition is not ready."))
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
