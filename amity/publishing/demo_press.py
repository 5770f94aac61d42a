"""The press release of the meeting of 11 December 2023, published in the six languages.

The English text restates the public report of that meeting
(../shared/reference/source-article.txt) and nothing more; the other five versions are
translations written for the demo (no official translation is published). The release is
dated at the end of the meeting (17:00 in Ashgabat, as illustrative as the meeting's hours,
which the report does not give): the report appeared that day."""

from __future__ import annotations

from amity.core.actors import system_actor
from amity.meetings.models import Meeting
from amity.publishing import services
from amity.publishing.models import PressRelease, PressStatus

DEMO = system_actor("loaddemo")

HEADLINES = {
    "en": "The Group of Friends of Neutrality meets in Ashgabat",
    "fr": "Le Groupe des Amis de la neutralité se réunit à Achgabat",
    "es": "El Grupo de Amigos de la Neutralidad se reúne en Asjabad",
    "ru": "В Ашхабаде состоялось заседание Группы друзей нейтралитета",
    "ar": "مجموعة أصدقاء الحياد تجتمع في عشق آباد",
    "zh": "中立之友小组在阿什哈巴德举行会议",
}

BODIES = {
    "en": [
        "On 11 December 2023, the Group of Friends of Neutrality for Peace, Security and "
        "Sustainable Development met at the Ministry of Foreign Affairs of Turkmenistan in "
        "Ashgabat, in a hybrid format.",
        "Turkmenistan initiated the Group to promote regular dialogue at the international level, "
        "in particular within the United Nations, on the practical use of the peacemaking "
        "potential of States whose policies are built on the principles of neutrality. "
        "Twenty-five countries have joined the Group.",
        "The agenda included the enlargement of the Group's membership; the initiative of "
        "Turkmenistan on a Global Security Strategy based on the principles of the Charter of the "
        "United Nations and the generally recognized norms of international law; and an exchange "
        "of ideas on the possibility of establishing an Institute of Neutrality and Security in "
        "Ashgabat.",
        "Ambassador Aksoltan Ataeva, Permanent Representative of Turkmenistan to the United "
        "Nations, said that the regular meetings of the Group show the demand for this format and "
        "its practical value at a critical stage of international relations. M. Byashimova, "
        "Deputy Minister of Foreign Affairs of Turkmenistan, said that Turkmenistan, committed to "
        "neutrality, pursues a policy of friendly cooperation with all States, and called for a "
        "detailed and positive consideration of the items on the agenda.",
        "The participants noted the importance and relevance of this format of cooperation for "
        "questions of peace and stability.",
    ],
    "fr": [
        "Le 11 décembre 2023, le Groupe des Amis de la neutralité pour la paix, la sécurité et le "
        "développement durable s’est réuni au Ministère des affaires étrangères du Turkménistan, "
        "à Achgabat, en format hybride.",
        "Le Turkménistan a pris l’initiative de créer le Groupe afin de promouvoir un dialogue "
        "régulier au niveau international, notamment dans le cadre de l’Organisation des "
        "Nations Unies, sur l’utilisation pratique du potentiel de paix des États dont la "
        "politique repose sur les principes de la neutralité. Vingt-cinq pays ont rejoint le "
        "Groupe.",
        "L’ordre du jour comprenait l’élargissement de la composition du Groupe ; l’initiative du "
        "Turkménistan relative à une stratégie de sécurité mondiale fondée sur les principes de "
        "la Charte des Nations Unies et les normes généralement reconnues du droit "
        "international ; et un échange de vues sur la possibilité de créer un institut de la "
        "neutralité et de la sécurité à Achgabat.",
        "L’Ambassadrice Aksoltan Ataeva, Représentante permanente du Turkménistan auprès de "
        "l’Organisation des Nations Unies, a souligné que les réunions régulières du Groupe "
        "témoignent de l’intérêt de ce format et de son utilité pratique à une étape critique "
        "des relations internationales. M. Byashimova, Vice-Ministre des affaires étrangères du "
        "Turkménistan, a déclaré que le Turkménistan, attaché à la neutralité, mène une politique "
        "de coopération amicale avec tous les États, et a appelé à un examen approfondi et "
        "constructif des questions inscrites à l’ordre du jour.",
        "Les participants ont souligné l’importance et l’actualité de ce format de coopération "
        "pour les questions de paix et de stabilité.",
    ],
    "es": [
        "El 11 de diciembre de 2023, el Grupo de Amigos de la Neutralidad para la Paz, la "
        "Seguridad y el Desarrollo Sostenible se reunió en el Ministerio de Relaciones Exteriores "
        "de Turkmenistán, en Asjabad, en formato híbrido.",
        "Turkmenistán impulsó la creación del Grupo para promover un diálogo periódico en el "
        "plano internacional, en particular en el marco de las Naciones Unidas, sobre el "
        "aprovechamiento práctico del potencial pacificador de los Estados cuya política se basa "
        "en los principios de la neutralidad. Veinticinco países se han sumado al Grupo.",
        "El orden del día incluyó la ampliación de la composición del Grupo; la iniciativa de "
        "Turkmenistán sobre una Estrategia de Seguridad Global basada en los principios de la "
        "Carta de las Naciones Unidas y las normas universalmente reconocidas del derecho "
        "internacional; y un intercambio de ideas sobre la posibilidad de establecer un Instituto "
        "de Neutralidad y Seguridad en Asjabad.",
        "La Embajadora Aksoltan Ataeva, Representante Permanente de Turkmenistán ante las "
        "Naciones Unidas, destacó que las reuniones periódicas del Grupo demuestran la demanda de "
        "este formato y su utilidad práctica en una etapa crítica de las relaciones "
        "internacionales. M. Byashimova, Viceministra de Relaciones Exteriores de Turkmenistán, "
        "señaló que Turkmenistán, fiel a la neutralidad, mantiene una política de cooperación "
        "amistosa con todos los Estados, y pidió un examen detallado y positivo de los temas del "
        "orden del día.",
        "Los participantes señalaron la importancia y la pertinencia de este formato de "
        "cooperación para las cuestiones de paz y estabilidad.",
    ],
    "ru": [
        "11 декабря 2023 года в Министерстве иностранных дел Туркменистана в Ашхабаде в гибридном "
        "формате состоялось заседание Группы друзей нейтралитета во имя мира, безопасности и "
        "устойчивого развития.",
        "Группа создана по инициативе Туркменистана для содействия регулярному диалогу на "
        "международном уровне, в частности в рамках ООН, о практическом использовании "
        "миротворческого потенциала государств, строящих свою политику на принципах "
        "нейтралитета. К Группе присоединились двадцать пять стран.",
        "В повестку дня были включены вопросы расширения состава Группы, инициатива Туркменистана "
        "о Глобальной стратегии безопасности на основе принципов Устава ООН и общепризнанных норм "
        "международного права, а также обмен мнениями о возможности создания в Ашхабаде "
        "Института нейтралитета и безопасности.",
        "Постоянный представитель Туркменистана при ООН посол Аксолтан Атаева подчеркнула, что "
        "регулярные встречи Группы друзей наглядно свидетельствуют о востребованности этого "
        "формата и его практической значимости на нынешнем ответственном этапе развития "
        "международных отношений. Заместитель министра иностранных дел Туркменистана "
        "М. Бяшимова отметила, что Туркменистан, приверженный нейтралитету, проводит политику "
        "дружественного сотрудничества со всеми государствами, и призвала к детальному и "
        "позитивному рассмотрению вопросов повестки дня.",
        "Участники отметили важность и актуальность данного формата взаимодействия в решении "
        "вопросов мира и стабильности.",
    ],
    "ar": [
        "في 11 كانون الأول/ديسمبر 2023، عقدت مجموعة أصدقاء الحياد من أجل السلام والأمن والتنمية "
        "المستدامة اجتماعاً في وزارة خارجية تركمانستان في عشق آباد، بصيغة مختلطة.",
        "وقد أُنشئت المجموعة بمبادرة من تركمانستان لتعزيز الحوار المنتظم على الصعيد الدولي، ولا "
        "سيما في إطار الأمم المتحدة، بشأن الاستفادة العملية من إمكانات صنع السلام لدى الدول التي "
        "تبني سياساتها على مبادئ الحياد. وقد انضم إلى المجموعة خمسة وعشرون بلداً.",
        "وتضمن جدول الأعمال توسيع عضوية المجموعة؛ ومبادرة تركمانستان بشأن استراتيجية للأمن "
        "العالمي تستند إلى مبادئ ميثاق الأمم المتحدة وقواعد القانون الدولي المعترف بها عموماً؛ "
        "وتبادل الأفكار بشأن إمكانية إنشاء معهد للحياد والأمن في عشق آباد.",
        "وأكدت السفيرة أكسلطان أتاييفا، الممثلة الدائمة لتركمانستان لدى الأمم المتحدة، أن "
        "الاجتماعات المنتظمة للمجموعة تدل على الطلب على هذه الصيغة وعلى أهميتها العملية في مرحلة "
        "حرجة من العلاقات الدولية. وقالت م. بياشيموفا، نائبة وزير خارجية تركمانستان، إن "
        "تركمانستان، التزاماً منها بالحياد، تنتهج سياسة تعاون ودي مع جميع الدول، ودعت إلى النظر "
        "في بنود جدول الأعمال نظراً مفصلاً وإيجابياً.",
        "وأشار المشاركون إلى أهمية هذه الصيغة من التفاعل وجدواها في معالجة قضايا السلام "
        "والاستقرار.",
    ],
    "zh": [
        "2023年12月11日，中立促进和平、安全与可持续发展之友小组在阿什哈巴德土库曼斯坦外交部"
        "以线上线下混合形式举行会议。",
        "该小组由土库曼斯坦倡议成立，旨在促进国际层面、特别是联合国框架内的定期对话，探讨如何"
        "切实发挥以中立原则为政策基础的国家的和平潜力。已有二十五个国家加入该小组。",
        "会议议程包括：扩大小组成员；土库曼斯坦关于以《联合国宪章》原则和公认的国际法准则为基础"
        "的全球安全战略的倡议；以及就在阿什哈巴德设立中立与安全研究所的可能性交换意见。",
        "土库曼斯坦常驻联合国代表阿克索尔坦·阿塔耶娃大使强调，小组的定期会议表明了对这一形式的"
        "需求及其在国际关系关键阶段的实际意义。土库曼斯坦外交部副部长M·比亚希莫娃表示，土库曼"
        "斯坦奉行中立，与所有国家开展友好合作，并呼吁对议程所列问题进行详细和积极的审议。",
        "与会者指出，这一合作形式对解决和平与稳定问题具有重要性和现实意义。",
    ],
}


def body_html(language: str) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in BODIES[language])


def load_press_release(meeting: Meeting) -> str:
    """Draft (the six versions), write and publish each, dated at the meeting's end. A meeting
    that has a press release already is left alone."""
    if PressRelease.objects.filter(meeting=meeting).exists():
        published = PressRelease.objects.filter(
            meeting=meeting, status=PressStatus.PUBLISHED
        ).count()
        return f"press release of {meeting.starts_at:%Y-%m-%d}: {published} versions published"
    for release in services.press_release_draft(actor=DEMO, meeting=meeting):
        written = services.press_release_update(
            actor=DEMO,
            release=release,
            headline=HEADLINES[release.language],
            body=body_html(release.language),
            version=release.version,
        )
        services.press_release_publish(actor=DEMO, release=written, published_at=meeting.ends_at)
    return f"press release of {meeting.starts_at:%Y-%m-%d}: published in 6 languages"
