"""Which writing system a text is in, to catch a language version saved in the wrong script
(Latin text pasted as the Arabic, Chinese or Russian version, or the reverse)."""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from collections.abc import Iterable

# The script each content language is written in.
SCRIPT = {
    "ar": "arabic",
    "zh": "han",
    "ru": "cyrillic",
    "en": "latin",
    "fr": "latin",
    "es": "latin",
}
# Fewer letters than this say too little to judge (a symbol, a name, "A/77/650").
MIN_LETTERS = 12


# Asked for every letter of every language version a document page checks (issue 17: about
# 9 ms of a signed-in reader's document page, now 0.2); a text uses few distinct letters.
@functools.lru_cache(maxsize=8192)
def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    if name.startswith("CJK ") or "IDEOGRAPH" in name:
        return "han"
    for script in ("ARABIC", "CYRILLIC", "LATIN"):
        if name.startswith(script):
            return script.lower()
    return "other"


def script_counts(texts: Iterable[str]) -> Counter[str]:
    letters: Counter[str] = Counter()
    for text in texts:
        letters.update(text or "")
    counts: Counter[str] = Counter()
    for char, n in letters.items():
        script = _script(char)
        if script:
            counts[script] += n
    return counts


def in_wrong_script(texts: Iterable[str], language: str) -> bool:
    """True when the text, meant to be in ``language``, is mostly in another script: under
    half of its letters (Han characters count three times: one carries a word) are in the
    language's script. Short texts are not judged."""
    expected = SCRIPT.get(language)
    if expected is None:
        return False
    counts = script_counts(texts)
    weighted = {script: n * (3 if script == "han" else 1) for script, n in counts.items()}
    total = sum(weighted.values())
    if sum(counts.values()) < MIN_LETTERS:
        return False
    return weighted.get(expected, 0) * 2 < total
