"""The renditions of a document's language versions, rendered on demand for the document page's
download links (``/<lang>/groups/<slug>/documents/<doc>/<language>.pdf``, ``.docx``,
``.akn.xml``). The documents app serves those links and checks who may read; it asks for the
file through ``documents.downloads``, where this module registers itself (circulation comes
above documents: documents never imports it).

The input is built and the file rendered by what the circulation app uses for its jobs and its
package (``selectors.rendition_input``, ``package.render_one``), so a download is the same
file as the one a rendition job makes.

Rendered files are kept in Django's cache (local memory embedded, Redis in scale mode, so every
node shares them) under a key made of the document, the version, the language, the format and
a digest of the rendition's whole input. ``VersionText`` has no time of last change (an edit to
a draft translation leaves ``status_set_at`` as it is), and a rendition shows more than the
text: the states that joined, the symbol, the session and agenda item. A digest of the input
changes whenever anything the file shows changes, so a kept file is never stale and nothing has
to be invalidated; building the input costs a few queries, rendering a PDF far more. Files on
disk under ``MEDIA_ROOT`` would need their own clean-up and, in scale mode, storage shared by
the nodes.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from amity.circulation import package, selectors
from amity.circulation.renditions import file_stem
from amity.documents.downloads import Download
from amity.documents.models import DocumentVersion, OutcomeDocument

# URL suffix -> (rendition kind of ``circulation.package``, content type).
FORMATS: dict[str, tuple[str, str]] = {
    "pdf": ("pdf", "application/pdf"),
    "docx": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "akn.xml": ("akn", "application/xml"),
}
CACHE_SECONDS = 24 * 3600
# Part of every key: raise it when the renditions change, so that files kept in Redis from
# before are not served.
RENDERING = 1


def rendition(
    *, document: OutcomeDocument, version: DocumentVersion, language: str, fmt: str, draft: bool
) -> Download:
    """The ``fmt`` file (a key of ``FORMATS``) of ``version`` in ``language``, from the cache
    or rendered now. ``draft``: the language version is not public; the file name says so.
    The caller has checked that the reader may read this language version."""
    kind, content_type = FORMATS[fmt]
    data = selectors.rendition_input(version=version, language=language)
    digest = hashlib.sha256(repr(data).encode()).hexdigest()
    key = f"doc-rendition:{RENDERING}:{document.pk}:{version.pk}:{language}:{kind}:{digest}"
    content = cache.get(key)
    if content is None:
        content = package.render_one(data, kind)
        cache.set(key, content, CACHE_SECONDS)
    stem = file_stem(data) + ("-draft" if draft else "")
    return Download(content=content, filename=f"{stem}.{fmt}", content_type=content_type)
