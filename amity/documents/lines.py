"""Line numbers and tracked changes for a text under negotiation, as delegates cite them
("OP2, line 14") and as OpenSlides shows motions.

Pure: a ``Text`` in, plain-text lines out. Lines are cut at ``LINE_LENGTH`` characters on
spaces (a word longer than a line, or Chinese text without spaces, is cut where the line
ends), numbered continuously over the preamble, then the operative part; the title is not
numbered. The same text always gives the same numbers, so a line number cited in a comment
still points at the same words for that version.
"""

from __future__ import annotations

import textwrap

from amity.documents.compare import diff_words
from amity.documents.text import Text, plain

LINE_LENGTH = 80


def numbered_lines(text: Text, *, width: int = LINE_LENGTH) -> dict[str, list[tuple[int, str]]]:
    """``{"pp1": [(1, "…"), (2, "…")], …, "op1": [(n, "…")]}``."""
    out: dict[str, list[tuple[int, str]]] = {}
    number = 1
    for prefix, section in (("pp", text.preamble), ("op", text.operative)):
        for index, paragraph in enumerate(section, start=1):
            lines = textwrap.wrap(
                plain(paragraph), width=width, break_long_words=True, break_on_hyphens=False
            ) or [""]
            out[f"{prefix}{index}"] = [(number + n, line) for n, line in enumerate(lines)]
            number += len(lines)
    return out


def tracked_change(*, action: str, base: str | None, wording: str) -> str:
    """The proposal shown inside the paragraph it changes: words taken out in ``<del>``,
    words added in ``<ins>`` (HTML, escaped)."""
    if action == "delete":
        return diff_words(plain(base or ""), "")
    if action == "insert" or base is None:
        return diff_words("", plain(wording))
    return diff_words(plain(base), plain(wording))
