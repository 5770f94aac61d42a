"""The words of UN documents in the six official languages: the document header, ordinal
session names, dates, and the covering letter to the Secretary-General.

These are document texts, not interface strings: a French PDF says "Assemblée générale" whatever
language the person who renders it reads, so they are written here per language rather than
through gettext. Wording follows the UN's published documents ("UN practice" in the facts file).
"""

from __future__ import annotations

import datetime
from typing import Any

from babel.dates import format_date

from amity.core import formatting

# The masthead and the words around the text. In UN documents the distribution line, the date
# and the language lines of the masthead stay in English in the Arabic, Chinese and Russian
# versions ("Distr.: General", "15 December 2022", "Arabic", "Original: English"); the French
# and Spanish versions write them in French and Spanish. Everything else is in the language.
HEADER = {
    "en": {
        "un": "United Nations",
        "ga": "General Assembly",
        "sc": "Security Council",
        "distr": "Distr.: General",
        "item": "Agenda item {number}",
        "symbol_pending": "Symbol pending",
        "joined": "The following States have joined the text:",
        "annex": "Annex",
    },
    "fr": {
        "un": "Nations Unies",
        "ga": "Assemblée générale",
        "sc": "Conseil de sécurité",
        "distr": "Distr. générale",
        "item": "Point {number} de l'ordre du jour",
        "symbol_pending": "Cote en attente",
        "joined": "Les États suivants se sont associés au texte :",
        "annex": "Annexe",
    },
    "es": {
        "un": "Naciones Unidas",
        "ga": "Asamblea General",
        "sc": "Consejo de Seguridad",
        "distr": "Distr. general",
        "item": "Tema {number} del programa",
        "symbol_pending": "Signatura pendiente",
        "joined": "Los siguientes Estados se han sumado al texto:",
        "annex": "Anexo",
    },
    "ru": {
        "un": "Организация Объединенных Наций",
        "ga": "Генеральная Ассамблея",
        "sc": "Совет Безопасности",
        "distr": "Distr.: General",
        "item": "Пункт {number} повестки дня",
        "symbol_pending": "Условное обозначение ожидается",
        "joined": "К тексту присоединились следующие государства:",
        "annex": "Приложение",
    },
    "ar": {
        "un": "الأمم المتحدة",
        "ga": "الجمعية العامة",
        "sc": "مجلس الأمن",
        "distr": "Distr.: General",
        "item": "البند {number} من جدول الأعمال",
        "symbol_pending": "الرمز قيد الانتظار",
        "joined": "انضمت الدول التالية إلى النص:",
        "annex": "المرفق",
    },
    "zh": {
        "un": "联合国",
        "ga": "大会",
        "sc": "安全理事会",
        "distr": "Distr.: General",
        "item": "议程项目{number}",
        "symbol_pending": "文号待定",
        "joined": "以下国家加入了本案文：",
        "annex": "附件",
    },
}

