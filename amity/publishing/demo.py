"""Demo data of publishing for the Group of Friends of Neutrality, from
../shared/data/neutrality-group-facts.md and ../shared/reference/source-article.txt.

Resolutions: the six in the facts file, with only the facts it gives (A/RES/75/28 is marked
unverified; co-sponsor lists are not reported, so none are recorded). Initiatives: the Global
Security Strategy and the Institute of Neutrality and Security, both proposed by Turkmenistan
and discussed at the meeting of 11 December 2023 (agenda items 2 and 3). Road map: the
International Year of Dialogue as a Guarantee of Peace, 2023, under resolution 77/32, with the
one activity of that year the facts support: the meeting of 11 December 2023. The meeting of
parliament speakers of 15 February 2024 falls outside the 2023 year and is not on that road map.
Idempotent; a language missing from an existing resolution's title is filled in.

Titles in the six languages: the English as in the facts file; the other five written for the
demo in the UN's wording as far as known to us, illustrative until checked against the
resolutions as issued (ODS), which is the coordinator's to do.
"""

from __future__ import annotations

import datetime

from amity.core.actors import system_actor
from amity.meetings.models import Meeting
from amity.members.models import Group, State
from amity.publishing import services
from amity.publishing.demo_press import load_press_release
from amity.publishing.models import (
    Activity,
    ActivityStatus,
    Adoption,
    Initiative,
    InitiativeStatus,
    Resolution,
    RoadMap,
)

ACTIVITY_PLACE = {
    "en": "Ministry of Foreign Affairs of Turkmenistan, Ashgabat",
    "fr": "Ministère des affaires étrangères du Turkménistan, Achgabat",
    "es": "Ministerio de Relaciones Exteriores de Turkmenistán, Asjabad",
    "ru": "Министерство иностранных дел Туркменистана, Ашхабад",
    "ar": "وزارة خارجية تركمانستان، عشق آباد",
    "zh": "土库曼斯坦外交部，阿什哈巴德",
}

