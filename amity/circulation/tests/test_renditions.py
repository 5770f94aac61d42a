"""PDF, Word and Akoma Ntoso renditions: schema validity, fonts, text order, right to left."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
from typing import Any

import docx as python_docx
import pytest
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, FloatObject, NameObject, NumberObject

from amity.circulation.renditions import LetterInput, RenditionInput, akn, docx, pdf

TEXTS = {
    "ar": (
        "الإعلان الختامي",
        ["إذ تشير إلى ميثاق الأمم المتحدة", "وإذ تلاحظ عمل المجموعة"],
        ["تقرر أن تجتمع كل ستة أشهر", "<b>تقرر</b> أن تجتمع مرة في السنة على المستوى الوزاري"],
    ),
    "zh": (
        "最后宣言",
        ["回顾联合国宪章", "注意到小组的工作"],
        ["商定每六个月举行一次会议", "<b>决定</b>每年举行一次部长级会议"],
    ),
    "en": (
        "Final Declaration",
        ["<i>Recalling</i> the Charter", "<i>Noting</i> the work"],
        ["<b>Agree</b> to meet every six months;", "Decide to meet<br>once a year"],
    ),
    "fr": (
        "Déclaration finale",
        ["<i>Rappelant</i> la Charte", "Notant les travaux"],
        ["<b>Conviennent</b> de se réunir", "Décident de se réunir"],
    ),
    "ru": (
        "Заключительная декларация",
        ["<i>Ссылаясь</i> на Устав", "Отмечая работу"],
        ["<b>Договариваются</b> встречаться", "Постановляют встречаться"],
    ),
    "es": (
        "Declaración final",
        ["<i>Recordando</i> la Carta", "Observando la labor"],
        ["<b>Acuerdan</b> reunirse", "Deciden reunirse"],
    ),
}


def make_input(language: str, *, symbol: str | None = None, letter: bool = True) -> RenditionInput:
    title, preamble, operative = TEXTS[language]
    return RenditionInput(
        language=language,
        title=title,
        preamble=preamble,
        operative=operative,
        symbol=symbol,
        date=datetime.date(2023, 3, 1),
        session=77,
        agenda_item_number=58,
        agenda_item_title="Peacebuilding and sustaining peace",
        original_language="en",
        joined_states=["Kazakhstan", "Turkmenistan"],
        document_kind="declaration",
        group_slug="neutrality",
        document_slug="final-declaration-2022",
        adopted_on=datetime.date(2022, 12, 10),
        letter=LetterInput(
            date=datetime.date(2023, 3, 1), state="Turkmenistan", representative="Aksoltan Ataeva"
        )
        if letter
        else None,
    )


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("language", list(TEXTS))
@pytest.mark.parametrize("symbol", [None, "A/77/123"])
def test_every_akn_file_validates_against_the_oasis_schema(language, symbol):
    """Each language's Akoma Ntoso file is valid AKN 3.0, with AKN4UN identifiers and the
    ISO 639-2 language."""
    xml = akn.render(make_input(language, symbol=symbol))
    assert akn.validate(xml) == []
    ids = akn.identifiers(make_input(language, symbol=symbol))
    assert ids["work"].startswith("/akn/un/statement/declaration/")
    if symbol:
        assert ids["work"].endswith("/un-ga/2022-12-10/A-77-123")
    iso = {"ar": "ara", "zh": "zho", "en": "eng", "fr": "fra", "ru": "rus", "es": "spa"}[language]
    assert f'language="{iso}"'.encode() in xml
    assert ids["expression"].endswith(f"/{iso}@2022-12-10")


def test_an_invalid_akn_document_is_reported():
    """The validator is not a formality: an element out of place is reported."""
    xml = akn.render(make_input("en")).replace(b"<mainBody>", b"<mainBody><bogus/>")
    assert akn.validate(xml)


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def _cid_map(font: Any) -> dict[int, int] | None:
    """Character code -> CID for a Type 0 font: None for /Identity-H (code = CID), else the
    codes listed in its embedded CMap. WeasyPrint writes such a CMap only when a character has
    no glyph in the font, mapping that character's code to CID 0 (.notdef)."""
    encoding = font["/Encoding"]
    if isinstance(encoding, NameObject):
        assert encoding == "/Identity-H", encoding
        return None
    cmap = encoding.get_object().get_data().decode("latin-1")
    mapping: dict[int, int] = {}
    for block in re.findall(r"begincidchar(.*?)endcidchar", cmap, re.S):
        for code, cid in re.findall(r"<([0-9a-fA-F]+)>\s+(\d+)", block):
            mapping[int(code, 16)] = int(cid)
    for block in re.findall(r"begincidrange(.*?)endcidrange", cmap, re.S):
        for low, high, cid in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s+(\d+)", block):
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = int(cid) + offset
    return mapping


def _glyph_count(font: Any) -> int:
    """How many glyphs the font file embedded in the PDF holds (WeasyPrint keeps glyph ids
    when it subsets, so a glyph id is valid when it is below this count)."""
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    key = next(k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor)
    return len(TTFont(io.BytesIO(descriptor[key].get_object().get_data())).getGlyphOrder())


