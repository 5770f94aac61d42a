from typing import Any

from django import template

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
