from typing import Any

from django import template

from amity.core.languages import content_language
from amity.publishing import selectors

register = template.Library()


@register.inclusion_tag("publishing/_group_public.html", takes_context=True)
def group_public(context: dict[str, Any], group: Any) -> dict[str, Any]:
    """The public part of a group's home page: news, next meetings, members on a map, the
    resolutions the group builds on, initiatives and road map."""
    request = context["request"]
    return {
        "group": group,
        "news": list(selectors.published_news(group=group, language=content_language())[:3]),
        "next_meetings": selectors.next_meetings(group=group, user=request.user),
        "resolution_rows": selectors.resolutions_with_member_cosponsors(group=group),
        "documents": selectors.adopted_documents(group=group, language=content_language(), limit=5),
        "has_initiatives": group.initiatives.exists(),
        "has_road_maps": group.road_maps.exists(),
        "request": request,
    }
