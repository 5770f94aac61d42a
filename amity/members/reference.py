"""Reference data of the States of the United Nations, computed rather than typed.

``data/un_states.csv`` lists the 193 Member States and the two observer States with their
status, regional group and UN English short name. Codes come from pycountry (ISO 3166), names in
the six official languages from CLDR through Babel; the English name is the UN's, and an
installation may override it with ``settings.AMITY_STATE_NAME_OVERRIDES`` (ISO3 -> name).
"""

import csv
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale
from django.conf import settings
from django.db import transaction

from amity.core.languages import BABEL_LOCALES
from amity.members.models import State

CSV_PATH = Path(__file__).resolve().parent / "data" / "un_states.csv"

# Where CLDR's everyday name is not the one the United Nations uses in its own languages.
UN_NAMES: dict[str, dict[str, str]] = {
    "PSE": {
        "ar": "دولة فلسطين",
        "zh": "巴勒斯坦国",
        "fr": "État de Palestine",
        "ru": "Государство Палестина",
        "es": "Estado de Palestina",
    },
    "VAT": {
        "ar": "الكرسي الرسولي",
        "zh": "教廷",
        "fr": "Saint-Siège",
        "ru": "Святой Престол",
        "es": "Santa Sede",
    },
    "TUR": {"fr": "Türkiye", "es": "Türkiye"},
}


def states_data() -> list[dict[str, Any]]:
    """The rows of the State table, as computed from the CSV, pycountry, CLDR and settings."""
    overrides: dict[str, str] = getattr(settings, "AMITY_STATE_NAME_OVERRIDES", {}) or {}
    locales = {code: Locale.parse(babel_code) for code, babel_code in BABEL_LOCALES.items()}
    rows: list[dict[str, Any]] = []
    with CSV_PATH.open(encoding="utf-8", newline="") as file:
        for line in csv.DictReader(file):
            iso3 = line["iso3"]
            country = pycountry.countries.get(alpha_3=iso3)
            if country is None:
                raise ValueError(f"{CSV_PATH.name}: {iso3} is not an ISO 3166 code")
            names = {
                code: str(locale.territories[country.alpha_2]) for code, locale in locales.items()
            }
            names.update(UN_NAMES.get(iso3, {}))
            names["en"] = overrides.get(iso3) or line["un_name_en"]
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
