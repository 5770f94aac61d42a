"""Demo data: the Group of Friends of Neutrality (from ../shared/data/neutrality-group-facts.md,
only what is known, unknown facts left empty) and the Group of Friends of Mediation, to show one
installation serving several groups. Idempotent: what exists already is left alone, except that a
language version missing from a demo text is filled in (never overwritten).

The texts are in the six official languages: the English follows the public reports; the other
five are the demo's own translations, illustrative and not official United Nations texts (the
meetings' notes say so to readers)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from amity.core.actors import system_actor
from amity.members import services
from amity.members.models import (
    CoChair,
    DatePrecision,
    Group,
    Membership,
    Person,
    PersonRole,
    Rank,
    State,
)

NEUTRALITY = "neutrality"
MEDIATION = "mediation"

NEUTRALITY_NAMES = {
    "en": "Group of Friends of Neutrality for Peace, Security and Sustainable Development",
    "fr": "Groupe des Amis de la neutralité pour la paix, la sécurité et le développement durable",
    "es": "Grupo de Amigos de la Neutralidad para la Paz, la Seguridad y el Desarrollo Sostenible",
    "ru": "Группа друзей нейтралитета во имя мира, безопасности и устойчивого развития",
    "ar": "مجموعة أصدقاء الحياد من أجل السلام والأمن والتنمية المستدامة",
    "zh": "中立促进和平、安全与可持续发展之友小组",
}
NEUTRALITY_SHORT = {
    "en": "Group of Friends of Neutrality",
    "fr": "Groupe des Amis de la neutralité",
    "es": "Grupo de Amigos de la Neutralidad",
    "ru": "Группа друзей нейтралитета",
    "ar": "مجموعة أصدقاء الحياد",
    "zh": "中立之友小组",
}
NEUTRALITY_CAUSE = {
    "en": "An informal, open-ended group, initiated by Turkmenistan, to promote regular dialogue at "
    "the United Nations on the practical use of the peacemaking potential of States that build "
    "their policies on the principles of neutrality.",
    "ru": "Неформальная группа открытого состава, созданная по инициативе Туркменистана для "
    "регулярного диалога в ООН о практическом использовании миротворческого потенциала государств, "
    "строящих свою политику на принципах нейтралитета.",
    "fr": "Groupe informel à composition non limitée, créé à l’initiative du Turkménistan pour "
    "promouvoir un dialogue régulier à l’Organisation des Nations Unies sur l’utilisation concrète "
    "du potentiel de rétablissement de la paix des États dont la politique repose sur les "
    "principes de la neutralité.",
    "es": "Grupo oficioso de composición abierta, creado por iniciativa de Turkmenistán para "
    "promover un diálogo periódico en las Naciones Unidas sobre el aprovechamiento práctico del "
    "potencial de establecimiento de la paz de los Estados que basan su política en los "
    "principios de la neutralidad.",
    "ar": "مجموعة غير رسمية مفتوحة العضوية، أُنشئت بمبادرة من تركمانستان، لتعزيز الحوار المنتظم في "
    "الأمم المتحدة بشأن الاستفادة العملية من إمكانات صنع السلام لدى الدول التي تبني سياساتها على "
    "مبادئ الحياد.",
    "zh": "由土库曼斯坦倡议成立的非正式、不限成员名额的小组，旨在促进在联合国就切实利用以中立原则"
    "为政策基础的国家的建立和平潜力开展定期对话。",
}
NEUTRALITY_METHODS = {
    "en": "Set by the Final Declaration of the first ministerial meeting (10 December 2022): "
    "ambassador-level meetings in New York at least every six months; one meeting at the level of "
    "foreign ministers a year; two co-chairs — Turkmenistan and one volunteer member — for one "
    "year, then geographic rotation. States join by diplomatic note or letter.",
    "fr": "Fixées par la Déclaration finale de la première réunion ministérielle (10 décembre "
    "2022) : réunions au niveau des ambassadeurs à New York au moins tous les six mois ; une "
    "réunion au niveau des ministres des affaires étrangères par an ; deux coprésidents – le "
    "Turkménistan et un membre volontaire – pour un an, puis une rotation géographique. Les États "
    "adhèrent par note diplomatique ou par lettre.",
    "es": "Establecidos en la Declaración Final de la primera reunión ministerial (10 de "
    "diciembre de 2022): reuniones a nivel de embajadores en Nueva York al menos cada seis meses; "
    "una reunión anual a nivel de ministros de relaciones exteriores; dos copresidentes "
    "—Turkmenistán y un miembro voluntario— durante un año y, después, rotación geográfica. Los "
    "Estados se adhieren mediante nota diplomática o carta.",
    "ru": "Определены Заключительной декларацией первого совещания министров (10 декабря 2022 "
    "года): встречи на уровне послов в Нью-Йорке не реже одного раза в шесть месяцев; одно "
    "совещание на уровне министров иностранных дел в год; два сопредседателя — Туркменистан и "
    "один из членов на добровольной основе — сроком на один год, затем ротация по "
    "географическому принципу. Государства присоединяются дипломатической нотой или письмом.",
    "ar": "حددها الإعلان الختامي للاجتماع الوزاري الأول (10 كانون الأول/ديسمبر 2022): اجتماعات على "
    "مستوى السفراء في نيويورك مرة كل ستة أشهر على الأقل؛ واجتماع واحد على مستوى وزراء الخارجية كل "
    "عام؛ ورئيسان مشاركان، هما تركمانستان وعضو متطوع، لمدة سنة واحدة، ثم التناوب الجغرافي. وتنضم "
    "الدول بمذكرة دبلوماسية أو برسالة.",
    "zh": "由第一次部长级会议最后宣言（2022年12月10日）确定：至少每六个月在纽约举行一次大使级会议；"
    "每年举行一次外交部长级会议；设两名共同主席，即土库曼斯坦和一名自愿担任的成员，任期一年，其后"
    "按地域轮换。各国通过外交照会或信函加入。",
}
NEUTRALITY_FOUNDED_NOTE = {
    "en": "First meeting at ambassador level, New York, by videoconference (other reports say "
    "September 2020)",
    "fr": "Première réunion au niveau des ambassadeurs, New York, par visioconférence (d’autres "
    "sources indiquent septembre 2020)",
    "es": "Primera reunión a nivel de embajadores, Nueva York, por videoconferencia (otras fuentes "
    "indican septiembre de 2020)",
    "ru": "Первая встреча на уровне послов, Нью-Йорк, в режиме видеоконференции (по другим "
    "данным — сентябрь 2020 года)",
    "ar": "الاجتماع الأول على مستوى السفراء، نيويورك، بالتداول بالفيديو (تشير تقارير أخرى إلى "
    "أيلول/سبتمبر 2020)",
    "zh": "首次大使级会议，纽约，以视频会议方式举行（另有报道称为2020年9月）",
}
INITIATOR_NOTE = {
    "en": "Initiator of the group",
    "fr": "Initiateur du Groupe",
    "es": "Iniciador del Grupo",
    "ru": "Инициатор создания Группы",
    "ar": "صاحب مبادرة إنشاء المجموعة",
    "zh": "小组发起国",
}
REPORTED_2023_NOTE = {
    "en": "Reported as a member by December 2023",
    "fr": "Membre selon les informations disponibles en décembre 2023",
    "es": "Miembro según la información disponible en diciembre de 2023",
    "ru": "Упоминается в качестве члена по состоянию на декабрь 2023 года",
    "ar": "أُفيد بأنها عضو بحلول كانون الأول/ديسمبر 2023",
    "zh": "据报道截至2023年12月已为成员",
}
MEDIATION_NAMES = {
    "en": "Group of Friends of Mediation",
    "fr": "Groupe des Amis de la médiation",
    "es": "Grupo de Amigos de la Mediación",
    "ru": "Группа друзей посредничества",
    "ar": "مجموعة أصدقاء الوساطة",
    "zh": "调解之友小组",
}
MEDIATION_CAUSE = {
    "en": "Mediation as a means of the peaceful settlement of disputes, conflict prevention and "
    "resolution.",
    "fr": "La médiation comme moyen de règlement pacifique des différends et de prévention et de "
    "règlement des conflits.",
    "es": "La mediación como medio para el arreglo pacífico de controversias y la prevención y "
    "solución de conflictos.",
    "ru": "Посредничество как средство мирного урегулирования споров, предотвращения и "
    "разрешения конфликтов.",
    "ar": "الوساطة بوصفها وسيلة لتسوية المنازعات بالطرق السلمية ومنع نشوب النزاعات وحلها.",
    "zh": "调解作为和平解决争端、预防和解决冲突的手段。",
}
COFOUNDER_NOTE = {
    "en": "Co-founder and co-chair",
    "fr": "Cofondateur et coprésident",
    "es": "Cofundador y copresidente",
    "ru": "Соучредитель и сопредседатель",
    "ar": "عضو مؤسس ورئيس مشارك",
    "zh": "共同创始国和共同主席",
}
COCHAIR_NOTE = {
    "en": "The second co-chair is not found in public reports.",
    "fr": "Le second coprésident ne figure pas dans les rapports publics.",
    "es": "El segundo copresidente no figura en los informes públicos.",
    "ru": "Второй сопредседатель в открытых отчётах не указан.",
    "ar": "لا يرد اسم الرئيس المشارك الثاني في التقارير العلنية.",
    "zh": "公开报告中未见第二位共同主席。",
}

# (ISO alpha-3, joined on, precision, note). Dates only as precise as the reports are; a year
# or a month is stored as its first day, or the founding date when that is later.
NEUTRALITY_MEMBERS: list[tuple[str, datetime.date | None, str, dict[str, str]]] = [
    ("TKM", datetime.date(2020, 8, 27), DatePrecision.DAY, INITIATOR_NOTE),
    ("KAZ", datetime.date(2020, 8, 27), DatePrecision.YEAR, {}),
    ("BFA", datetime.date(2023, 5, 1), DatePrecision.MONTH, {}),
    ("SYR", datetime.date(2023, 5, 1), DatePrecision.MONTH, {}),
    ("UGA", datetime.date(2023, 5, 1), DatePrecision.MONTH, {}),
    ("IRN", None, DatePrecision.DAY, REPORTED_2023_NOTE),
    ("TJK", datetime.date(2025, 1, 1), DatePrecision.YEAR, {}),
    ("AZE", datetime.date(2025, 1, 1), DatePrecision.YEAR, {}),
    ("SWZ", datetime.date(2025, 1, 1), DatePrecision.YEAR, {}),
]

NEUTRALITY_PEOPLE = [
    # state, honorific, given, family, title, rank, role, focal point
    (
        "TKM",
        "H.E. Ms.",
        "Aksoltan",
        "Ataeva",
        {
            "en": "Permanent Representative of Turkmenistan to the United Nations",
            "fr": "Représentante permanente du Turkménistan auprès de l’Organisation des "
            "Nations Unies",
            "es": "Representante Permanente de Turkmenistán ante las Naciones Unidas",
            "ru": "Постоянный представитель Туркменистана при Организации Объединенных Наций",
            "ar": "الممثلة الدائمة لتركمانستان لدى الأمم المتحدة",
            "zh": "土库曼斯坦常驻联合国代表",
        },
        Rank.AMBASSADOR,
        PersonRole.PERMANENT_REPRESENTATIVE,
        False,
    ),
    (
        "TKM",
        "Ms.",
        "M.",
        "Byashimova",
        {
            "en": "Deputy Minister of Foreign Affairs of Turkmenistan",
            "fr": "Vice-Ministre des affaires étrangères du Turkménistan",
            "es": "Viceministra de Relaciones Exteriores de Turkmenistán",
            "ru": "Заместитель министра иностранных дел Туркменистана",
            "ar": "نائبة وزير خارجية تركمانستان",
            "zh": "土库曼斯坦外交部副部长",
        },
        Rank.DEPUTY_MINISTER,
        PersonRole.DEPUTY_MINISTER_FOREIGN_AFFAIRS,
        False,
    ),
    (
        "KAZ",
        "Mr.",
        "Alibek",
        "Bakayev",
        {
            "en": "Deputy Minister of Foreign Affairs of Kazakhstan",
            "fr": "Vice-Ministre des affaires étrangères du Kazakhstan",
            "es": "Viceministro de Relaciones Exteriores de Kazajstán",
            "ru": "Заместитель министра иностранных дел Казахстана",
            "ar": "نائب وزير خارجية كازاخستان",
            "zh": "哈萨克斯坦外交部副部长",
        },
        Rank.DEPUTY_MINISTER,
        PersonRole.DEPUTY_MINISTER_FOREIGN_AFFAIRS,
        False,
    ),
]

DEMO = system_actor("loaddemo")


def _state(code: str) -> State:
    return State.objects.get(iso3=code)


def _group(slug: str, create: Callable[[], Group]) -> Group:
    existing = Group.objects.filter(slug=slug).first()
    return existing if existing is not None else create()


def _completed(existing: dict[str, str] | None, demo: dict[str, str]) -> dict[str, str] | None:
    """The demo's languages added to a text where they are missing (what is there wins), or
    None when nothing is missing."""
    merged = {**demo, **(existing or {})}
    return merged if merged != (existing or {}) else None


def _complete_group(group: Group, **texts: dict[str, str]) -> None:
    """Fill in the languages a demo group created before the translations lacks."""
    changes: dict[str, Any] = {
        field: merged
        for field, demo in texts.items()
        if (merged := _completed(getattr(group, field), demo)) is not None
    }
    if changes:
        services.group_update(actor=DEMO, group=group, **changes)


def _membership(
    group: Group,
    code: str,
    joined: datetime.date | None,
    precision: str,
    note: dict[str, str],
) -> None:
    if not Membership.objects.filter(group=group, state__iso3=code).exists():
        services.membership_add(
            actor=DEMO,
            group=group,
            state=_state(code),
            joined_on=joined,
            joined_precision=precision,
            joined_note=note,
        )


def load() -> list[str]:
    done: list[str] = []
    neutrality = _group(
        NEUTRALITY,
        lambda: services.group_create(
            actor=DEMO,
            slug=NEUTRALITY,
            names=NEUTRALITY_NAMES,
            short_names=NEUTRALITY_SHORT,
            cause=NEUTRALITY_CAUSE,
            working_methods=NEUTRALITY_METHODS,
            founded_on=datetime.date(2020, 8, 27),
            founded_note=NEUTRALITY_FOUNDED_NOTE,
            initiated_by=_state("TKM"),
        ),
    )
    _complete_group(
        neutrality,
        names=NEUTRALITY_NAMES,
        short_names=NEUTRALITY_SHORT,
        cause=NEUTRALITY_CAUSE,
        working_methods=NEUTRALITY_METHODS,
        founded_note=NEUTRALITY_FOUNDED_NOTE,
    )
    for code, joined, precision, note in NEUTRALITY_MEMBERS:
        _membership(neutrality, code, joined, precision, note)
    if neutrality.reported_member_count is None:
        # "Today, 25 countries have joined this Group" (report of the meeting of 11 December
        # 2023); only the States above are named in public sources.
        neutrality = services.group_reported_members_set(
            actor=DEMO,
            group=neutrality,
            count=25,
            on=datetime.date(2023, 12, 11),
            source="Report of the meeting of 11 December 2023, Ministry of Foreign Affairs "
            "of Turkmenistan",
        )
    cochair = CoChair.objects.filter(group=neutrality, state__iso3="TKM").first()
    if cochair is None and not CoChair.objects.filter(group=neutrality).exists():
        services.cochair_add(
            actor=DEMO, group=neutrality, state=_state("TKM"), starts_on=None, note=COCHAIR_NOTE
        )
    elif cochair is not None and cochair.note.get("en") == COCHAIR_NOTE["en"]:
        # Loaded before the translations: the languages it lacks, what is there wins.
        merged = {**COCHAIR_NOTE, **cochair.note}
        if merged != cochair.note:
            services.cochair_update(
                actor=DEMO,
                cochair=cochair,
                starts_on=cochair.starts_on,
                ends_on=cochair.ends_on,
                note=merged,
            )
    for code, honorific, given, family, title, rank, role, focal in NEUTRALITY_PEOPLE:
        if not Person.objects.filter(
            group=neutrality, state__iso3=code, family_name=family
        ).exists():
            services.person_create(
                actor=DEMO,
                group=neutrality,
                state=_state(code),
                honorific=honorific,
                given_name=given,
                family_name=family,
                title=title,
                rank=rank,
                role=role,
                is_focal_point=focal,
            )
    done.append(
        f"{neutrality}: {Membership.objects.current().filter(group=neutrality).count()} members"
    )

    mediation = _group(
        MEDIATION,
        lambda: services.group_create(
            actor=DEMO,
            slug=MEDIATION,
            names=MEDIATION_NAMES,
            cause=MEDIATION_CAUSE,
            founded_on=datetime.date(2010, 9, 24),
        ),
    )
    for code in ("FIN", "TUR"):
        _membership(
            mediation,
            code,
            datetime.date(2010, 9, 24),
            DatePrecision.DAY,
            COFOUNDER_NOTE,
        )
        if not CoChair.objects.filter(group=mediation, state__iso3=code).exists():
            services.cochair_add(
                actor=DEMO,
                group=mediation,
                state=_state(code),
                starts_on=datetime.date(2010, 9, 24),
            )
    done.append(f"{mediation}: co-chaired by Finland and Türkiye")

    return done
