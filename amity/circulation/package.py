"""The circulation package: per language the letter and annex as .docx (for the UN documents
service), the PDF, the Akoma Ntoso file, and a ``manifest.json`` with SHA-256 checksums.
A pure function from plain inputs to the bytes of a .zip."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Sequence

from amity.circulation.renditions import RenditionInput, akn, docx, file_stem, pdf

Progress = Callable[[int, str], None]
FORMATS = ("docx", "pdf", "akn")


def _name(data: RenditionInput, fmt: str) -> str:
    stem = file_stem(data)
    if fmt == "docx":
        return f"{data.language}/{stem}-letter-and-annex.docx"
    if fmt == "pdf":
        return f"{data.language}/{stem}.pdf"
    return f"{data.language}/{stem}.akn.xml"


def render_one(data: RenditionInput, fmt: str) -> bytes:
    if fmt == "pdf":
        return pdf.render(data)
    if fmt == "docx":
        return docx.render(data)
    if fmt == "akn":
        return akn.render(data)
    raise ValueError(f"Unknown format {fmt}")


def build(
    inputs: Sequence[RenditionInput],
    *,
    progress: Progress | None = None,
    generated_at: datetime.datetime | None = None,
) -> bytes:
    """The .zip. ``progress(percent, message)`` is called after each file."""
    steps = len(inputs) * len(FORMATS)
    done = 0
    files = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for data in inputs:
            for fmt in FORMATS:
                content = render_one(data, fmt)
                name = _name(data, fmt)
                archive.writestr(name, content)
                files.append(
                    {
                        "name": name,
                        "language": data.language,
                        "format": fmt,
                        "bytes": len(content),
                        "sha256": hashlib.sha256(content).hexdigest(),
                    }
                )
                done += 1
                if progress is not None:
                    progress(int(done * 95 / steps), name)
        first = inputs[0] if inputs else None
        manifest = {
            "document": first.document_slug if first else "",
            "group": first.group_slug if first else "",
            "symbol": first.symbol if first else None,
            "session": first.session if first else None,
            "agenda_item": first.agenda_item_number if first else None,
            "languages": [d.language for d in inputs],
            "generated_at": (generated_at or datetime.datetime.now(datetime.UTC)).isoformat(),
            "files": files,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return buffer.getvalue()
