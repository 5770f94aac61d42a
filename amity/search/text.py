"""Text for the search index: one normalisation for what is indexed and what is asked, the
terms of a query, and highlighted snippets.

Normalisation (applied alike to indexed text and to queries, so that each finds the other):

- compatibility forms folded (NFKD), combining marks dropped and case folded: ``Épée`` and
  ``epee`` are the same; Russian ``ё`` is ``е``;
- Arabic: the short vowels and other marks (tashkeel U+064B–U+065F, U+0670) and the tatweel
  (U+0640) are dropped, the alef forms (أ إ آ ٱ) become ا, alef maqsura ى becomes ي, ta marbuta
  ة becomes ه, and the article ال (also وال بال كال فال لل) is taken off the front of a word, so
  ``الحياد`` is found by ``حياد`` and ``الْحِيَادُ`` by ``الحياد``;
- Chinese, Japanese and Korean characters are written twice (``中立`` → ``中中立立``): SQLite's
  trigram index (FTS5 ``trigram``) only finds strings of three or more characters, and most
  Chinese words have two; doubled, a two-character word is a four-character string, found
  exactly, inside a sentence that has no spaces. PostgreSQL's word index takes the characters
  and pairs of neighbouring characters of those runs as words instead (``cjk_grams``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

QUERY_MAX_CHARS = 200
QUERY_MAX_TERMS = 12

_CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0002fa1f"
)
CJK_RUN = re.compile(f"[{_CJK}]+")
# A term: a run of CJK characters, or a run of other letters and digits.
TERM = re.compile(f"[{_CJK}]+|[^\\W{_CJK}]+")
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
)
_DROP = re.compile(f"[{_MARKS}]")
_ARABIC = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
)
_ARTICLE = re.compile(r"(?<![^\W_])(?:وال|بال|كال|فال|لل|ال)(?=[\u0621-\u064a]{2})")
_UNDERSCORE = str.maketrans({"_": " "})


def _double(match: re.Match[str]) -> str:
    return "".join(ch * 2 for ch in match.group())


def normalise(text: str) -> str:
    """The indexed form of ``text`` (see the module's docstring)."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text)
    folded = _DROP.sub("", folded).casefold()
    folded = unicodedata.normalize("NFC", folded).translate(_ARABIC)
    folded = _ARTICLE.sub("", folded)
    return CJK_RUN.sub(_double, folded)


def without_cjk(norm: str) -> str:
    """Normalised text with the CJK runs blanked out: the words for a word index."""
    return CJK_RUN.sub(" ", norm)


def cjk_only(norm: str) -> str:
    """Only the (doubled) CJK runs of normalised text, one per line."""
    return "\n".join(CJK_RUN.findall(norm))


def cjk_grams(norm: str) -> list[str]:
    """The characters and the pairs of neighbouring characters of the CJK runs of normalised
    text, each once: the CJK "words" of PostgreSQL's word index. Most Chinese words have one
    or two characters, so a query for one is answered by the index alone."""
    grams: dict[str, None] = {}
    for run in CJK_RUN.findall(norm):
        chars = run[::2]  # undo the doubling
        grams.update(dict.fromkeys(chars))
        grams.update(dict.fromkeys(chars[i : i + 2] for i in range(len(chars) - 1)))
    return list(grams)


def cjk_query_grams(term: str) -> list[str]:
    """What a (doubled) CJK query term must find among ``cjk_grams``: itself if it has one or
    two characters, else each pair of neighbouring characters (all of them being present
    does not prove they are in a row: the caller checks the text)."""
    chars = term[::2]
    if len(chars) <= 2:
        return [chars]
    return list(dict.fromkeys(chars[i : i + 2] for i in range(len(chars) - 1)))


@dataclass(frozen=True)
class Query:
    """What the user asked, made safe: ``text`` (at most QUERY_MAX_CHARS), the normalised
    ``terms`` (each a run of letters/digits or a run of CJK characters; all must be found),
    and whether the input was cut short."""

    text: str
    terms: tuple[str, ...]
    truncated: bool

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def cjk_terms(self) -> list[str]:
        return [t for t in self.terms if CJK_RUN.fullmatch(t)]

    def word_terms(self) -> list[str]:
        return [t for t in self.terms if not CJK_RUN.fullmatch(t)]


def parse_query(raw: str | None) -> Query:
    """Turn user input into terms. Syntax characters (quotes, ``*``, ``-``, parentheses,
    ``NEAR``, ``:``) carry no meaning: punctuation separates terms, words are words."""
    text = " ".join((raw or "").split())
    truncated = len(text) > QUERY_MAX_CHARS
    if truncated:
        text = text[: QUERY_MAX_CHARS + 1]
        # Cut at the last space, not inside a word (unless it is one long word).
        text = text.rsplit(" ", 1)[0] if " " in text else text[:QUERY_MAX_CHARS]
    seen: list[str] = []
    for term in TERM.findall(normalise(text).translate(_UNDERSCORE)):
        if term not in seen:
            seen.append(term)
    if len(seen) > QUERY_MAX_TERMS:
        truncated = True
        seen = seen[:QUERY_MAX_TERMS]
    return Query(text=text, terms=tuple(seen), truncated=truncated)


# --- highlighting ---------------------------------------------------------------------------

_OPTIONAL_MARKS = f"[{_MARKS}]*"
_VARIANTS = {
    "ا": "[اأإآٱ]",
    "ي": "[يىئ]",
    "ه": "[هة]",
    "و": "[وؤ]",
}


def _pattern(term: str) -> str:
    if CJK_RUN.fullmatch(term):
        term = term[::2]  # undo the doubling
    return "".join(_VARIANTS.get(ch, re.escape(ch)) + _OPTIONAL_MARKS for ch in term)


def highlighter(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern finding the terms in the original text (decomposed to NFD), whatever its
    diacritics, case and alef forms."""
    if not terms:
        return None
    alternatives = sorted((_pattern(t) for t in terms), key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _mark(text: str, pattern: re.Pattern[str] | None) -> str:
    """HTML-escaped ``text`` with every match wrapped in <mark>."""
    if pattern is None:
        return html.escape(text)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        if match.end() == match.start():
            continue
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return unicodedata.normalize("NFC", "".join(out))


def highlight(text: str, pattern: re.Pattern[str] | None) -> str:
    """The whole of a short text (a title), escaped, with the terms marked."""
    return _mark(unicodedata.normalize("NFD", text or ""), pattern)


def snippet(text: str, pattern: re.Pattern[str] | None, *, width: int = 220) -> str:
    """About ``width`` characters of ``text`` around the first match, escaped, terms marked;
    the beginning of the text if nothing matches (a match in the title only)."""
    source = unicodedata.normalize("NFD", " ".join((text or "").split()))
    if not source:
        return ""
    match = pattern.search(source) if pattern is not None else None
    start = 0 if match is None else max(0, match.start() - width // 3)
    if start:
        space = source.find(" ", start, start + 30)
        start = space + 1 if space != -1 else start
    end = min(len(source), start + width)
    if end < len(source):
        space = source.rfind(" ", end - 30, end)
        end = space if space > start else end
    body = _mark(source[start:end], pattern)
    return ("… " if start else "") + body + (" …" if end < len(source) else "")
