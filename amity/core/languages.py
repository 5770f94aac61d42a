"""The six official languages of the United Nations, as Amity names them.

Content is keyed by ISO 639-1 codes (``ar zh en fr ru es``); the interface uses Django's
language codes, which differ only for Chinese (``zh-hans``). Akoma Ntoso uses ISO 639-2.
"""

import functools
from collections.abc import Mapping

from babel import Locale
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")


# The UN's alphabetical order of its official languages, in English.
CONTENT_LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
RTL_LANGUAGES = frozenset({"ar"})
ISO_639_2 = {"ar": "ara", "zh": "zho", "en": "eng", "fr": "fra", "ru": "rus", "es": "spa"}
# English dates as the United Nations writes them: "11 December 2023" (British usage).
BABEL_LOCALES = {"ar": "ar", "zh": "zh_Hans", "en": "en_GB", "fr": "fr", "ru": "ru", "es": "es"}
_INTERFACE_TO_CONTENT = {"zh-hans": "zh", "zh-cn": "zh", "zh": "zh"}
_CONTENT_TO_INTERFACE = {"zh": "zh-hans"}


@functools.cache
def babel_locale(code: str) -> Locale:
    """Babel's locale for a content language, parsed once per process (Babel parses a locale
    given by name on every call)."""
    return Locale.parse(BABEL_LOCALES.get(code, "en"))


def content_language(interface_code: str | None = None) -> str:
    """The content language (ISO 639-1) for an interface language code, by default the active one."""
    code = (interface_code or get_language() or "en").lower()
    code = _INTERFACE_TO_CONTENT.get(code, code.split("-")[0])
    return code if code in CONTENT_LANGUAGES else "en"


def interface_language(content_code: str) -> str:
    return _CONTENT_TO_INTERFACE.get(content_code, content_code)


def is_rtl(content_code: str) -> bool:
    return content_code in RTL_LANGUAGES


def translated(
    values: Mapping[str, str] | None, language: str | None = None, *, fallback: str = "en"
) -> str:
    """Pick the text for ``language`` from a ``{code: text}`` mapping.

    Falls back to ``fallback`` (the original language), then to English, then to the first
    non-empty text, so that a field entered in one language is always shown somewhere.
    """
    if not values:
        return ""
    lang = content_language(language) if language else content_language()
    for code in (lang, fallback, "en", *CONTENT_LANGUAGES):
        text = values.get(code)
        if text:
            return text
    return ""


def clean_translations(values: Mapping[str, str] | None) -> dict[str, str]:
    """Keep only the six official languages and non-blank, stripped texts."""
    if not values:
        return {}
    return {
        code: str(values[code]).strip()
        for code in CONTENT_LANGUAGES
        if code in values and str(values[code] or "").strip()
    }


def as_translations(value: Mapping[str, str] | str | None, original: str = "en") -> dict[str, str]:
    """A content field's value as ``{code: text}``: a mapping is cleaned, a plain string (what
    older callers and single-language forms pass) becomes the text of ``original``."""
    if value is None:
        return {}
    if isinstance(value, str):
        return clean_translations({original: value})
    return clean_translations(value)


def pick(
    values: Mapping[str, str] | None, original: str = "en", language: str | None = None
) -> tuple[str, str]:
    """The text to show a reader of ``language`` (by default the page's) and the language it
    is in: that language's version, else the original, else English, else any. A caller that
    gets back another language than the reader's must mark it (``lang``, ``dir``, isolation,
    "original in …")."""
    if not values or not hasattr(values, "get"):
        return "", ""
    lang = content_language(language) if language else content_language()
    for code in (lang, original, "en", *CONTENT_LANGUAGES):
        text = values.get(code)
        if text:
            return str(text), code
    return "", ""


def missing_languages(values: Mapping[str, str] | None) -> list[str]:
    """The content languages with no text yet (what the coordinator still has to fill in)."""
    values = values or {}
    return [code for code in CONTENT_LANGUAGES if not str(values.get(code) or "").strip()]


def language_name(code: str, in_language: str | None = None) -> str:
    """The name of a content language in another ("anglais", "英语", "الإنجليزية"), from CLDR."""
    reader = content_language(in_language) if in_language else content_language()
    return babel_locale(reader).languages.get(code) or code


def bcp47_tag(code: str) -> str:
    """The ``lang`` attribute of a content language (Chinese is written in simplified script)."""
    return "zh-Hans" if code == "zh" else code
