"""Pages of outcome documents: the group's list, the document page, the drafting forms, the
comparison and the history. Thin: settle due silence, check who may see, call a selector or a
service, render."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amity.core.cache import cache_public_page, cached_feed
from amity.core.collation import sorted_by
from amity.core.confirm import confirmation_page, confirmed
from amity.core.errors import Conflict
from amity.core.forms import (
    SERVICE_ERRORS,
    add_service_error,
    flash_form_errors,
    flash_service_error,
    service_error_message,
)
from amity.core.languages import content_language, interface_language
from amity.documents import access, downloads, selectors, services
from amity.documents.compare import compare as compare_texts
from amity.documents.forms import (
    AdoptForm,
    BreakForm,
    CommentForm,
    DocumentForm,
    ProposalForm,
    SilenceForm,
    TextForm,
    paragraphs,
)
from amity.documents.lines import numbered_lines, tracked_change
from amity.documents.models import OutcomeDocument, ProposalAction
from amity.documents.text import plain
from amity.meetings import selectors as meeting_selectors
from amity.meetings.models import Meeting
from amity.meetings.times import viewer_zone, zoned_moment
from amity.members import permissions
from amity.members import selectors as member_selectors
from amity.members.cache import (
    cache_group_page,
    cache_group_page_with,
    group_public_version_at,
    public_page_kept_until,
    public_page_of,
)
from amity.members.models import Group, State


def _group(slug: str) -> Group:
    return member_selectors.group_get(slug=slug)


def _document(request: HttpRequest, slug: str, doc: str) -> OutcomeDocument:
    group = _group(slug)
    services.silence_settle_due(group=group)
    return selectors.document_get(user=request.user, group=group, slug=doc)


def _coordinator_document(request: HttpRequest, slug: str, doc: str) -> OutcomeDocument:
    document = _document(request, slug, doc)
    if not permissions.is_coordinator(request.user, document.group):
        raise PermissionDenied(_("Only the group's coordinator may do this."))
    return document


def _meetings(group: Group) -> list[Meeting]:
    return meeting_selectors.meetings_to_link(group=group)


# Kept as the document's page is (see there): no longer than a running silence procedure of
# the group lasts.
@cache_group_page
def document_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    services.silence_settle_due(group=group)
    public_page_of(request, group.pk)
    public_page_kept_until(request, selectors.silence_deadline(group=group))
    return render(
        request,
        "documents/document_list.html",
        {
            "group": group,
            "rows": selectors.document_list(user=request.user, group=group),
            "is_coordinator": permissions.is_coordinator(request.user, group),
        },
    )


@login_required
def document_new(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    if not permissions.is_coordinator(request.user, group):
        raise PermissionDenied(_("Only the group's coordinator may do this."))
    meetings = _meetings(group)
    form = DocumentForm(request.POST or None, request.FILES or None, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = next((m for m in meetings if m.pk == data["meeting"]), None)
        fields: dict[str, Any] = {
            "kind": data["kind"],
            "original_language": data["original_language"],
            "slug": data["slug"],
            "meeting": meeting,
            "shared_with_observers": data["shared_with_observers"],
        }
        try:
            if data["file"]:
                document = services.document_import(
                    actor=request.user, group=group, upload=data["file"], **fields
                )
            else:
                document = services.document_create(
                    actor=request.user,
                    group=group,
                    note=data["note"],
                    **fields,
                    **form.text_kwargs(),
                )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The zero draft was saved."))
            return redirect(document)
    return render(
        request,
        "documents/document_form.html",
        {"group": group, "form": form},
        status=400 if form.errors else 200,
    )


def _remaining(deadline: Any) -> str:
    seconds = int((deadline - timezone.now()).total_seconds())
    if seconds <= 0:
        return ""
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    return _("%(days)s d %(hours)s h %(minutes)s min") % {
        "days": days,
        "hours": hours,
        "minutes": rest // 60,
    }


def _page_in(document: OutcomeDocument, language: str, version: Any = None) -> str:
    """The document page in the interface language of a content language (and at ``version``
    when it is not the latest)."""
    with translation.override(interface_language(language)):
        url = document.get_absolute_url()
    return f"{url}?v={version.pk}" if version is not None else url


# Kept (issue 17) no longer than a running silence procedure of the document lasts: its
# deadline changes the page with no write until a reader comes (silence_settle_due), and the
# cache is only told of writes. Starting one is a write, so a kept page is dropped then.
@cache_group_page_with("v", "lines")
def document_detail(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    group = _group(slug)
    services.silence_settle_due(group=group)
    public_page_of(request, group.pk)
    document = selectors.document_get(user=request.user, group=group, slug=doc)
    public_page_kept_until(request, selectors.silence_deadline(document=document))
    user = request.user
    group = document.group
    readable = selectors.readable_versions(user=user, document=document)
    if not readable:
        raise Http404("No readable version.")
    current = readable[-1]
    wanted = request.GET.get("v")
    if wanted and wanted.isdigit():
        current = next((v for v in readable if v.pk == int(wanted)), current)
    shown = selectors.text_in(
        user=user, document=document, version=current, language=content_language()
    )
    text = shown.text
    drafts = access.can_see_drafts(user, document)
    negotiation = selectors.negotiation(document=document) if drafts else None
    latest = readable[-1]
    zone = viewer_zone(user)
    pending = negotiation.pending_silence if negotiation else None
    own_state = permissions.focal_point_state(user, group)
    is_coordinator = permissions.is_coordinator(user, group)
    joined = selectors.joinings(document=document)
    comments: dict[str, list[Any]] = {}
    proposals: dict[str, list[Any]] = {}
    if negotiation:
        for c in negotiation.comments:
            if c.version_id == current.pk:
                comments.setdefault(c.paragraph, []).append(c)
        for p in negotiation.proposals:
            if p.base_version_id == current.pk:
                proposals.setdefault(p.paragraph, []).append(p)
    for ref, listed in proposals.items():
        for p in listed:
            p.tracked = tracked_change(
                action=p.action, base=text.paragraph(ref), wording=p.new_text
            )
    numbered = request.GET.get("lines") == "1"
    lines = numbered_lines(text) if numbered else {}
    adoption = selectors.adoption_of(document)
    return render(
        request,
        "documents/document_detail.html",
        {
            "group": group,
            "document": document,
            "version": current,
            "latest": latest,
            "is_latest": current.pk == latest.pk,
            "versions": readable,
            "preamble": [
                (
                    f"pp{n}",
                    p,
                    comments.get(f"pp{n}", []),
                    proposals.get(f"pp{n}", []),
                    lines.get(f"pp{n}", []),
                )
                for n, p in enumerate(text.preamble, start=1)
            ],
            "operative": [
                (
                    f"op{n}",
                    n,
                    p,
                    comments.get(f"op{n}", []),
                    proposals.get(f"op{n}", []),
                    lines.get(f"op{n}", []),
                )
                for n, p in enumerate(text.operative, start=1)
            ],
            "numbered": numbered,
            "title": text.title,
            "shown": shown,
            "version_links": [
                (
                    row,
                    _page_in(document, row.language, current if current.pk != latest.pk else None),
                )
                for row in selectors.language_versions(
                    user=user, document=document, version=current
                )
            ],
            "drafts": drafts,
            "negotiation": negotiation,
            "inserts_at_start": [p for key in ("pp0", "op0") for p in proposals.get(key, [])],
            "pending": pending,
            "deadline": zoned_moment(pending.deadline, zone) if pending else "",
            "deadline_venue": zoned_moment(pending.deadline, zoneinfo.ZoneInfo("UTC"))
            if pending
            else "",
            "remaining": _remaining(pending.deadline) if pending else "",
            "adoption": adoption,
            "adopted_on": zoned_moment(adoption.adopted_at, zone) if adoption else "",
            "joinings": joined,
            "is_coordinator": is_coordinator,
            "can_negotiate": access.can_negotiate(user, group) and not document.is_adopted,
            "own_state": own_state,
            "own_joined": bool(own_state and any(j.state_id == own_state.pk for j in joined)),
            "comment_form": CommentForm(),
            "break_form": BreakForm(),
            "member_states": sorted_by(
                member_selectors.member_states(group=group), lambda s: s.name
            )
            if is_coordinator
            else [],
        },
    )


def download(request: HttpRequest, slug: str, doc: str, language: str, fmt: str) -> HttpResponse:
    """A rendition of the latest readable version in one language: for the public, of an
    adopted, published document in its original language or a final translation; for those
    who see the drafts, of any language version with text (the file name says ``-draft``).

    Answered with validators and kept in the cache (``core.cache.cached_feed``, issue 17): who
    reads, and so which version, is decided first, on every request; the file then depends only
    on the version, the language, the format and the group's content version (the joinings,
    the symbol, the text: audited writes). The URL names the latest version, not one version,
    so the file is not immutable: ``no-cache``, and a 304 while nothing changed.

    A signed-in reader's answer is also kept whole for that reader alone (``_download_kept``:
    their session, CSRF secret and account in the key, under the whole site's version, as
    their pages are), so that asking again costs no decision of who reads: a draft is kept
    only for the session that was allowed it, and any audited write (a new version, a
    translation saved, a role changed) drops it. A conditional request goes to the view,
    which answers a 304 (a kept answer is always the whole file)."""
    if request.user.is_authenticated and not (
        "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META
    ):
        return _download_kept(request, slug, doc, language, fmt)
    return _download(request, slug, doc, language, fmt)


def _next_midnight() -> datetime.datetime:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))


def _download(request: HttpRequest, slug: str, doc: str, language: str, fmt: str) -> HttpResponse:
    group = _group(slug)
    services.silence_settle_due(group=group)
    # The versions first: a write committed while the file is built leaves it stale at once.
    public_page_of(request, group.pk)
    content_version, modified = group_public_version_at(group.pk)
    # Who may read which language version is all a download needs of the texts here (the
    # file is built from its own query): the texts themselves are not decoded.
    document = selectors.document_get(user=request.user, group=group, slug=doc, texts=False)
    version, row = selectors.download_version(
        user=request.user, document=document, language=language
    )
    draft = not row.public
    until = selectors.silence_deadline(document=document)
    day: tuple[str, ...] = ()
    if document.adopted_at is None:
        # A text not adopted (and so not circulated) is dated the day it is rendered: the
        # file changes at midnight with no write.
        day = (timezone.localdate().isoformat(),)
        midnight = _next_midnight()
        until = midnight if until is None else min(until, midnight)
    public_page_kept_until(request, until)

    def render() -> HttpResponse:
        found = downloads.rendition(
            document=document, version=version, language=language, fmt=fmt, draft=draft
        )
        if found is None:
            raise Http404("No app renders documents.")
        response = HttpResponse(found.content, content_type=found.content_type)
        # A PDF opens in the browser, the others are saved; both under the rendition's name.
        disposition = content_disposition_header(
            as_attachment=fmt != "pdf", filename=found.filename
        )
        if disposition:
            response["Content-Disposition"] = disposition
        return response

    return cached_feed(
        request,
        variant=(
            "rendition",
            get_language(),
            str(document.pk),
            str(version.pk),
            language,
            fmt,
            "draft" if draft else "public",
            *day,
        ),
        version=content_version,
        modified=modified,
        render=render,
        private=draft,
        # Only an anonymous reader's answer is kept here for the public (a signed-in
        # reader's is kept for that reader alone by ``_download_kept``).
        edge=None
        if draft or request.user.is_authenticated
        else ("group", group.pk, content_version),
        until=until,
    )


# The group's version for the public (never used: anonymous readers are answered by
# ``cached_feed`` and ``core.edge``), the site's for each signed-in reader's own copy.
_download_kept = cache_public_page(version="group", reader_version="site")(_download)


def _latest_or_404(document: OutcomeDocument) -> Any:
    latest = selectors.latest_version(document)
    if latest is None:
        raise Http404("No version.")
    return latest


@login_required
@cache_group_page
def proposal_new(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    document = _document(request, slug, doc)
    public_page_of(request, document.group_id)
    if not access.can_negotiate(request.user, document.group):
        raise PermissionDenied(
            _("Only the coordinator and the focal points of member states may do this.")
        )
    latest = _latest_or_404(document)
    initial = {
        "paragraph": request.GET.get("paragraph", "").upper(),
        "action": request.GET.get("action", "replace"),
    }
    text = selectors.text_of(latest)
    current = text.paragraph(initial["paragraph"])
    if current and initial["action"] == ProposalAction.REPLACE:
        initial["new_text"] = current
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_create(
                actor=request.user, document=document, base_version=latest, **form.cleaned_data
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your proposal was recorded; every delegation sees it."))
            return redirect(document)
    return render(
        request,
        "documents/proposal_form.html",
        {
            "group": document.group,
            "document": document,
            "version": latest,
            "form": form,
            "current": plain(current or ""),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def proposal_act(request: HttpRequest, slug: str, doc: str, pk: int) -> HttpResponse:
    """Withdraw (the proposing delegation) or reject (the coordinator) one proposal."""
    document = _document(request, slug, doc)
    proposal = selectors.proposal_get(document=document, pk=pk)
    try:
        if request.POST.get("do") == "reject":
            services.proposal_reject(actor=request.user, proposal=proposal)
        else:
            services.proposal_withdraw(actor=request.user, proposal=proposal)
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    return redirect(document)


@login_required
@require_POST
def comment_new(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    document = _document(request, slug, doc)
    form = CommentForm(request.POST)
    version = _latest_or_404(document)
    if request.POST.get("version", "").isdigit():
        version = next(
            (v for v in selectors.versions(document) if v.pk == int(request.POST["version"])),
            version,
        )
    if form.is_valid():
        try:
            services.comment_add(actor=request.user, version=version, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            flash_service_error(request, exc)
        else:
            messages.success(request, _("Your comment was added."))
    else:
        flash_form_errors(request, form)
    return redirect(f"{document.get_absolute_url()}?v={version.pk}")


@login_required
def revision_accept(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    """The coordinator's "accept into Rev.N": tick proposals, optionally change their wording."""
    document = _coordinator_document(request, slug, doc)
    latest = _latest_or_404(document)
    negotiation = selectors.negotiation(document=document)
    open_proposals = [p for p in negotiation.open_proposals if p.base_version_id == latest.pk]
    error = ""
    status = 200
    if request.method == "POST":
        decisions = []
        for p in open_proposals:
            choice = request.POST.get(f"decision_{p.pk}", "")
            if choice in ("accept", "accept_with_changes", "reject"):
                decisions.append(
                    services.Decision(
                        p.pk, choice, "<br>".join(paragraphs(request.POST.get(f"text_{p.pk}", "")))
                    )
                )
        based_on = request.POST.get("based_on", "")
        base = next((v for v in selectors.versions(document) if str(v.pk) == based_on), None)
        try:
            if base is None:
                raise Conflict(_("The form is out of date; reload the page."))
            version = services.version_create_from_proposals(
                actor=request.user,
                document=document,
                based_on_version=base,
                decisions=decisions,
                note=request.POST.get("note", ""),
            )
        except SERVICE_ERRORS as exc:
            error = service_error_message(exc)
            status = 409 if isinstance(exc, Conflict) else 400
        else:
            messages.success(request, _("%(label)s was made.") % {"label": version.label})
            return redirect(document)
    return render(
        request,
        "documents/revision_form.html",
        {
            "group": document.group,
            "document": document,
            "latest": latest,
            "next_label": _("Rev.%(number)s") % {"number": latest.number + 1},
            "proposals": open_proposals,
            "error": error,
            "text": selectors.text_of(latest),
        },
        status=status,
    )


