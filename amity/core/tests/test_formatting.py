"""The one formatting layer: dates, times, numbers and lists in each language (CLDR through
Babel), and the template filters that use it."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from amity.core import formatting
from amity.core.scripts import in_wrong_script

DAY = datetime.date(2022, 12, 10)


@pytest.mark.parametrize(
    ("language", "long", "month"),
    [
        ("en", "10 December 2022", "December 2022"),
        ("fr", "10 décembre 2022", "décembre 2022"),
        ("es", "10 de diciembre de 2022", "diciembre de 2022"),
        ("ru", "10 декабря 2022\u202fг.", "декабрь 2022\u202fг."),
        ("ar", "10 ديسمبر 2022", "ديسمبر 2022"),
        ("zh", "2022年12月10日", "2022年12月"),
    ],
)
def test_dates_in_each_language(language, long, month):
    """Chinese says 2022年12月10日 and 2022年12月 (never "十二月 2022"), English keeps UN style."""
    assert formatting.date_long(DAY, language) == long
    assert formatting.month_year(DAY, language) == month
    assert formatting.date_as_known(DAY, "year", language).startswith("2022")


def test_date_time_in_the_given_zone():
    """A moment is shown in the zone asked for, with the language's order."""
    moment = datetime.datetime(2022, 12, 10, 14, 21, tzinfo=datetime.UTC)
    ashgabat = zoneinfo.ZoneInfo("Asia/Ashgabat")
    assert formatting.date_time(moment, "en", zone=ashgabat) == "10 December 2022, 19:21"
    assert formatting.date_time(moment, "zh", zone=ashgabat) == "2022年12月10日 19:21"
    assert formatting.date_time(moment, "ar", zone=ashgabat).startswith("10 ديسمبر 2022")


@pytest.mark.parametrize(
    ("language", "two", "three"),
    [
        ("en", "Kazakhstan and Turkmenistan", "A, B and C"),
        ("fr", "Kazakhstan et Turkmenistan", "A, B et C"),
        ("zh", "哈萨克斯坦和土库曼斯坦", "A、B和C"),
        ("ar", "كازاخستان وتركمانستان", "A، B وC"),
        ("ru", "Kazakhstan и Turkmenistan", "A, B и C"),
    ],
)
def test_lists_are_joined_as_each_language_joins_them(language, two, three):
    """No ASCII comma between Chinese or Arabic names: 、 and ، with the language's "and"."""
    first, second = (
        two.replace(" and ", "|")
        .replace("和", "|")
        .replace(" و", "|")
        .replace(" et ", "|")
        .replace(" и ", "|")
        .split("|")
    )
    assert formatting.listing([first, second], language) == two
    assert formatting.listing(["A", "B", "C"], language) == three


def test_numbers_and_separators():
    """Numbers with the language's separators; commas and semicolons of the language."""
    assert formatting.number(12345.5, "fr") == "12\u202f345,5"
    assert formatting.number(12345.5, "es") == "12.345,5"
    assert formatting.number(12345, "ar") == "12,345"
    assert formatting.separated(["阿什哈巴德", "土库曼斯坦"], "zh") == "阿什哈巴德，土库曼斯坦"
    assert formatting.separated(["عشق آباد", "تركمانستان"], "ar") == "عشق آباد، تركمانستان"
    assert formatting.semicolon("zh") == "；"


@pytest.mark.django_db
def test_template_filters_follow_the_page_language():
    """``longdate``, ``monthyear`` and ``listing`` format in the active language; a State whose
    name is missing in it shows its UN English name, marked and isolated."""
    from amity.members.models import State

    syria = State.objects.get(iso3="SYR")
    syria.names = {"en": "Syrian Arab Republic"}
    kazakhstan = State.objects.get(iso3="KAZ")
    template = Template(
        "{% load amity %}{{ day|longdate }}|{{ day|monthyear }}|{{ states|listing }}"
    )
    with translation.override("zh-hans"):
        out = template.render(Context({"day": DAY, "states": [kazakhstan, syria]}))
    assert out == (
        '2022年12月10日|2022年12月|哈萨克斯坦和<bdi lang="en" dir="ltr">Syrian Arab Republic</bdi>'
    )
    with translation.override("ar"):
        out = Template("{% load amity %}{{ s|state_name }}").render(Context({"s": syria}))
    assert out == '<bdi lang="en" dir="ltr">Syrian Arab Republic</bdi>'


