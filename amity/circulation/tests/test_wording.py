"""Header words, ordinal session names and the covering letter in the six languages."""

import datetime

import pytest

from amity.circulation import wording
from amity.circulation.renditions import LetterInput, RenditionInput, letter_text


def test_session_names_in_six_languages():
    """The 77th session is named as UN documents name it in each language."""
    assert wording.session_name(77, "en") == "Seventy-seventh session"
    assert wording.session_name(77, "fr") == "Soixante-dix-septième session"
    assert wording.session_name(77, "es") == "Septuagésimo séptimo período de sesiones"
    assert wording.session_name(77, "ru") == "Семьдесят седьмая сессия"
    assert wording.session_name(77, "ar") == "الدورة السابعة والسبعون"
    assert wording.session_name(77, "zh") == "第七十七届会议"


@pytest.mark.parametrize(
    ("number", "en", "fr"),
    [
        (70, "Seventieth", "Soixante-dixième"),
        (71, "Seventy-first", "Soixante-et-onzième"),
        (80, "Eightieth", "Quatre-vingtième"),
        (81, "Eighty-first", "Quatre-vingt-unième"),
        (21, "Twenty-first", "Vingt-et-unième"),
        (45, "Forty-fifth", "Quarante-cinquième"),
        (79, "Seventy-ninth", "Soixante-dix-neuvième"),
        (12, "Twelfth", "Douzième"),
    ],
)
def test_ordinals_edge_cases(number, en, fr):
    """Ordinals with irregular forms come out right in English and French."""
    assert wording.session_name(number, "en") == f"{en} session"
    assert wording.session_name(number, "fr") == f"{fr} session"


def _letter_input(language, security_council=False):
    return RenditionInput(
        language=language,
        title="T",
        preamble=[],
        operative=["x"],
        symbol=None,
        date=datetime.date(2023, 3, 1),
        session=77,
        agenda_item_number=58,
        agenda_item_title="",
        original_language="en",
        joined_states=[],
        document_kind="declaration",
        letter=LetterInput(
            date=datetime.date(2023, 3, 1),
            state="Turkmenistan",
            representative="Aksoltan Ataeva",
            security_council=security_council,
        ),
    )


SIGNED = {
    "en": "(Signed)",
    "fr": "(Signé)",
    "es": "(Firmado)",
    "ru": "(Подпись)",
    "ar": "(توقيع)",
    "zh": "（签名）",
}
SESSION_IN_LETTER = {
    "en": "seventy-seventh",
    "fr": "soixante-dix-septième",
    "es": "septuagésimo séptimo",
    "ru": "семьдесят седьмой",
    "ar": "السابعة والسبعين",
    "zh": "第七十七届会议",
}


@pytest.mark.parametrize("language", ["ar", "zh", "en", "fr", "ru", "es"])
def test_letter_carries_item_session_and_signature(language):
    """In each language the letter names agenda item 58, the 77th session and is signed by
    the Permanent Representative; the annex heading repeats the letter's date."""
    letter = letter_text(_letter_input(language))
    assert letter is not None
    body = " ".join(letter.paragraphs)
    assert "58" in body
    assert SESSION_IN_LETTER[language] in body
    assert letter.signed.startswith(SIGNED[language])
    assert "Aksoltan Ataeva" in letter.signed
    assert letter.role
    date = wording.long_date(datetime.date(2023, 3, 1), language)
    assert date in letter.heading
    assert date in letter.annex_heading


def test_security_council_is_named_only_when_chosen():
    """'and of the Security Council' appears only when the coordinator chose it."""
    assert "Security Council" not in " ".join(letter_text(_letter_input("en")).paragraphs)
    assert "Security Council" in " ".join(letter_text(_letter_input("en", True)).paragraphs)


