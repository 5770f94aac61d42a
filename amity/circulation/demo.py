"""Demo data: General Assembly sessions 77 to 79 and the agenda items of the facts file, and the
2022 Final Declaration in six languages (translations of the demo wording, which says so in its
first paragraph), circulated under agenda item 58 of the 77th session, signed by Turkmenistan's
Permanent Representative (her name in Cyrillic, Arabic and Chinese scripts). Its symbol and
the date of the covering letter are not found: the circulation is shown as submitted and
awaiting its symbol, and the letter date (the day of adoption) is illustrative, as its note
says. Idempotent.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from amity.circulation import services
from amity.circulation.models import Circulation, GAAgendaItem, GASession
from amity.core.actors import system_actor
from amity.documents.models import OutcomeDocument, TextStatus, VersionText
from amity.documents.text import sanitize
from amity.members import services as member_services
from amity.members.models import Person, PersonRole, State

SESSIONS = [
    (77, datetime.date(2022, 9, 13), "Csaba Kőrösi", "HUN"),
    (78, datetime.date(2023, 9, 5), "Dennis Francis", "TTO"),
    (79, datetime.date(2024, 9, 10), "Philemon Yang", "CMR"),
]
PEACEBUILDING = {
    "en": "Peacebuilding and sustaining peace",
    "fr": "Consolidation et pérennisation de la paix",
    "es": "Consolidación y sostenimiento de la paz",
    "ru": "Миростроительство и поддержание мира",
    "ar": "بناء السلام والحفاظ عليه",
    "zh": "建设和平与保持和平",
}
CULTURE_OF_PEACE = {
    "en": "Culture of peace",
    "fr": "Culture de paix",
    "es": "Cultura de paz",
    "ru": "Культура мира",
    "ar": "ثقافة السلام",
    "zh": "和平文化",
}
ITEMS = [(77, 14, CULTURE_OF_PEACE), (77, 58, PEACEBUILDING), (79, 61, PEACEBUILDING)]

# The 2022 Final Declaration (its Rev.1, as adopted) in the five other languages: translations
# of the demo wording, which is itself illustrative (its first paragraph says so, in each
# language). Real translations, so they are marked final.
TRANSLATIONS: dict[str, dict[str, Any]] = {
    "fr": {
        "title": "Déclaration finale de la première réunion ministérielle du Groupe des Amis de "
        "la neutralité pour la paix, la sécurité et le développement durable",
        "preamble": [
            "[Libellé de démonstration rédigé pour Amity ; le texte réel n'est pas reproduit.]",
            "<i>Nous</i>, Ministres des affaires étrangères et chefs de délégation des membres du "
            "Groupe des Amis de la neutralité pour la paix, la sécurité et le développement "
            "durable, réunis à Achgabat le 10 décembre 2022,",
            "<i>Rappelant</i> les buts et principes de la Charte des Nations Unies,",
            "<i>Rappelant également</i> la résolution 71/275 de l'Assemblée générale, par "
            "laquelle celle-ci a proclamé le 12 décembre Journée internationale de la "
            "neutralité,",
            "<i>Nous félicitant</i> du nombre croissant d'États qui se sont joints au Groupe "
            "depuis sa première réunion, en 2020,",
        ],
        "operative": [
            "<b>Convenons</b> que le Groupe se réunit au niveau des ambassadeurs à New York au "
            "moins tous les six mois ;",
            "<b>Convenons également</b> que le Groupe se réunit une fois par an au niveau des "
            "ministres des affaires étrangères ;",
            "<b>Décidons</b> que le Groupe est présidé pendant un an par deux coprésidents, le "
            "Turkménistan et un membre volontaire, après quoi la coprésidence est assurée par "
            "roulement géographique ;",
            "<b>Restons</b> ouverts à tous les États qui partagent les buts du Groupe et "
            "expriment le souhait d'y adhérer par note verbale ou par lettre.",
        ],
    },
    "es": {
        "title": "Declaración Final de la primera reunión ministerial del Grupo de Amigos de la "
        "Neutralidad para la Paz, la Seguridad y el Desarrollo Sostenible",
        "preamble": [
            "[Texto de demostración redactado para Amity; no se reproduce el texto real.]",
            "<i>Nosotros</i>, los Ministros de Relaciones Exteriores y jefes de delegación de "
            "los miembros del Grupo de Amigos de la Neutralidad para la Paz, la Seguridad y el "
            "Desarrollo Sostenible, reunidos en Asjabad el 10 de diciembre de 2022,",
            "<i>Recordando</i> los propósitos y principios de la Carta de las Naciones Unidas,",
            "<i>Recordando también</i> la resolución 71/275 de la Asamblea General, en la que se "
            "proclamó el 12 de diciembre Día Internacional de la Neutralidad,",
            "<i>Acogiendo con beneplácito</i> el número creciente de Estados que se han sumado "
            "al Grupo desde su primera reunión, celebrada en 2020,",
        ],
        "operative": [
            "<b>Convenimos</b> en que el Grupo se reúna a nivel de embajadores en Nueva York al "
            "menos cada seis meses;",
            "<b>Convenimos también</b> en que el Grupo se reúna una vez al año a nivel de "
            "Ministros de Relaciones Exteriores;",
            "<b>Decidimos</b> que el Grupo esté presidido durante un año por dos copresidentes, "
            "Turkmenistán y un miembro voluntario, tras lo cual la copresidencia rotará con "
            "arreglo a criterios geográficos;",
            "<b>Permanecemos</b> abiertos a todos los Estados que comparten los propósitos del "
            "Grupo y expresan su deseo de sumarse a él mediante nota verbal o carta.",
        ],
    },
    "ru": {
        "title": "Заключительная декларация первого совещания министров Группы друзей "
        "нейтралитета во имя мира, безопасности и устойчивого развития",
        "preamble": [
            "[Демонстрационный текст, подготовленный для Amity; подлинный текст не "
            "воспроизводится.]",
            "<i>Мы</i>, министры иностранных дел и главы делегаций членов Группы друзей "
            "нейтралитета во имя мира, безопасности и устойчивого развития, собравшиеся в "
            "Ашхабаде 10 декабря 2022 года,",
            "<i>ссылаясь</i> на цели и принципы Устава Организации Объединенных Наций,",
            "<i>ссылаясь также</i> на резолюцию 71/275 Генеральной Ассамблеи, в которой "
            "12 декабря провозглашено Международным днем нейтралитета,",
            "<i>приветствуя</i> растущее число государств, присоединившихся к Группе со времени "
            "ее первого совещания в 2020 году,",
        ],
        "operative": [
            "<b>договариваемся</b> о том, что Группа проводит заседания на уровне послов в "
            "Нью-Йорке не реже одного раза в шесть месяцев;",
            "<b>договариваемся также</b> о том, что Группа проводит заседания на уровне "
            "министров иностранных дел один раз в год;",
            "<b>постановляем</b>, что в течение одного года Группой руководят два "
            "сопредседателя — Туркменистан и один член Группы, вызвавшийся добровольно, после "
            "чего функции сопредседателя передаются по принципу географической ротации;",
            "<b>остаемся</b> открытыми для всех государств, которые разделяют цели Группы и "
            "выражают желание присоединиться к ней посредством вербальной ноты или письма.",
        ],
    },
    "ar": {
        "title": "الإعلان الختامي للاجتماع الوزاري الأول لمجموعة أصدقاء الحياد من أجل السلام "
        "والأمن والتنمية المستدامة",
        "preamble": [
            "[صيغة توضيحية أُعدّت لأغراض العرض في Amity؛ ولا يُستنسخ النص الحقيقي.]",
            "<i>نحن</i>، وزراء الخارجية ورؤساء وفود أعضاء مجموعة أصدقاء الحياد من أجل السلام "
            "والأمن والتنمية المستدامة، المجتمعين في عشق آباد في 10 كانون الأول/ديسمبر 2022،",
            "<i>إذ نشير</i> إلى مقاصد ميثاق الأمم المتحدة ومبادئه،",
            "<i>وإذ نشير أيضا</i> إلى قرار الجمعية العامة 71/275 الذي أعلنت فيه يوم 12 كانون "
            "الأول/ديسمبر يوما دوليا للحياد،",
            "<i>وإذ نرحب</i> بتزايد عدد الدول التي انضمت إلى المجموعة منذ اجتماعها الأول في "
            "عام 2020،",
        ],
        "operative": [
            "<b>نتفق</b> على أن تجتمع المجموعة على مستوى السفراء في نيويورك مرة كل ستة أشهر على "
            "الأقل؛",
            "<b>نتفق أيضا</b> على أن تجتمع المجموعة على مستوى وزراء الخارجية مرة في السنة؛",
            "<b>نقرر</b> أن يتولى رئاسة المجموعة لمدة سنة واحدة رئيسان مشاركان، هما تركمانستان "
            "وعضو متطوع، تتناوب بعدها الرئاسة المشاركة على أساس جغرافي؛",
            "<b>نظل</b> منفتحين على جميع الدول التي تشاطر المجموعة مقاصدها وتعرب عن رغبتها في "
            "الانضمام إليها بمذكرة شفوية أو برسالة.",
        ],
    },
    "zh": {
        "title": "中立促进和平、安全与可持续发展之友小组第一次部长级会议最后宣言",
        "preamble": [
            "［本措辞为Amity演示而编写，未转载真实案文。］",
            "<i>我们</i>，中立促进和平、安全与可持续发展之友小组成员的外交部长和代表团团长，"
            "于2022年12月10日在阿什哈巴德举行会议，",
            "<i>回顾</i>《联合国宪章》的宗旨和原则，",
            "<i>又回顾</i>大会宣布12月12日为国际中立日的第71/275号决议，",
            "<i>欢迎</i>自2020年小组第一次会议以来加入小组的国家日益增多，",
        ],
        "operative": [
            "<b>商定</b>小组至少每六个月在纽约举行一次大使级会议；",
            "<b>又商定</b>小组每年举行一次外交部长级会议；",
            "<b>决定</b>小组由两位共同主席主持，即土库曼斯坦和一个自愿担任的成员，任期一年，"
            "其后共同主席职位按地域轮换；",
            "<b>继续</b>向所有认同小组宗旨并以普通照会或信函表示愿意加入小组的国家开放。",
        ],
    },
}

# The Permanent Representative who signs the letter, named in the scripts her delegation would
# give. The Russian form is the one in public use; the Arabic and Chinese transliterations are
# illustrative (the demo's, not taken from a published document).
SIGNATORY_NAMES = {"ru": "Аксолтан Атаева", "ar": "أكسولتان أتاييفا", "zh": "阿克索尔坦·阿塔耶娃"}
NOTE = (
    "Demo: the symbol and the date of the covering letter are not found in public reports; the "
    "letter date shown (the day of adoption) is illustrative, as are the Arabic and Chinese "
    "transliterations of the signatory's name. Awaiting the symbol."
)

DEMO = system_actor("loaddemo")


def _signatory(group: Any) -> Person | None:
    """Turkmenistan's Permanent Representative among the group's people, her name given in
    Cyrillic, Arabic and Chinese scripts (once)."""
    person = Person.objects.filter(
        group=group, state__iso3="TKM", role=PersonRole.PERMANENT_REPRESENTATIVE
    ).first()
    if person is not None and not person.names:
        person = member_services.person_update(
            actor=DEMO, person=person, version=person.version, names=SIGNATORY_NAMES
        )
    return person


def load() -> Iterator[str]:
    for number, opened, president, code in SESSIONS:
        services.ga_session_save(
            actor=DEMO,
            number=number,
            opened_on=opened,
            president_name=president,
            president_state=State.objects.filter(iso3=code).first(),
        )
    for session_number, number, titles in ITEMS:
        services.ga_agenda_item_save(
            actor=DEMO,
            session=GASession.objects.get(number=session_number),
            number=number,
            titles=titles,
        )
    yield f"{len(SESSIONS)} General Assembly sessions, {len(ITEMS)} agenda items"
    document = OutcomeDocument.objects.filter(slug="final-declaration-2022").first()
    if document is None:
        yield "final-declaration-2022 missing: no language versions"
        return
    version = document.versions.order_by("-id").first()
    if version is None:
        yield "final-declaration-2022 missing: no version"
        return
    original = VersionText.objects.get(version=version, language=document.original_language)
    done = 0
    for language, text in TRANSLATIONS.items():
        if (len(text["preamble"]), len(text["operative"])) != (
            len(original.preamble),
            len(original.operative),
        ):
            yield f"final-declaration-2022: {language} translation does not fit the text; left out"
            continue
        current = VersionText.objects.filter(version=version, language=language).first()
        if (
            current is not None
            and current.status == TextStatus.FINAL
            and current.title == text["title"]
            and list(current.preamble) == [sanitize(p) for p in text["preamble"]]
            and list(current.operative) == [sanitize(p) for p in text["operative"]]
        ):
            continue
        services.translation_update(
            actor=DEMO,
            version=version,
            language=language,
            title=text["title"],
            preamble=text["preamble"],
            operative=text["operative"],
            final=True,
        )
        done += 1
    yield f"final-declaration-2022: {done} translations of the demo wording marked final"
    if document.status != "adopted":
        yield "final-declaration-2022 is not adopted: not circulated"
        return
    if not Circulation.objects.filter(document=document).exists():
        day = document.adopted_at.date() if document.adopted_at else datetime.date(2022, 12, 10)
        circulation = services.circulation_prepare(
            actor=DEMO,
            document=document,
            session=GASession.objects.get(number=77),
            agenda_item=GAAgendaItem.objects.get(session__number=77, number=58),
            letter_date=day,
            representative_name="Aksoltan Ataeva",
            representative=_signatory(document.group),
            representative_feminine=True,
            chair_state=State.objects.get(iso3="TKM"),
            note=NOTE,
        )
        services.circulation_submit(actor=DEMO, circulation=circulation, submitted_on=day)
    yield "final-declaration-2022: circulated under item 58 of the 77th session, awaiting symbol"
