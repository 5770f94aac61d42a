"""The demo meetings' texts in the six official languages. The English follows the public
reports (../shared/data/neutrality-group-facts.md, ../shared/reference/source-article.txt); the
other five are the demo's own translations, illustrative and not official United Nations texts,
which the meetings' notes tell readers."""

from __future__ import annotations

# What a meeting needs but no report gives, said in each language.
_TIME_AND_LINK = {
    "en": "The exact time of the meeting is not reported: 15:00–17:00 Ashgabat time is "
    "illustrative. No online link is reported: the https://meet.example.org address stands in "
    "for it, because a hybrid meeting must have one.",
    "fr": "L’heure exacte de la réunion n’est pas connue : 15 h 00–17 h 00, heure d’Achgabat, "
    "est une valeur d’illustration. Aucun lien en ligne n’a été communiqué : l’adresse "
    "https://meet.example.org en tient lieu, car une réunion hybride doit en avoir un.",
    "es": "No se ha informado de la hora exacta de la reunión: el horario de 15.00 a 17.00 "
    "horas de Asjabad es ilustrativo. No se ha informado de ningún enlace en línea: la "
    "dirección https://meet.example.org lo sustituye, porque una reunión híbrida debe tenerlo.",
    "ru": "Точное время заседания не сообщается: 15:00–17:00 по ашхабадскому времени указано "
    "для иллюстрации. Ссылка для подключения не сообщается: вместо нее указан адрес "
    "https://meet.example.org, поскольку у гибридного заседания она должна быть.",
    "ar": "لم يُعلَن الموعد الدقيق للاجتماع: التوقيت من الساعة 15:00 إلى الساعة 17:00 بتوقيت عشق "
    "آباد توضيحي. ولم يُعلَن أي رابط للمشاركة عبر الإنترنت: يحل محله العنوان "
    "https://meet.example.org، لأن الاجتماع المختلط لا بد له من رابط.",
    "zh": "会议的确切时间未见报道：阿什哈巴德时间15:00—17:00仅为示意。未见报道任何在线链接："
    "以 https://meet.example.org 地址代替，因为混合形式的会议必须有在线链接。",
}
_VENUE_AND_AGENDA_2022 = {
    "en": "The venue within Ashgabat and the agenda are not reported.",
    "fr": "Le lieu de la réunion à Achgabat et l’ordre du jour ne sont pas connus.",
    "es": "No se han dado a conocer el lugar de la reunión en Asjabad ni el programa.",
    "ru": "Место проведения в Ашхабаде и повестка дня не сообщаются.",
    "ar": "ولم يُعلَن مكان انعقاد الاجتماع في عشق آباد ولا جدول أعماله.",
    "zh": "会议在阿什哈巴德的具体地点和议程未见报道。",
}
_LEVEL_AND_ATTENDANCE_2023 = {
    "en": "The level is not reported; it is recorded as high-level because deputy ministers of "
    "foreign affairs took part. Whether each participant attended in the room or online is not "
    "reported; they are recorded as in the room, and attendance is left unrecorded.",
    "fr": "Le niveau de la réunion n’est pas connu : elle est enregistrée comme réunion de haut "
    "niveau parce que des vice-ministres des affaires étrangères y ont pris part. On ne sait pas "
    "si chaque participant était dans la salle ou en ligne : tous sont enregistrés comme présents "
    "dans la salle, et la présence effective n’est pas consignée.",
    "es": "No se ha informado del nivel de la reunión: se registra como de alto nivel porque "
    "participaron viceministros de relaciones exteriores. No se ha informado de si cada "
    "participante asistió en la sala o en línea: se registran como presentes en la sala, y la "
    "asistencia efectiva queda sin registrar.",
    "ru": "Уровень заседания не сообщается: оно записано как заседание высокого уровня, "
    "поскольку в нем участвовали заместители министров иностранных дел. Не сообщается, "
    "присутствовал ли каждый участник в зале или подключался онлайн: все записаны как "
    "присутствовавшие в зале, а фактическое присутствие не отмечено.",
    "ar": "ولم يُعلَن مستوى الاجتماع: سُجّل بوصفه اجتماعا رفيع المستوى لأن نواب وزراء خارجية شاركوا "
    "فيه. ولم يُعلَن ما إذا كان كل مشارك قد حضر في القاعة أو عبر الإنترنت: سُجّلوا جميعا بوصفهم "
    "حاضرين في القاعة، ولم يُسجَّل الحضور الفعلي.",
    "zh": "会议级别未见报道：因有外交部副部长与会，记为高级别会议。各与会者系现场出席还是在线参加"
    "未见报道：均记为现场出席，实际出席情况未作记录。",
}
ILLUSTRATIVE = {
    "en": "The texts of this demo in languages other than English are illustrative "
    "translations, not official United Nations texts.",
    "fr": "Les textes de cette démonstration dans les langues autres que l’anglais sont des "
    "traductions d’illustration, et non des textes officiels de l’Organisation des Nations Unies.",
    "es": "Los textos de esta demostración en idiomas distintos del inglés son traducciones "
    "ilustrativas, no textos oficiales de las Naciones Unidas.",
    "ru": "Тексты этой демонстрации на языках, помимо английского, являются иллюстративными "
    "переводами, а не официальными текстами Организации Объединенных Наций.",
    "ar": "ونصوص هذا العرض بغير اللغة الإنكليزية ترجمات توضيحية، وليست نصوصا رسمية للأمم المتحدة.",
    "zh": "本演示中英文以外各语文的文本为示意性译文，并非联合国正式文本。",
}


