"""Pages of publishing: the public news, resolutions, initiatives, road map, yearly report and
world map; the coordinator's press-release desk and the coordinator's forms for resolutions,
initiatives (with their status history) and road maps. Thin: check who may see, call a
selector or a service, render."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_POST

from amity.core.confirm import confirmation_page, confirmed
from amity.core.forms import (
    SERVICE_ERRORS,
    add_service_error,
    flash_service_error,
)
from amity.core.languages import CONTENT_LANGUAGES, content_language, translated
from amity.core.weasy import exclusive
from amity.meetings import selectors as meeting_selectors
from amity.members import permissions
from amity.members import selectors as member_selectors
from amity.members.cache import cache_group_page, public_page_of
from amity.members.models import Group
from amity.publishing import selectors, services
from amity.publishing.forms import (
    ActivityForm,
    InitiativeForm,
    PressReleaseForm,
    ResolutionForm,
    RoadMapForm,
    StatusChangeForm,
    VersionForm,
)
from amity.publishing.models import PressRelease
from amity.publishing.worldmap import world_map_svg


def _group(slug: str) -> Group:
    return member_selectors.group_get(slug=slug)


def _coordinator_group(request: HttpRequest, slug: str) -> Group:
    return member_selectors.coordinated_group(slug=slug, user=request.user)


# --- public -------------------------------------------------------------------------------


@cache_group_page
def news_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    public_page_of(request, group.pk)
    language = content_language()
    return render(
        request,
        "publishing/news_list.html",
        {
            "group": group,
            "news": list(selectors.published_news(group=group, language=language)[:50]),
            "is_coordinator": permissions.is_coordinator(request.user, group),
        },
    )


@cache_group_page
def news_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    group = _group(slug)
    public_page_of(request, group.pk)
    release = selectors.news_get(
        group=group, key=key, language=content_language(), user=request.user
    )
    return render(
        request,
        "publishing/news_detail.html",
        {
            "group": group,
            "release": release,
            "siblings": selectors.news_siblings(release=release, user=request.user),
            "is_coordinator": permissions.is_coordinator(request.user, group),
            "page_url": request.build_absolute_uri(),
        },
    )


@cache_group_page
def resolution_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    public_page_of(request, group.pk)
    return render(
        request,
        "publishing/resolutions.html",
        {
            "group": group,
            "rows": selectors.resolutions_with_member_cosponsors(group=group),
            "is_coordinator": permissions.is_coordinator(request.user, group),
        },
    )


@cache_group_page
def initiative_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    public_page_of(request, group.pk)
    return render(
        request,
        "publishing/initiatives.html",
        {
            "group": group,
            "initiatives": list(selectors.initiatives(group=group)),
            "is_coordinator": permissions.is_coordinator(request.user, group),
        },
    )


@cache_group_page
def road_map(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    public_page_of(request, group.pk)
    return render(
        request,
        "publishing/road_map.html",
        {
            "group": group,
            "road_maps": list(selectors.road_maps(group=group)),
            "years": selectors.report_years(group=group),
            "is_coordinator": permissions.is_coordinator(request.user, group),
        },
    )


def _report_year(group: Group, year: int) -> int:
    if year not in selectors.report_years(group=group):
        raise Http404(_("No report for that year."))
    return year


@cache_group_page
def year_report(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    group = _group(slug)
    public_page_of(request, group.pk)
    report = selectors.year_report(group=group, year=_report_year(group, year))
    return render(request, "publishing/report.html", {"group": group, "report": report})


@cache_group_page
def year_report_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    from weasyprint import HTML

    group = _group(slug)
    public_page_of(request, group.pk)
    report = selectors.year_report(group=group, year=_report_year(group, year))
    html = render_to_string(
        "publishing/report_pdf.html",
        {"group": group, "report": report, "generated": timezone.localdate()},
        request=request,
    )
    with exclusive():  # one document at a time: Pango and fontconfig are not thread-safe
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{group.slug}-report-{year}-{content_language()}.pdf"'
    )
    return response


# The picture styles itself with a <style> of its own (it has no script). Gzipped (a third of
# its size, issue 17) outside the cache, which keeps one copy for every reader; it holds nothing
# secret, so compression tells an attacker nothing (BREACH).
@csp_update({"style-src": ["'unsafe-inline'"]})
@gzip_page
@cache_group_page
def world_map(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    public_page_of(request, group.pk)
    members = {
        m.state.iso3: m.state.name for m in member_selectors.current_memberships(group=group)
    }
    svg = world_map_svg(
        members=members,
        title=_("Member States of %(group)s") % {"group": translated(group.names)},
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


# --- the coordinator's press desk ---------------------------------------------------------


@login_required
def press_manage(request: HttpRequest, slug: str) -> HttpResponse:
    group = _coordinator_group(request, slug)
    return render(
        request,
        "publishing/press_manage.html",
        {"group": group, "sets": selectors.press_sets(group=group)},
    )


@login_required
@require_POST
def press_draft(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_selectors.meeting_get(pk=pk, user=request.user)
    if not permissions.is_coordinator(request.user, meeting.group):
        raise PermissionDenied(_("Only the group's coordinator may do this."))
    existing = selectors.press_key_for_meeting(meeting=meeting)
    if existing is not None:
        messages.info(request, _("This meeting's press release exists already."))
        key = existing
    else:
        try:
            releases = services.press_release_draft(actor=request.user, meeting=meeting)
        except SERVICE_ERRORS as exc:
            flash_service_error(request, exc)
            return redirect(meeting)
        key = releases[0].translation_key
        messages.success(
            request,
            _("A draft press release was written in the six languages. Review each, then publish."),
        )
    return redirect("publishing:press_edit", slug=meeting.group.slug, key=key, language="en")


def _press_version(
    request: HttpRequest, slug: str, key: str, language: str
) -> tuple[Group, list[PressRelease], PressRelease]:
    group = _coordinator_group(request, slug)
    if language not in CONTENT_LANGUAGES:
        raise Http404(_("No such language."))
    versions = selectors.press_set(group=group, key=key)
    release = next((v for v in versions if v.language == language), None)
    if release is None:
        raise Http404(_("No such language version."))
    return group, versions, release


@login_required
def press_edit(request: HttpRequest, slug: str, key: str, language: str) -> HttpResponse:
    group, versions, release = _press_version(request, slug, key, language)
    form = PressReleaseForm(
        request.POST or None,
        initial={"headline": release.headline, "body": release.body, "version": release.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            release = services.press_release_update(
                actor=request.user,
                release=release,
                headline=form.cleaned_data["headline"],
                body=form.cleaned_data["body"],
                version=form.cleaned_data["version"],
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Saved. The preview below shows the text as published."))
            return redirect(
                "publishing:press_edit",
                slug=group.slug,
                key=release.translation_key,
                language=language,
            )
    return render(
        request,
        "publishing/press_edit.html",
        {
            "group": group,
            "versions": versions,
            "release": release,
            "form": form,
            "public_url": _public_url(release),
        },
        status=400 if form.errors else 200,
    )


def _public_url(release: PressRelease) -> str:
    from django.utils import translation

    from amity.core.languages import interface_language

    with translation.override(interface_language(release.language)):
        return release.get_absolute_url()


@login_required
@require_POST
def press_publish(request: HttpRequest, slug: str, key: str, language: str) -> HttpResponse:
    group, _versions, release = _press_version(request, slug, key, language)
    back = reverse(
        "publishing:press_edit",
        kwargs={"slug": group.slug, "key": release.translation_key, "language": language},
    )
    if not confirmed(request):
        return confirmation_page(
            request,
            title=_("Publish the %(language)s version?")
            % {"language": release.get_language_display()},
            consequences=[
                _("“%(headline)s” becomes public on the group's news page.")
                % {"headline": release.headline or "—"},
                _("It goes out in the group's news feed (Atom), where readers may keep it."),
                _("It can be withdrawn later, but copies already read or fetched remain."),
            ],
            button=_("Publish the %(language)s version")
            % {"language": release.get_language_display()},
            back_url=back,
            group=group,
        )
    try:
        services.press_release_publish(actor=request.user, release=release)
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    else:
        messages.success(
            request,
            _("The %(language)s version is published.")
            % {"language": release.get_language_display()},
        )
    return redirect(
        "publishing:press_edit", slug=group.slug, key=release.translation_key, language=language
    )


@login_required
@require_POST
def press_withdraw(request: HttpRequest, slug: str, key: str, language: str) -> HttpResponse:
    group, _versions, release = _press_version(request, slug, key, language)
    try:
        services.press_release_withdraw(actor=request.user, release=release)
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
    else:
        messages.success(request, _("The version was withdrawn from the public site."))
    return redirect(
        "publishing:press_edit", slug=group.slug, key=release.translation_key, language=language
    )


# --- the coordinator's records: resolutions, initiatives, road maps -------------------------


def _record_page(
    request: HttpRequest,
    group: Group,
    form: Any,
    *,
    heading: str,
    back_url: str,
    template: str = "publishing/record_form.html",
    **extra: Any,
) -> HttpResponse:
    return render(
        request,
        template,
        {"group": group, "form": form, "heading": heading, "back_url": back_url, **extra},
        status=400 if form.errors else 200,
    )


def _back(name: str, group: Group, anchor: str = "") -> str:
    url = reverse(f"publishing:{name}", kwargs={"slug": group.slug})
    return f"{url}#{anchor}" if anchor else url


def _record_form(
    request: HttpRequest,
    group: Group,
    form: Any,
    *,
    save: Callable[..., Any],
    saved: Callable[[Any], tuple[str, str]],
    heading: str,
    back_url: str,
    **page: Any,
) -> HttpResponse:
    """The coordinator's record forms: on a valid POST, ``save(**form.service_kwargs())``; if
    the service accepts, ``saved(record)`` gives the message and where to go; otherwise the
    form is shown again with what the service refused."""
    if request.method == "POST" and form.is_valid():
        try:
            record = save(**form.service_kwargs())
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            message, url = saved(record)
            messages.success(request, message)
            return redirect(url)
    return _record_page(request, group, form, heading=heading, back_url=back_url, **page)


@login_required
def resolution_add(request: HttpRequest, slug: str) -> HttpResponse:
    group = _coordinator_group(request, slug)
    return _record_form(
        request,
        group,
        ResolutionForm(request.POST or None),
        save=partial(services.resolution_create, actor=request.user, group=group),
        saved=lambda r: (
            _("Resolution %(symbol)s was recorded.") % {"symbol": r.symbol},
            _back("resolutions", group, f"resolution-{r.pk}"),
        ),
        heading=_("Record a General Assembly resolution"),
        back_url=_back("resolutions", group),
    )


@login_required
def resolution_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _coordinator_group(request, slug)
    resolution = selectors.resolution_get(group=group, pk=pk)
    return _record_form(
        request,
        group,
        ResolutionForm(request.POST or None, resolution=resolution),
        save=partial(
            services.resolution_update, actor=request.user, group=group, resolution=resolution
        ),
        saved=lambda r: (
            _("Resolution %(symbol)s was saved.") % {"symbol": r.symbol},
            _back("resolutions", group, f"resolution-{r.pk}"),
        ),
        heading=_("Resolution %(symbol)s") % {"symbol": resolution.symbol},
        back_url=_back("resolutions", group),
        shared_note=selectors.resolution_shared_beyond(resolution=resolution, group=group),
    )


@login_required
def initiative_add(request: HttpRequest, slug: str) -> HttpResponse:
    group = _coordinator_group(request, slug)
    return _record_form(
        request,
        group,
        InitiativeForm(request.POST or None, group=group),
        save=partial(services.initiative_create, actor=request.user, group=group),
        saved=lambda i: (
            _("The initiative was recorded."),
            _back("initiatives", group, f"initiative-{i.pk}"),
        ),
        heading=_("New initiative"),
        back_url=_back("initiatives", group),
    )


@login_required
def initiative_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _coordinator_group(request, slug)
    initiative = selectors.initiative_get(group=group, pk=pk)
    return _record_form(
        request,
        group,
        InitiativeForm(request.POST or None, initiative=initiative),
        save=partial(services.initiative_update, actor=request.user, initiative=initiative),
        saved=lambda i: (
            _("The initiative was saved."),
            _back("initiatives", group, f"initiative-{i.pk}"),
        ),
        heading=initiative.title,
        back_url=_back("initiatives", group),
    )


@login_required
def initiative_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _coordinator_group(request, slug)
    initiative = selectors.initiative_get(group=group, pk=pk)
    return _record_form(
        request,
        group,
        StatusChangeForm(request.POST or None, group=group),
        save=partial(services.initiative_status_change, actor=request.user, initiative=initiative),
        saved=lambda _change: (
            _("The status change was recorded."),
            _back("initiatives", group, f"initiative-{initiative.pk}"),
        ),
        heading=_("Status of “%(initiative)s”") % {"initiative": initiative.title},
        back_url=_back("initiatives", group),
        template="publishing/initiative_status.html",
        initiative=initiative,
    )


@login_required
def road_map_add(request: HttpRequest, slug: str) -> HttpResponse:
    group = _coordinator_group(request, slug)
    return _record_form(
        request,
        group,
        RoadMapForm(request.POST or None, group=group),
        save=partial(services.road_map_create, actor=request.user, group=group),
        saved=lambda m: (
            _("The road map was recorded."),
            _back("road_map", group, f"road-map-{m.pk}"),
        ),
        heading=_("New road map"),
        back_url=_back("road_map", group),
    )


@login_required
def road_map_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _coordinator_group(request, slug)
    road_map = selectors.road_map_get(group=group, pk=pk)
    return _record_form(
        request,
        group,
        RoadMapForm(request.POST or None, group=group, road_map=road_map),
        save=partial(services.road_map_update, actor=request.user, road_map=road_map),
        saved=lambda m: (
            _("The road map was saved."),
            _back("road_map", group, f"road-map-{m.pk}"),
        ),
        heading=road_map.title,
        back_url=_back("road_map", group),
    )


@login_required
def activity_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _coordinator_group(request, slug)
    road_map = selectors.road_map_get(group=group, pk=pk)
    return _record_form(
        request,
        group,
        ActivityForm(request.POST or None, group=group),
        save=partial(services.activity_add, actor=request.user, road_map=road_map),
        saved=lambda a: (
            _("The activity was added to the road map."),
            _back("road_map", group, f"activity-{a.pk}"),
        ),
        heading=_("New activity of “%(road_map)s”") % {"road_map": road_map.title},
        back_url=_back("road_map", group, f"road-map-{road_map.pk}"),
    )


@login_required
def activity_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _coordinator_group(request, slug)
    activity = selectors.activity_get(group=group, pk=pk)
    return _record_form(
        request,
        group,
        ActivityForm(request.POST or None, group=group, activity=activity),
        save=partial(services.activity_update, actor=request.user, activity=activity),
        saved=lambda a: (
            _("The activity was saved."),
            _back("road_map", group, f"activity-{a.pk}"),
        ),
        heading=activity.title,
        back_url=_back("road_map", group, f"activity-{activity.pk}"),
        template="publishing/activity_form.html",
        activity=activity,
    )


@login_required
@require_POST
def activity_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _coordinator_group(request, slug)
    activity = selectors.activity_get(group=group, pk=pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page was out of date: reload it and try again."))
        return redirect("publishing:activity_edit", slug=group.slug, pk=activity.pk)
    try:
        services.activity_remove(
            actor=request.user, activity=activity, version=form.cleaned_data["version"]
        )
    except SERVICE_ERRORS as exc:
        flash_service_error(request, exc)
        return redirect("publishing:activity_edit", slug=group.slug, pk=activity.pk)
    messages.success(request, _("The activity was removed from the road map."))
    return redirect(_back("road_map", group, f"road-map-{activity.road_map_id}"))
