"""The UN names of the 195 States in the six official languages (data/un_state_names.csv)."""

import csv
import re

import pytest
from babel import Locale

from amity.core.collation import sorted_by
from amity.core.languages import BABEL_LOCALES, CONTENT_LANGUAGES
from amity.members.models import State
from amity.members.reference import CSV_PATH, NAMES_PATH, state_of, un_names

pytestmark = pytest.mark.django_db

# Names the UN writes differently from CLDR's everyday ones (the UNTERM short names).
UN_NOT_CLDR = {
    "IRN": {
        "en": "Iran (Islamic Republic of)",
        "fr": "Iran (République islamique d')",
        "es": "Irán (República Islámica del)",
        "ru": "Иран (Исламская Республика)",
        "ar": "إيران (جمهورية - الإسلامية)",
        "zh": "伊朗伊斯兰共和国",
    },
    "SYR": {
        "en": "Syrian Arab Republic",
        "fr": "République arabe syrienne",
        "es": "República Árabe Siria",
        "ru": "Сирийская Арабская Республика",
        "ar": "الجمهورية العربية السورية",
        "zh": "阿拉伯叙利亚共和国",
    },
    "TUR": {"fr": "Türkiye", "es": "Türkiye"},
    "CIV": {"en": "Côte d'Ivoire"},
    "PRK": {
        "en": "Democratic People's Republic of Korea",
        "fr": "République populaire démocratique de Corée",
        "es": "República Popular Democrática de Corea",
        "ru": "Корейская Народно-Демократическая Республика",
        "ar": "جمهورية كوريا الشعبية الديمقراطية",
        "zh": "朝鲜民主主义人民共和国",
    },
    "KOR": {"en": "Republic of Korea", "zh": "大韩民国", "ar": "جمهورية كوريا"},
    "RUS": {"en": "Russian Federation", "fr": "Fédération de Russie", "zh": "俄罗斯联邦"},
    "GBR": {"en": "United Kingdom of Great Britain and Northern Ireland"},
    "USA": {"en": "United States of America", "zh": "美利坚合众国"},
    "VNM": {"en": "Viet Nam", "fr": "Viet Nam"},
    "BOL": {
        "en": "Bolivia (Plurinational State of)",
        "ru": "Боливия (Многонациональное Государство)",
    },
    "VEN": {"fr": "Venezuela (République bolivarienne du)"},
    "TZA": {"en": "United Republic of Tanzania", "ar": "جمهورية تنزانيا المتحدة"},
    "MDA": {"en": "Republic of Moldova", "fr": "République de Moldova"},
    "LAO": {"en": "Lao People's Democratic Republic"},
    "PSE": {"fr": "État de Palestine", "zh": "巴勒斯坦国"},
    "VAT": {"en": "Holy See", "fr": "Saint-Siège", "zh": "罗马教廷"},
    "NLD": {"en": "Netherlands (Kingdom of the)", "fr": "Pays-Bas (Royaume des)"},
    "KGZ": {"ru": "Кыргызстан"},
    "BLR": {"fr": "Bélarus"},
}


def test_all_195_states_are_named_in_the_six_languages():
    """Every State of the reference list has a non-empty UN name in each language, the shipped
    names cover exactly those States, and no name keeps UNTERM's listing article or the
    observer asterisk."""
    with CSV_PATH.open(encoding="utf-8") as file:
        codes = {row["iso3"] for row in csv.DictReader(file)}
    names = un_names()
    assert len(codes) == 195
    assert set(names) == codes
    for iso3, by_language in names.items():
        assert set(by_language) == set(CONTENT_LANGUAGES), iso3
        for language, name in by_language.items():
            assert name, (iso3, language)
            assert name.strip() == name, (iso3, language)
            assert not re.search(r"\((the|le|la|l'|les|el|los|las)\)$|\*", name), (iso3, name)
    for state in State.objects.all():
        assert state.names == names[state.iso3]


def test_the_source_is_named_in_the_data_file():
    """The names file says where its names come from, as does the README beside it."""
    first = NAMES_PATH.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#")
    assert "README" in first
    readme = (NAMES_PATH.parent / "README.md").read_text(encoding="utf-8")
    assert "UNTERM" in readme
    assert "Protocol and Liaison Service" in readme


@pytest.mark.parametrize("iso3", sorted(UN_NOT_CLDR))
def test_un_names_replace_cldr_where_they_differ(iso3):
    """Where the UN's name differs from CLDR's, the State carries the UN's, in each language."""
    state = State.objects.get(iso3=iso3)
    for language, expected in UN_NOT_CLDR[iso3].items():
        cldr = Locale.parse(BABEL_LOCALES[language]).territories.get(state.iso2)
        assert state.names[language] == expected
        assert expected != cldr, f"{iso3}/{language}: CLDR says the same, drop it from the list"


