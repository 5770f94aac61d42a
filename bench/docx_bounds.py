"""Word import under hostile input: time per paragraph (style lookups cached), the cost of
refusing 150,000 paragraphs, and the memory of refusing 300 MB of whitespace.

    .venv/bin/python bench/docx_bounds.py [--paragraphs 5000]

No database: the import is a pure function of the file. Figures depend on the machine's load
(printed).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=5000)
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from docx.styles.styles import Styles

    from amity.documents.docx_import import text_from_docx
    from amity.documents.tests.test_docx_bounds import _paragraphs, _upload, _with_document_xml

    print(f"load average: {os.getloadavg()[0]:.2f}")
    calls = [0]
    original = Styles.get_by_id

    def counted(self, style_id, style_type):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return original(self, style_id, style_type)

    Styles.get_by_id = counted  # type: ignore[method-assign]
    settings.AMITY_DOCX_MAX_PARAGRAPHS = max(args.paragraphs, 1)
    data = _paragraphs(args.paragraphs, style="ListNumber")
    started = time.perf_counter()
    text_from_docx(_upload(data))
    took = time.perf_counter() - started
    print(
        f"{args.paragraphs} paragraphs ({len(data) // 1024} KB): {took:.2f} s, "
        f"{1000 * took / args.paragraphs:.3f} ms a paragraph, {calls[0]} style lookups"
    )

    settings.AMITY_DOCX_MAX_PARAGRAPHS = 5000
    data = _paragraphs(150_000)
    started = time.perf_counter()
    with contextlib.suppress(ValidationError):
        text_from_docx(_upload(data))
    print(
        f"150,000 paragraphs ({len(data) // 1024} KB) refused in "
        f"{time.perf_counter() - started:.2f} s"
    )

    chunk = b" " * (1024 * 1024)

    def whitespace(stream):  # type: ignore[no-untyped-def]
        stream.write(
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body>'
        )
        for _ in range(300):
            stream.write(chunk)
        stream.write(b"</w:body></w:document>")

    data = _with_document_xml(whitespace)
    tracemalloc.start()
    started = time.perf_counter()
    with contextlib.suppress(ValidationError):
        text_from_docx(_upload(data))
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"300 MB of whitespace ({len(data) // 1024} KB zipped) refused in "
        f"{time.perf_counter() - started:.3f} s, peak {peak / 1024 / 1024:.1f} MB traced"
    )


if __name__ == "__main__":
    main()
