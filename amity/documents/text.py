"""The text of a version as structured data: a title, preambular and operative paragraphs.

Paragraphs are HTML limited to bold, italic, lists, line breaks and paragraphs, sanitized with
nh3 before they are stored. A paragraph is named by a reference: ``pp3`` is the third
preambular paragraph, ``op2`` the second operative one (numbered on display); ``pp0``/``op0``
name the place before the first paragraph (for a new paragraph inserted at the start).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import nh3

ALLOWED_TAGS = {"b", "strong", "i", "em", "ul", "ol", "li", "br", "p"}
SECTIONS = {"pp": "preamble", "op": "operative"}
_REF = re.compile(r"^(pp|op)(\d{1,3})$")


def sanitize(value: str) -> str:
    """Keep only the allowed inline formatting; no attributes, no links, no scripts."""
    cleaned = nh3.clean(value or "", tags=ALLOWED_TAGS, attributes={}, link_rel=None)
    return cleaned.strip()


def plain(value: str) -> str:
    """The words of a paragraph without markup (for comparison and search)."""
    text = re.sub(r"</(li|p)>|<br\s*/?>", " ", value or "", flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def from_plain_text(value: str) -> str:
    """A paragraph typed in a plain textarea: escape it, keep the line breaks, then allow the
    formatting tags the editor lets people type (<b>, <i>, lists)."""
    return sanitize((value or "").strip().replace("\r\n", "\n").replace("\n", "<br>"))


def parse_ref(ref: str) -> tuple[str, int] | None:
    """('preamble', 3) for 'pp3'; None when it is not a paragraph reference."""
    match = _REF.match((ref or "").strip().lower())
    if not match:
        return None
    return SECTIONS[match.group(1)], int(match.group(2))


def ref_label(ref: str) -> str:
    """'PP3', 'OP2': how diplomats name a paragraph."""
    return (ref or "").upper()


@dataclass
class Text:
    title: str = ""
    preamble: list[str] = field(default_factory=list)
    operative: list[str] = field(default_factory=list)

    def section(self, name: str) -> list[str]:
        return self.preamble if name == "preamble" else self.operative

    def paragraph(self, ref: str) -> str | None:
        parsed = parse_ref(ref)
        if parsed is None or parsed[1] == 0:
            return None
        items = self.section(parsed[0])
        return items[parsed[1] - 1] if parsed[1] <= len(items) else None

    def is_empty(self) -> bool:
        return not (self.preamble or self.operative)


def clean_text(*, title: str, preamble: list[str], operative: list[str]) -> Text:
    """Sanitize every paragraph and drop empty ones."""
    return Text(
        title=plain(sanitize(title))[:500],
        preamble=[p for p in (sanitize(x) for x in preamble) if plain(p)],
        operative=[p for p in (sanitize(x) for x in operative) if plain(p)],
    )


@dataclass(frozen=True)
class Change:
    """One accepted change: ``action`` replace/delete names the paragraph ``ref``; insert puts
    a new paragraph after ``ref`` (``op0``: before the first)."""

    ref: str
    action: str
    text: str = ""


def apply_changes(base: Text, changes: list[Change]) -> Text:
    """The text that results from applying ``changes`` to ``base``; every reference is to a
    paragraph of ``base``. ValueError names a change that cannot apply or two that clash."""
    result = Text(title=base.title, preamble=[], operative=[])
    for section in ("preamble", "operative"):
        items = base.section(section)
        replaced: dict[int, Change] = {}
        inserts: dict[int, list[str]] = {}
        for change in changes:
            parsed = parse_ref(change.ref)
            if parsed is None:
                raise ValueError(f"{change.ref}: not a paragraph reference")
            if parsed[0] != section:
                continue
            n = parsed[1]
            if n > len(items) or (n == 0 and change.action != "insert"):
                raise ValueError(f"{ref_label(change.ref)}: no such paragraph")
            if change.action == "insert":
                inserts.setdefault(n, []).append(change.text)
            elif n in replaced:
                raise ValueError(f"{ref_label(change.ref)}: two accepted changes to one paragraph")
            else:
                replaced[n] = change
        out = result.section(section)
        out.extend(inserts.get(0, []))
        for n, paragraph in enumerate(items, start=1):
            found = replaced.get(n)
            if found is None:
                out.append(paragraph)
            elif found.action == "replace":
                out.append(found.text)
            out.extend(inserts.get(n, []))
    return result
