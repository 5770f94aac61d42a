from typing import Any

from django import template

from amity.circulation import selectors

register = template.Library()


@register.inclusion_tag("circulation/_language_table.html", takes_context=True)
def language_status(context: Any, version: Any) -> dict[str, Any]:
    """The six language versions of ``version`` and their status, at a glance."""
    document = version.document
    return {
        "rows": selectors.language_rows(version),
        "document": document,
        "group": document.group,
        "request": context.get("request"),
    }
