"""The Word (.docx) rendition, for the UN documents service (python-docx).

Styles: Title for the heading, Normal for text, "Operative Paragraph" (based on the template's
numbered "List Number") for operative paragraphs. Arabic paragraphs are right to left (``w:bidi``
on the paragraph, ``w:rtl`` on each run, complex-script font); Chinese runs carry an East Asian
font and language.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from amity.circulation.renditions import RenditionInput, header_lines, letter_text
from amity.circulation.renditions.html_parts import runs

OPERATIVE_STYLE = "Operative Paragraph"
ARABIC_FONT = "Noto Naskh Arabic"
CHINESE_FONT = "Noto Sans CJK SC"
LATIN_FONT = "Noto Serif"


def _set_fonts(rpr: object, language: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)  # type: ignore[attr-defined]
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    if language == "ar":
        fonts.set(qn("w:cs"), ARABIC_FONT)
    if language == "zh":
        fonts.set(qn("w:eastAsia"), CHINESE_FONT)
        lang = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)  # type: ignore[attr-defined]
        lang.set(qn("w:eastAsia"), "zh-CN")


def _bidi(paragraph: Paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find(qn("w:bidi")) is None:
        ppr.append(OxmlElement("w:bidi"))


def _add(
    paragraph: Paragraph,
    text: str,
    language: str,
    *,
    bold: bool = False,
    italic: bool = False,
    brk: bool = False,
) -> None:
    run = paragraph.add_run()
    if brk:
        run.add_break(WD_BREAK.LINE)
    else:
        run.text = text
    run.bold = bold or None
    run.italic = italic or None
    rpr = run._r.get_or_add_rPr()
    _set_fonts(rpr, language)
    if language == "ar":
        rpr.append(OxmlElement("w:rtl"))


def _paragraph(document: object, language: str, style: str | None = None) -> Paragraph:
    """A new paragraph; ``style`` is a style *id*. (Setting it by id, not by name, spares
    python-docx a scan of every style for each paragraph: a third of the time of a .docx.)"""
    paragraph: Paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    if style is not None:
        paragraph._p.style = style
    if language == "ar":
        _bidi(paragraph)
    return paragraph


def _text(
    document: object,
    text: str,
    language: str,
    *,
    style: str | None = None,
    bold: bool = False,
    align_end: bool = False,
) -> Paragraph:
    paragraph = _paragraph(document, language, style)
    if align_end:
        # With w:bidi, "right" is the logical end... python-docx names it by the visual side.
        paragraph.alignment = (
            WD_ALIGN_PARAGRAPH.LEFT if language == "ar" else WD_ALIGN_PARAGRAPH.RIGHT
        )
    _add(paragraph, text, language, bold=bold)
    return paragraph


def _html(document: object, html: str, language: str, style: str | None = None) -> Paragraph:
    paragraph = _paragraph(document, language, style)
    for run in runs(html):
        _add(paragraph, run.text, language, bold=run.bold, italic=run.italic, brk=run.brk)
    return paragraph


def _styles(document: object, language: str) -> None:
    styles = document.styles  # type: ignore[attr-defined]
    normal = styles["Normal"]
    normal.font.size = Pt(11)
    _set_fonts(normal.element.get_or_add_rPr(), language)
    if language == "ar":
        normal.element.get_or_add_pPr().append(OxmlElement("w:bidi"))
        normal.element.get_or_add_rPr().append(OxmlElement("w:rtl"))
    title = styles["Title"]
    _set_fonts(title.element.get_or_add_rPr(), language)
    if OPERATIVE_STYLE not in [s.name for s in styles]:
        operative = styles.add_style(OPERATIVE_STYLE, 1)  # WD_STYLE_TYPE.PARAGRAPH
        operative.base_style = styles["List Number"]
        operative.quick_style = True


def render(data: RenditionInput) -> bytes:
    document = Document()
    language = data.language
    _styles(document, language)
    section = document.sections[0]
    if language == "ar":
        section._sectPr.append(OxmlElement("w:bidi"))
    head = header_lines(data)
    # Every page after the first: the symbol and the "Original" line in the page header.
    section.different_first_page_header_footer = True
    running = section.header.paragraphs[0]
    if language == "ar":
        _bidi(running)
    _add(running, head["symbol"] + "    " + head["original"], language)
    _text(document, head["un"] + "    " + head["symbol"], language, bold=True)
    _text(document, head["body"], language, bold=True)
    _text(document, head["distr"], language, align_end=True)
    _text(document, head["date"], language, align_end=True)
    if head["language"]:
        _text(document, head["language"], language, align_end=True)
    _text(document, head["original"], language, align_end=True)
    if head["session"]:
        _text(document, head["session"], language)
    if head["item"]:
        _text(document, head["item"], language)
    if head["item_title"]:
        _text(document, head["item_title"], language, bold=True)

    letter = letter_text(data)
    if letter is not None:
        _text(document, letter.heading, language, bold=True)
        for line in letter.paragraphs:
            _text(document, line, language)
        _text(document, letter.signed, language, align_end=True)
        _text(document, letter.role, language, align_end=True)
        _paragraph(document, language).add_run().add_break(WD_BREAK.PAGE)
        _text(document, head["symbol"], language)
        _text(document, head["original"], language, align_end=True)
        _text(document, head["annex"], language, bold=True, align_end=True)
        _text(document, letter.annex_heading, language, bold=True)

    styles = document.styles
    _text(document, data.title, language, style=styles["Title"].style_id)
    operative = styles[OPERATIVE_STYLE].style_id
    for paragraph in data.preamble:
        _html(document, paragraph, language)
    for paragraph in data.operative:
        _html(document, paragraph, language, style=operative)
    if data.joined_states:
        _text(document, head["joined"] + " " + head["joined_list"], language)

    buffer = io.BytesIO()
    document.save(buffer)
    return _stamped(buffer.getvalue(), data)


def _stamped(content: bytes, data: RenditionInput) -> bytes:
    """The .docx with each part dated by the document's date instead of the moment it was
    saved, so the same text always gives the same bytes (and the same manifest checksum)."""
    stamp = (max(data.date.year, 1980), data.date.month, data.date.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            part = zipfile.ZipInfo(info.filename, date_time=stamp)
            part.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(part, source.read(info))
    return out.getvalue()