# The masthead's language lines: in the language for French and Spanish, in English for the
# others ("Chinese", "Original: English"), as the UN prints them.
MASTHEAD_LANGUAGE = {"en": "en", "fr": "fr", "es": "es", "ru": "en", "ar": "en", "zh": "en"}
ORIGINAL_PATTERN = {
    "en": "Original: {language}",
    "fr": "Original : {language}",
    "es": "Original: {language}",
}
# The name of each language as the masthead writes it: the version's own language line
# ("Français", "Español", "Arabic") and, lower-case in French and Spanish, the original.
LANGUAGE_LINE = {
    "en": {
        "ar": "Arabic",
        "zh": "Chinese",
        "en": "English",
        "fr": "French",
        "ru": "Russian",
        "es": "Spanish",
    },
    "fr": {"fr": "Français"},
    "es": {"es": "Español"},
}
ORIGINAL_LANGUAGE = {
    "en": {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"},
    "fr": {"ar": "arabe", "zh": "chinois", "en": "anglais", "fr": "français", "ru": "russe", "es": "espagnol"},
    "es": {"ar": "árabe", "zh": "chino", "en": "inglés", "fr": "francés", "ru": "ruso", "es": "español"},
}  # fmt: skip


# --- ordinal session names ------------------------------------------------------------------

_EN_UNITS = [
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
]
_EN_CARD_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_EN_TENS = ["", "", "twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"]

_FR_UNITS = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
_FR_TEENS = [
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
_FR_TENS = ["", "dix", "vingt", "trente", "quarante", "cinquante", "soixante"]

_ES_UNITS = [
    "",
    "primer",
    "segundo",
    "tercer",
    "cuarto",
    "quinto",
    "sexto",
    "séptimo",
    "octavo",
    "noveno",
]
_ES_TEENS = [
    "décimo",
    "undécimo",
    "duodécimo",
    "decimotercer",
    "decimocuarto",
    "decimoquinto",
    "decimosexto",
    "decimoséptimo",
    "decimoctavo",
    "decimonoveno",
]
_ES_TENS = [
    "",
    "",
    "vigésimo",
    "trigésimo",
    "cuadragésimo",
    "quincuagésimo",
    "sexagésimo",
    "septuagésimo",
    "octogésimo",
    "nonagésimo",
]

_RU_UNITS = [
    "",
    "первая",
    "вторая",
    "третья",
    "четвертая",
    "пятая",
    "шестая",
    "седьмая",
    "восьмая",
    "девятая",
]
_RU_TEENS = [
    "десятая",
    "одиннадцатая",
    "двенадцатая",
    "тринадцатая",
    "четырнадцатая",
    "пятнадцатая",
    "шестнадцатая",
    "семнадцатая",
    "восемнадцатая",
    "девятнадцатая",
]
_RU_TENS_ORD = [
    "",
    "",
    "двадцатая",
    "тридцатая",
    "сороковая",
    "пятидесятая",
    "шестидесятая",
    "семидесятая",
    "восьмидесятая",
    "девяностая",
]
_RU_TENS = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
]

_AR_UNITS = [
    "",
    "الأولى",
    "الثانية",
    "الثالثة",
    "الرابعة",
    "الخامسة",
    "السادسة",
    "السابعة",
    "الثامنة",
    "التاسعة",
]
_AR_TENS = [
    "",
    "العاشرة",
    "العشرون",
    "الثلاثون",
    "الأربعون",
    "الخمسون",
    "الستون",
    "السبعون",
    "الثمانون",
    "التسعون",
]

_ZH_DIGITS = "〇一二三四五六七八九"  # fmt: skip


def _en(n: int) -> str:
    if n < 10:
        return _EN_UNITS[n]
    if n < 20:
        return _EN_TEENS[n - 10]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _EN_TENS[tens] + "ieth"
    return _EN_TENS[tens] + "y-" + _EN_UNITS[unit]


def _fr_cardinal(n: int) -> str:
    if n < 10:
        return _FR_UNITS[n]
    if n < 20:
        return _FR_TEENS[n - 10]
    if n < 70:
        tens, unit = divmod(n, 10)
        if unit == 0:
            return _FR_TENS[tens]
        joiner = "-et-" if unit == 1 else "-"
        return _FR_TENS[tens] + joiner + _FR_UNITS[unit]
    if n < 80:
        rest = n - 60
        return "soixante" + ("-et-" if rest == 11 else "-") + _fr_cardinal(rest)
    if n == 80:
        return "quatre-vingts"
    return "quatre-vingt-" + _fr_cardinal(n - 80)


def _fr(n: int) -> str:
    if n == 1:
        return "première"
    word = _fr_cardinal(n)
    if word.endswith("quatre-vingts"):
        word = word[:-1]
    if word.endswith("cinq"):
        return word + "uième"
    if word.endswith("neuf"):
        return word[:-1] + "vième"
    if word.endswith("e"):
        word = word[:-1]
    return word + "ième"


def _es(n: int) -> str:
    if n < 10:
        return _ES_UNITS[n]
    if n < 20:
        return _ES_TEENS[n - 10]
    tens, unit = divmod(n, 10)
    return _ES_TENS[tens] + ("" if unit == 0 else " " + _ES_UNITS[unit])


def _ru(n: int) -> str:
    if n < 10:
        return _RU_UNITS[n]
    if n < 20:
        return _RU_TEENS[n - 10]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _RU_TENS_ORD[tens]
    return _RU_TENS[tens] + " " + _RU_UNITS[unit]


def _ru_genitive(ordinal: str) -> str:
    """семьдесят седьмая -> семьдесят седьмой; третья -> третьей."""
    words = ordinal.split(" ")
    last = words[-1]
    last = last[:-2] + "ьей" if last.endswith("ья") else last[:-2] + "ой"
    return " ".join([*words[:-1], last])


def _ar(n: int) -> str:
    if n < 10:
        return _AR_UNITS[n]
    if n == 10:
        return _AR_TENS[1]
    if n < 20:
        teen = "الحادية" if n == 11 else _AR_UNITS[n - 10]
        return teen + " عشرة"
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _AR_TENS[tens]
    first = "الحادية" if unit == 1 else _AR_UNITS[unit]
    return first + " و" + _AR_TENS[tens]


def _ar_genitive(ordinal: str) -> str:
    """السابعة والسبعون -> السابعة والسبعين (after a preposition or in a construct)."""
    return " ".join(w[:-2] + "ين" if w.endswith("ون") else w for w in ordinal.split(" "))


def _zh_number(n: int) -> str:
    if n < 10:
        return _ZH_DIGITS[n]
    tens, unit = divmod(n, 10)
    head = "十" if tens == 1 else _ZH_DIGITS[tens] + "十"
    return head + (_ZH_DIGITS[unit] if unit else "")


def session_name(number: int, language: str) -> str:
    """ "Seventy-seventh session" in the document's language (sessions 1 to 99)."""
    if not 1 <= number <= 99:
        raise ValueError("General Assembly sessions are numbered 1 to 99 here.")
    if language == "fr":
        return _fr(number).capitalize() + " session"
    if language == "es":
        return _es(number).capitalize() + " período de sesiones"
    if language == "ru":
        return _ru(number).capitalize() + " сессия"
    if language == "ar":
        return "الدورة " + _ar(number)
    if language == "zh":
        return "第" + _zh_number(number) + "届会议"
    return _en(number).capitalize() + " session"


def session_phrase(number: int, language: str) -> str:
    """The session inside a sentence: "its seventy-seventh session", "sa soixante-dix-septième
    session", "第七十七届会议"."""
    if language == "fr":
        return "sa " + _fr(number) + " session"
    if language == "es":
        return "su " + _es(number) + " período de sesiones"
    if language == "ru":
        return "ее " + _ru_genitive(_ru(number)) + " сессии"
    if language == "ar":
        return "دورتها " + _ar_genitive(_ar(number))
    if language == "zh":
        return "第" + _zh_number(number) + "届会议"
    return "its " + _en(number) + " session"


# Arabic UN documents name each month twice, the Levantine name and the other ("كانون
# الأول/ديسمبر"), with the UN's spellings (يونيه, يوليه).
AR_MONTHS = [
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيه",
    "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
]  # fmt: skip


def long_date(day: datetime.date, language: str) -> str:
    """The date as UN documents write it: 10 December 2022, 1er décembre 2022, 10 de diciembre
    de 2022, 10 декабря 2022 года, 10 كانون الأول/ديسمبر 2022, 2022年12月10日."""
    if language == "ar":
        return f"{day.day} {AR_MONTHS[day.month - 1]} {day.year}"
    if language == "ru":
        return format_date(day, "d MMMM y", locale="ru") + " года"
    if language == "fr" and day.day == 1:
        return "1er " + format_date(day, "MMMM y", locale="fr")
    return formatting.date_long(day, language)


def header_words(language: str) -> dict[str, str]:
    return HEADER[language]


def masthead_date(day: datetime.date, language: str) -> str:
    """The date in the masthead: in English for the Arabic, Chinese and Russian versions."""
    return long_date(day, MASTHEAD_LANGUAGE[language])


def language_line(document_language: str, original_language: str) -> str:
    """The version's own language under the date ("Arabic", "Français"), empty for the
    original."""
    if document_language == original_language:
        return ""
    masthead = MASTHEAD_LANGUAGE[document_language]
    return LANGUAGE_LINE[masthead][document_language]


def original_line(document_language: str, original_language: str) -> str:
    """ "Original: English", "Original : anglais", "Original: inglés"."""
    masthead = MASTHEAD_LANGUAGE[document_language]
    name = ORIGINAL_LANGUAGE[masthead][original_language]
    return ORIGINAL_PATTERN[masthead].format(language=name)


def agenda_item_line(number: int, language: str) -> str:
    return HEADER[language]["item"].format(number=number)


# --- the covering letter --------------------------------------------------------------------
#
# Each language composes its own sentences around the sender: the title ("Permanent
# Representative", or "Permanent Observer" for an observer State) takes the signatory's
# grammatical gender where the language has one (Représentante permanente, الممثلة الدائمة), and
# the State takes the form that follows the title in that language (``state_of``: "of the
# Niger", "du Niger", "del Níger", "Нигера", "للنيجر", "尼日尔", from the shipped UN names).

# The sender, as named after "from" / "par" / "por" / "من" (a noun phrase with its article),
# in the genitive after "Письмо", and bare before "给秘书长的信".
SENDER = {
    "en": {
        ("pr", "m"): "the Permanent Representative {state_of} to the United Nations",
        ("pr", "f"): "the Permanent Representative {state_of} to the United Nations",
        ("po", "m"): "the Permanent Observer {state_of} to the United Nations",
        ("po", "f"): "the Permanent Observer {state_of} to the United Nations",
    },
    "fr": {
        ("pr", "m"): "le Représentant permanent {state_of} auprès de l'Organisation des Nations Unies",
        ("pr", "f"): "la Représentante permanente {state_of} auprès de l'Organisation des Nations Unies",
        ("po", "m"): "l'Observateur permanent {state_of} auprès de l'Organisation des Nations Unies",
        ("po", "f"): "l'Observatrice permanente {state_of} auprès de l'Organisation des Nations Unies",
    },
    "es": {
        ("pr", "m"): "el Representante Permanente {state_of} ante las Naciones Unidas",
        ("pr", "f"): "la Representante Permanente {state_of} ante las Naciones Unidas",
        ("po", "m"): "el Observador Permanente {state_of} ante las Naciones Unidas",
        ("po", "f"): "la Observadora Permanente {state_of} ante las Naciones Unidas",
    },
    "ru": {
        ("pr", "m"): "Постоянного представителя {state_of} при Организации Объединенных Наций",
        ("pr", "f"): "Постоянного представителя {state_of} при Организации Объединенных Наций",
        ("po", "m"): "Постоянного наблюдателя от {state_of} при Организации Объединенных Наций",
        ("po", "f"): "Постоянного наблюдателя от {state_of} при Организации Объединенных Наций",
    },
    "ar": {
        ("pr", "m"): "الممثل الدائم {state_of} لدى الأمم المتحدة",
        ("pr", "f"): "الممثلة الدائمة {state_of} لدى الأمم المتحدة",
        ("po", "m"): "المراقب الدائم {state_of} لدى الأمم المتحدة",
        ("po", "f"): "المراقبة الدائمة {state_of} لدى الأمم المتحدة",
    },
    "zh": {
        ("pr", "m"): "{state_of}常驻联合国代表",
        ("pr", "f"): "{state_of}常驻联合国代表",
        ("po", "m"): "{state_of}常驻联合国观察员",
        ("po", "f"): "{state_of}常驻联合国观察员",
    },
}  # fmt: skip

# The title under the signature, as a heading (nominative, capitalised).
SIGNATORY = {
    "en": {
        ("pr", "m"): "Permanent Representative {state_of} to the United Nations",
        ("pr", "f"): "Permanent Representative {state_of} to the United Nations",
        ("po", "m"): "Permanent Observer {state_of} to the United Nations",
        ("po", "f"): "Permanent Observer {state_of} to the United Nations",
    },
    "fr": {
        ("pr", "m"): "Représentant permanent {state_of} auprès de l'Organisation des Nations Unies",
        ("pr", "f"): "Représentante permanente {state_of} auprès de l'Organisation des Nations Unies",
        ("po", "m"): "Observateur permanent {state_of} auprès de l'Organisation des Nations Unies",
        ("po", "f"): "Observatrice permanente {state_of} auprès de l'Organisation des Nations Unies",
    },
    "es": {
        ("pr", "m"): "Representante Permanente {state_of} ante las Naciones Unidas",
        ("pr", "f"): "Representante Permanente {state_of} ante las Naciones Unidas",
        ("po", "m"): "Observador Permanente {state_of} ante las Naciones Unidas",
        ("po", "f"): "Observadora Permanente {state_of} ante las Naciones Unidas",
    },
    "ru": {
        ("pr", "m"): "Постоянный представитель {state_of} при Организации Объединенных Наций",
        ("pr", "f"): "Постоянный представитель {state_of} при Организации Объединенных Наций",
        ("po", "m"): "Постоянный наблюдатель от {state_of} при Организации Объединенных Наций",
        ("po", "f"): "Постоянный наблюдатель от {state_of} при Организации Объединенных Наций",
    },
    "ar": SENDER["ar"],
    "zh": SENDER["zh"],
}  # fmt: skip

LETTER: dict[str, dict[str, Any]] = {
    "en": {
        "heading": "Letter dated {date} from {sender} addressed to the Secretary-General",
        "transmit": "I have the honour to transmit herewith the text of the {title} (see annex).",
        "circulate": "I should be grateful if you would have the present letter and its annex "
        "circulated as a document of the General Assembly, under agenda item {item} of "
        "{session}{sc}.",
        "sc": ", and of the Security Council",
        "signed": "(Signed) {name}",
        "annex": "Annex to the letter dated {date} from {sender} addressed to the "
        "Secretary-General",
    },
    "fr": {
        "heading": "Lettre datée du {date}, adressée au Secrétaire général par {sender}",
        "transmit": "J'ai l'honneur de vous faire tenir ci-joint le texte suivant : {title} "
        "(voir annexe).",
        "circulate": "Je vous serais {grateful} de bien vouloir faire distribuer la présente "
        "lettre et son annexe comme document de l'Assemblée générale, au titre du point {item} "
        "de l'ordre du jour de {session}{sc}.",
        "grateful": {"m": "reconnaissant", "f": "reconnaissante"},
        "sc": ", et du Conseil de sécurité",
        "signed": "(Signé) {name}",
        "annex": "Annexe à la lettre datée du {date}, adressée au Secrétaire général par {sender}",
    },
    "es": {
        "heading": "Carta de fecha {date} dirigida al Secretario General por {sender}",
        "transmit": "Tengo el honor de transmitirle adjunto el texto siguiente: {title} (véase "
        "el anexo).",
        "circulate": "Le agradecería que tuviera a bien hacer distribuir la presente carta y su "
        "anexo como documento de la Asamblea General, en relación con el tema {item} del "
        "programa de {session}{sc}.",
        "sc": ", y del Consejo de Seguridad",
        "signed": "(Firmado) {name}",
        "annex": "Anexo de la carta de fecha {date} dirigida al Secretario General por {sender}",
    },
    "ru": {
        "heading": "Письмо {sender} от {date} на имя Генерального секретаря",
        "transmit": "Имею честь настоящим препроводить следующий текст: {title} (см. приложение).",
        "circulate": "Буду {grateful} за распространение настоящего письма и приложения к нему "
        "в качестве документа Генеральной Ассамблеи по пункту {item} повестки дня {session}{sc}.",
        "grateful": {"m": "признателен", "f": "признательна"},
        "sc": ", а также в качестве документа Совета Безопасности",
        "signed": "(Подпись) {name}",
        "annex": "Приложение к письму {sender} от {date} на имя Генерального секретаря",
    },
    "ar": {
        "heading": "رسالة مؤرخة {date} موجهة إلى الأمين العام من {sender}",
        "transmit": "أتشرف بأن أحيل إليكم طيه النص التالي: {title} (انظر المرفق).",
        "circulate": "وأرجو {grateful} تعميم هذه الرسالة ومرفقها بوصفهما وثيقة من وثائق الجمعية "
        "العامة، في إطار البند {item} من جدول الأعمال في {session}{sc}.",
        "grateful": {"m": "ممتنا", "f": "ممتنة"},
        "sc": "، ووثيقة من وثائق مجلس الأمن",
        "signed": "(توقيع) {name}",
        "annex": "مرفق الرسالة المؤرخة {date} الموجهة إلى الأمين العام من {sender}",
    },
    "zh": {
        "heading": "{date}{sender}给秘书长的信",
        "transmit": "谨随函转递以下案文：{title}（见附件）。",
        "circulate": "请将本函及其附件作为大会{session}议程项目{item}下的文件{sc}分发为荷。",
        "sc": "和安全理事会的文件",
        "signed": "（签名）{name}",
        "annex": "{date}{sender}给秘书长的信的附件",
    },
}


def sender(language: str, state_of: str, *, observer: bool = False, feminine: bool = False) -> str:
    """The signatory's title with the State, as the letter's heading names them."""
    key = ("po" if observer else "pr", "f" if feminine else "m")
    return SENDER[language][key].format(state_of=state_of)


def signatory_title(
    language: str, state_of: str, *, observer: bool = False, feminine: bool = False
) -> str:
    """The title under the signature: "Permanent Representative of Turkmenistan to the United
    Nations", "土库曼斯坦常驻联合国代表"."""
    key = ("po" if observer else "pr", "f" if feminine else "m")
    return SIGNATORY[language][key].format(state_of=state_of)
