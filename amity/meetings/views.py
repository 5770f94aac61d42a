"""Pages of meetings: the group's calendar, the meeting page, and the coordinator's and focal
points' forms. Thin: check who may see, call a selector or a service, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from amity.core.collation import sorted_by
from amity.core.confirm import confirmation_page, confirmed
from amity.core.errors import Conflict
from amity.core.exports import file_response
from amity.core.forms import (
    SERVICE_ERRORS,
    add_service_error,
    flash_form_errors,
    flash_service_error,
    service_error_message,
)
from amity.core.languages import content_language
from amity.meetings import invitations, selectors, services
from amity.meetings.exports import participant_table, statement_table
from amity.meetings.forms import (
    AgendaItemForm,
    CancelForm,
    DecisionForm,
    DocumentForm,
    MeetingForm,
    PollForm,
    RecordForm,
    RegistrationForm,
    StatementForm,
    TitleForm,
    VersionForm,
    changed_values,
)
from amity.meetings.models import (
    DatePoll,
    Meeting,
    PollAnswer,
    Presence,
    Statement,
)
from amity.meetings.times import meeting_spans, viewer_zone, zoned_moment, zoned_span
from amity.members import permissions
from amity.members import selectors as member_selectors
from amity.members.cache import cache_group_page, public_page_of
from amity.members.models import Group


def _group(slug: str) -> Group:
    return member_selectors.group_get(slug=slug)


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return selectors.meeting_get(pk=pk, user=request.user)


def _coordinator_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = _meeting(request, pk)
    if not permissions.is_coordinator(request.user, meeting.group):
        raise PermissionDenied(_("Only the group's coordinator may do this."))
    return meeting


@cache_group_page
def participants_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The list of participants by delegation in protocol order (CSV, Excel, PDF): for the
    group's participants, who see it on the meeting page."""
    meeting = _meeting(request, pk)
    public_page_of(request, meeting.group_id)
    if not permissions.is_participant(request.user, meeting.group):
        raise PermissionDenied(_("Only the group's participants may see who registered."))
    table = participant_table(
        meeting=meeting,
        regs=selectors.registrations(meeting=meeting),
        language=content_language(),
    )
    return file_response(table, fmt)