def test_marked_fallback_text_keeps_its_language_and_direction():
    """An English original on an Arabic page is isolated, marked and noted ("original in
    English", in the page's language), so its full stop stays at its end; a text in the page's
    language is only isolated."""
    template = Template("{% load amity %}{{ note|trm:'en' }}")
    with translation.override("ar"):
        out = template.render(Context({"note": {"en": "Held in Ashgabat."}}))
        assert out.startswith('<bdi lang="en" dir="ltr">Held in Ashgabat.</bdi> ')
        assert 'class="original-note"' in out
        assert "الإنجليزية" in out
        out = template.render(Context({"note": {"en": "x", "ar": "عقد في عشق آباد."}}))
        assert out == "<bdi>عقد في عشق آباد.</bdi>"
    with translation.override("en"):
        out = template.render(Context({"note": {"ar": "عقد في عشق آباد."}}))
        assert out.startswith('<bdi lang="ar" dir="rtl">عقد في عشق آباد.</bdi> ')
        assert "(in Arabic)" in out  # not the original (English is), so not "original in"
    with translation.override("zh-hans"):
        out = template.render(Context({"note": {"en": "Held."}}))
        assert '<bdi lang="en" dir="ltr">Held.</bdi>' in out
        assert "英语" in out


def test_block_text_keeps_paragraphs_and_marks_the_original():
    template = Template("{% load amity %}{{ text|trblock:'en' }}")
    text = {"en": "First <b>para</b>.\n\nSecond,\nline."}
    with translation.override("ar"):
        out = template.render(Context({"text": text}))
    assert out.startswith('<div class="content-text" lang="en" dir="ltr"><p>First &lt;b&gt;para')
    assert "<p>Second,<br>line.</p></div>" in out
    assert '<p class="original-note"><small>(' in out
    with translation.override("en"):
        out = template.render(Context({"text": text}))
    assert out.startswith('<div class="content-text" dir="auto"><p>First')
    assert "original-note" not in out


def test_pick_and_as_translations():
    from amity.core.languages import as_translations, missing_languages, pick

    assert as_translations("  Held.  ", "fr") == {"fr": "Held."}
    assert as_translations({"en": "A", "xx": "B", "ar": " "}) == {"en": "A"}
    assert pick({"fr": "Tenue.", "en": "Held."}, "fr", "ar") == ("Tenue.", "fr")
    assert pick({"en": "Held."}, "fr", "ru") == ("Held.", "en")
    assert pick({}, "en", "ru") == ("", "")
    assert missing_languages({"en": "A", "fr": ""}) == ["ar", "zh", "fr", "ru", "es"]


@pytest.mark.parametrize(
    ("texts", "language", "wrong"),
    [
        (["The Group meets in New York at least every six months."], "ar", True),
        (["The Group meets in New York at least every six months."], "zh", True),
        (["The Group meets in New York at least every six months."], "ru", True),
        (["Группа проводит заседания в Нью-Йорке не реже раза в полгода."], "fr", True),
        (["تجتمع المجموعة في نيويورك مرة كل ستة أشهر على الأقل"], "ar", False),
        (["小组至少每六个月在纽约举行一次大使级会议；"], "zh", False),
        (["[本措辞为Amity演示而编写，未转载真实案文。]"], "zh", False),
        (["A/77/650"], "ar", False),
        (["Le Groupe se réunit à New York au moins tous les six mois."], "fr", False),
    ],
)
def test_wrong_script_is_recognised(texts, language, wrong):
    """Latin text saved as the Arabic, Chinese or Russian version (or Cyrillic as French) is
    recognised; a symbol or a brand name inside the right script is not."""
    assert in_wrong_script(texts, language) is wrong


def test_in_zone_never_overflows_at_the_ends_of_the_calendar():
    """Year 1 read west of UTC and year 9999 read east of it stay in UTC, the same instant."""
    import datetime as dt
    import zoneinfo

    from amity.core.formatting import date_time, in_zone

    first = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
    last = dt.datetime(9999, 12, 31, 23, tzinfo=dt.UTC)
    west, east = zoneinfo.ZoneInfo("America/New_York"), zoneinfo.ZoneInfo("Pacific/Kiritimati")
    assert in_zone(first, west) == first
    assert in_zone(first, west).utcoffset() == dt.timedelta(0)
    assert in_zone(last, east) == last
    assert in_zone(last, west).utcoffset() == dt.timedelta(hours=-5)  # converts when it can
    assert "9999" in date_time(last, "en", zone=east)


def test_a_copied_text_is_marked_by_its_script_when_not_the_page_s():
    template = Template("{% load amity %}{{ text|inscript }}")
    with translation.override("ar"):
        out = template.render(Context({"text": "H.E. Ms. Aksoltan Ataeva"}))
        assert out == '<bdi lang="en" dir="ltr">H.E. Ms. Aksoltan Ataeva</bdi>'
        out = template.render(Context({"text": "أكسلطان أتاييفا"}))
        assert out == "<bdi>أكسلطان أتاييفا</bdi>"
    with translation.override("fr"):
        out = template.render(Context({"text": "Аксолтан Атаева"}))
        assert out == '<bdi lang="ru" dir="ltr">Аксолтан Атаева</bdi>'
        out = Template("{% load amity %}{{ text|inscript:'es' }}").render(
            Context({"text": "Embajadora"})
        )
        assert out == "<bdi>Embajadora</bdi>"  # Latin on a Latin-script page: not marked
    with translation.override("zh-hans"):
        out = template.render(Context({"text": "وزارة الخارجية"}))
        assert out == '<bdi lang="ar" dir="rtl">وزارة الخارجية</bdi>'
