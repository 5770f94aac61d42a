"""Lists as files: CSV, Excel (openpyxl) and a printable PDF (WeasyPrint).

An app builds a :class:`Table` (title, column headings and rows, already in the page's
language) from its selectors; this module writes it out. An empty list is still a valid file
with its headings. Cells are text, whole numbers or dates; the app formats moments in the
right time zone before they get here.

- CSV is UTF-8 with a byte-order mark (so spreadsheet programs read Arabic and Chinese
  correctly); a cell that would start a formula (``= + - @``) is prefixed with an apostrophe
  (OWASP's advice against CSV injection).
- Excel: one sheet, bold headings, the heading row frozen, dates as real dates, right to left
  for Arabic.
- PDF: a table, or one table per section (``section`` column), on A4 in the Noto fonts that
  the UN document renditions use.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string

from amity.core.languages import is_rtl
from amity.core.weasy import exclusive

Cell = str | int | datetime.date | None

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    language: str
    filename: str
    subtitle: str = ""
    # PDF only: the index of a column whose value heads a section (the delegation in a list
    # of participants); the column itself is then left out of the section's table.
    section: int | None = None
    notes: list[str] = field(default_factory=list)


def _text(cell: Cell, language: str) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return str(cell)


def _csv_safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_csv_safe(_text(cell, table.language)) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    if sheet is None:  # a new workbook always has its first sheet
        raise RuntimeError("openpyxl made a workbook without a sheet")
    sheet.title = (_SHEET_FORBIDDEN.sub(" ", table.title).strip() or "Sheet")[:31]
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(h) for h in table.headers]
    for row in table.rows:
        sheet.append([cell if cell is not None else "" for cell in row])
        for i, cell in enumerate(row):
            if i < len(widths):
                widths[i] = max(widths[i], len(_text(cell, table.language)))
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    for i, width in enumerate(widths):
        sheet.column_dimensions[sheet.cell(row=1, column=i + 1).column_letter].width = min(
            max(width + 2, 8), 60
        )
    sheet.freeze_panes = "A2"
    sheet.sheet_view.rightToLeft = is_rtl(table.language)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@lru_cache(maxsize=1)
def _font_config() -> object:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def pdf_sections(table: Table) -> list[tuple[str, list[list[Cell]]]]:
    """The rows grouped under their section heading, in the order the rows come."""
    if table.section is None:
        return [("", table.rows)]
    sections: list[tuple[str, list[list[Cell]]]] = []
    for row in table.rows:
        heading = _text(row[table.section], table.language)
        rest = [cell for i, cell in enumerate(row) if i != table.section]
        if not sections or sections[-1][0] != heading:
            sections.append((heading, []))
        sections[-1][1].append(rest)
    return sections


def to_pdf(table: Table) -> bytes:
    from weasyprint import HTML

    headers = [h for i, h in enumerate(table.headers) if i != table.section]
    html = render_to_string(
        "exports/table_pdf.html",
        {
            "table": table,
            "headers": headers,
            "sections": [
                (heading, [[_text(c, table.language) for c in row] for row in rows])
                for heading, rows in pdf_sections(table)
            ],
            "lang": {"zh": "zh-Hans"}.get(table.language, table.language),
            "dir": "rtl" if is_rtl(table.language) else "ltr",
        },
    )
    with exclusive():  # one document at a time: Pango and fontconfig are not thread-safe
        pdf: bytes = HTML(string=html).write_pdf(font_config=_font_config())
    return pdf


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "pdf": to_pdf}


def file_response(table: Table, fmt: str) -> HttpResponse:
    """The table as a download; an unknown format is a 404 (the address names the format)."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise Http404("No such format.")
    response = HttpResponse(writer(table), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{table.filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def ascii_name(*parts: Sequence[str] | str) -> str:
    """A file name stem safe in a header: letters, digits and hyphens."""
    text = "-".join(str(p) for p in parts if p)
    return re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-") or "export"
