"""Pages of the live session: the chair's console, the delegate's view, the projector and the
public view. Thin: check who may see, read through the selectors, change through the services.
Every form posts the state version it was made on and redirects back (they work without
JavaScript); ``live.js`` keeps the pages in step over the WebSocket."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amity.accounts import selectors as account_selectors
from amity.core.confirm import confirmation_page, confirmed
from amity.core.exports import file_response
from amity.core.formatting import date_long
from amity.core.forms import SERVICE_ERRORS, flash_service_error
from amity.core.languages import content_language
from amity.live import selectors, services
from amity.live.exports import speaker_table
from amity.live.models import EntryStatus, SpeakerEntry, SpeechKind
from amity.meetings import selectors as meeting_selectors
from amity.meetings.models import Meeting
from amity.members import permissions
from amity.members import selectors as member_selectors
from amity.members.cache import cache_group_page, cache_group_page_with, public_page_of


def _meeting(request: HttpRequest, pk: int) -> tuple[Meeting, str]:
    meeting = selectors.meeting_for_live(pk=pk)
    audience = selectors.audience(request.user, meeting) if meeting else None
    if meeting is None or audience is None:
        raise Http404(_("No such meeting."))
    return meeting, audience


def _page_context(
    request: HttpRequest, meeting: Meeting, mode: str, public: bool
) -> dict[str, Any]:
    snap = selectors.snapshot(meeting)
    state = selectors.state_json(meeting, snap, public=public)
    return {
        "group": meeting.group,
        "meeting": meeting,
        "snap": snap,
        "state": state,
        "mode": mode,
        "lang": content_language(request.LANGUAGE_CODE),
        "next_five": snap.waiting[: selectors.NEXT_ON_PROJECTOR],
        "kinds": dict(SpeechKind.choices),
        "ws_path": f"/ws/meetings/{meeting.pk}/live/",
        "api_path": reverse("api:get_live", kwargs={"meeting_id": meeting.pk}),
    }


@cache_group_page
def speakers_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Who spoke, in order, with the times in the venue's zone (CSV, Excel, PDF): for whoever
    may see the meeting, as the meeting page shows it."""
    meeting, _audience = _meeting(request, pk)
    public_page_of(request, meeting.group_id)
    table = speaker_table(
        meeting=meeting,
        lines=selectors.split_record(meeting, selectors.interventions(meeting=meeting))[0],
        language=content_language(request.LANGUAGE_CODE),
    )
    return file_response(table, fmt)


def _past_key(meeting: Meeting) -> str:
    return f"live-past-session-{meeting.pk}"


def _past_session_confirmed(request: HttpRequest, meeting: Meeting) -> bool:
    return bool(request.session.get(_past_key(meeting)))