def _joined(*parts: dict[str, str]) -> dict[str, str]:
    return {code: " ".join(part[code] for part in parts) for code in parts[0]}


NOTES_2022 = _joined(_TIME_AND_LINK, _VENUE_AND_AGENDA_2022, ILLUSTRATIVE)
NOTES_2023 = _joined(_TIME_AND_LINK, _LEVEL_AND_ATTENDANCE_2023, ILLUSTRATIVE)

VENUE_2023 = {
    "en": "Ministry of Foreign Affairs of Turkmenistan",
    "fr": "Ministère des affaires étrangères du Turkménistan",
    "es": "Ministerio de Relaciones Exteriores de Turkmenistán",
    "ru": "Министерство иностранных дел Туркменистана",
    "ar": "وزارة خارجية تركمانستان",
    "zh": "土库曼斯坦外交部",
}

# The city as the UN's six languages write it (UNTERM).
ASHGABAT_CITY = {
    "en": "Ashgabat",
    "fr": "Achgabat",
    "es": "Asjabad",
    "ru": "Ашхабад",
    "ar": "عشق آباد",
    "zh": "阿什哈巴德",
}

SUMMARY_2022 = {
    "en": "The first ministerial meeting of the Group of Friends of Neutrality for Peace, "
    "Security and Sustainable Development took place in Ashgabat. Institutional steps were taken "
    "to define the format and working methods of this multilateral dialogue as a tool for "
    "strengthening global peace and security. The meeting adopted a Final Declaration, later "
    "published in the six official languages of the United Nations as a document of the "
    "seventy-seventh session of the General Assembly under agenda item 58.",
    "fr": "La première réunion ministérielle du Groupe des Amis de la neutralité pour la paix, la "
    "sécurité et le développement durable s’est tenue à Achgabat. Des mesures institutionnelles "
    "ont été prises pour définir le format et les méthodes de travail de ce dialogue "
    "multilatéral, conçu comme un instrument de renforcement de la paix et de la sécurité "
    "mondiales. La réunion a adopté une Déclaration finale, publiée ensuite dans les six langues "
    "officielles de l’Organisation des Nations Unies comme document de la soixante-dix-septième "
    "session de l’Assemblée générale, au titre du point 58 de l’ordre du jour.",
    "es": "La primera reunión ministerial del Grupo de Amigos de la Neutralidad para la Paz, la "
    "Seguridad y el Desarrollo Sostenible se celebró en Asjabad. Se adoptaron medidas "
    "institucionales para definir el formato y los métodos de trabajo de este diálogo "
    "multilateral como instrumento para fortalecer la paz y la seguridad mundiales. En la "
    "reunión se aprobó una Declaración Final, publicada posteriormente en los seis idiomas "
    "oficiales de las Naciones Unidas como documento del septuagésimo séptimo período de "
    "sesiones de la Asamblea General, en relación con el tema 58 del programa.",
    "ru": "В Ашхабаде состоялось первое заседание Группы друзей нейтралитета во имя мира, "
    "безопасности и устойчивого развития на уровне министров. Были предприняты "
    "институциональные шаги по определению формата и методов работы этого многостороннего "
    "диалога как инструмента укрепления глобального мира и безопасности. Участники заседания "
    "приняли Заключительную декларацию, впоследствии опубликованную на шести официальных языках "
    "Организации Объединенных Наций в качестве документа семьдесят седьмой сессии Генеральной "
    "Ассамблеи по пункту 58 повестки дня.",
    "ar": "عُقد في عشق آباد الاجتماع الوزاري الأول لمجموعة أصدقاء الحياد من أجل السلام والأمن "
    "والتنمية المستدامة. واتُّخذت خطوات مؤسسية لتحديد شكل هذا الحوار المتعدد الأطراف وأساليب عمله "
    "بوصفه أداة لتعزيز السلام والأمن على الصعيد العالمي. واعتمد الاجتماع إعلانا ختاميا نُشر لاحقا "
    "باللغات الرسمية الست للأمم المتحدة بوصفه وثيقة من وثائق الدورة السابعة والسبعين للجمعية "
    "العامة في إطار البند 58 من جدول الأعمال.",
    "zh": "中立促进和平、安全与可持续发展之友小组第一次部长级会议在阿什哈巴德举行。会议采取了若干"
    "体制步骤，确定这一多边对话的形式和工作方法，使之成为加强全球和平与安全的工具。会议通过了一项"
    "最后宣言，该宣言随后以联合国六种正式语文作为大会第七十七届会议议程项目58下的文件印发。",
}

