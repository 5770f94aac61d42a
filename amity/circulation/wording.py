"""The words of UN documents in the six official languages: the document header, ordinal
session names, dates, and the covering letter to the Secretary-General.

These are document texts, not interface strings: a French PDF says "Assemblée générale" whatever
language the person who renders it reads, so they are written here per language rather than
through gettext. Wording follows the UN's published documents ("UN practice" in the facts file).
"""

from __future__ import annotations

import datetime

from babel.dates import format_date

from amity.core.languages import BABEL_LOCALES

HEADER = {
    "en": {
        "un": "United Nations",
        "ga": "General Assembly",
        "sc": "Security Council",
        "distr": "Distr.: General",
        "original": "Original: {language}",
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
        "original": "Original : {language}",
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
        "original": "Original: {language}",
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
        "original": "Язык оригинала: {language}",
        "item": "Пункт {number} повестки дня",
        "symbol_pending": "Условное обозначение ожидается",
        "joined": "К тексту присоединились следующие государства:",
        "annex": "Приложение",
    },
    "ar": {
        "un": "الأمم المتحدة",
        "ga": "الجمعية العامة",
        "sc": "مجلس الأمن",
        "distr": "التوزيع: عام",
        "original": "الأصل: {language}",
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
        "original": "原件：{language}",
        "item": "议程项目{number}",
        "symbol_pending": "文号待定",
        "joined": "以下国家加入了本案文：",
        "annex": "附件",
    },
}

# "Original: English" names the original language in the language of the document.
ORIGINAL_LANGUAGE = {
    "en": {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"},
    "fr": {"ar": "arabe", "zh": "chinois", "en": "anglais", "fr": "français", "ru": "russe", "es": "espagnol"},
    "es": {"ar": "árabe", "zh": "chino", "en": "inglés", "fr": "francés", "ru": "ruso", "es": "español"},
    "ru": {"ar": "арабский", "zh": "китайский", "en": "английский", "fr": "французский", "ru": "русский", "es": "испанский"},
    "ar": {"ar": "بالعربية", "zh": "بالصينية", "en": "بالإنكليزية", "fr": "بالفرنسية", "ru": "بالروسية", "es": "بالإسبانية"},
    "zh": {"ar": "阿拉伯文", "zh": "中文", "en": "英文", "fr": "法文", "ru": "俄文", "es": "西班牙文"},
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


def long_date(day: datetime.date, language: str) -> str:
    """The date as UN documents write it: 10 December 2022, 10 décembre 2022, 2022年12月10日."""
    if language == "en":
        return format_date(day, "d MMMM y", locale="en")
    if language == "ar":
        return format_date(day, "d MMMM y", locale="ar")
    return format_date(day, format="long", locale=BABEL_LOCALES[language])


def header_words(language: str) -> dict[str, str]:
    return HEADER[language]


def original_line(document_language: str, original_language: str) -> str:
    name = ORIGINAL_LANGUAGE[document_language][original_language]
    return HEADER[document_language]["original"].format(language=name)


def agenda_item_line(number: int, language: str) -> str:
    return HEADER[language]["item"].format(number=number)


# --- the covering letter --------------------------------------------------------------------

LETTER = {
    "en": {
        "heading": "Letter dated {date} from the Permanent Representative of {state} to the "
        "United Nations addressed to the Secretary-General",
        "transmit": "I have the honour to transmit herewith the text of the {title} (see annex).",
        "circulate": "I should be grateful if you would have the present letter and its annex "
        "circulated as a document of the General Assembly, under agenda item {item} of "
        "{session}{sc}.",
        "sc": ", and of the Security Council",
        "signed": "(Signed) {name}",
        "role": "Permanent Representative",
        "annex": "Annex to the letter dated {date} from the Permanent Representative of {state} "
        "to the United Nations addressed to the Secretary-General",
    },
    "fr": {
        "heading": "Lettre datée du {date}, adressée au Secrétaire général par le Représentant "
        "permanent ou la Représentante permanente ({state}) auprès de l'Organisation des "
        "Nations Unies",
        "transmit": "J'ai l'honneur de vous faire tenir ci-joint le texte suivant : {title} "
        "(voir annexe).",
        "circulate": "Je vous serais reconnaissant(e) de bien vouloir faire distribuer la "
        "présente lettre et son annexe comme document de l'Assemblée générale, au titre du "
        "point {item} de l'ordre du jour de {session}{sc}.",
        "sc": ", et du Conseil de sécurité",
        "signed": "(Signé) {name}",
        "role": "Représentant(e) permanent(e)",
        "annex": "Annexe de la lettre datée du {date}, adressée au Secrétaire général par le "
        "Représentant permanent ou la Représentante permanente ({state}) auprès de "
        "l'Organisation des Nations Unies",
    },
    "es": {
        "heading": "Carta de fecha {date} dirigida al Secretario General por la Representación "
        "Permanente ({state}) ante las Naciones Unidas",
        "transmit": "Tengo el honor de transmitirle adjunto el texto siguiente: {title} (véase "
        "el anexo).",
        "circulate": "Le agradecería que tuviera a bien hacer distribuir la presente carta y su "
        "anexo como documento de la Asamblea General, en relación con el tema {item} del "
        "programa de {session}{sc}.",
        "sc": ", y del Consejo de Seguridad",
        "signed": "(Firmado) {name}",
        "role": "Representante Permanente",
        "annex": "Anexo de la carta de fecha {date} dirigida al Secretario General por la "
        "Representación Permanente ({state}) ante las Naciones Unidas",
    },
    "ru": {
        "heading": "Письмо Постоянного представителя ({state}) при Организации Объединенных "
        "Наций от {date} на имя Генерального секретаря",
        "transmit": "Имею честь настоящим препроводить следующий текст: {title} (см. приложение).",
        "circulate": "Буду признателен за распространение настоящего письма и приложения к нему "
        "в качестве документа Генеральной Ассамблеи по пункту {item} повестки дня {session}{sc}.",
        "sc": ", а также в качестве документа Совета Безопасности",
        "signed": "(Подпись) {name}",
        "role": "Постоянный представитель",
        "annex": "Приложение к письму Постоянного представителя ({state}) при Организации "
        "Объединенных Наций от {date} на имя Генерального секретаря",
    },
    "ar": {
        "heading": "رسالة مؤرخة {date} موجهة إلى الأمين العام من الممثل الدائم ({state}) لدى "
        "الأمم المتحدة",
        "transmit": "أتشرف بأن أحيل إليكم طيه النص التالي: {title} (انظر المرفق).",
        "circulate": "وأرجو ممتنا تعميم هذه الرسالة ومرفقها بوصفهما وثيقة من وثائق الجمعية "
        "العامة، في إطار البند {item} من جدول الأعمال في {session}{sc}.",
        "sc": "، ووثيقة من وثائق مجلس الأمن",
        "signed": "(توقيع) {name}",
        "role": "الممثل الدائم",
        "annex": "مرفق الرسالة المؤرخة {date} الموجهة إلى الأمين العام من الممثل الدائم "
        "({state}) لدى الأمم المتحدة",
    },
    "zh": {
        "heading": "{date}常驻联合国代表({state})给秘书长的信",
        "transmit": "谨随函转递以下案文：{title}(见附件)。",
        "circulate": "请将本函及其附件作为大会{session}议程项目{item}下的文件{sc}分发为荷。",
        "sc": "和安全理事会的文件",
        "signed": "(签名){name}",
        "role": "常驻代表",
        "annex": "{date}常驻联合国代表({state})给秘书长的信的附件",
    },
}
