"""Template filters for content in six languages: ``{lang: text}`` fields, dates, numbers and
lists (all formatted by ``amity.core.formatting``), and names isolated for bidirectional text.
"""

import datetime
import json
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext

from amity.core import formatting
from amity.core.languages import (
    CONTENT_LANGUAGES,
    bcp47_tag,
    content_language,
    is_rtl,
    language_name,
    pick,
    translated,
)
from amity.core.scripts import SCRIPT, script_counts

register = template.Library()


@register.filter
def tr(values: Any, fallback: str = "en") -> str:
    """The text of a ``{lang: text}`` field in the page's language, with fallbacks."""
    return translated(values, fallback=fallback)


def _marked(text: str, lang: str) -> SafeString:
    """Inserted text isolated (``<bdi>``), and marked with its language when that is not the
    page's, so that an English note on an Arabic page keeps its punctuation and is read as
    English."""
    if not text:
        return SafeString("")
    page = content_language()
    if lang and lang != page:
        direction = "rtl" if is_rtl(lang) else "ltr"
        return format_html('<bdi lang="{}" dir="{}">{}</bdi>', bcp47_tag(lang), direction, text)
    return format_html("<bdi>{}</bdi>", text)


def original_note(shown: str, original: str) -> str:
    """The note beside a text shown in another language than the page's, in the page's
    language: "original in English", or "in English" when even the original is missing."""
    name = language_name(shown)
    if shown == original:
        return gettext("original in %(language)s") % {"language": name}
    return gettext("in %(language)s") % {"language": name}


def content_html(values: Any, original: str = "en", *, block: bool = False) -> SafeString:
    """A ``{lang: text}`` field as the page shows it: the page's language version isolated;
    else the original (or any version), marked ``lang`` and ``dir``, isolated, and followed by
    a note in the page's language. ``block`` keeps paragraphs (``linebreaks``)."""
    text, shown = pick(values, original or "en")
    if not text:
        return SafeString("")
    page = content_language()
    if block:
        paragraphs = SafeString(
            "".join(
                format_html("<p>{}</p>", SafeString(conditional_escape(p).replace("\n", "<br>")))
                for p in normalize_newlines(text).split("\n\n")
                if p.strip()
            )
        )
        if shown == page:
            return format_html('<div class="content-text" dir="auto">{}</div>', paragraphs)
        return format_html(
            '<div class="content-text" lang="{}" dir="{}">{}</div>'
            '<p class="original-note"><small>({})</small></p>',
            bcp47_tag(shown),
            "rtl" if is_rtl(shown) else "ltr",
            paragraphs,
            original_note(shown, original or "en"),
        )
    if shown == page:
        return format_html("<bdi>{}</bdi>", text)
    return format_html(
        '<bdi lang="{}" dir="{}">{}</bdi> <small class="original-note">({})</small>',
        bcp47_tag(shown),
        "rtl" if is_rtl(shown) else "ltr",
        text,
        original_note(shown, original or "en"),
    )


@register.filter
def trm(values: Any, original: str = "en") -> SafeString:
    """A ``{lang: text}`` field shown inline: the text in the page's language, else the
    original marked with its language, isolated, and "(original in English)" beside it."""
    if not values:
        return SafeString("")
    return content_html(values, original)


@register.filter
def trblock(values: Any, original: str = "en") -> SafeString:
    """Like ``trm`` for texts of several paragraphs (cause, summary record, notes)."""
    if not values:
        return SafeString("")
    return content_html(values, original, block=True)


@register.filter
def trlang(values: Any, fallback: str = "en") -> str:
    """The language (BCP 47) of the text ``tr`` picks: to mark a block that shows it."""
    if not values or not hasattr(values, "get"):
        return ""
    for code in (content_language(), fallback, "en", *CONTENT_LANGUAGES):
        if values.get(code):
            return "zh-Hans" if code == "zh" else code
    return ""


@register.filter
def inlang(text: Any, lang: str = "") -> SafeString:
    """A text written in one language (a note typed by the coordinator, in the group's
    original language): isolated, and marked when that is not the page's language."""
    if text is None or text == "":
        return SafeString("")
    return _marked(str(text), lang or "")


# The language a text copied without one (a name as entered, a chair's note) is marked with,
# by its script, when that is not the page's script.
_SCRIPT_LANGUAGE = {"arabic": "ar", "cyrillic": "ru", "han": "zh"}


