"""Translation memory matching: pure functions over paragraph texts.

A paragraph is compared by its normalised plain text (markup dropped, Unicode NFC, spaces
collapsed, case folded). Exact matches compare SHA-256 digests; close matches score with
``difflib.SequenceMatcher`` over a bounded candidate set: units of the same language pair whose
source has a similar length (the neighbouring length buckets) or the same first characters.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from amity.documents.text import plain

THRESHOLD = 0.75
BUCKET_WIDTH = 20  # characters
PREFIX_LENGTH = 4
MAX_CANDIDATES = 400


def normalise(paragraph_html: str) -> str:
    text = unicodedata.normalize("NFC", plain(paragraph_html))
    return re.sub(r"\s+", " ", text).strip().casefold()


def digest(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def prefix(normalised: str) -> str:
    return normalised[:PREFIX_LENGTH]


def length_bucket(normalised: str) -> int:
    return min(len(normalised) // BUCKET_WIDTH, 32000)


def neighbour_buckets(normalised: str) -> list[int]:
    bucket = length_bucket(normalised)
    return [b for b in (bucket - 1, bucket, bucket + 1) if b >= 0]


def score(a: str, b: str) -> float:
    """Similarity of two normalised texts, 0 to 1."""
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
        return 0.0
    return matcher.ratio()


@dataclass(frozen=True)
class Match:
    score: float
    target_text: str
    payload: Any  # the unit, or whatever the caller attached


def best_matches(
    source: str,
    candidates: Iterable[tuple[str, str, Any]],
    *,
    threshold: float = THRESHOLD,
    limit: int = 3,
) -> list[Match]:
    """The closest candidates (``(normalised source, target text, payload)``) at or above the
    threshold, best first. ``source`` is already normalised."""
    found: list[Match] = []
    for text, target, payload in candidates:
        value = score(source, text)
        if value >= threshold:
            found.append(Match(round(value, 3), target, payload))
    found.sort(key=lambda m: -m.score)
    return found[:limit]
