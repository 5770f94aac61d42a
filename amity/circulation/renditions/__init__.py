"""Renditions of a language version: PDF (``pdf.py``), Word (``docx.py``) and Akoma Ntoso
(``akn.py``). Each is a pure function from a ``RenditionInput`` to bytes: no database, no
request, so the command line, the background job and the benchmark share them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from amity.circulation import wording
from amity.core import formatting
from amity.core.languages import is_rtl


@dataclass(frozen=True)
class LetterInput:
    """The covering letter to the Secretary-General that turns the text into its annex."""

    date: datetime.date
    state: str  # the chair's state, named in the letter's language
    representative: str  # who signs, in the letter's script when the delegation gives it
    security_council: bool = False
    # The State as it follows "Permanent Representative" in the letter's language ("of the
    # Niger", "du Niger", "Нигера", "للنيجر"); the plain name stands in when empty.
    state_of: str = ""
    observer: bool = False  # an observer State: its Permanent Observer signs
    feminine: bool = False  # the signatory's title in the feminine where the language has one
    representative_lang: str = ""  # the language of the name's script when it is not the letter's


@dataclass(frozen=True)
class RenditionInput:
    language: str
    title: str
    preamble: list[str]  # sanitized paragraph HTML
    operative: list[str]
    symbol: str | None
    date: datetime.date
    session: int | None
    agenda_item_number: int | None
    agenda_item_title: str
    original_language: str
    joined_states: list[str]  # names in ``language``
    document_kind: str  # declaration, joint_statement, communique, chairs_summary
    group_slug: str = ""
    document_slug: str = ""
    adopted_on: datetime.date | None = None
    letter: LetterInput | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def rtl(self) -> bool:
        return is_rtl(self.language)


@dataclass(frozen=True)
class LetterText:
    heading: str
    paragraphs: list[str]
    signed: str
    role: str
    annex_heading: str
    name: str = ""
    name_lang: str = ""  # set when the signatory's name is not in the letter's language


def _state_of(letter: LetterInput, language: str) -> str:
    if letter.state_of:
        return letter.state_of
    # A State outside the shipped list: its name, with the bare preposition of the language.
    return {"en": "of ", "fr": "de ", "es": "de ", "ar": "ل"}.get(language, "") + letter.state


def letter_text(data: RenditionInput) -> LetterText | None:
    """The letter's words in ``data.language``, or None when the rendition has no letter.
    Each language's sentences are its own templates around the sender's title."""
    letter = data.letter
    if letter is None:
        return None
    language = data.language
    words = wording.LETTER[language]
    date = wording.long_date(letter.date, language)
    session = wording.session_phrase(data.session, language) if data.session is not None else ""
    gender = "f" if letter.feminine else "m"
    state_of = _state_of(letter, language)
    sender = wording.sender(language, state_of, observer=letter.observer, feminine=letter.feminine)
    grateful = words.get("grateful")
    return LetterText(
        heading=words["heading"].format(date=date, sender=sender),
        paragraphs=[
            words["transmit"].format(title=data.title),
            words["circulate"].format(
                item=data.agenda_item_number or "",
                session=session,
                sc=words["sc"] if letter.security_council else "",
                grateful=grateful[gender] if isinstance(grateful, dict) else "",
            ),
        ],
        signed=words["signed"].format(name=letter.representative),
        role=wording.signatory_title(
            language, state_of, observer=letter.observer, feminine=letter.feminine
        ),
        annex_heading=words["annex"].format(date=date, sender=sender),
        name=letter.representative,
        name_lang=letter.representative_lang,
    )


def header_lines(data: RenditionInput) -> dict[str, str]:
    """The UN document header in the document's language (the masthead's date and language
    lines in English for the Arabic, Chinese and Russian versions, as the UN prints them)."""
    words = wording.header_words(data.language)
    return {
        "un": words["un"],
        "body": words["ga"],
        "symbol": data.symbol or words["symbol_pending"],
        "distr": words["distr"],
        "date": wording.masthead_date(data.date, data.language),
        "language": wording.language_line(data.language, data.original_language),
        "original": wording.original_line(data.language, data.original_language),
        "masthead_lang": wording.MASTHEAD_LANGUAGE[data.language],
        "session": wording.session_name(data.session, data.language) if data.session else "",
        "item": (
            wording.agenda_item_line(data.agenda_item_number, data.language)
            if data.agenda_item_number
            else ""
        ),
        "item_title": data.agenda_item_title,
        "joined": words["joined"],
        "joined_list": formatting.listing(data.joined_states, data.language),
        "annex": words["annex"],
    }


def file_stem(data: RenditionInput) -> str:
    """A file name without extension: the symbol or the slug, then the language."""
    from amity.circulation.symbols import symbol_slug

    base = symbol_slug(data.symbol) if data.symbol else (data.document_slug or "document")
    return f"{base}-{data.language}"