@login_required
def version_new(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    """The coordinator writes the next revision (or, once adopted, a corrigendum) directly."""
    document = _coordinator_document(request, slug, doc)
    latest = _latest_or_404(document)
    text = selectors.text_of(latest)
    initial = {
        "title": text.title,
        "preamble": "\n\n".join(text.preamble),
        "operative": "\n\n".join(text.operative),
    }
    form = TextForm(request.POST or None, initial=initial, language=document.original_language)
    if request.method == "POST" and form.is_valid():
        base = next(
            (v for v in selectors.versions(document) if str(v.pk) == request.POST.get("based_on")),
            None,
        )
        try:
            if base is None:
                raise Conflict(_("The form is out of date; reload the page."))
            version = services.version_create(
                actor=request.user,
                document=document,
                based_on_version=base,
                note=form.cleaned_data["note"],
                **form.text_kwargs(),
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("%(label)s was made.") % {"label": version.label})
            return redirect(document)
    return render(
        request,
        "documents/version_form.html",
        {"group": document.group, "document": document, "latest": latest, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def silence_start(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    document = _coordinator_document(request, slug, doc)
    latest = _latest_or_404(document)
    zone = viewer_zone(request.user)
    form = SilenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        deadline = data["deadline"]
        if timezone.is_naive(deadline):
            deadline = deadline.replace(tzinfo=zone)
        else:
            deadline = deadline.replace(tzinfo=None).replace(tzinfo=zone)
        try:
            services.silence_start(
                actor=request.user,
                document=document,
                version=latest,
                deadline=deadline,
                override_short=data["override_short"],
                override_reason=data["override_reason"],
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("The text is under silence; the focal points are being told.")
            )
            return redirect(document)
    return render(
        request,
        "documents/silence_form.html",
        {
            "group": document.group,
            "document": document,
            "latest": latest,
            "form": form,
            "zone": zone.key,
        },
        status=400 if form.errors else 200,
    )


def _chosen_state(request: HttpRequest, group: Group) -> State | None:
    code = request.POST.get("state", "")
    if code and permissions.is_coordinator(request.user, group):
        return member_selectors.state_by_iso3(code)
    return permissions.focal_point_state(request.user, group) or permissions.acting_state(
        request.user, group
    )


@login_required
@require_POST
def silence_break(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    document = _document(request, slug, doc)
    negotiation = (
        selectors.negotiation(document=document)
        if access.can_see_drafts(request.user, document)
        else None
    )
    procedure = negotiation.silences[0] if negotiation and negotiation.silences else None
    state = _chosen_state(request, document.group)
    try:
        if procedure is None:
            raise Conflict(_("The text is not under silence procedure."))
        if state is None:
            raise PermissionDenied(_("Only the focal point of a member state may do this."))
        if request.POST.get("reason", "").strip() and not confirmed(request):
            return confirmation_page(
                request,
                title=_("Break silence?"),
                consequences=[
                    _(
                        "The silence procedure on %(label)s ends at once for every member: "
                        "the text is not adopted."
                    )
                    % {"label": procedure.version.label},
                    _("The draft returns to negotiation; proposals and comments open again."),
                    _("%(state)s is recorded as breaking silence, with this reason: %(reason)s")
                    % {"state": state.name, "reason": request.POST.get("reason", "").strip()},
                    _("This cannot be undone; the coordinator may start a new procedure."),
                ],
                button=_("Break silence for %(state)s") % {"state": state.name},
                back_url=document.get_absolute_url(),
                group=document.group,
            )
        services.silence_break(
            actor=request.user,
            procedure=procedure,
            state=state,
            reason=request.POST.get("reason", ""),
        )
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    else:
        messages.success(request, _("Silence is broken; the draft returns to negotiation."))
    return redirect(document)


@login_required
@require_POST
def join(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    document = _document(request, slug, doc)
    state = _chosen_state(request, document.group)
    try:
        if state is None:
            raise PermissionDenied(_("Only the focal point of a member state may do this."))
        services.document_join(actor=request.user, document=document, state=state)
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    else:
        messages.success(request, _("%(state)s joined the text.") % {"state": state.name})
    return redirect(document)


@login_required
def adopt(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    document = _coordinator_document(request, slug, doc)
    meetings = [m for m in _meetings(document.group) if m.starts_at <= timezone.now()]
    form = AdoptForm(
        request.POST or None, meetings=meetings, initial={"meeting": document.meeting_id}
    )
    if request.method == "POST" and form.is_valid():
        meeting = next(m for m in meetings if m.pk == form.cleaned_data["meeting"])
        item = next(
            (i for i in meeting.agenda_items.all() if i.pk == form.cleaned_data["agenda_item"]),
            None,
        )
        if not confirmed(request):
            return confirmation_page(
                request,
                title=_("Record the adoption?"),
                consequences=[
                    _("The latest version of this text is recorded as adopted by consensus."),
                    _("Adopted at: %(meeting)s%(item)s.")
                    % {
                        "meeting": str(meeting.title),
                        "item": f" — {item.position}. {item.title}" if item else "",
                    },
                    _(
                        "The text becomes final: no more proposals, comments or silence "
                        "procedures, and it appears among the group's adopted texts."
                    ),
                ],
                button=_("Record the adoption"),
                back_url=document.get_absolute_url(),
                group=document.group,
            )
        try:
            services.document_adopt_consensus(
                actor=request.user, document=document, meeting=meeting, agenda_item=item
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The adoption by consensus was recorded."))
            return redirect(document)
    return render(
        request,
        "documents/adopt_form.html",
        {"group": document.group, "document": document, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def settings_toggle(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    """Publish / unpublish, share / unshare with observers."""
    document = _coordinator_document(request, slug, doc)
    what = request.POST.get("do", "")
    try:
        if what in ("publish", "unpublish"):
            services.document_publish(
                actor=request.user, document=document, published=what == "publish"
            )
        elif what in ("share", "unshare"):
            services.document_share(actor=request.user, document=document, shared=what == "share")
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    return redirect(document)


@cache_group_page_with("a", "b")
def compare(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    group = _group(slug)
    services.silence_settle_due(group=group)
    public_page_of(request, group.pk)
    document = selectors.document_get(user=request.user, group=group, slug=doc)
    public_page_kept_until(request, selectors.silence_deadline(document=document))
    readable = selectors.readable_versions(user=request.user, document=document)
    if not readable:
        raise Http404("No readable version.")
    by_pk = {str(v.pk): v for v in readable}
    new = by_pk.get(request.GET.get("b", ""), readable[-1])
    old = by_pk.get(request.GET.get("a", ""), readable[-2] if len(readable) > 1 else readable[0])
    result = compare_texts(selectors.text_of(old), selectors.text_of(new))
    return render(
        request,
        "documents/compare.html",
        {
            "group": document.group,
            "document": document,
            "versions": readable,
            "old": old,
            "new": new,
            "result": result,
            "rtl": document.original_language == "ar",
        },
    )


@login_required
def history(request: HttpRequest, slug: str, doc: str) -> HttpResponse:
    document = _coordinator_document(request, slug, doc)
    zone = viewer_zone(request.user)
    entries = [(e, zoned_moment(e.created_at, zone)) for e in selectors.history(document=document)]
    return render(
        request,
        "documents/history.html",
        {"group": document.group, "document": document, "entries": entries},
    )