SUMMARY_2023 = {
    "en": "The meeting was held at the Ministry of Foreign Affairs of Turkmenistan in a hybrid "
    "format. Twenty-five countries had joined the Group by then.\n\n"
    "The agenda included expanding the membership of the Group; the initiative of Turkmenistan "
    "on a Global Security Strategy based on the principles of the Charter of the United Nations "
    "and the generally recognized norms of international law; and an exchange of ideas on the "
    "possibility of establishing an Institute of Neutrality and Security in Ashgabat.\n\n"
    "Ambassador A. Ataeva, Permanent Representative of Turkmenistan to the United Nations, said "
    "that the traditional meetings of the Group are a vivid demonstration of the demand for this "
    "format and its practical significance at a critical stage of international relations. The "
    "year 2023, declared by the General Assembly the International Year of Dialogue as a "
    "Guarantee of Peace, had shown the energy of the Group, closely involved in the Road Map of "
    "that year; joint achievements and international events were recalled.\n\n"
    "M. Byashimova, Deputy Minister of Foreign Affairs of Turkmenistan, said that Turkmenistan, "
    "adhering to neutrality and its values, conducts a friendly policy of cooperation with all "
    "States and has established itself as a reliable partner, including of the United Nations, "
    "in maintaining peace and stability; she called for a detailed and positive consideration "
    "of the items on the agenda.\n\n"
    "During the discussion, the participants noted the importance and relevance of this format "
    "of interaction in solving issues of peace and stability.",
    "fr": "La réunion s’est tenue au Ministère des affaires étrangères du Turkménistan, selon une "
    "formule hybride. Vingt-cinq pays avaient alors rejoint le Groupe.\n\n"
    "L’ordre du jour portait sur l’élargissement de la composition du Groupe ; l’initiative du "
    "Turkménistan relative à une stratégie de sécurité mondiale fondée sur les principes de la "
    "Charte des Nations Unies et les normes généralement reconnues du droit international ; et "
    "un échange de vues sur la possibilité de créer un institut de la neutralité et de la "
    "sécurité à Achgabat.\n\n"
    "L’Ambassadrice A. Ataeva, Représentante permanente du Turkménistan auprès de "
    "l’Organisation des Nations Unies, a déclaré que les réunions traditionnelles du Groupe "
    "témoignaient clairement de la demande dont ce format faisait l’objet et de son utilité "
    "pratique à un stade critique des relations internationales. L’année 2023, proclamée par "
    "l’Assemblée générale Année internationale du dialogue comme garantie de la paix, avait "
    "montré le dynamisme du Groupe, étroitement associé à la feuille de route de cette année ; "
    "les réalisations communes et les manifestations internationales ont été rappelées.\n\n"
    "Mme M. Byashimova, Vice-Ministre des affaires étrangères du Turkménistan, a déclaré que le "
    "Turkménistan, attaché à la neutralité et à ses valeurs, menait une politique amicale de "
    "coopération avec tous les États et s’était imposé comme un partenaire fiable, notamment de "
    "l’Organisation des Nations Unies, pour le maintien de la paix et de la stabilité ; elle a "
    "appelé à un examen approfondi et constructif des points inscrits à l’ordre du jour.\n\n"
    "Au cours du débat, les participants ont souligné l’importance et l’actualité de ce format "
    "d’interaction pour régler les questions de paix et de stabilité.",
    "es": "La reunión se celebró en el Ministerio de Relaciones Exteriores de Turkmenistán en "
    "formato híbrido. Para entonces, veinticinco países se habían unido al Grupo.\n\n"
    "El programa incluía la ampliación de la composición del Grupo; la iniciativa de "
    "Turkmenistán sobre una Estrategia de Seguridad Global basada en los principios de la Carta "
    "de las Naciones Unidas y las normas universalmente reconocidas del derecho internacional; y "
    "un intercambio de ideas sobre la posibilidad de establecer un Instituto de Neutralidad y "
    "Seguridad en Asjabad.\n\n"
    "La Embajadora A. Ataeva, Representante Permanente de Turkmenistán ante las Naciones Unidas, "
    "afirmó que las reuniones tradicionales del Grupo son una clara demostración de la demanda "
    "de este formato y de su importancia práctica en una etapa crítica de las relaciones "
    "internacionales. El año 2023, proclamado por la Asamblea General Año Internacional del "
    "Diálogo como Garantía de Paz, había mostrado el dinamismo del Grupo, estrechamente "
    "vinculado a la Hoja de Ruta de ese año; se recordaron los logros comunes y los eventos "
    "internacionales.\n\n"
    "La Viceministra de Relaciones Exteriores de Turkmenistán, M. Byashimova, afirmó que "
    "Turkmenistán, fiel a la neutralidad y a sus valores, lleva a cabo una política amistosa de "
    "cooperación con todos los Estados y se ha consolidado como un asociado fiable, también de "
    "las Naciones Unidas, en el mantenimiento de la paz y la estabilidad; pidió que los temas "
    "del programa se examinaran de forma detallada y positiva.\n\n"
    "Durante el debate, los participantes señalaron la importancia y la pertinencia de este "
    "formato de interacción para resolver cuestiones de paz y estabilidad.",
    "ru": "Заседание прошло в Министерстве иностранных дел Туркменистана в гибридном формате. К "
    "тому времени к Группе присоединились двадцать пять стран.\n\n"
    "В повестку дня вошли расширение состава Группы; инициатива Туркменистана о Глобальной "
    "стратегии безопасности на основе принципов Устава Организации Объединенных Наций и "
    "общепризнанных норм международного права; обмен мнениями о возможности создания "
    "Института нейтралитета и безопасности в Ашхабаде.\n\n"
    "Посол А. Атаева, Постоянный представитель Туркменистана при Организации Объединенных "
    "Наций, отметила, что традиционные встречи Группы наглядно демонстрируют востребованность "
    "этого формата и его практическую значимость на критическом этапе международных отношений. "
    "2023 год, объявленный Генеральной Ассамблеей Международным годом диалога как гарантии "
    "мира, показал энергию Группы, тесно вовлеченной в реализацию «дорожной карты» этого года; "
    "были упомянуты совместные достижения и международные мероприятия.\n\n"
    "Заместитель министра иностранных дел Туркменистана М. Бяшимова заявила, что Туркменистан, "
    "приверженный нейтралитету и его ценностям, проводит дружественную политику сотрудничества "
    "со всеми государствами и зарекомендовал себя надежным партнером, в том числе Организации "
    "Объединенных Наций, в поддержании мира и стабильности; она призвала к детальному и "
    "позитивному рассмотрению вопросов повестки дня.\n\n"
    "В ходе обсуждения участники отметили важность и актуальность этого формата "
    "взаимодействия для решения вопросов мира и стабильности.",
    "ar": "عُقد الاجتماع في وزارة خارجية تركمانستان بشكل مختلط. وكانت المجموعة تضم حينئذ خمسة "
    "وعشرين بلدا.\n\n"
    "وتضمن جدول الأعمال توسيع عضوية المجموعة؛ ومبادرة تركمانستان بشأن استراتيجية للأمن العالمي "
    "تستند إلى مبادئ ميثاق الأمم المتحدة وقواعد القانون الدولي المعترف بها عموما؛ وتبادل الأفكار "
    "بشأن إمكانية إنشاء معهد للحياد والأمن في عشق آباد.\n\n"
    "وقالت السفيرة أ. أتاييفا، الممثلة الدائمة لتركمانستان لدى الأمم المتحدة، إن الاجتماعات "
    "المعتادة للمجموعة دليل واضح على الحاجة إلى هذا الشكل من الحوار وعلى أهميته العملية في مرحلة "
    "حرجة من العلاقات الدولية. وقد أظهر عام 2023، الذي أعلنته الجمعية العامة السنة الدولية "
    "للحوار كضمان للسلام، حيوية المجموعة التي شاركت عن كثب في خريطة طريق ذلك العام؛ واستُذكرت "
    "الإنجازات المشتركة والفعاليات الدولية.\n\n"
    "وقالت م. بياشيموفا، نائبة وزير خارجية تركمانستان، إن تركمانستان، التزاما منها بالحياد وقيمه، "
    "تنتهج سياسة تعاون ودية مع جميع الدول، وقد أثبتت أنها شريك موثوق به، بما في ذلك للأمم "
    "المتحدة، في صون السلام والاستقرار؛ ودعت إلى النظر في بنود جدول الأعمال نظرا مفصلا "
    "وإيجابيا.\n\n"
    "وخلال المناقشة، أكد المشاركون أهمية هذا الشكل من التفاعل وجدواه في معالجة مسائل السلام "
    "والاستقرار.",
    "zh": "会议在土库曼斯坦外交部以混合形式举行。截至当时，已有25个国家加入小组。\n\n"
    "议程包括：扩大小组的成员；土库曼斯坦关于以《联合国宪章》原则和公认的国际法准则为基础的全球"
    "安全战略的倡议；就在阿什哈巴德设立中立与安全研究所的可能性交换意见。\n\n"
    "土库曼斯坦常驻联合国代表阿·阿塔耶娃大使说，小组的例行会议生动地表明，在国际关系的关键阶段，"
    "这一形式有现实需求和实际意义。2023年被大会宣布为“对话作为和平保障国际年”，这一年展现了小组"
    "的活力，小组密切参与了该年的路线图；会上回顾了共同取得的成就和举办的国际活动。\n\n"
    "土库曼斯坦外交部副部长马·比亚希莫娃说，土库曼斯坦恪守中立及其价值观，奉行与所有国家友好合作"
    "的政策，已成为在维护和平与稳定方面包括联合国在内的可靠伙伴；她呼吁对议程上的项目进行详细和"
    "积极的审议。\n\n"
    "在讨论中，与会者指出这一互动形式对于解决和平与稳定问题的重要性和现实意义。",
}
