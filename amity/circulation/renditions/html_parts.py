"""Walk a sanitized paragraph (b, strong, i, em, ul, ol, li, br, p) as runs of text with their
formatting, for the Word and Akoma Ntoso renditions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html

from amity.documents.text import sanitize


@dataclass(frozen=True)
class Run:
    text: str  # "" with ``brk`` for a line break
    bold: bool = False
    italic: bool = False
    brk: bool = False


def runs(paragraph_html: str) -> list[Run]:
    cleaned = sanitize(paragraph_html)
    if not cleaned:
        return []
    root = lxml.html.fragment_fromstring(cleaned, create_parent="div")
    out = list(_walk(root, bold=False, italic=False))
    while out and out[0].brk:
        out.pop(0)
    while out and out[-1].brk:
        out.pop()
    return out


def _walk(element: lxml.html.HtmlElement, *, bold: bool, italic: bool) -> Iterator[Run]:
    if element.text:
        yield Run(element.text, bold, italic)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        b = bold or tag in ("b", "strong")
        i = italic or tag in ("i", "em")
        if tag == "br":
            yield Run("", brk=True)
        elif tag in ("li", "p"):
            yield Run("", brk=True)
            if tag == "li":
                yield Run("• ", b, i)
            yield from _walk(child, bold=b, italic=i)
        else:
            yield from _walk(child, bold=b, italic=i)
        if child.tail:
            yield Run(child.tail, bold, italic)
