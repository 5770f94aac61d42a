"""Sorting text as readers of each language expect, through ICU (PyICU).

Python's ``sorted`` compares code points: "Côte d'Ivoire" would come after "Czechia", "Éthiopie"
after "Zambie", and Chinese names in the order of their code points. ICU's collators follow
CLDR: accents are secondary differences, Chinese sorts by pinyin, Arabic and Cyrillic by their
alphabets; Arabic, as the UN lists States, without the article (الاتحاد الروسي under ا, الأرجنتين
after أذربيجان). One collator per language is built once per process and thread (ICU collators are
not safe to share between threads).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

import icu

from amity.core.languages import content_language

T = TypeVar("T")

# ICU locales for the content languages (Simplified Chinese sorts by pinyin).
ICU_LOCALES = {"ar": "ar", "zh": "zh_Hans", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}

_local = threading.local()


def collator(language: str | None = None) -> icu.Collator:
    """The ICU collator of a content language (the active one by default)."""
    code = language or content_language()
    cache: dict[str, icu.Collator] = getattr(_local, "collators", None) or {}
    _local.collators = cache
    found = cache.get(code)
    if found is None:
        found = icu.Collator.createInstance(icu.Locale(ICU_LOCALES.get(code, "en")))
        cache[code] = found
    return found


def _sortable(text: str, language: str) -> str:
    if language == "ar" and text.startswith("ال") and len(text) > 3:
        return text[2:]
    return text


def sorted_by(items: Iterable[T], text: Callable[[T], str], language: str | None = None) -> list[T]:
    """``items`` ordered by ``text(item)`` in the language's collation."""
    code = language or content_language()
    coll = collator(code)
    return sorted(items, key=lambda item: bytes(coll.getSortKey(_sortable(text(item) or "", code))))


def sort_key(text: str, language: str | None = None) -> bytes:
    """The key that orders ``text`` in the language's collation (for ``sorted(key=…)``)."""
    code = language or content_language()
    return bytes(collator(code).getSortKey(_sortable(text or "", code)))
