"""What changed between two versions of a text, paragraph by paragraph and word by word.

Pure: takes two ``Text`` values, returns rows ready to show. Paragraphs are compared on their
words (markup removed). Within a changed paragraph the words are diffed and the result marked
with ``<ins>`` and ``<del>``. Words are the tokens a reader sees: runs of letters and digits
(Arabic with its vowel marks), one token per Chinese or Japanese character (those scripts put
no spaces between words), single punctuation marks, and runs of spaces.

Paragraphs are matched in order with ``difflib``. A paragraph that disappears from one place
and whose text appears elsewhere in the other version (in either section) is shown once, as
moved, at its new place, rather than as a deletion and an insertion. Paragraphs in a block that
was replaced are paired when they are similar enough (ratio >= 0.5) and shown as changed.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from typing import Any

from amity.documents.text import Text, plain

_TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"
    r"|(?:\w|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])+"
    r"|\s+"
    r"|[^\w\s]"
)
SIMILAR = 0.5


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def diff_words(old: str, new: str) -> str:
    """HTML of ``new`` with the words taken out of ``old`` in <del> and added in <ins>.

    A run of spaces between two changes joins them, so that "once a year" -> "every six
    months" reads as one deletion and one insertion rather than word-by-word alternation."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # (equal?, old text, new text) segments, with whitespace-only equal runs between changes
    # folded into the change.
    segments: list[list[Any]] = []
    opcodes = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        gone, came = "".join(a[i1:i2]), "".join(b[j1:j2])
        between = 0 < index < len(opcodes) - 1
        if op == "equal" and not (between and not gone.strip()):
            segments.append([True, gone, came])
        elif segments and not segments[-1][0]:
            segments[-1][1] += gone
            segments[-1][2] += came
        else:
            segments.append([False, gone, came])
    out: list[str] = []
    for equal, gone, came in segments:
        if equal:
            out.append(html.escape(came))
            continue
        if gone:
            out.append(f"<del>{html.escape(gone)}</del>")
        if came:
            out.append(f"<ins>{html.escape(came)}</ins>")
    return "".join(out)


@dataclass(frozen=True)
class Row:
    """One paragraph of the comparison. ``kind``: same, changed, inserted, deleted, moved."""

    kind: str
    old_ref: str
    new_ref: str
    html: str


@dataclass(frozen=True)
class Comparison:
    title: Row
    preamble: list[Row]
    operative: list[Row]

    @property
    def has_changes(self) -> bool:
        return any(r.kind != "same" for r in [self.title, *self.preamble, *self.operative])


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, tokens(a), tokens(b), autojunk=False).ratio()


def _unmatched(prefix: str, old: list[str], new: list[str]) -> tuple[dict[str, str], set[str]]:
    """Old paragraphs (text -> ref) and new paragraph texts that the in-order match leaves
    without an equal partner."""
    a = [plain(p) for p in old]
    b = [plain(p) for p in new]
    gone: dict[str, str] = {}
    came: set[str] = set()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            for i in range(i1, i2):
                gone.setdefault(a[i], f"{prefix}{i + 1}")
            came.update(b[j1:j2])
    return gone, came


def _section(prefix: str, old: list[str], new: list[str], moved: dict[str, str]) -> list[Row]:
    a = [plain(p) for p in old]
    b = [plain(p) for p in new]
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)

    def deleted(i: int) -> None:
        if a[i] in moved:
            return  # shown as moved where it now stands
        rows.append(Row("deleted", f"{prefix}{i + 1}", "", f"<del>{html.escape(a[i])}</del>"))

    def inserted(j: int) -> None:
        if b[j] in moved:
            rows.append(Row("moved", moved[b[j]], f"{prefix}{j + 1}", html.escape(b[j])))
            return
        rows.append(Row("inserted", "", f"{prefix}{j + 1}", f"<ins>{html.escape(b[j])}</ins>"))

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                old_ref, new_ref = f"{prefix}{i1 + k + 1}", f"{prefix}{j1 + k + 1}"
                rows.append(Row("same", old_ref, new_ref, html.escape(b[j1 + k])))
        elif op == "delete":
            for i in range(i1, i2):
                deleted(i)
        elif op == "insert":
            for j in range(j1, j2):
                inserted(j)
        else:
            # Pair each new paragraph with the most similar old one of the block, in order.
            unused = [i for i in range(i1, i2) if a[i] not in moved]
            for j in range(j1, j2):
                if b[j] in moved:
                    inserted(j)
                    continue
                best = max(unused, key=lambda i: _ratio(a[i], b[j]), default=None)
                if best is not None and _ratio(a[best], b[j]) >= SIMILAR:
                    for i in [i for i in unused if i < best]:
                        deleted(i)
                    unused = [i for i in unused if i > best]
                    rows.append(
                        Row(
                            "changed",
                            f"{prefix}{best + 1}",
                            f"{prefix}{j + 1}",
                            diff_words(a[best], b[j]),
                        )
                    )
                else:
                    inserted(j)
            for i in unused:
                deleted(i)
    return rows


def compare(old: Text, new: Text) -> Comparison:
    gone_pp, came_pp = _unmatched("pp", old.preamble, new.preamble)
    gone_op, came_op = _unmatched("op", old.operative, new.operative)
    gone = {**gone_op, **gone_pp}
    came = came_pp | came_op
    # A paragraph is moved when its exact words left one place and arrived at another.
    moved = {text: ref for text, ref in gone.items() if text in came and text}
    title = Row(
        "same" if plain(old.title) == plain(new.title) else "changed",
        "title",
        "title",
        diff_words(plain(old.title), plain(new.title)),
    )
    return Comparison(
        title=title,
        preamble=_section("pp", old.preamble, new.preamble, moved),
        operative=_section("op", old.operative, new.operative, moved),
    )