# (symbol, date, session, agenda item, agenda item title, adoption, co-sponsor count, verified,
# titles, note)
RESOLUTIONS = [
    (
        "A/RES/50/80 A",
        datetime.date(1995, 12, 12),
        50,
        None,
        None,
        Adoption.UNKNOWN,
        None,
        True,
        {
            "en": "Maintenance of international security: permanent neutrality of Turkmenistan",
            "fr": "Maintien de la sécurité internationale : neutralité permanente du Turkménistan",
            "es": "Mantenimiento de la seguridad internacional: neutralidad permanente de "
            "Turkmenistán",
            "ru": "Поддержание международной безопасности: постоянный нейтралитет Туркменистана",
            "ar": "صون الأمن الدولي: حياد تركمانستان الدائم",
            "zh": "维护国际安全：土库曼斯坦的永久中立",
        },
        {},
    ),
    (
        "A/RES/69/285",
        datetime.date(2015, 6, 3),
        69,
        None,
        None,
        Adoption.UNKNOWN,
        None,
        True,
        {
            "en": "Permanent neutrality of Turkmenistan",
            "fr": "Neutralité permanente du Turkménistan",
            "es": "Neutralidad permanente de Turkmenistán",
            "ru": "Постоянный нейтралитет Туркменистана",
            "ar": "حياد تركمانستان الدائم",
            "zh": "土库曼斯坦的永久中立",
        },
        {},
    ),
    (
        "A/RES/71/275",
        datetime.date(2017, 2, 2),
        71,
        None,
        None,
        Adoption.WITHOUT_VOTE,
        None,
        True,
        {
            "en": "International Day of Neutrality",
            "fr": "Journée internationale de la neutralité",
            "es": "Día Internacional de la Neutralidad",
            "ru": "Международный день нейтралитета",
            "ar": "اليوم الدولي للحياد",
            "zh": "国际中立日",
        },
        {
            "en": "Proclaims 12 December the International Day of Neutrality.",
            "fr": "Proclame le 12 décembre Journée internationale de la neutralité.",
            "es": "Proclama el 12 de diciembre Día Internacional de la Neutralidad.",
            "ru": "Провозглашает 12 декабря Международным днём нейтралитета.",
            "ar": "تعلن يوم 12 كانون الأول/ديسمبر اليوم الدولي للحياد.",
            "zh": "宣布12月12日为国际中立日。",
        },
    ),
    (
        "A/RES/75/28",
        datetime.date(2020, 12, 7),
        75,
        None,
        None,
        Adoption.CONSENSUS,
        None,
        False,
        {
            "en": "The role and importance of a policy of neutrality in maintaining and "
            "strengthening international peace, security and sustainable development",
            "fr": "Rôle et importance d’une politique de neutralité dans le maintien et le "
            "renforcement de la paix et de la sécurité internationales et du développement "
            "durable",
            "es": "Función e importancia de una política de neutralidad en el mantenimiento y el "
            "fortalecimiento de la paz y la seguridad internacionales y el desarrollo sostenible",
            "ru": "Роль и значение политики нейтралитета в поддержании и укреплении "
            "международного мира, безопасности и устойчивого развития",
            "ar": "دور سياسة الحياد وأهميتها في صون السلام والأمن الدوليين والتنمية المستدامة "
            "وتعزيزها",
            "zh": "中立政策在维护和加强国际和平、安全与可持续发展方面的作用和重要性",
        },
        {
            "en": "Symbol reported but unverified. Notes the initiative to create the Group.",
            "fr": "Cote signalée mais non vérifiée. Prend note de l’initiative de créer le Groupe.",
            "es": "Signatura comunicada pero no verificada. Toma nota de la iniciativa de crear "
            "el Grupo.",
            "ru": "Условное обозначение сообщено, но не проверено. Принимает к сведению "
            "инициативу о создании Группы.",
            "ar": "الرمز مُبلَّغ عنه ولكن لم يُتحقَّق منه. تحيط علماً بمبادرة إنشاء المجموعة.",
            "zh": "文号据报但未经核实。注意到设立小组的倡议。",
        },
    ),
    (
        "A/RES/77/32",
        datetime.date(2022, 12, 6),
        77,
        14,
        {
            "en": "Culture of peace",
            "fr": "Culture de paix",
            "es": "Cultura de paz",
            "ru": "Культура мира",
            "ar": "ثقافة السلام",
            "zh": "和平文化",
        },
        Adoption.UNKNOWN,
        68,
        True,
        {
            "en": "International Year of Dialogue as a Guarantee of Peace, 2023",
            "fr": "Année internationale du dialogue comme garantie de la paix (2023)",
            "es": "Año Internacional del Diálogo como Garantía de Paz, 2023",
            "ru": "Международный год диалога как гарантии мира, 2023 год",
            "ar": "السنة الدولية للحوار كضمان للسلام، 2023",
            "zh": "2023年对话作为和平保障国际年",
        },
        {},
    ),
    (
        "A/RES/79/274",
        datetime.date(2025, 3, 21),
        79,
        61,
        {
            "en": "Peacebuilding and sustaining peace",
            "fr": "Consolidation et pérennisation de la paix",
            "es": "Consolidación y sostenimiento de la paz",
            "ru": "Миростроительство и поддержание мира",
            "ar": "بناء السلام والحفاظ على السلام",
            "zh": "建设和平与保持和平",
        },
        Adoption.UNKNOWN,
        67,
        True,
        {
            "en": "Permanent neutrality of Turkmenistan",
            "fr": "Neutralité permanente du Turkménistan",
            "es": "Neutralidad permanente de Turkmenistán",
            "ru": "Постоянный нейтралитет Туркменистана",
            "ar": "حياد تركمانستان الدائم",
            "zh": "土库曼斯坦的永久中立",
        },
        {},
    ),
]

