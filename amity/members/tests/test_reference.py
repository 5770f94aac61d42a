from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from amity.members.models import RegionalGroup, State, StateStatus
from amity.members.reference import states_data, states_sync

pytestmark = pytest.mark.django_db


def test_migrations_load_all_member_and_observer_states():
    """After migrating, the 193 Member States and the 2 observer States are there."""
    assert State.objects.count() == 195
    statuses = Counter(State.objects.values_list("status", flat=True))
    assert statuses == {StateStatus.MEMBER: 193, StateStatus.OBSERVER: 2}
    observers = set(
        State.objects.filter(status=StateStatus.OBSERVER).values_list("iso3", flat=True)
    )
    assert observers == {"VAT", "PSE"}


def test_regional_groups_have_their_un_sizes():
    """Member States fall into the five UN regional groups with their sizes; Kiribati and Cyprus
    sit in Asia-Pacific, Israel, Türkiye and the United States in WEOG, the State of Palestine in
    Asia-Pacific and the Holy See in none."""
    members = Counter(
        State.objects.filter(status=StateStatus.MEMBER).values_list("regional_group", flat=True)
    )
    assert members == {
        RegionalGroup.AFRICAN: 54,
        RegionalGroup.ASIA_PACIFIC: 54,
        RegionalGroup.EASTERN_EUROPEAN: 23,
        RegionalGroup.LATIN_AMERICAN_CARIBBEAN: 33,
        RegionalGroup.WESTERN_EUROPEAN_OTHERS: 29,
    }
    group = dict(State.objects.values_list("iso3", "regional_group"))
    assert {group[c] for c in ("KIR", "CYP", "PSE")} == {RegionalGroup.ASIA_PACIFIC}
    assert {group[c] for c in ("ISR", "TUR", "USA")} == {RegionalGroup.WESTERN_EUROPEAN_OTHERS}
    assert group["VAT"] == RegionalGroup.NONE


def test_names_in_the_six_languages_are_the_uns():
    """Turkmenistan is named in Arabic, Chinese, English, French, Russian and Spanish."""
    assert State.objects.get(iso3="TKM").names == {
        "ar": "تركمانستان",
        "zh": "土库曼斯坦",
        "en": "Turkmenistan",
        "fr": "Turkménistan",
        "ru": "Туркменистан",
        "es": "Turkmenistán",
    }


def test_english_name_is_the_un_name():
    """The English name is the UN's short name, not CLDR's."""
    assert State.objects.get(iso3="IRN").names["en"] == "Iran (Islamic Republic of)"
    assert State.objects.get(iso3="PSE").names["en"] == "State of Palestine"
    assert State.objects.get(iso3="VAT").names["en"] == "Holy See"


def test_codes_come_from_iso_3166():
    """ISO alpha-2 and the zero-padded numeric (M49) code are taken from pycountry."""
    uganda = State.objects.get(iso3="UGA")
    assert (uganda.iso2, uganda.m49) == ("UG", "800")
    assert State.objects.get(iso3="AFG").m49 == "004"


def test_second_sync_changes_nothing():
    """Syncing again after the migration creates or changes no state."""
    assert states_sync() == 0
    assert states_sync() == 0


def test_sync_restores_a_changed_state():
    """A state edited away from the reference data is put back, and counted once."""
    State.objects.filter(iso3="UGA").update(regional_group=RegionalGroup.NONE)
    assert states_sync() == 1
    assert State.objects.get(iso3="UGA").regional_group == RegionalGroup.AFRICAN


def test_sync_creates_missing_states():
    """On an empty table the sync creates every state and says so."""
    State.objects.all().delete()
    assert states_sync() == 195
    assert State.objects.count() == 195


def test_override_in_settings_changes_the_english_name(settings):
    """An installation's AMITY_STATE_NAME_OVERRIDES replaces the English name only; an
    ``ISO3:lang`` key replaces the name in that language."""
    settings.AMITY_STATE_NAME_OVERRIDES = {"IRN": "Iran", "SYR:fr": "Syrie"}
    assert states_sync() == 2
    names = State.objects.get(iso3="IRN").names
    assert names["en"] == "Iran"
    assert names["fr"] == "Iran (République islamique d')"
    assert names["ar"] == "إيران (جمهورية - الإسلامية)"
    syria = State.objects.get(iso3="SYR").names
    assert (syria["fr"], syria["en"]) == ("Syrie", "Syrian Arab Republic")
    assert states_sync() == 0


def test_states_data_rows_are_complete():
    """Every computed row has distinct codes and a non-empty name in each of the six languages."""
    rows = states_data()
    assert len(rows) == 195
    for field in ("iso3", "iso2", "m49"):
        assert len({row[field] for row in rows}) == 195
    for row in rows:
        assert len(row["m49"]) == 3
        assert row["m49"].isdigit()
        assert set(row["names"]) == {"ar", "zh", "en", "fr", "ru", "es"}
        assert all(row["names"].values())


def test_loadstates_command_reports_the_count():
    """``amity loadstates`` syncs and prints how many states it created or updated."""
    State.objects.filter(iso3="UGA").delete()
    out = StringIO()
    call_command("loadstates", stdout=out)
    assert "1 state(s) created or updated." in out.getvalue()
    assert State.objects.filter(iso3="UGA").exists()
