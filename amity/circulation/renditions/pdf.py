"""The PDF of a language version, laid out as a UN document (WeasyPrint).

Fonts are Debian's Noto fonts (fonts-noto-core, fonts-noto-cjk), embedded and subset by
WeasyPrint: Noto Naskh Arabic for Arabic (right to left), Noto Sans CJK SC for Chinese, Noto
Serif for the others, with the other Noto families as fallbacks so no glyph is missing.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from amity.circulation.renditions import RenditionInput, header_lines, letter_text
from amity.core.weasy import exclusive
from amity.documents.text import sanitize

FONTS = {
    "ar": '"Noto Naskh Arabic", "Noto Sans Arabic", "Noto Serif", "Noto Sans CJK SC"',
    "zh": '"Noto Sans CJK SC", "Noto Serif", "Noto Naskh Arabic"',
}
DEFAULT_FONTS = '"Noto Serif", "Noto Sans", "Noto Sans CJK SC", "Noto Naskh Arabic"'
HTML_LANG = {"zh": "zh-Hans"}

CSS = """
@page { size: A4; margin: 20mm 20mm 22mm 20mm;
  @bottom-center { content: counter(page); font-size: 9pt; } }
html { font-size: 11pt; line-height: 1.35; }
.un-header { border-block-end: 2pt solid black; padding-block-end: 3mm; margin-block-end: 4mm; }
.row { display: flex; justify-content: space-between; align-items: baseline; }
.un { font-size: 10pt; }
.symbol { font-size: 16pt; font-weight: bold; }
.body { font-size: 20pt; font-weight: bold; margin-block: 2mm; }
.distr { text-align: end; font-size: 9.5pt; }
.session { font-size: 10pt; margin-block-start: 2mm; }
.item-title { font-weight: bold; font-size: 10pt; }
h1 { font-size: 14pt; font-weight: bold; margin-block: 6mm 4mm; }
h2 { font-size: 11pt; font-weight: bold; margin-block: 6mm 3mm; }
p { margin-block: 0 3mm; text-align: justify; }
.op .num { display: inline-block; min-inline-size: 8mm; }
.signature { margin-block-start: 8mm; }
.annex { break-before: page; }
.annex-head { display: flex; justify-content: space-between; font-size: 9.5pt; margin-block-end: 6mm; }
.annex-label { text-align: end; }
.joined { margin-block-start: 6mm; }
"""


@lru_cache(maxsize=1)
def _font_config() -> object:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=1)
def _stylesheet() -> object:
    """The page style, parsed once per process (it never changes)."""
    from weasyprint import CSS as WeasyCSS

    return WeasyCSS(string=CSS, font_config=_font_config())


def _run_text(text: str) -> str:
    """CSS string content: quotes and backslashes escaped."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")


def render_html(data: RenditionInput) -> str:
    """The HTML that WeasyPrint lays out (separate so tests and previews can read it).

    Every page after the first carries the symbol and the "Original" line in its running
    header; the annex opens on a new page with both again, as UN documents print them."""
    head = header_lines(data)
    letter = letter_text(data)
    lang = HTML_LANG.get(data.language, data.language)
    direction = "rtl" if data.rtl else "ltr"
    fonts = FONTS.get(data.language, DEFAULT_FONTS)
    # Masthead lines the UN prints in English in the Arabic, Chinese and Russian versions.
    mlang = head["masthead_lang"]
    mattr = f' lang="{mlang}" dir="ltr"' if mlang != data.language else ""
    running = (
        f'@page {{ @top-left {{ content: "{_run_text(head["symbol"])}"; font-size: 9pt; }}'
        f' @top-right {{ content: "{_run_text(head["original"])}"; font-size: 9pt; }} }}'
        "@page :first { @top-left { content: none; } @top-right { content: none; } }"
    )
    parts = [
        f'<!doctype html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">',
        f"<title>{escape(data.title)}</title>",
        f"<style>html {{ font-family: {fonts}; }} {running}</style></head><body>",
        '<header class="un-header">',
        f'<div class="row"><span class="un">{escape(head["un"])}</span>'
        f'<span class="symbol" dir="ltr">{escape(head["symbol"])}</span></div>',
        f'<div class="row"><span class="body">{escape(head["body"])}</span>'
        f'<span class="distr"{mattr}>{escape(head["distr"])}<br>{escape(head["date"])}<br>'
        + (f"{escape(head['language'])}<br>" if head["language"] else "")
        + f"{escape(head['original'])}</span></div>",
    ]
    if head["session"]:
        parts.append(f'<div class="session">{escape(head["session"])}')
        if head["item"]:
            parts.append(f"<br>{escape(head['item'])}")
        if head["item_title"]:
            parts.append(f'<br><span class="item-title">{escape(head["item_title"])}</span>')
        parts.append("</div>")
    parts.append("</header>")
    if letter is not None:
        name = escape(letter.name)
        if letter.name_lang:
            name = f'<bdi lang="{letter.name_lang}">{name}</bdi>'
        signed = (
            escape(letter.signed).replace(escape(letter.name), name, 1)
            if letter.name
            else escape(letter.signed)
        )
        parts.append(f"<h1>{escape(letter.heading)}</h1>")
        parts.extend(f"<p>{escape(p)}</p>" for p in letter.paragraphs)
        parts.append(
            f'<p class="signature">{signed}<br>{escape(letter.role)}</p>'
            '<section class="annex">'
            f'<div class="annex-head"><span dir="ltr">{escape(head["symbol"])}</span>'
            f"<span{mattr}>{escape(head['original'])}</span></div>"
            f'<h2 class="annex-label">{escape(head["annex"])}</h2>'
            f"<h2>{escape(letter.annex_heading)}</h2>"
        )
    parts.append(f"<h1>{escape(data.title)}</h1>")
    parts.extend(f'<p class="pp">{sanitize(p)}</p>' for p in data.preamble)
    for number, paragraph in enumerate(data.operative, start=1):
        parts.append(f'<p class="op"><span class="num">{number}.</span>{sanitize(paragraph)}</p>')
    if data.joined_states:
        parts.append(
            f'<p class="joined">{escape(head["joined"])} {escape(head["joined_list"])}</p>'
        )
    if letter is not None:
        parts.append("</section>")
    parts.append("</body></html>")
    return "".join(parts)


def render(data: RenditionInput) -> bytes:
    """The PDF. The font configuration and the stylesheet are built once per process and
    shared; the result depends only on ``data`` (WeasyPrint writes no creation date)."""
    from weasyprint import HTML

    with exclusive():  # one document at a time: Pango and fontconfig are not thread-safe
        document = HTML(string=render_html(data))
        return bytes(document.write_pdf(stylesheets=[_stylesheet()], font_config=_font_config()))
