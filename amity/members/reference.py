"""Reference data of the States of the United Nations, shipped as data.

``data/un_states.csv`` lists the 193 Member States and the two observer States with their
status and regional group; ``data/un_state_names.csv`` their names in the six official
languages as the UN writes them (UNTERM short names: see ``data/README.md`` for the source),
and the form each name takes after "Permanent Representative" in each language ("of the
Islamic Republic of Iran", "de la République islamique d'Iran", "Исламской Республики Иран",
"لجمهورية إيران الإسلامية" …), which the letters to the Secretary-General need. Codes come from
pycountry (ISO 3166). An installation may override a name with
``settings.AMITY_STATE_NAME_OVERRIDES`` (``{"IRN": name}`` for English, ``{"IRN:fr": name}`` for
another language).
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pycountry
from django.conf import settings
from django.db import transaction

from amity.core.languages import CONTENT_LANGUAGES
from amity.members.models import State

DATA = Path(__file__).resolve().parent / "data"
CSV_PATH = DATA / "un_states.csv"
NAMES_PATH = DATA / "un_state_names.csv"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a shipped CSV; lines starting with ``#`` are its header notes."""
    with path.open(encoding="utf-8", newline="") as file:
        yield from csv.DictReader(line for line in file if not line.startswith("#"))


@functools.cache
def un_names() -> dict[str, dict[str, str]]:
    """``{iso3: {lang: UN short name}}`` for the 195 States, as shipped (no overrides)."""
    return {
        row["iso3"]: {code: row[code] for code in CONTENT_LANGUAGES} for row in _rows(NAMES_PATH)
    }


@functools.cache
def _of_forms() -> dict[str, dict[str, str]]:
    return {
        row["iso3"]: {code: row[f"{code}_of"] for code in CONTENT_LANGUAGES}
        for row in _rows(NAMES_PATH)
    }


def state_of(iso3: str, language: str) -> str:
    """The State's name as it follows "Permanent Representative" (or "Observer") in
    ``language``: "of the Niger", "du Niger", "del Níger", "Нигера", "للنيجر", "尼日尔".
    Empty for a State that is not in the shipped list."""
    return _of_forms().get(iso3, {}).get(language, "")


def _overrides() -> dict[str, dict[str, str]]:
    """``settings.AMITY_STATE_NAME_OVERRIDES`` as ``{iso3: {lang: name}}``: a bare ISO3 key
    names English, ``ISO3:lang`` another language."""
    raw: dict[str, str] = getattr(settings, "AMITY_STATE_NAME_OVERRIDES", {}) or {}
    out: dict[str, dict[str, str]] = {}
    for key, name in raw.items():
        code, _sep, lang = key.strip().partition(":")
        lang = lang.strip().lower() or "en"
        if lang in CONTENT_LANGUAGES and name.strip():
            out.setdefault(code.strip().upper(), {})[lang] = name.strip()
    return out


def states_data() -> list[dict[str, Any]]:
    """The rows of the State table, as computed from the CSVs, pycountry and settings."""
    overrides = _overrides()
    names_by_state = un_names()
    rows: list[dict[str, Any]] = []
    for line in _rows(CSV_PATH):
        iso3 = line["iso3"]
        country = pycountry.countries.get(alpha_3=iso3)
        if country is None:
            raise ValueError(f"{CSV_PATH.name}: {iso3} is not an ISO 3166 code")
        names = {code: name for code, name in names_by_state.get(iso3, {}).items() if name.strip()}
        names.update(overrides.get(iso3, {}))
        rows.append(
            {
                "iso3": iso3,
                "iso2": country.alpha_2,
                "m49": country.numeric.zfill(3),
                "status": line["status"],
                "regional_group": line["regional_group"],
                "names": names,
            }
        )
    return rows


def states_sync(state_model: type[State] | None = None) -> int:
    """Create or update the States; return how many were created or changed (0 when up to date).

    ``state_model`` is the model class to write to, by default the real one; a data migration
    passes its historical model. States absent from the CSV are left alone.
    """
    model = state_model or State
    changed = 0
    with transaction.atomic():
        existing = {state.iso3: state for state in model.objects.all()}
        for row in states_data():
            current = existing.get(row["iso3"])
            if current is not None and all(
                getattr(current, field) == value for field, value in row.items()
            ):
                continue
            defaults = {field: value for field, value in row.items() if field != "iso3"}
            model.objects.update_or_create(iso3=row["iso3"], defaults=defaults)
            changed += 1
    return changed
