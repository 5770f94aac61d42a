"""The files behind the document page's download links (PDF, Word, Akoma Ntoso of a language
version). Documents serves the links and decides who may read what; the files are made by the
app that holds the renditions (circulation), which registers its renderer here in its
``AppConfig.ready()``. Documents sits below circulation and never imports it; without a
renderer the links answer 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from amity.core.registry import Hooks
from amity.documents.models import DocumentVersion, OutcomeDocument


@dataclass(frozen=True)
class Download:
    content: bytes
    filename: str
    content_type: str


class Renderer(Protocol):
    def __call__(
        self,
        *,
        document: OutcomeDocument,
        version: DocumentVersion,
        language: str,
        fmt: str,
        draft: bool,
    ) -> Download: ...


_renderers: Hooks[Renderer] = Hooks("document downloads")


def register(label: str, renderer: Renderer) -> None:
    _renderers.register(label, renderer)


def rendition(
    *, document: OutcomeDocument, version: DocumentVersion, language: str, fmt: str, draft: bool
) -> Download | None:
    """The ``fmt`` file (``pdf``, ``docx``, ``akn.xml``) of ``version`` in ``language``, or
    None when no app renders documents. ``draft``: the language version is not public (the
    file name says so). The caller has checked that the reader may read it."""
    for renderer in _renderers:
        return renderer(document=document, version=version, language=language, fmt=fmt, draft=draft)
    return None