@cache_group_page
def statements_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The index of the statements, for whoever may see the meeting."""
    meeting = _meeting(request, pk)
    public_page_of(request, meeting.group_id)
    table = statement_table(
        meeting=meeting,
        statements=selectors.statements(meeting=meeting),
        language=content_language(),
        address=lambda st: request.build_absolute_uri(
            reverse("meetings:statement_file", args=[meeting.pk, st.pk])
        ),
    )
    return file_response(table, fmt)


@cache_group_page
def calendar(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    public_page_of(request, group.pk)
    upcoming, past = selectors.group_calendar(user=request.user, group=group)
    zone = viewer_zone(request.user)
    private_feed = None
    if request.user.is_authenticated and permissions.is_participant(request.user, group):
        private_feed = request.build_absolute_uri(
            reverse(
                "calendar:private",
                kwargs={"slug": group.slug, "token": request.user.calendar_token},
            )
        )
    return render(
        request,
        "meetings/calendar.html",
        {
            "group": group,
            "upcoming": [(m, meeting_spans(m, zone)) for m in upcoming],
            "past": [(m, meeting_spans(m, zone)) for m in past],
            "is_coordinator": permissions.is_coordinator(request.user, group),
            "public_feed": request.build_absolute_uri(
                reverse("calendar:public", kwargs={"slug": group.slug})
            ),
            "private_feed": private_feed,
        },
    )


@cache_group_page
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    group = meeting.group
    public_page_of(request, group.pk)
    user = request.user
    is_coordinator = permissions.is_coordinator(user, group)
    is_member = permissions.is_participant(user, group)
    own_state = permissions.focal_point_state(user, group)
    regs = list(selectors.registrations(meeting=meeting)) if is_member else []
    statements = list(selectors.statements(meeting=meeting))
    by_item: dict[int, list[Statement]] = {}
    for statement in statements:
        by_item.setdefault(statement.agenda_item_id, []).append(statement)
    items = [(item, by_item.get(item.pk, [])) for item in meeting.agenda_items.all()]
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "group": group,
            "meeting": meeting,
            "spans": meeting_spans(meeting, viewer_zone(user)),
            "deadline": zoned_moment(meeting.registration_deadline, meeting.zone)
            if meeting.registration_deadline
            else "",
            "items": items,
            "participants": selectors.protocol_order(regs),
            "counts": selectors.registration_counts(regs),
            "is_coordinator": is_coordinator,
            "cancel_form": CancelForm(meeting=meeting, auto_id="id_cancel_%s")
            if is_coordinator
            else None,
            "is_member": is_member,
            "own_state": own_state,
            "own_registrations": [r for r in regs if own_state and r.state_id == own_state.pk],
            "presence_choices": Presence.choices,
            "has_outcome": bool(meeting.summary_record)
            or any(i.decision for i in meeting.agenda_items.all()),
        },
    )


@login_required
def meeting_new(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    if not permissions.is_coordinator(request.user, group):
        raise PermissionDenied(_("Only the group's coordinator may do this."))
    form = MeetingForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=request.user, group=group, **form.service_kwargs()
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("The meeting was created as a draft. Build its agenda, then convene it.")
            )
            return redirect("meetings:agenda", pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {"group": group, "form": form, "meeting": None},
        status=400 if form.errors else 200,
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a meeting. The form carries the version it was filled in from: if someone else
    saved the meeting meanwhile, nothing is written and the form comes back with what the
    editor typed, their changes beside it, and the new version (saving again is a choice)."""
    meeting = _coordinator_meeting(request, pk)
    form = MeetingForm(request.POST or None, meeting=meeting)
    conflict: list[tuple[Any, list[dict[str, Any]]]] = []
    if request.method == "POST" and form.is_valid():
        seen = form.seen_version()
        try:
            meeting = services.meeting_update(
                actor=request.user, meeting=meeting, version=seen, **form.service_kwargs()
            )
        except Conflict as exc:
            meeting = _coordinator_meeting(request, pk)
            if seen is not None and seen != meeting.version:
                conflict = [
                    (change, changed_values(meeting, change.fields))
                    for change in selectors.meeting_changes_since(meeting=meeting, version=seen)
                ]
                data = request.POST.copy()
                data["version"] = str(meeting.version)
                form = MeetingForm(data, meeting=meeting)
                form.is_valid()
            add_service_error(form, exc)
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"group": meeting.group, "form": form, "meeting": meeting, "conflict": conflict},
        status=409 if conflict else 400 if form.errors else 200,
    )


@login_required
def meeting_convene(request: HttpRequest, pk: int) -> HttpResponse:
    """GET (or a POST without ``confirm``): the note verbale as it will leave, its recipients
    and the member delegations it cannot reach. POST with ``confirm=1``: convene."""
    meeting = _coordinator_meeting(request, pk)
    if meeting.status != "draft":
        messages.error(request, _("This meeting is no longer a draft; it cannot be convened."))
        return redirect(meeting)
    if request.method == "POST" and request.POST.get("confirm") == "1":
        try:
            services.meeting_convene(actor=request.user, meeting=meeting)
        except SERVICE_ERRORS as exc:
            flash_service_error(request, exc)
            return redirect(meeting)
        # What leaves is what was previewed: the addresses of the focal points and observers.
        sent = len(selectors.invitation_recipients(meeting=meeting))
        if sent:
            messages.success(
                request,
                ngettext(
                    "The meeting was convened; %(count)s invitation is on its way.",
                    "The meeting was convened; %(count)s invitations are on their way.",
                    sent,
                )
                % {"count": sent},
            )
        else:
            messages.warning(
                request,
                _(
                    "The meeting was convened, but no invitation was sent: no focal point "
                    "or invited observer has an e-mail address."
                ),
            )
        return redirect(meeting)
    preview = invitations.convene_preview(meeting=meeting, actor=request.user)
    return render(
        request,
        "meetings/convene_preview.html",
        {"group": meeting.group, "meeting": meeting, "preview": preview},
    )


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _coordinator_meeting(request, pk)
    form = CancelForm(request.POST, meeting=meeting)
    form.is_valid()
    # Six inputs from the meeting page; a single ``reason`` (older pages) is the original's.
    reason = form.translations("reason") if "reason_en" in request.POST else None
    try:
        services.meeting_cancel(
            actor=request.user,
            meeting=meeting,
            reason=reason if reason is not None else request.POST.get("reason", ""),
        )
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    else:
        messages.success(request, _("The meeting was cancelled."))
    return redirect(meeting)