INITIATIVES = [
    (
        2,
        {
            "en": "Global Security Strategy",
            "fr": "Stratégie de sécurité mondiale",
            "es": "Estrategia de Seguridad Global",
            "ru": "Глобальная стратегия безопасности",
            "ar": "استراتيجية الأمن العالمي",
            "zh": "全球安全战略",
        },
        {
            "en": "The initiative of Turkmenistan on a Global Security Strategy based on the "
            "principles of the Charter of the United Nations and the generally recognized norms "
            "of international law, taking into account current realities and trends of world "
            "development.",
            "fr": "L’initiative du Turkménistan relative à une stratégie de sécurité mondiale "
            "fondée sur les principes de la Charte des Nations Unies et les normes généralement "
            "reconnues du droit international, compte tenu des réalités actuelles et des "
            "tendances du développement mondial.",
            "es": "La iniciativa de Turkmenistán sobre una Estrategia de Seguridad Global basada "
            "en los principios de la Carta de las Naciones Unidas y las normas universalmente "
            "reconocidas del derecho internacional, teniendo en cuenta las realidades actuales y "
            "las tendencias del desarrollo mundial.",
            "ru": "Инициатива Туркменистана о Глобальной стратегии безопасности на основе "
            "принципов Устава Организации Объединенных Наций и общепризнанных норм "
            "международного права с учетом современных реалий и тенденций мирового развития.",
            "ar": "مبادرة تركمانستان بشأن استراتيجية للأمن العالمي تستند إلى مبادئ ميثاق الأمم "
            "المتحدة وقواعد القانون الدولي المعترف بها عموما، مع مراعاة الواقع الراهن واتجاهات "
            "التنمية العالمية.",
            "zh": "土库曼斯坦关于以《联合国宪章》原则和公认的国际法准则为基础、顾及当前现实和世界发展"
            "趋势的全球安全战略的倡议。",
        },
    ),
    (
        3,
        {
            "en": "Institute of Neutrality and Security",
            "fr": "Institut de la neutralité et de la sécurité",
            "es": "Instituto de Neutralidad y Seguridad",
            "ru": "Институт нейтралитета и безопасности",
            "ar": "معهد الحياد والأمن",
            "zh": "中立与安全研究所",
        },
        {
            "en": "An exchange of ideas on the possibility of establishing an Institute of "
            "Neutrality and Security in Ashgabat.",
            "fr": "Un échange de vues sur la possibilité de créer un institut de la neutralité et "
            "de la sécurité à Achgabat.",
            "es": "Un intercambio de ideas sobre la posibilidad de establecer un Instituto de "
            "Neutralidad y Seguridad en Asjabad.",
            "ru": "Обмен мнениями о возможности создания Института нейтралитета и безопасности в "
            "Ашхабаде.",
            "ar": "تبادل الأفكار بشأن إمكانية إنشاء معهد للحياد والأمن في عشق آباد.",
            "zh": "就在阿什哈巴德设立中立与安全研究所的可能性交换意见。",
        },
    ),
]

MEETING_DAY = datetime.date(2023, 12, 11)

DEMO = system_actor("loaddemo")


def _meeting(group: Group) -> Meeting | None:
    return (
        Meeting.objects.filter(group=group, starts_at__date=MEETING_DAY)
        .prefetch_related("agenda_items")
        .first()
    )


