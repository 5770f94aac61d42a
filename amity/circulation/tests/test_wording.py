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
    "zh": "(签名)",
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
    assert "Aksoltan Ataeva" in letter.signed and letter.role
    date = wording.long_date(datetime.date(2023, 3, 1), language)
    assert date in letter.heading and date in letter.annex_heading


def test_security_council_is_named_only_when_chosen():
    """'and of the Security Council' appears only when the coordinator chose it."""
    assert "Security Council" not in " ".join(letter_text(_letter_input("en")).paragraphs)
    assert "Security Council" in " ".join(letter_text(_letter_input("en", True)).paragraphs)
