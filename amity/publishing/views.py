"""Pages of publishing: the public news, resolutions, initiatives, road map, yearly report and
world map; the coordinator's press-release desk. Thin: check who may see, call a selector or a
service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amity.accounts import permissions
from amity.core.cache import cache_public_page, public_page_of
from amity.core.errors import Conflict
from amity.core.forms import SERVICE_ERRORS, add_service_error
from amity.core.languages import CONTENT_LANGUAGES, content_language, translated
from amity.meetings import selectors as meeting_selectors
from amity.members import selectors as member_selectors
from amity.members.models import Group
from amity.publishing import selectors, services
from amity.publishing.forms import PressReleaseForm
from amity.publishing.models import PressRelease
from amity.publishing.worldmap import world_map_svg


def _group(slug: str) -> Group:
    return member_selectors.group_get(slug=slug)


def _coordinator_group(request: HttpRequest, slug: str) -> Group:
    group = _group(slug)
    if not permissions.is_coordinator(request.user, group):
        raise PermissionDenied(_("Only the group's coordinator may see this page."))
    return group


def _message(exc: Exception) -> str:
    if isinstance(exc, Conflict):
        return exc.message
    messages_ = getattr(exc, "messages", None)
    return " ".join(str(m) for m in messages_) if messages_ else str(exc)


# --- public -------------------------------------------------------------------------------


def news_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
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


def news_detail(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    group = _group(slug)
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


def resolution_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    return render(
        request,
        "publishing/resolutions.html",
        {"group": group, "rows": selectors.resolutions_with_member_cosponsors(group=group)},
    )


def initiative_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    return render(
        request,
        "publishing/initiatives.html",
        {"group": group, "initiatives": list(selectors.initiatives(group=group))},
    )


def road_map(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group(slug)
    return render(
        request,
        "publishing/road_map.html",
        {
            "group": group,
            "road_maps": list(selectors.road_maps(group=group)),
            "years": selectors.report_years(group=group),
        },
    )


def _report_year(group: Group, year: int) -> int:
    if year not in selectors.report_years(group=group):
        raise Http404(_("No report for that year."))
    return year


def year_report(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    group = _group(slug)
    report = selectors.year_report(group=group, year=_report_year(group, year))
    return render(request, "publishing/report.html", {"group": group, "report": report})


def year_report_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    from weasyprint import HTML

    group = _group(slug)
    report = selectors.year_report(group=group, year=_report_year(group, year))
    html = render_to_string(
        "publishing/report_pdf.html",
        {"group": group, "report": report, "generated": timezone.localdate()},
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{group.slug}-report-{year}-{content_language()}.pdf"'
    )
    return response


@cache_public_page
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
            messages.error(request, _message(exc))
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
    try:
        services.press_release_publish(actor=request.user, release=release)
    except SERVICE_ERRORS as exc:
        messages.error(request, _message(exc))
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
        messages.error(request, _message(exc))
    else:
        messages.success(request, _("The version was withdrawn from the public site."))
    return redirect(
        "publishing:press_edit", slug=group.slug, key=release.translation_key, language=language
    )
