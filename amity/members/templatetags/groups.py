from typing import Any

from django import template
from django.urls import reverse

from amity.core.proposals import machine_available
from amity.members import permissions

register = template.Library()


@register.inclusion_tag("members/group_nav.html", takes_context=True)
def group_nav(context: dict[str, Any], group: Any) -> dict[str, Any]:
    """The group's sub-navigation, showing the internal pages the viewer may open."""
    user = context["request"].user
    return {
        "group": group,
        "user": user,
        "is_coordinator": permissions.is_coordinator(user, group),
        "my_state": permissions.focal_point_state(user, group),
        "current": context["request"].resolver_match.url_name
        if context["request"].resolver_match
        else "",
    }


@register.simple_tag(takes_context=True)
def machine_proposal_url(context: dict[str, Any], form: Any) -> str:
    """Where the side-by-side editor's buttons ask a proposal for a missing language
    (``members:machine_proposal``), or "" to show none: the form has no ``{lang: text}``
    field, the page is not a group's, the viewer does not coordinate it, or no machine
    translation is configured. Costs no call to the machine."""
    group = context.get("group")
    request = context.get("request")
    fields = getattr(form, "fields", None) or {}
    slug = getattr(group, "slug", None)
    if not slug or request is None:
        return ""
    if not any(getattr(f, "translation_source", None) for f in fields.values()):
        return ""
    if not permissions.is_coordinator(request.user, group) or not machine_available():
        return ""
    return reverse("members:machine_proposal", args=[slug])
