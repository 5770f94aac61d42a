"""Pages of a group: public profile and members; the coordinator's and focal point's pages.

Views are thin: they check who may see the page, call a selector or a service and render.
"""

from __future__ import annotations

import datetime
from typing import Any

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amity.core import proposals, ratelimit
from amity.core.collation import sorted_by
from amity.core.exports import file_response
from amity.core.forms import (
    SERVICE_ERRORS,
    add_service_error,
    flash_form_errors,
    service_error_message,
    translations_of,
)
from amity.core.languages import CONTENT_LANGUAGES, bcp47_tag, content_language, is_rtl
from amity.members import permissions, selectors, services
from amity.members.cache import (
    cache_group_page,
    cache_group_page_with,
    cache_site_page,
    public_page_of,
)
from amity.members.charts import membership_chart_svg
from amity.members.exports import member_table
from amity.members.forms import (
    ApplicationForm,
    CoChairForm,
    DecisionForm,
    GroupForm,
    LeaveForm,
    PersonForm,
)
from amity.members.models import (
    Group,
    RegionalGroup,
    State,
)


@cache_site_page
def home(request: HttpRequest) -> HttpResponse:
    """The installation's front page: every group, with its cause and member count."""
    public_page_of(request, 0)
    return render(request, "members/home.html", {"groups": selectors.group_list()})


def _group(slug: str) -> Group:
    return selectors.group_get(slug=slug)


def _coordinator_group(request: HttpRequest, slug: str) -> Group:
    return selectors.coordinated_group(slug=slug, user=request.user)


@cache_group_page
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    public_page_of(request, group.pk)
    today = timezone.localdate()
    co_chairs = list(selectors.co_chairs(group=group))
    return render(
        request,
        "members/group_detail.html",
        {
            "group": group,
            "member_count": selectors.current_member_count(group=group),
            "current_co_chairs": [c for c in co_chairs if c.is_current_on(today)],
            "past_co_chairs": [c for c in co_chairs if not c.is_current_on(today)],
            "is_coordinator": permissions.is_coordinator(request.user, group),
            "my_state": permissions.focal_point_state(request.user, group),
        },
    )


def _parse_date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _region(request: HttpRequest) -> str:
    region = request.GET.get("region") or ""
    return region if region in RegionalGroup.values else ""


def _listed_members(group: Group, region: str, on: datetime.date | None) -> list[Any]:
    rows = (
        selectors.members_on(group=group, day=on, regional_group=region)
        if on
        else selectors.current_memberships(group=group, regional_group=region)
    )
    return sorted_by(rows, lambda m: m.state.name)


@cache_group_page_with("on", "region")
def member_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The member list as on the page (same regional group and date filters) as CSV, Excel or
    a printable PDF, in the page's language."""
    group = _group(slug)
    public_page_of(request, group.pk)
    on = _parse_date(request.GET.get("on"))
    table = member_table(
        group=group,
        memberships=_listed_members(group, _region(request), on),
        language=content_language(),
        on=on,
        today=timezone.localdate(),
    )
    return file_response(table, fmt)


@cache_group_page_with("on", "region")
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    public_page_of(request, group.pk)
    region = _region(request)
    on = _parse_date(request.GET.get("on"))
    memberships = _listed_members(group, region, on)
    steps, undated = selectors.membership_history(group=group)
    return render(
        request,
        "members/member_list.html",
        {
            "group": group,
            "memberships": memberships,
            "former": selectors.former_memberships(group=group),
            "regions": [
                (value, label)
                for value, label in RegionalGroup.choices
                if value != RegionalGroup.NONE
            ],
            "region": region,
            "on": on,
            "undated": undated,
            "chart": membership_chart_svg(
                steps,
                language=content_language(),
                title=_("Members of the group over time"),
                until=timezone.localdate(),
            ),
        },
    )


