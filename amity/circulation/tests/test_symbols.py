"""UN document symbols: accepted forms, clear refusals, links to the Official Document System."""

import pytest
from django.core.exceptions import ValidationError

from amity.circulation.symbols import parse_symbol, symbol_slug, symbol_url

VALID = [
    ("A/77/123", "ga", 77),
    ("A/RES/77/32", "ga", 77),
    ("A/RES/50/80 A", "ga", 50),
    ("A/77/L.5", "ga", 77),
    ("A/C.1/77/L.3", "ga", 77),
    ("A/C.3/77/123", "ga", 77),
    ("A/77/123/Rev.1", "ga", 77),
    ("A/77/123/Add.2/Corr.1", "ga", 77),
    ("S/2023/123", "sc", None),
    ("S/RES/2720 (2023)", "sc", None),
    ("S/PRST/2023/1", "sc", None),
]


@pytest.mark.parametrize(("symbol", "body", "session"), VALID)
def test_valid_symbols_are_understood(symbol, body, session):
    """Each documented form parses, with its organ and its General Assembly session."""
    parsed = parse_symbol(symbol)
    assert (parsed.text, parsed.body, parsed.session) == (symbol, body, session)


@pytest.mark.parametrize(
    "symbol",
    [
        "A/77",
        "A/0/12",
        "A/777/1",
        "A/C.7/77/L.3",
        "A/RES/77/32 AB",
        "S/RES/2720",
        "B/77/1",
        "a/77/123",
        "A/77/L.",
        "S/23/1",
        "A/77/123/Rev",
        "A/77/xxx",
    ],
)
def test_malformed_symbols_are_refused_with_the_accepted_forms(symbol):
    """A malformed symbol is refused and the message names it and shows good examples."""
    with pytest.raises(ValidationError) as exc:
        parse_symbol(symbol)
    message = " ".join(exc.value.messages)
    assert symbol in message
    assert "A/RES/77/32" in message


def test_spaces_are_normalised():
    """Extra spaces and S/RES/2720(2023) without its space are accepted in UN form."""
    assert parse_symbol("  S/RES/2720(2023) ").text == "S/RES/2720 (2023)"


def test_symbol_links_to_the_official_document_system():
    """The link is https://undocs.org/<symbol>, spaces escaped."""
    assert symbol_url("A/77/123") == "https://undocs.org/A/77/123"
    assert symbol_url("A/RES/50/80 A") == "https://undocs.org/A/RES/50/80%20A"
    assert symbol_slug("S/RES/2720 (2023)") == "S-RES-2720-2023"