@register.filter
def inscript(text: Any, latin: str = "en") -> SafeString:
    """A text whose language is not recorded (a name as entered, a note copied into the live
    record): isolated, and, when it is written in another script than the page's, marked with
    a language of that script (Latin: ``latin`` if that is a Latin-script language, else
    English), so that a screen reader and the bidirectional algorithm treat it as such."""
    if text is None or text == "":
        return SafeString("")
    counts = script_counts([str(text)])
    page = content_language()
    if not counts:
        return format_html("<bdi>{}</bdi>", text)
    script = counts.most_common(1)[0][0]
    if script == SCRIPT.get(page):
        return format_html("<bdi>{}</bdi>", text)
    if script == "latin":
        lang = latin if SCRIPT.get(latin) == "latin" else "en"
    else:
        lang = _SCRIPT_LANGUAGE.get(script, "")
    return _marked(str(text), lang)


@register.filter
def person_name(person: Any) -> SafeString:
    """A person's name in the page's script when the delegation gave it (``Person.names``),
    else the honorific and the name as entered, marked by their script (``inscript``)."""
    if not person:
        return SafeString("")
    text, lang = person.name_in(content_language())
    if lang:
        return format_html("<bdi>{}</bdi>", text)
    return inscript(" ".join(part for part in (person.honorific, text) if part))


@register.filter
def longdate(day: datetime.date | datetime.datetime | None) -> str:
    """11 December 2023 · 2023年12月11日 (a moment is shown on its local day)."""
    return formatting.date_long(day)


@register.filter
def monthyear(day: datetime.date | None) -> str:
    return formatting.month_year(day)


@register.filter
def datetime_long(moment: datetime.datetime | None) -> str:
    """11 December 2023, 10:00 in the current time zone."""
    return formatting.date_time(moment)


@register.filter
def number(value: Any) -> str:
    return formatting.number(value) if value is not None and value != "" else ""


@register.simple_tag
def dated(day: datetime.date | None, precision: str = "day") -> str:
    """A date shown only as precisely as it is known: '2020', 'May 2023', '11 December 2023'."""
    return formatting.date_as_known(day, precision)


def _name_html(item: Any) -> SafeString:
    """A name, escaped; a State named in a language other than the page's (its UN English
    name standing in) is marked with that language and isolated."""
    if hasattr(item, "name_in"):
        text, lang = item.name_in(content_language())
        if lang != content_language():
            return format_html('<bdi lang="{}" dir="ltr">{}</bdi>', lang, text)
        return SafeString(conditional_escape(text))
    return SafeString(conditional_escape(getattr(item, "name", item)))


@register.filter
def state_name(state: Any) -> SafeString:
    """A State's UN name in the page's language (the English one, marked, when missing)."""
    if state is None or state == "":
        return SafeString("")
    return _name_html(state)


@register.filter
def listing(items: Iterable[Any] | None) -> SafeString:
    """Names (strings, or objects with a ``name``) joined as the page's language joins them:
    "A, B and C", "A、B和C", "أ، ب وج"."""
    if not items:
        return SafeString("")
    return mark_safe(formatting.listing([str(_name_html(item)) for item in items]))  # noqa: S308 - every part escaped above (_name_html)


@register.simple_tag
def comma() -> str:
    """The page language's comma, with its space ("، " in Arabic, "，" in Chinese)."""
    return formatting.comma()


@register.simple_tag
def semicolon() -> str:
    """The page language's semicolon ("؛ " in Arabic, "；" in Chinese, " ; " in French)."""
    return formatting.semicolon()


@register.filter
def bdi(text: Any) -> SafeString:
    """Inserted text isolated from the surrounding direction (names, user input)."""
    if text is None or text == "":
        return SafeString("")
    return format_html("<bdi>{}</bdi>", text)


@register.simple_tag
def machine_proposal_button(field: Any, url: str) -> SafeString:
    """Beside an empty input of a ``{lang: text}`` field (``core.forms.translation_fields``):
    a button that asks ``url`` (``members:machine_proposal``) for a proposal translated from
    the original's input as it is then, and a place for the answer, which fills the input
    (``page.js``) to review before saving. Nothing without a URL (no machine translation, or
    not the coordinator), for the original, or for an input with text."""
    source = getattr(field.field, "translation_source", None)
    if not url or source is None or (field.value() or "").strip():
        return SafeString("")
    key, source_language, target_language = source
    source_field = field.form[key]
    target_id = field.id_for_label
    values = json.dumps(
        {
            "source_field": source_field.html_name,
            "source_language": source_language,
            "target_language": target_language,
            "input": target_id,
        }
    )
    return format_html(
        '<button type="button" class="secondary machine-proposal-ask" hx-post="{}" '
        'hx-include="#{}" hx-vals="{}" hx-target="#mt-{}" hx-swap="innerHTML" '
        'hx-disabled-elt="this">{}</button><div id="mt-{}" class="machine-proposal" '
        'aria-live="polite"></div>',
        url,
        source_field.id_for_label,
        values,
        target_id,
        gettext("Propose a machine translation"),
        target_id,
    )