def _agenda_page(
    request: HttpRequest,
    meeting: Meeting,
    form: AgendaItemForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    items = list(meeting.agenda_items.all())
    return render(
        request,
        "meetings/agenda.html",
        {
            "group": meeting.group,
            "meeting": meeting,
            "items": items,
            "form": form or AgendaItemForm(version=meeting.agenda_version),
            "items_and_forms": [
                (
                    item,
                    DocumentForm(original=meeting.original_language, auto_id=f"id_doc{item.pk}_%s"),
                )
                for item in items
            ],
            "error": error,
        },
        status=status,
    )


@login_required
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator's agenda: add items, reorder, attach documents, adopt. Every form
    carries the agenda's version; a save on a stale version is refused as a conflict."""
    meeting = _coordinator_meeting(request, pk)
    if request.method != "POST":
        return _agenda_page(request, meeting)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services.agenda_item_add(
                actor=request.user,
                meeting=meeting,
                version=form.cleaned_data["version"],
                titles=form.translations("titles"),
                kind=form.cleaned_data["kind"],
                speaking_time_limit=form.cleaned_data["speaking_time_limit"],
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The item was added to the agenda."))
            return redirect("meetings:agenda", pk=meeting.pk)
    meeting = _meeting(request, pk)
    return _agenda_page(request, meeting, form, status=409 if _is_conflict(form) else 400)


def _is_conflict(form: Any) -> bool:
    return any(
        "Someone else changed" in str(e) or "adopted" in str(e) for e in form.non_field_errors()
    )


@login_required
def agenda_item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _coordinator_meeting(request, pk)
    item = selectors.agenda_item_get(meeting=meeting, pk=item_pk)
    form = AgendaItemForm(request.POST or None, item=item, version=meeting.agenda_version)
    if request.method == "POST" and form.is_valid():
        try:
            if "remove" in request.POST:
                services.agenda_item_remove(
                    actor=request.user, item=item, version=form.cleaned_data["version"]
                )
                messages.success(request, _("The item was removed."))
            else:
                services.agenda_item_update(
                    actor=request.user,
                    item=item,
                    version=form.cleaned_data["version"],
                    titles=form.translations("titles"),
                    kind=form.cleaned_data["kind"],
                    speaking_time_limit=form.cleaned_data["speaking_time_limit"],
                )
                messages.success(request, _("The item was saved."))
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            return redirect("meetings:agenda", pk=meeting.pk)
    status = 200
    if form.errors:
        status = 409 if _is_conflict(form) else 400
    return render(
        request,
        "meetings/agenda_item_form.html",
        {"group": meeting.group, "meeting": meeting, "item": item, "form": form},
        status=status,
    )


def _agenda_refused(request: HttpRequest, pk: int, exc: Exception) -> HttpResponse:
    """The agenda page again, freshly read, saying why the change was refused (409 when someone
    changed the agenda meanwhile)."""
    return _agenda_page(
        request,
        _meeting(request, pk),
        error=service_error_message(exc),
        status=409 if isinstance(exc, Conflict) else 400,
    )


@login_required
@require_POST
def agenda_reorder(request: HttpRequest, pk: int) -> HttpResponse:
    """Reorder by the position numbers typed beside each item."""
    meeting = _coordinator_meeting(request, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _agenda_page(
            request, meeting, error=_("The form is incomplete; reload the page."), status=400
        )
    positions = []
    for item in meeting.agenda_items.all():
        try:
            positions.append(
                (
                    float(request.POST.get(f"position_{item.pk}", item.position)),
                    item.position,
                    item.pk,
                )
            )
        except ValueError:
            return _agenda_page(request, meeting, error=_("Positions are numbers."), status=400)
    order = [pk for _pos, _old, pk in sorted(positions)]
    try:
        services.agenda_reorder(
            actor=request.user, meeting=meeting, version=form.cleaned_data["version"], order=order
        )
    except SERVICE_ERRORS as exc:
        return _agenda_refused(request, pk, exc)
    messages.success(request, _("The agenda was reordered."))
    return redirect("meetings:agenda", pk=meeting.pk)


@login_required
@require_POST
def agenda_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _coordinator_meeting(request, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _agenda_page(
            request, meeting, error=_("The form is incomplete; reload the page."), status=400
        )
    try:
        services.agenda_adopt(
            actor=request.user, meeting=meeting, version=form.cleaned_data["version"]
        )
    except SERVICE_ERRORS as exc:
        return _agenda_refused(request, pk, exc)
    messages.success(request, _("The agenda was adopted."))
    return redirect("meetings:agenda", pk=meeting.pk)


@login_required
@require_POST
def agenda_document_new(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _coordinator_meeting(request, pk)
    item = selectors.agenda_item_get(meeting=meeting, pk=item_pk)
    form = DocumentForm(request.POST, request.FILES, original=meeting.original_language)
    if form.is_valid():
        try:
            services.agenda_document_attach(
                actor=request.user,
                item=item,
                file=form.cleaned_data["file"],
                title=form.translations("title"),
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The document was attached."))
            return redirect("meetings:agenda", pk=meeting.pk)
    flash_form_errors(request, form)
    return redirect("meetings:agenda", pk=meeting.pk)


def _file_response(field: Any, kind: str, name: str) -> FileResponse:
    content_types = {
        "pdf": "application/pdf",
        "text": "text/plain; charset=utf-8",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    extension = {"pdf": "pdf", "docx": "docx", "text": "txt"}[kind]
    return FileResponse(
        field.open("rb"), content_type=content_types[kind], filename=f"{name}.{extension}"
    )


@login_required
def _title_page(
    request: HttpRequest,
    *,
    meeting: Meeting,
    title: dict[str, str],
    original: str,
    save: Callable[[dict[str, str]], object],
    page_title: str,
    back: tuple[str, str],
) -> HttpResponse:
    """The page that gives an uploaded file's title in the six languages (an attached
    document's, a statement's): ``save`` calls the service, ``back`` is (url, link text)."""
    form = TitleForm(request.POST or None, title=title, original=original)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.translations("title"))
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The title was saved."))
            return redirect(back[0])
    return render(
        request,
        "meetings/title_form.html",
        {
            "group": meeting.group,
            "meeting": meeting,
            "title": title,
            "original": original,
            "page_title": page_title,
            "back_url": back[0],
            "back_text": back[1],
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def agenda_document_title(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    """The coordinator gives an attached document's title in the six languages."""
    meeting = _coordinator_meeting(request, pk)
    document = selectors.agenda_document_get(meeting=meeting, pk=doc_pk)
    return _title_page(
        request,
        meeting=meeting,
        title=document.title,
        original=meeting.original_language,
        save=lambda title: services.agenda_document_retitle(
            actor=request.user, document=document, title=title
        ),
        page_title=_("Title of the document"),
        back=(reverse("meetings:agenda", args=[meeting.pk]), _("Agenda")),
    )


def statement_title(request: HttpRequest, pk: int, statement_pk: int) -> HttpResponse:
    """A statement's title in the six languages after its upload: the coordinator, or the
    focal point of the delegation whose statement it is (who uploads it)."""
    meeting = _meeting(request, pk)
    statement = selectors.statement_get(meeting=meeting, pk=statement_pk)
    if not permissions.can_manage_state_people(request.user, meeting.group, statement.state):
        raise PermissionDenied(
            _("Only the coordinator and the delegation's focal point give a statement's title.")
        )
    return _title_page(
        request,
        meeting=meeting,
        title=statement.title,
        original=statement.original_language,
        save=lambda title: services.statement_retitle(
            actor=request.user, statement=statement, title=title
        ),
        page_title=_("Title of the statement"),
        back=(f"{meeting.get_absolute_url()}#statements", _("Meeting")),
    )


def agenda_document(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    meeting = _meeting(request, pk)
    document = selectors.agenda_document_get(meeting=meeting, pk=doc_pk)
    return _file_response(document.file, document.kind, f"agenda-{meeting.pk}-{document.pk}")


def statement_file(request: HttpRequest, pk: int, statement_pk: int) -> FileResponse:
    meeting = _meeting(request, pk)
    statement = selectors.statement_get(meeting=meeting, pk=statement_pk)
    return _file_response(statement.file, statement.kind, f"statement-{meeting.pk}-{statement.pk}")


@login_required
@cache_group_page
def registration(request: HttpRequest, pk: int) -> HttpResponse:
    """A focal point registers its delegation, one person at a time."""
    meeting = _meeting(request, pk)
    public_page_of(request, meeting.group_id)
    own = permissions.focal_point_state(request.user, meeting.group)
    if own is None:
        raise PermissionDenied(_("Only focal points register delegations."))
    people = selectors.registrable_people(meeting=meeting, state=own)
    form = RegistrationForm(request.POST or None, people=people, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.registration_submit(
                actor=request.user,
                meeting=meeting,
                person=data["person"],
                attendance_mode=data["attendance_mode"],
                is_head=data["is_head"],
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("%(name)s is registered.") % {"name": data["person"].full_name}
            )
            return redirect("meetings:register", pk=meeting.pk)
    return render(
        request,
        "meetings/registration.html",
        {
            "group": meeting.group,
            "meeting": meeting,
            "state": own,
            "form": form,
            "registrations": selectors.protocol_order(
                list(selectors.registrations(meeting=meeting, state=own))
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def registration_withdraw(request: HttpRequest, pk: int, reg_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    registration = selectors.registration_get(meeting=meeting, pk=reg_pk)
    try:
        services.registration_withdraw(actor=request.user, registration=registration)
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    else:
        messages.success(
            request,
            _("%(name)s is no longer registered.") % {"name": registration.person.full_name},
        )
    if permissions.is_coordinator(request.user, meeting.group):
        return redirect(meeting)
    return redirect("meetings:register", pk=meeting.pk)


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int, reg_pk: int) -> HttpResponse:
    meeting = _coordinator_meeting(request, pk)
    registration = selectors.registration_get(meeting=meeting, pk=reg_pk)
    try:
        services.attendance_record(
            actor=request.user, registration=registration, presence=request.POST.get("presence", "")
        )
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    return redirect(f"{meeting.get_absolute_url()}#participants")


@login_required
def record(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator writes the summary record and the decision on each item."""
    meeting = _coordinator_meeting(request, pk)
    items = list(meeting.agenda_items.all())
    post = request.POST if request.method == "POST" else None
    form = RecordForm(post, meeting=meeting)
    decision_forms = [
        (item, DecisionForm(post, item=item, prefix=f"item{item.pk}")) for item in items
    ]
    if post is not None and form.is_valid() and all(f.is_valid() for _i, f in decision_forms):
        try:
            services.meeting_record_save(
                actor=request.user,
                meeting=meeting,
                summary=form.translations("summary"),
                decisions=[(item, f.translations("decision")) for item, f in decision_forms],
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The record was saved."))
            return redirect(meeting)
    return render(
        request,
        "meetings/record.html",
        {
            "group": meeting.group,
            "meeting": meeting,
            "form": form,
            "decision_forms": decision_forms,
        },
        status=400 if form.errors else 200,
    )


@login_required
@cache_group_page
def statement_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    public_page_of(request, meeting.group_id)
    group = meeting.group
    if permissions.is_coordinator(request.user, group):
        states = member_selectors.member_states(group=group)
        own = None
    else:
        own = permissions.focal_point_state(request.user, group)
        if own is None:
            raise PermissionDenied(_("Only focal points and the coordinator upload statements."))
        states = member_selectors.states_for(group=group, coordinator=False, own=own)
    form = StatementForm(
        request.POST or None,
        request.FILES or None,
        meeting=meeting,
        states=states,
        initial={"state": own, "original_language": group.original_language},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.statement_upload(
                actor=request.user,
                meeting=meeting,
                agenda_item=data["agenda_item"],
                state=data["state"],
                file=data["file"],
                original_language=data["original_language"],
                title=form.translations("title"),
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The statement was uploaded."))
            return redirect(f"{meeting.get_absolute_url()}#statements")
    return render(
        request,
        "meetings/statement_form.html",
        {"group": group, "meeting": meeting, "form": form},
        status=400 if form.errors else 200,
    )


# --- Finding a date (issue 16) -------------------------------------------------------------


def _poll_group(request: HttpRequest, slug: str) -> Group:
    group = member_selectors.group_get(slug=slug)
    if not permissions.is_participant(request.user, group):
        raise PermissionDenied(_("Only the group's participants take part in finding a date."))
    return group


def _poll(request: HttpRequest, pk: int) -> DatePoll:
    poll = selectors.poll_get(pk=pk)
    if not permissions.is_participant(request.user, poll.group):
        raise PermissionDenied(_("Only the group's participants take part in finding a date."))
    return poll


@login_required
@cache_group_page
def poll_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = _poll_group(request, slug)
    public_page_of(request, group.pk)
    return render(
        request,
        "meetings/poll_list.html",
        {
            "group": group,
            "polls": selectors.polls_of(group=group),
            "is_coordinator": permissions.is_coordinator(request.user, group),
        },
    )


@login_required
def poll_new(request: HttpRequest, slug: str) -> HttpResponse:
    group = _poll_group(request, slug)
    if not permissions.is_coordinator(request.user, group):
        raise PermissionDenied(_("Only the group's coordinator may do this."))
    form = PollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            poll = services.poll_create(
                actor=request.user,
                group=group,
                title=data["title"],
                level=data["level"],
                format=data["format"],
                time_zone=data["time_zone"],
                starts=form.starts(),
                duration_minutes=data["duration_minutes"],
                venue_name=data["venue_name"],
                venue_city=data["venue_city"],
                online_url=data["online_url"],
                note=data["note"],
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The times are proposed; the focal points can answer."))
            return redirect(poll)
    return render(
        request,
        "meetings/poll_form.html",
        {"group": group, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@cache_group_page
def poll_detail(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _poll(request, pk)
    public_page_of(request, poll.group_id)
    user = request.user
    tallies, members, answered = selectors.poll_tally(poll=poll)
    own_state = permissions.focal_point_state(user, poll.group)
    reader = viewer_zone(user)
    rows = [
        {
            "tally": t,
            "venue": zoned_span(t.option.starts_at, t.option.ends_at, poll.zone),
            "reader": zoned_span(t.option.starts_at, t.option.ends_at, reader)
            if reader.key != poll.time_zone
            else None,
            "own": t.answers.get(own_state.pk, "") if own_state else "",
        }
        for t in tallies
    ]
    best = max(tallies, key=lambda t: t.score) if tallies and answered else None
    ordered = sorted_by(members, lambda s: s.name)
    return render(
        request,
        "meetings/poll_detail.html",
        {
            "group": poll.group,
            "poll": poll,
            "rows": rows,
            "members": ordered,
            "grid": [(s, [t.answers.get(s.pk, "") for t in tallies]) for s in ordered],
            "answered": answered,
            "waiting": sorted_by([s for s in members if s.pk not in answered], lambda s: s.name),
            "own_state": own_state if own_state in members else None,
            "is_coordinator": permissions.is_coordinator(user, poll.group),
            "answer_choices": PollAnswer.choices,
            "best": best.option.pk if best else None,
        },
    )


@login_required
@require_POST
def poll_answer(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _poll(request, pk)
    state = permissions.focal_point_state(request.user, poll.group)
    answers: dict[int, str] = {
        int(name.removeprefix("option-")): str(request.POST.get(name, ""))
        for name in request.POST
        if name.startswith("option-")
        and name.removeprefix("option-").isdigit()
        and request.POST.get(name)
    }
    try:
        if state is None:
            raise PermissionDenied(_("Only a delegation's focal point answers for it."))
        services.poll_answer(actor=request.user, poll=poll, state=state, answers=answers)
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    else:
        messages.success(request, _("Your delegation's answers are saved."))
    return redirect(poll)


@login_required
@require_POST
def poll_close(request: HttpRequest, pk: int) -> HttpResponse:
    poll = _poll(request, pk)
    option = selectors.poll_option_get(poll=poll, pk=request.POST.get("option"))
    if option is None:
        messages.error(request, _("Choose one of the proposed times."))
        return redirect(poll)
    _tallies, _members, answered = selectors.poll_tally(poll=poll)
    if not answered and not confirmed(request):
        return confirmation_page(
            request,
            title=_("Set the meeting although nobody answered?"),
            consequences=[
                _("No delegation has answered this poll yet."),
                _("The meeting is created, as a draft, at %(when)s; the poll closes.")
                % {"when": str(zoned_span(option.starts_at, option.ends_at, poll.zone))},
                _("Answers can no longer be given; the meeting still has to be convened."),
            ],
            button=_("Set the meeting anyway"),
            back_url=poll.get_absolute_url(),
            group=poll.group,
        )
    try:
        meeting = services.poll_close(
            actor=request.user, poll=poll, option=option, without_answers=confirmed(request)
        )
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
        return redirect(poll)
    messages.success(
        request, _("The meeting is set as a draft: complete its agenda, then convene it.")
    )
    return redirect(meeting)