def missing_glyphs(reader: PdfReader) -> list[str]:
    """Every character shown with no real glyph: its code maps to CID 0 (.notdef) or to a
    glyph id the embedded font does not have. Reads each page's text operators with the font
    that is current for them. (A text layer with no font is not produced by WeasyPrint.)"""
    problems = []
    for number, page in enumerate(reader.pages, start=1):
        fonts = {name: ref.get_object() for name, ref in page["/Resources"]["/Font"].items()}
        known: dict[str, tuple[dict[int, int] | None, int]] = {}
        current = ""
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = str(operands[0])
                continue
            if operator not in (b"Tj", b"TJ", b"'", b'"'):
                continue
            if current not in known:
                known[current] = (_cid_map(fonts[current]), _glyph_count(fonts[current]))
            cids, count = known[current]
            shown = operands[0] if operator != b'"' else operands[2]
            strings = shown if isinstance(shown, ArrayObject) else [shown]
            for string in strings:
                if isinstance(string, (int, float, NumberObject, FloatObject)):
                    continue
                raw = getattr(string, "original_bytes", string)
                for i in range(0, len(raw) - 1, 2):
                    code = int.from_bytes(raw[i : i + 2], "big")
                    cid = code if cids is None else cids.get(code, 0)
                    if cid == 0 or cid >= count:
                        base = fonts[current]["/BaseFont"]
                        problems.append(f"page {number}: code {code:04x} in {base} -> {cid}")
    return problems


@pytest.mark.parametrize(
    ("language", "family"), [("ar", "Noto-Naskh-Arabic"), ("zh", "Noto-Sans-CJK-SC")]
)
def test_arabic_and_chinese_pdfs_keep_text_order_and_real_fonts(language, family):
    """The text extracted from the PDF contains each paragraph in logical order; every font
    embedded is a Noto font (the script's own among them) and no glyph is .notdef."""
    data = make_input(language)
    reader = PdfReader(io.BytesIO(pdf.render(data)))
    extracted = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    for paragraph in [*data.preamble, *data.operative, data.title]:
        assert re.sub(r"\s+", "", _plain(paragraph)) in extracted
    fonts = _fonts(reader)
    assert all("Noto" in name for name in fonts), fonts
    assert any(family in name for name in fonts), fonts
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert missing_glyphs(reader) == []


@pytest.mark.parametrize("character", ["\ue000", "\u0378"])
def test_the_glyph_check_catches_a_character_no_font_has(character):
    """A private-use character (U+E000) or an unassigned one (U+0378) has a glyph in no Noto
    font: WeasyPrint shows .notdef for it, and the check used above reports it (once)."""
    data = make_input("en")
    data = dataclasses.replace(data, operative=[f"Agree{character} to meet", *data.operative[1:]])
    reader = PdfReader(io.BytesIO(pdf.render(data)))
    problems = missing_glyphs(reader)
    assert len(problems) == 1, problems
    assert "Noto-Serif" in problems[0]
    assert missing_glyphs(PdfReader(io.BytesIO(pdf.render(make_input("en"))))) == []


def test_pdf_header_is_in_the_document_language():
    """The French PDF says Nations Unies, Assemblée générale, Distr. générale, Original :
    anglais, the session and the agenda item, in French."""
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(pdf.render(make_input("fr")))).pages
    )
    for words in (
        "Nations Unies",
        "Assemblée générale",
        "Distr. générale",
        "Original : anglais",
        "Soixante-dix-septième session",
        "Point 58 de l'ordre du jour",
        "(Signé)",
    ):
        assert words in text
    assert 'dir="rtl"' in pdf.render_html(make_input("ar"))


def _doc(language: str, letter: bool = False) -> python_docx.document.Document:
    return python_docx.Document(io.BytesIO(docx.render(make_input(language, letter=letter))))


def test_arabic_docx_reopens_right_to_left():
    """The Arabic .docx reopens; its text paragraphs are bidi, runs rtl, with an Arabic
    complex-script font; operative paragraphs use the numbered style."""
    document = _doc("ar")
    body = [p for p in document.paragraphs if p.text.strip()]
    for paragraph in body:
        assert paragraph._p.pPr.find(qn("w:bidi")) is not None
        for run in paragraph.runs:
            assert run._r.rPr.find(qn("w:rtl")) is not None
            assert run._r.rPr.find(qn("w:rFonts")).get(qn("w:cs")) == "Noto Naskh Arabic"
    operative = [p for p in document.paragraphs if p.style.name == docx.OPERATIVE_STYLE]
    assert [p.text for p in operative] == [
        "تقرر أن تجتمع كل ستة أشهر",
        "تقرر أن تجتمع مرة في السنة على المستوى الوزاري",
    ]
    assert operative[1].runs[0].bold


def test_docx_keeps_paragraph_count_and_chinese_font():
    """Header lines, title, two preambular, two operative paragraphs and the joining list:
    the same count in every language (a translation's masthead adds its language line);
    Chinese runs carry the East Asian font."""
    counts = {lang: len(_doc(lang).paragraphs) - (lang != "en") for lang in TEXTS}
    assert len(set(counts.values())) == 1, counts
    chinese = _doc("zh")
    run = chinese.paragraphs[-2].runs[0]
    assert run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "Noto Sans CJK SC"
    english = _doc("en")
    assert (
        english.paragraphs[0].runs and english.paragraphs[0]._p.pPr is None
    ) or english.paragraphs[0]._p.pPr.find(qn("w:bidi")) is None
    titles = [p for p in english.paragraphs if p.style.name == "Title"]
    assert [p.text for p in titles] == ["Final Declaration"]


@pytest.mark.parametrize("language", list(TEXTS))
def test_letter_docx_has_the_letter_and_the_annex(language):
    """The letter+annex .docx for the UN documents service holds the signature and the annex
    heading before the text."""
    document = _doc(language, letter=True)
    texts = [p.text for p in document.paragraphs]
    signed = next(i for i, t in enumerate(texts) if "Aksoltan Ataeva" in t)
    title = texts.index(TEXTS[language][0])
    assert signed < title
    assert any("58" in t for t in texts[:title])