# The picture styles itself with a <style> of its own (it has no script).
@csp_update({"style-src": ["'unsafe-inline'"]})
@cache_group_page
def membership_chart(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    public_page_of(request, group.pk)
    steps, _undated = selectors.membership_history(group=group)
    svg = membership_chart_svg(
        steps,
        language=content_language(),
        title=_("Members of the group over time"),
        until=timezone.localdate(),
    )
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    group = _coordinator_group(request, slug)
    memberships = sorted_by(selectors.current_memberships(group=group), lambda m: m.state.name)
    return render(
        request,
        "members/manage.html",
        {
            "group": group,
            "pending": selectors.pending_applications(group=group),
            "decided": selectors.applications(group=group).exclude(status="pending")[:20],
            "memberships": memberships,
            "co_chairs": selectors.co_chairs(group=group),
            "application_form": ApplicationForm(),
            "decision_form": DecisionForm(),
            "leave_form": LeaveForm(),
            "cochair_form": CoChairForm(original=group.original_language),
            "audit": group.audit_entries.select_related("actor")[:15],
            "failed_deliveries": selectors.undelivered_failed_count(group=group),
        },
    )


@login_required
def group_edit(request: HttpRequest, slug: str) -> HttpResponse:
    group = _coordinator_group(request, slug)
    form = GroupForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(
                actor=request.user,
                group=group,
                names=form.translations("names"),
                cause=form.translations("cause"),
                working_methods=form.translations("working_methods"),
                short_names=form.translations("short_names"),
                founded_note=form.translations("founded_note"),
                founded_on=form.cleaned_data["founded_on"],
                version=form.cleaned_data["version"],
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The group's profile was saved."))
            return redirect("members:group", slug=group.slug)
    return render(request, "members/group_edit.html", {"group": group, "form": form})


@login_required
@require_POST
def machine_proposal(request: HttpRequest, slug: str) -> HttpResponse:
    """A proposal for one missing language of a ``{lang: text}`` field, asked from the
    side-by-side editor's button (``core.proposals``; the translation memory's first, else the
    machine's): a fragment that fills the input to review, or says why there is none. Only the
    group's coordinator, who edits its content. Nothing is saved."""
    _coordinator_group(request, slug)  # the permission
    source_language = request.POST.get("source_language", "")
    target_language = request.POST.get("target_language", "")
    text = request.POST.get(request.POST.get("source_field", ""), "")
    context: dict[str, Any] = {"input": request.POST.get("input", "")}
    if {source_language, target_language} - set(CONTENT_LANGUAGES) or (
        source_language == target_language
    ):
        context["error"] = _("Choose two different official languages.")
        context["input"] = ""
    elif not text.strip():
        context["error"] = _("Give the text in the original language first.")
    elif ratelimit.take_shared(f"machine-proposal:{request.user.pk}", burst=30, per_minute=30):
        context["error"] = _("Too many proposals asked at once; try again in a minute.")
    else:
        try:
            context["proposal"] = proposals.propose(
                text, source=source_language, target=target_language
            )
            context["lang"] = bcp47_tag(target_language)
            context["rtl"] = is_rtl(target_language)
        except proposals.MachineTranslationError as exc:
            context["error"] = _("Machine translation is unavailable: %(reason)s") % {"reason": exc}
        else:
            if context["proposal"] is None:
                context["error"] = _("The machine translation proposed nothing.")
    return render(request, "members/_machine_proposal.html", context)


@login_required
def application_new(request: HttpRequest, slug: str) -> HttpResponse:
    group = _coordinator_group(request, slug)
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_record(
                actor=request.user,
                group=group,
                state=data["state"],
                note_reference=data["note_reference"],
                note_date=data["note_date"],
                received_on=data["received_on"],
                scan=data["scan"],
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("The application of %(state)s was recorded.") % {"state": application.state.name},
            )
            return redirect("members:manage", slug=group.slug)
    return render(
        request,
        "members/application_form.html",
        {"group": group, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def application_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _coordinator_group(request, slug)
    application = selectors.application_get(group=group, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.application_decide(
                actor=request.user,
                application=application,
                admit=data["decision"] == "admit",
                decided_on=data["decided_on"],
                accession_date=data["accession_date"],
                note=data["note"],
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            if data["decision"] == "admit":
                messages.success(
                    request,
                    _("%(state)s was admitted to the group.") % {"state": application.state.name},
                )
            else:
                messages.success(
                    request,
                    _("The application of %(state)s was declined.")
                    % {"state": application.state.name},
                )
            return redirect("members:manage", slug=group.slug)
    flash_form_errors(request, form)
    return redirect("members:manage", slug=group.slug)


@login_required
def application_scan(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """The scanned note verbale: for the coordinator and the applying state's focal point."""
    group = _group(slug)
    application = selectors.application_get(group=group, pk=pk)
    own = permissions.focal_point_state(request.user, group)
    if not (
        permissions.is_coordinator(request.user, group) or (own and own.pk == application.state_id)
    ):
        raise PermissionDenied
    if not application.scan:
        raise Http404
    return FileResponse(
        application.scan.open("rb"),
        content_type="application/pdf",
        filename=f"note-{application.pk}.pdf",
    )


@login_required
@require_POST
def membership_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _coordinator_group(request, slug)
    membership = selectors.membership_get(group=group, pk=pk)
    form = LeaveForm(request.POST)
    if form.is_valid():
        try:
            services.membership_end(
                actor=request.user,
                membership=membership,
                left_on=form.cleaned_data["left_on"],
                note=form.cleaned_data["note"],
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(state)s is recorded as having left the group.")
                % {"state": membership.state.name},
            )
            return redirect("members:manage", slug=group.slug)
    flash_form_errors(request, form)
    return redirect("members:manage", slug=group.slug)


@login_required
@require_POST
def cochair_new(request: HttpRequest, slug: str) -> HttpResponse:
    group = _coordinator_group(request, slug)
    form = CoChairForm(request.POST, original=group.original_language)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.cochair_add(
                actor=request.user,
                group=group,
                state=data["state"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                note=translations_of(form, "note"),
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The co-chair was added."))
            return redirect("members:manage", slug=group.slug)
    flash_form_errors(request, form)
    return redirect("members:manage", slug=group.slug)


@login_required
@require_POST
def cochair_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _coordinator_group(request, slug)
    services.cochair_remove(actor=request.user, cochair=selectors.cochair_get(group=group, pk=pk))
    messages.success(request, _("The co-chair term was removed."))
    return redirect("members:manage", slug=group.slug)


def _people_scope(request: HttpRequest, group: Group) -> tuple[bool, State | None]:
    """(is coordinator, own state): who may see which people."""
    if permissions.is_coordinator(request.user, group):
        return True, None
    own = permissions.focal_point_state(request.user, group)
    if own is None:
        raise PermissionDenied(_("Only the coordinator and focal points may see the delegations."))
    return False, own


@login_required
@cache_group_page
def people_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    public_page_of(request, group.pk)
    coordinator, own = _people_scope(request, group)
    people = selectors.people(group=group, state=own)
    return render(
        request,
        "members/people.html",
        {"group": group, "people": people, "is_coordinator": coordinator, "own_state": own},
    )


def _person_states(group: Group, coordinator: bool, own: State | None) -> Any:
    return selectors.states_for(group=group, coordinator=coordinator, own=own)


@login_required
@cache_group_page
def person_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    group = _group(slug)
    public_page_of(request, group.pk)
    coordinator, own = _people_scope(request, group)
    person = selectors.person_get(group=group, pk=pk) if pk else None
    if person and not permissions.can_manage_state_people(request.user, group, person.state):
        raise PermissionDenied(_("You may only manage the people of your own state."))
    form = PersonForm(
        request.POST or None,
        instance=person,
        states=_person_states(group, coordinator, own),
        initial={"state": own} if own and not person else None,
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("state", "version")}
        try:
            if person is None:
                services.person_create(
                    actor=request.user, group=group, state=form.cleaned_data["state"], **fields
                )
            else:
                services.person_update(
                    actor=request.user,
                    person=person,
                    version=form.cleaned_data["version"] or 0,
                    **fields,
                )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("members:people", slug=group.slug)
    return render(
        request,
        "members/person_form.html",
        {"group": group, "form": form, "person": person},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def person_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _group(slug)
    person = selectors.person_get(group=group, pk=pk)
    services.person_delete(actor=request.user, person=person)
    messages.success(request, _("%(name)s was removed.") % {"name": person.full_name})
    return redirect("members:people", slug=group.slug)


@login_required
@cache_group_page
def my_state(request: HttpRequest, slug: str) -> HttpResponse:
    """A focal point's page: its state's membership, application and people."""
    group = _group(slug)
    public_page_of(request, group.pk)
    own = permissions.focal_point_state(request.user, group)
    if own is None:
        raise PermissionDenied(_("This page is for the focal points of member states."))
    return render(
        request,
        "members/my_state.html",
        {
            "group": group,
            "state": own,
            "membership": selectors.latest_membership(group=group, state=own),
            "applications": selectors.applications(group=group, state=own),
            "people": selectors.people(group=group, state=own),
        },
    )


@login_required
def deliveries(request: HttpRequest, slug: str) -> HttpResponse:
    """The side effects of the group's work that did not go through: failed for good (with a
    button to try again), or waiting for their next attempt."""
    group = _coordinator_group(request, slug)
    return render(
        request,
        "members/deliveries.html",
        {"group": group, "deliveries": selectors.undelivered(group=group)},
    )


@login_required
@require_POST
def delivery_retry(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _coordinator_group(request, slug)
    try:
        services.delivery_retry(actor=request.user, group=group, entry_id=pk)
    except SERVICE_ERRORS as exc:
        messages.error(request, service_error_message(exc))
    else:
        messages.success(request, _("It will be tried again now."))
    return redirect("members:deliveries", slug=group.slug)
