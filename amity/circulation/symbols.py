"""United Nations document symbols: their formats, checked by a pure function, and their link
to the Official Document System (https://undocs.org/<symbol>).

Accepted forms (with optional /Rev.N, /Add.N, /Corr.N suffixes):

- General Assembly documents: ``A/77/123``, drafts ``A/77/L.5``, Main Committees
  ``A/C.1/77/L.3``, ``A/C.3/77/123``; resolutions ``A/RES/77/32``, ``A/RES/50/80 A``;
  emergency special sessions ``A/ES-10/123``.
- Security Council: ``S/2023/123``, resolutions ``S/RES/2720 (2023)``, presidential
  statements ``S/PRST/2023/1``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ODS_URL = "https://undocs.org/"
_SUFFIX = r"(?:/(?:Rev|Add|Corr)\.[1-9]\d{0,2})*"
_SESSION = r"(?P<session>[1-9]\d?)"
_PATTERNS = (
    ("ga", re.compile(rf"^A/(?:C\.[1-6]/)?{_SESSION}/(?:L\.)?[1-9]\d{{0,4}}{_SUFFIX}$")),
    ("ga_res", re.compile(rf"^A/RES/{_SESSION}/[1-9]\d{{0,3}}(?: [A-Z])?{_SUFFIX}$")),
    ("ga_es", re.compile(rf"^A/ES-[1-9]\d?/(?:L\.)?[1-9]\d{{0,4}}{_SUFFIX}$")),
    ("sc", re.compile(rf"^S/(?:19[4-9]\d|20\d\d)/[1-9]\d{{0,4}}{_SUFFIX}$")),
    ("sc_res", re.compile(r"^S/RES/[1-9]\d{0,4} \((?:19[4-9]\d|20\d\d)\)$")),
    ("sc_prst", re.compile(r"^S/PRST/(?:19[4-9]\d|20\d\d)/[1-9]\d{0,2}$")),
)


@dataclass(frozen=True)
class Symbol:
    text: str
    body: str  # "ga" or "sc"
    kind: str  # one of the pattern names above
    session: int | None  # the General Assembly session, when the symbol names one


def normalise_symbol(value: str) -> str:
    """Collapse spaces and trim, and accept ``S/RES/2720(2023)`` without its space."""
    text = re.sub(r"\s+", " ", (value or "").strip())
    return re.sub(r"^(S/RES/\d+)\s?\(", r"\1 (", text)


def parse_symbol(value: str) -> Symbol:
    """The symbol, understood; ``ValidationError`` naming the accepted forms when it is not one."""
    text = normalise_symbol(value)
    for kind, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            session = match.groupdict().get("session")
            return Symbol(
                text=text,
                body="sc" if kind.startswith("sc") else "ga",
                kind=kind,
                session=int(session) if session else None,
            )
    if not text:
        raise ValidationError(_("Give the document symbol the United Nations assigned."))
    raise ValidationError(
        _(
            "%(symbol)s is not a United Nations document symbol. Expected forms such as "
            "A/77/123, A/RES/77/32, A/77/L.5, A/C.1/77/L.3, S/2023/123 or S/RES/2720 (2023)."
        )
        % {"symbol": text}
    )


def symbol_url(symbol: str) -> str:
    """The symbol's address in the UN Official Document System (a link only; never fetched)."""
    return ODS_URL + quote(normalise_symbol(symbol), safe="/.()-")


def symbol_slug(symbol: str) -> str:
    """The symbol as one path segment, for Akoma Ntoso numbers and file names: A-77-123."""
    text = normalise_symbol(symbol)
    text = re.sub(r"[()]", "", text)
    return re.sub(r"[/ ]+", "-", text).strip("-")
