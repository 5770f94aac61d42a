from typing import Any

from django import template

from amity.core.languages import Language
from amity.documents import selectors

register = template.Library()


@register.inclusion_tag("documents/_pdf_links.html")
def document_pdfs(document: Any) -> dict[str, Any]:
    """Links to the PDF of each language version of ``document`` that the public may read
    (none unless it is adopted and published). One query."""
    return {
        "document": document,
        "languages": [
            (code, selectors.html_lang(code), Language(code).label)
            for code in selectors.public_languages(document)
        ],
    }