def load() -> list[str]:
    group = Group.objects.filter(slug="neutrality").first()
    if group is None:
        return []
    done: list[str] = []
    for (
        symbol,
        day,
        session,
        item,
        item_titles,
        adoption,
        count,
        verified,
        titles,
        note,
    ) in RESOLUTIONS:
        existing = Resolution.objects.filter(symbol=symbol).first()
        if existing is not None and existing.groups.filter(pk=group.pk).exists():
            missing = (
                {**titles, **existing.titles} != existing.titles
                or {**(item_titles or {}), **existing.agenda_item_titles}
                != existing.agenda_item_titles
                or {**(note or {}), **existing.note} != existing.note
            )
            if missing:
                services.resolution_update(
                    actor=DEMO,
                    group=group,
                    resolution=existing,
                    version=existing.version,
                    symbol=existing.symbol,
                    adopted_on=existing.adopted_on,
                    titles={**titles, **existing.titles},
                    ga_session=existing.ga_session,
                    agenda_item=existing.agenda_item,
                    agenda_item_titles={**(item_titles or {}), **existing.agenda_item_titles},
                    adoption=existing.adoption,
                    cosponsor_count=existing.cosponsor_count,
                    cosponsors=list(existing.cosponsors.all()),
                    symbol_verified=existing.symbol_verified,
                    note={**(note or {}), **existing.note},
                )
        if existing is None or not existing.groups.filter(pk=group.pk).exists():
            services.resolution_create(
                actor=DEMO,
                group=group,
                symbol=symbol,
                adopted_on=day,
                titles=titles,
                ga_session=session,
                agenda_item=item,
                agenda_item_titles=item_titles,
                adoption=adoption,
                cosponsor_count=count,
                symbol_verified=verified,
                note=note,
            )
    done.append(f"{Resolution.objects.filter(groups=group).count()} resolutions")

    turkmenistan = State.objects.get(iso3="TKM")
    meeting = _meeting(group)
    items = {i.position: i for i in meeting.agenda_items.all()} if meeting else {}
    for position, titles, descriptions in INITIATIVES:
        if Initiative.objects.filter(group=group, titles__en=titles["en"]).exists():
            continue
        # When Turkmenistan first proposed it is not reported: the history starts with the
        # meeting where it was discussed.
        initiative = services.initiative_create(
            actor=DEMO,
            group=group,
            titles=titles,
            descriptions=descriptions,
            proposed_by=turkmenistan,
            proposed_on=MEETING_DAY,
            meeting=meeting,
            agenda_item=items.get(position),
            note={
                "en": "Put on the agenda of the meeting by Turkmenistan.",
                "fr": "Inscrit à l’ordre du jour de la réunion par le Turkménistan.",
                "es": "Incluido en el programa de la reunión por Turkmenistán.",
                "ru": "Включено в повестку дня заседания Туркменистаном.",
                "ar": "أدرجته تركمانستان في جدول أعمال الاجتماع.",
                "zh": "由土库曼斯坦列入会议议程。",
            },
        )
        services.initiative_status_change(
            actor=DEMO,
            initiative=initiative,
            status=InitiativeStatus.UNDER_DISCUSSION,
            on=MEETING_DAY,
            meeting=meeting,
            agenda_item=items.get(position),
            note={
                "en": "Discussed at the meeting of 11 December 2023.",
                "fr": "Examiné à la réunion du 11 décembre 2023.",
                "es": "Examinado en la reunión del 11 de diciembre de 2023.",
                "ru": "Обсуждено на заседании 11 декабря 2023 года.",
                "ar": "نوقش في اجتماع 11 كانون الأول/ديسمبر 2023.",
                "zh": "在2023年12月11日的会议上讨论。",
            },
        )
    done.append(f"{Initiative.objects.filter(group=group).count()} initiatives")

    if not RoadMap.objects.filter(group=group, starts_on=datetime.date(2023, 1, 1)).exists():
        road_map = services.road_map_create(
            actor=DEMO,
            group=group,
            titles={
                "en": "Road Map of the International Year of Dialogue as a Guarantee of Peace, 2023",
                "fr": "Feuille de route de l’Année internationale du dialogue comme garantie de "
                "la paix (2023)",
                "es": "Hoja de Ruta del Año Internacional del Diálogo como Garantía de Paz, 2023",
                "ru": "Дорожная карта Международного года диалога как гарантии мира, 2023",
                "ar": "خريطة طريق السنة الدولية للحوار كضمان للسلام، 2023",
                "zh": "2023年对话作为和平保障国际年路线图",
            },
            starts_on=datetime.date(2023, 1, 1),
            ends_on=datetime.date(2023, 12, 31),
            resolution=Resolution.objects.filter(symbol="A/RES/77/32").first(),
            note={
                "en": "The activities of the Road Map are not listed in public reports; only "
                "those the facts support are recorded.",
                "fr": "Les activités de la feuille de route ne figurent pas dans les informations "
                "publiques ; seules celles qu’attestent les faits connus sont enregistrées.",
                "es": "Las actividades de la Hoja de Ruta no figuran en la información pública; "
                "solo se registran las que respaldan los hechos conocidos.",
                "ru": "Мероприятия «дорожной карты» в открытых источниках не перечислены; "
                "записаны только те, что подтверждаются известными фактами.",
                "ar": "لا ترد أنشطة خريطة الطريق في التقارير العامة؛ ولا يُسجَّل منها إلا ما تؤيده "
                "الوقائع المعروفة.",
                "zh": "公开报道未列出路线图的各项活动；仅记录有已知事实佐证的活动。",
            },
        )
        if meeting is not None:
            services.activity_add(
                actor=DEMO,
                road_map=road_map,
                titles={
                    "en": "Meeting of the Group of Friends of Neutrality",
                    "fr": "Réunion du Groupe des Amis de la neutralité",
                    "es": "Reunión del Grupo de Amigos de la Neutralidad",
                    "ru": "Заседание Группы друзей нейтралитета",
                    "ar": "اجتماع مجموعة أصدقاء الحياد",
                    "zh": "中立之友小组会议",
                },
                on=MEETING_DAY,
                place=ACTIVITY_PLACE,
                lead_states=[turkmenistan],
                status=ActivityStatus.DONE,
                outcome={
                    "en": "The Group discussed its enlargement, the Global Security Strategy and "
                    "an Institute of Neutrality and Security; joint achievements of the Year "
                    "were recalled.",
                    "fr": "Le Groupe a examiné son élargissement, la stratégie de sécurité "
                    "mondiale et un institut de la neutralité et de la sécurité ; les "
                    "réalisations communes de l’Année ont été rappelées.",
                    "es": "El Grupo examinó su ampliación, la Estrategia de Seguridad Global y un "
                    "Instituto de Neutralidad y Seguridad; se recordaron los logros comunes del "
                    "Año.",
                    "ru": "Группа обсудила расширение своего состава, Глобальную стратегию "
                    "безопасности и Институт нейтралитета и безопасности; были упомянуты "
                    "совместные достижения Года.",
                    "ar": "ناقشت المجموعة توسيع عضويتها واستراتيجية الأمن العالمي وإنشاء معهد "
                    "للحياد والأمن؛ واستُذكرت الإنجازات المشتركة للسنة.",
                    "zh": "小组讨论了扩大成员、全球安全战略以及中立与安全研究所问题；会上回顾了该年"
                    "共同取得的成就。",
                },
                meeting=meeting,
            )
        done.append("road map 2023")
    # An activity loaded before the translations of its place: the languages it lacks.
    for activity in Activity.objects.filter(
        road_map__group=group, place__en=ACTIVITY_PLACE["en"]
    ).prefetch_related("lead_states"):
        merged = {**ACTIVITY_PLACE, **activity.place}
        if merged != activity.place:
            services.activity_update(
                actor=DEMO,
                activity=activity,
                version=activity.version,
                titles=activity.titles,
                on=activity.on,
                place=merged,
                lead_states=list(activity.lead_states.all()),
                status=activity.status,
                outcome=activity.outcome,
                meeting=activity.meeting,
            )
    if meeting is not None:
        done.append(load_press_release(meeting))
    return done
