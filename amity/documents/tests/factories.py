"""Builders for the document tests, on top of the root conftest's fixtures."""

from __future__ import annotations

import io
from typing import Any

from amity.core.actors import SYSTEM, Actor
from amity.documents import services


def make_document(
    group: Any, *, actor: Actor = SYSTEM, slug: str = "declaration", **overrides: Any
) -> Any:
    kwargs: dict[str, Any] = {
        "kind": "declaration",
        "title": "Declaration on neutrality",
        "preamble": [
            "<i>Recalling</i> the Charter of the United Nations,",
            "<i>Noting</i> the work of the Group,",
        ],
        "operative": [
            "<b>Agree</b> to meet every six months;",
            "<b>Decide</b> to meet once a year at ministerial level;",
        ],
        "original_language": "en",
        "slug": slug,
    }
    kwargs.update(overrides)
    return services.document_create(actor=actor, group=group, **kwargs)


def latest(document: Any) -> Any:
    return document.versions.order_by("-id").first()


def docx_bytes(paragraphs: list[tuple[str, str | None]], *, bold_italic: bool = True) -> bytes:
    """A .docx built with python-docx: (text, style) pairs; in the first 'List Number'
    paragraph a bold and an italic run are added."""
    import docx

    document = docx.Document()
    for text, style in paragraphs:
        p = document.add_paragraph(style=style) if style else document.add_paragraph()
        if style == "List Number" and bold_italic:
            p.add_run("Strongly ").bold = True
            p.add_run("urge ").italic = True
            bold_italic = False
        p.add_run(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
