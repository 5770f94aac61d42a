"""Renditions of a language version: PDF (``pdf.py``), Word (``docx.py``) and Akoma Ntoso
(``akn.py``). Each is a pure function from a ``RenditionInput`` to bytes: no database, no
request, so the command line, the background job and the benchmark share them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from amity.circulation import wording
from amity.core.languages import is_rtl


@dataclass(frozen=True)
class LetterInput:
    """The covering letter to the Secretary-General that turns the text into its annex."""

    date: datetime.date
    state: str  # the chair's state, named in the letter's language
    representative: str  # the Permanent Representative who signs
    security_council: bool = False


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


def letter_text(data: RenditionInput) -> LetterText | None:
    """The letter's words in ``data.language``, or None when the rendition has no letter."""
    letter = data.letter
    if letter is None:
        return None
    words = wording.LETTER[data.language]
    date = wording.long_date(letter.date, data.language)
    session = (
        wording.session_phrase(data.session, data.language) if data.session is not None else ""
    )
    return LetterText(
        heading=words["heading"].format(date=date, state=letter.state),
        paragraphs=[
            words["transmit"].format(title=data.title),
            words["circulate"].format(
                item=data.agenda_item_number or "",
                session=session,
                sc=words["sc"] if letter.security_council else "",
            ),
        ],
        signed=words["signed"].format(name=letter.representative),
        role=words["role"],
        annex_heading=words["annex"].format(date=date, state=letter.state),
    )


def header_lines(data: RenditionInput) -> dict[str, str]:
    """The UN document header in the document's language."""
    words = wording.header_words(data.language)
    return {
        "un": words["un"],
        "body": words["ga"],
        "symbol": data.symbol or words["symbol_pending"],
        "distr": words["distr"],
        "date": wording.long_date(data.date, data.language),
        "original": wording.original_line(data.language, data.original_language),
        "session": wording.session_name(data.session, data.language) if data.session else "",
        "item": (
            wording.agenda_item_line(data.agenda_item_number, data.language)
            if data.agenda_item_number
            else ""
        ),
        "item_title": data.agenda_item_title,
        "joined": words["joined"],
        "annex": words["annex"],
    }


def file_stem(data: RenditionInput) -> str:
    """A file name without extension: the symbol or the slug, then the language."""
    from amity.circulation.symbols import symbol_slug

    base = symbol_slug(data.symbol) if data.symbol else (data.document_slug or "document")
    return f"{base}-{data.language}"