def _letter(language, *, iso3="TKM", state="Turkmenistan", feminine=False, observer=False):
    from amity.members.reference import state_of

    data = _letter_input(language)
    letter = LetterInput(
        date=datetime.date(2022, 12, 12),
        state=state,
        representative="Aksoltan Ataeva",
        state_of=state_of(iso3, language),
        feminine=feminine,
        observer=observer,
    )
    return letter_text(RenditionInput(**{**data.__dict__, "letter": letter}))


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Permanent Representative of Turkmenistan to the United Nations"),
        ("fr", "Représentant permanent du Turkménistan auprès de l'Organisation des Nations Unies"),
        ("es", "Representante Permanente de Turkmenistán ante las Naciones Unidas"),
        ("ru", "Постоянный представитель Туркменистана при Организации Объединенных Наций"),
        ("ar", "الممثل الدائم لتركمانستان لدى الأمم المتحدة"),
        ("zh", "土库曼斯坦常驻联合国代表"),
    ],
)
def test_signatory_title_in_each_languages_grammar(language, title):
    """The Permanent Representative of Turkmenistan is named in each language's own grammar,
    not as "Permanent Representative (Turkmenistan)"."""
    letter = _letter(language)
    assert letter.role == title
    assert "(Turkmenistan" not in letter.heading
    assert "(土库曼斯坦)" not in letter.heading


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        (
            "en",
            "Letter dated 12 December 2022 from the Permanent Representative of Turkmenistan to "
            "the United Nations addressed to the Secretary-General",
        ),
        (
            "fr",
            "Lettre datée du 12 décembre 2022, adressée au Secrétaire général par la "
            "Représentante permanente du Turkménistan auprès de l'Organisation des Nations Unies",
        ),
        (
            "es",
            "Carta de fecha 12 de diciembre de 2022 dirigida al Secretario General por la "
            "Representante Permanente de Turkmenistán ante las Naciones Unidas",
        ),
        (
            "ru",
            "Письмо Постоянного представителя Туркменистана при Организации Объединенных Наций "
            "от 12 декабря 2022 года на имя Генерального секретаря",
        ),
        (
            "ar",
            "رسالة مؤرخة 12 كانون الأول/ديسمبر 2022 موجهة إلى الأمين العام من الممثلة الدائمة "
            "لتركمانستان لدى الأمم المتحدة",
        ),
        ("zh", "2022年12月12日土库曼斯坦常驻联合国代表给秘书长的信"),
    ],
)
def test_letter_heading_as_the_un_writes_it(language, heading):
    """The heading of a letter signed by a woman Permanent Representative, in each language."""
    assert _letter(language, feminine=True).heading == heading


def test_feminine_title_and_gratitude_where_the_language_has_them():
    """A woman signs as Représentante permanente, الممثلة الدائمة; she is reconnaissante,
    признательна, ممتنة."""
    assert "reconnaissante" in _letter("fr", feminine=True).paragraphs[1]
    assert "reconnaissant " in _letter("fr").paragraphs[1]
    assert "признательна" in _letter("ru", feminine=True).paragraphs[1]
    assert "ممتنة" in _letter("ar", feminine=True).paragraphs[1]
    assert _letter("ar", feminine=True).role.startswith("الممثلة الدائمة")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "the Permanent Observer of the State of Palestine to the United Nations"),
        ("fr", "l'Observateur permanent de l'État de Palestine auprès de l'Organisation"),
        ("ru", "Постоянного наблюдателя от Государства Палестина при Организации"),
        ("ar", "المراقب الدائم لدولة فلسطين لدى الأمم المتحدة"),
        ("zh", "巴勒斯坦国常驻联合国观察员"),
    ],
)
def test_an_observer_state_signs_as_permanent_observer(language, expected):
    """The State of Palestine's letter comes from its Permanent Observer."""
    letter = _letter(language, iso3="PSE", state="State of Palestine", observer=True)
    assert expected in letter.heading


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("en", datetime.date(2022, 12, 10), "10 December 2022"),
        ("fr", datetime.date(2022, 12, 1), "1er décembre 2022"),
        ("es", datetime.date(2022, 12, 10), "10 de diciembre de 2022"),
        ("ru", datetime.date(2022, 12, 10), "10 декабря 2022 года"),
        ("ar", datetime.date(2022, 6, 10), "10 حزيران/يونيه 2022"),
        ("zh", datetime.date(2022, 12, 10), "2022年12月10日"),
    ],
)
def test_dates_in_un_documents(language, day, expected):
    """Dates as UN documents write them: French "1er", Russian "года", Arabic months named
    twice (حزيران/يونيه)."""
    assert wording.long_date(day, language) == expected


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        ("en", ["Distr.: General", "10 December 2022", "Original: English"]),
        ("fr", ["Distr. générale", "10 décembre 2022", "Français", "Original : anglais"]),
        ("es", ["Distr. general", "10 de diciembre de 2022", "Español", "Original: inglés"]),
        ("ru", ["Distr.: General", "10 December 2022", "Russian", "Original: English"]),
        ("ar", ["Distr.: General", "10 December 2022", "Arabic", "Original: English"]),
        ("zh", ["Distr.: General", "10 December 2022", "Chinese", "Original: English"]),
    ],
)
def test_masthead_lines_as_the_un_prints_them(language, lines):
    """The masthead's distribution, date and language lines: in French and Spanish in those
    languages; in the Arabic, Chinese and Russian versions in English, as the UN prints them;
    the body and the organization always in the language."""
    from amity.circulation.renditions import header_lines

    data = _letter_input(language)
    head = header_lines(RenditionInput(**{**data.__dict__, "date": datetime.date(2022, 12, 10)}))
    shown = [head["distr"], head["date"], head["language"], head["original"]]
    assert [line for line in shown if line] == lines
    assert head["body"] == wording.HEADER[language]["ga"]
