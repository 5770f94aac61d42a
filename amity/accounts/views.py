"""Thin views: sign-in (django-allauth's, in the site's layout), invitations, sessions, API
tokens and the coordinator's account settings of a group."""

from __future__ import annotations

import datetime
from importlib import import_module

from allauth.account import views as allauth_views
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amity.accounts import selectors, services
from amity.accounts.adapters import INVITATION_SESSION_KEY
from amity.accounts.forms import (
    AcceptInvitationForm,
    ApiTokenForm,
    InvitationForm,
    SecondFactorSettingForm,
)
from amity.core.forms import SERVICE_ERRORS, add_service_error, flash_service_error
from amity.members import selectors as member_selectors
from amity.members import services as member_services

LoginView = allauth_views.LoginView
LogoutView = allauth_views.LogoutView


def _sso_url() -> str | None:
    if not settings.AMITY_OIDC_ISSUER:
        return None
    try:
        return reverse("openid_connect_login", kwargs={"provider_id": "sso"})
    except NoReverseMatch:
        return None


def invitation(request: HttpRequest, key: str) -> HttpResponse:
    found = selectors.invitation_by_key(key)
    refusal = services.invitation_refusal(found)
    if refusal or found is None:
        return render(request, "accounts/invitation.html", {"refusal": refusal}, status=410)
    # The key travels with the person to the identity provider and back.
    request.session[INVITATION_SESSION_KEY] = key
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.invitation_accept_signed_in(key=key, user=request.user)
        except SERVICE_ERRORS as exc:
            flash_service_error(request, exc)
            return redirect("accounts:invitation", key=key)
        request.session.pop(INVITATION_SESSION_KEY, None)
        messages.success(request, _("Invitation accepted."))
        return redirect(found.group.get_absolute_url())
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept_with_password(
                key=key,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                display_name=form.cleaned_data["display_name"],
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            request.session.pop(INVITATION_SESSION_KEY, None)
            login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
            messages.success(request, _("Welcome. Your account is ready."))
            return redirect(found.group.get_absolute_url())
    return render(
        request,
        "accounts/invitation.html",
        {"invitation": found, "form": form, "sso_url": _sso_url()},
    )


@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        store = import_module(settings.SESSION_ENGINE).SessionStore
        count = services.sessions_end_others(
            user=request.user, keep_session_key=request.session.session_key, store=store
        )
        messages.success(request, _("Signed out of %(count)s other sessions.") % {"count": count})
        return redirect("accounts:sessions")
    return render(
        request,
        "accounts/sessions.html",
        {
            "sessions": selectors.signed_in_sessions(request.user),
            "current_key": request.session.session_key,
        },
    )


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw = services.api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=timezone.now() + datetime.timedelta(days=form.cleaned_data["days"]),
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            form = ApiTokenForm()
    response = render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": selectors.api_tokens(request.user), "raw": raw},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = selectors.api_token_of(request.user, pk)
    if token is None:
        raise Http404
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:tokens")


@login_required
def group_accounts(request: HttpRequest, slug: str) -> HttpResponse:
    """The coordinator's page: invitations, the second-factor setting, resets."""
    group = member_selectors.coordinated_group(slug=slug, user=request.user)
    memberships = list(member_selectors.current_memberships(group=group))
    form = InvitationForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        state = next(
            (m.state for m in memberships if m.state.iso3 == form.cleaned_data["state"]), None
        )
        try:
            services.invitation_create(
                actor=request.user,
                group=group,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                state=state,
            )
        except SERVICE_ERRORS as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:group_accounts", slug=slug)
    return render(
        request,
        "accounts/group_accounts.html",
        {
            "group": group,
            "form": form,
            "invitations": selectors.group_invitations(group),
            "people": selectors.group_people(group),
            "setting_form": SecondFactorSettingForm(
                initial={"coordinators_need_second_factor": group.coordinators_need_second_factor}
            ),
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = member_selectors.coordinated_group(slug=slug, user=request.user)
    found = selectors.invitation_of_group(group, pk)
    if found is None:
        raise Http404
    services.invitation_revoke(actor=request.user, invitation=found)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("accounts:group_accounts", slug=slug)


@login_required
@require_POST
def second_factor_setting(request: HttpRequest, slug: str) -> HttpResponse:
    group = member_selectors.coordinated_group(slug=slug, user=request.user)
    form = SecondFactorSettingForm(request.POST)
    form.is_valid()
    member_services.group_second_factor_set(
        actor=request.user,
        group=group,
        required=bool(form.cleaned_data.get("coordinators_need_second_factor")),
    )
    messages.success(request, _("Saved."))
    return redirect("accounts:group_accounts", slug=slug)


@login_required
@require_POST
def second_factor_reset(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    group = member_selectors.coordinated_group(slug=slug, user=request.user)
    person = selectors.group_member_user(group, user_id)
    if person is None:
        raise Http404
    try:
        services.second_factor_reset(actor=request.user, user=person, group=group)
    except (PermissionDenied, ValidationError) as exc:
        flash_service_error(request, exc)
    else:
        messages.success(
            request,
            _(
                "The second factors of %(person)s were removed; they set up a new one at the next sign-in."
            )
            % {"person": person},
        )
    return redirect("accounts:group_accounts", slug=slug)