def test_no_name_is_a_cldr_fallback_in_a_script_of_another_language():
    """A Russian, Arabic or Chinese name is written in its script, never a Latin stand-in."""
    scripts = {"ru": r"[\u0400-\u04FF]", "ar": r"[\u0600-\u06FF]", "zh": r"[\u4E00-\u9FFF]"}
    for iso3, by_language in un_names().items():
        for language, pattern in scripts.items():
            assert re.search(pattern, by_language[language]), (iso3, language)
            assert not re.search(r"[A-Za-z]", by_language[language]), (iso3, language)


def test_a_missing_name_falls_back_to_the_un_english_name_and_says_so():
    """A State without a name in a language is shown with its UN English name, marked."""
    state = State.objects.get(iso3="SYR")
    state.names = {"en": "Syrian Arab Republic"}
    assert state.name_in("fr") == ("Syrian Arab Republic", "en")
    assert State.objects.get(iso3="SYR").name_in("fr") == ("République arabe syrienne", "fr")


@pytest.mark.parametrize(
    ("iso3", "forms"),
    [
        (
            "TKM",
            {
                "en": "of Turkmenistan",
                "fr": "du Turkménistan",
                "es": "de Turkmenistán",
                "ru": "Туркменистана",
                "ar": "لتركمانستان",
                "zh": "土库曼斯坦",
            },
        ),
        (
            "IRN",
            {
                "en": "of the Islamic Republic of Iran",
                "fr": "de la République islamique d'Iran",
                "es": "de la República Islámica del Irán",
                "ru": "Исламской Республики Иран",
                "ar": "لجمهورية إيران الإسلامية",
                "zh": "伊朗伊斯兰共和国",
            },
        ),
        (
            "RUS",
            {
                "en": "of the Russian Federation",
                "fr": "de la Fédération de Russie",
                "es": "de la Federación de Rusia",
                "ru": "Российской Федерации",
                "ar": "للاتحاد الروسي",
            },
        ),
        ("AFG", {"fr": "de l'Afghanistan", "es": "del Afganistán", "ar": "لأفغانستان"}),
        ("USA", {"fr": "des États-Unis d'Amérique", "es": "de los Estados Unidos de América"}),
        ("ISR", {"fr": "d'Israël", "ru": "Израиля"}),
        ("EGY", {"ru": "Египта", "ar": "لمصر"}),
    ],
)
def test_names_after_permanent_representative_take_each_languages_grammar(iso3, forms):
    """The letters name the chair's State after "Permanent Representative" with the article
    and case each language needs."""
    for language, expected in forms.items():
        assert state_of(iso3, language) == expected


def test_every_state_has_its_form_after_permanent_representative():
    """All 195 States have the form in each language, with its preposition."""
    starts = {
        "en": ("of ",),
        "fr": ("du ", "de ", "des ", "d'"),
        "es": ("del ", "de "),
        "ar": ("ل",),
    }
    for iso3 in un_names():
        for language in CONTENT_LANGUAGES:
            form = state_of(iso3, language)
            assert form, (iso3, language)
            assert form.startswith(starts.get(language, ("",))), (iso3, language, form)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Côte d'Ivoire", "Croatia", "Cuba", "Cyprus", "Czechia"]),
        ("fr", ["Égypte", "El Salvador", "Émirats arabes unis", "Équateur", "Érythrée"]),
        ("es", ["Chad", "Chequia", "Chile", "China", "Chipre"]),
        ("ru", ["Австралия", "Австрия", "Азербайджан", "Албания", "Алжир"]),
        ("ar", ["الاتحاد الروسي", "إثيوبيا", "أذربيجان", "الأرجنتين", "الأردن"]),
        ("zh", ["阿富汗", "巴西", "中国"]),
    ],
)
def test_names_sort_in_each_languages_collation(language, expected):
    """States sort as each language's readers expect: accents do not push "Côte d'Ivoire"
    after "Czechia", Spanish "ch" is c + h, Arabic ignores the article, Chinese is by pinyin."""
    shuffled = list(reversed(expected))
    assert sorted_by(shuffled, str, language) == expected
    all_names = sorted_by([s.names[language] for s in State.objects.all()], str, language)
    positions = [all_names.index(name) for name in expected]
    assert positions == sorted(positions)