@login_required
def console(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, _audience = _meeting(request, pk)
    if not permissions.is_coordinator(request.user, meeting.group):
        raise PermissionDenied(_("Only the chair (the group's coordinator) may do this."))
    if selectors.is_past(meeting) and not _past_session_confirmed(request, meeting):
        if confirmed(request):
            request.session[_past_key(meeting)] = True
            return redirect("live:console", pk=meeting.pk)
        return confirmation_page(
            request,
            title=_("Run a live session on a past meeting?"),
            consequences=[
                _("This meeting took place on %(day)s; its record is history.")
                % {"day": date_long(meeting.starts_at.astimezone(meeting.zone).date())},
                _(
                    "What you do in the console now (a rehearsal, a demonstration) is recorded "
                    "apart, under “Recorded after the meeting”, and never mixed into the "
                    "record of who spoke at the meeting."
                ),
                _("The projector and the public view will show this session while it runs."),
            ],
            button=_("Open the console"),
            back_url=meeting.get_absolute_url(),
            group=meeting.group,
        )
    if request.GET.get("fragment"):
        return _console_fragment(request, meeting)
    return render(request, "live/console.html", _console_context(request, meeting))


def _console_context(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    context = _page_context(request, meeting, "console", public=False)
    context["registrations"] = selectors.speakable_registrations(meeting=meeting)
    context["observers"] = member_selectors.observers(group=meeting.group)
    context["totals"] = selectors.speaking_totals(meeting=meeting)
    return context


def _console_fragment(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """The console's body alone, with the messages of the action just taken: what htmx swaps
    in after a button (the page keeps its WebSocket) and what live.js fetches on a change."""
    context = _console_context(request, meeting)
    context["is_fragment"] = True
    return render(request, "live/_console_body.html", context)


def _closing_time(meeting: Meeting, value: str) -> datetime.datetime | None:
    """ "11:30" on the console means 11:30 today at the venue."""
    if not value:
        return None
    try:
        at = datetime.time.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            {"closes_at": _("Give the time as hours and minutes, e.g. 11:30.")}
        ) from None
    today = timezone.now().astimezone(meeting.zone).date()
    return datetime.datetime.combine(today, at, tzinfo=meeting.zone)


@login_required
@cache_group_page_with("fragment")
def delegate(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, audience = _meeting(request, pk)
    public_page_of(request, meeting.group_id)
    own = selectors.own_registrations(meeting=meeting, user=request.user)
    is_observer = permissions.is_observer(request.user, meeting.group)
    if audience != selectors.PARTICIPANT and not own:
        raise PermissionDenied(
            _("Only delegations and observers of the group may ask for the floor.")
        )
    context = _page_context(request, meeting, "delegate", public=False)
    snap = context["snap"]
    own_ids = {r.pk for r in own}
    place = {e.pk: n for n, e in enumerate(snap.waiting, start=1)}
    current = snap.current
    context.update(
        {
            "own_registrations": own,
            "is_observer": is_observer,
            # The delegation's own speaker has the floor now: say so, not "you have not asked".
            "speaking": current
            if current is not None
            and (current.registration_id in own_ids or current.observer_id == request.user.pk)
            else None,
            "mine": [
                (e, place.get(e.pk))
                for e in [*snap.waiting, *snap.requests]
                if e.registration_id in own_ids or e.observer_id == request.user.pk
            ],
        }
    )
    template = "live/_delegate_body.html" if request.GET.get("fragment") else "live/delegate.html"
    return render(request, template, context)


@cache_group_page
def projector(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, audience = _meeting(request, pk)
    public_page_of(request, meeting.group_id)
    context = _page_context(request, meeting, "projector", public=audience != selectors.PARTICIPANT)
    return render(request, "live/projector.html", context)


@cache_group_page
def public(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, _audience = _meeting(request, pk)
    public_page_of(request, meeting.group_id)
    if selectors.audience(None, meeting) is None:
        raise Http404(_("This meeting is not public."))
    context = _page_context(request, meeting, "public", public=True)
    return render(request, "live/public.html", context)


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _entry(meeting: Meeting, value: str | None) -> SpeakerEntry | None:
    if not value or not value.isdigit():
        return None
    return selectors.speaker_entry(meeting=meeting, pk=int(value))


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """The chair's buttons: one view, the action in the URL, the version in the form."""
    meeting, _audience = _meeting(request, pk)
    back = reverse("live:console", kwargs={"pk": meeting.pk})
    if selectors.is_past(meeting) and not _past_session_confirmed(request, meeting):
        messages.error(request, _("This meeting is over: confirm first that you run a session."))
        return redirect(back)
    version = _version(request)
    if version is None:
        messages.error(request, _("The form did not say which version of the state it saw."))
        if request.headers.get("HX-Request"):
            return _console_fragment(request, meeting)
        return redirect(back)
    actor = request.user
    entry = _entry(meeting, request.POST.get("entry"))
    try:
        if action == "next":
            services.floor_give(actor=actor, meeting=meeting, version=version, entry=entry)
        elif action == "start":
            services.timer_start(actor=actor, meeting=meeting, version=version)
        elif action == "stop":
            services.timer_stop(actor=actor, meeting=meeting, version=version)
        elif action == "item":
            item_id = request.POST.get("item", "")
            item = (
                selectors.agenda_item(meeting=meeting, pk=int(item_id))
                if item_id.isdigit()
                else None
            )
            services.agenda_item_take_up(actor=actor, meeting=meeting, version=version, item=item)
        elif action == "close_at":
            services.speakers_list_close_at(
                actor=actor,
                meeting=meeting,
                version=version,
                at=_closing_time(meeting, request.POST.get("closes_at", "").strip()),
            )
        elif action in ("close", "reopen"):
            services.speakers_list_close(
                actor=actor, meeting=meeting, version=version, closed=action == "close"
            )
        elif action in ("accept", "remove", "up", "down") and entry is not None:
            if action == "accept":
                services.speaker_accept(actor=actor, entry=entry, version=version)
            elif action == "remove":
                services.speaker_remove(actor=actor, entry=entry, version=version)
            else:
                services.speaker_move(actor=actor, entry=entry, version=version, direction=action)
        elif action == "add":
            reg_id = request.POST.get("registration", "")
            obs_id = request.POST.get("observer", "")
            services.speaker_add(
                actor=actor,
                meeting=meeting,
                version=version,
                kind=request.POST.get("kind", SpeechKind.STATEMENT),
                registration=meeting_selectors.registration_of(meeting=meeting, pk=reg_id),
                observer=account_selectors.user_by_pk(obs_id),
            )
        else:
            raise Http404(_("No such action."))
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    if request.headers.get("HX-Request"):
        return _console_fragment(request, meeting)
    return redirect(back)


@login_required
@require_POST
def floor_request(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, _audience = _meeting(request, pk)
    reg_id = request.POST.get("registration", "")
    registration = meeting_selectors.registration_of(meeting=meeting, pk=reg_id)
    try:
        services.speaker_add(
            actor=request.user,
            meeting=meeting,
            kind=request.POST.get("kind", SpeechKind.STATEMENT),
            registration=registration,
            observer=request.user if registration is None else None,
        )
        messages.success(request, _("Your request for the floor was sent to the chair."))
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    return redirect("live:delegate", pk=meeting.pk)


@login_required
@require_POST
def floor_withdraw(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    meeting, _audience = _meeting(request, pk)
    entry = _entry(meeting, str(entry_pk))
    if entry is None or entry.status not in (EntryStatus.REQUESTED, EntryStatus.LISTED):
        messages.error(request, _("This request is no longer waiting."))
    else:
        try:
            services.speaker_remove(actor=request.user, entry=entry)
            messages.success(request, _("Your request for the floor was withdrawn."))
        except SERVICE_ERRORS as exc:
            flash_service_error(request, exc)
    return redirect("live:delegate", pk=meeting.pk)
