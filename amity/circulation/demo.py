"""Demo data: General Assembly sessions 77 to 79 and the agenda items of the facts file, and the
2022 Final Declaration in six languages (demo wording, which says so), circulated under agenda
item 58 of the 77th session. Its symbol and the date of the covering letter are not found:
the circulation is shown as submitted and awaiting its symbol, and the letter date (the day of
adoption) is illustrative, as its note says. Idempotent.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from amity.circulation import services
from amity.circulation.models import Circulation, GAAgendaItem, GASession
from amity.documents.models import OutcomeDocument, TextStatus, VersionText
from amity.members.models import State

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

TITLES = {
    "fr": "Déclaration finale de la réunion ministérielle du Groupe des Amis de la neutralité "
    "(libellé de démonstration)",
    "es": "Declaración final de la reunión ministerial del Grupo de Amigos de la Neutralidad "
    "(texto de demostración)",
    "ru": "Заключительная декларация совещания министров Группы друзей нейтралитета "
    "(демонстрационный текст)",
    "ar": "الإعلان الختامي للاجتماع الوزاري لمجموعة أصدقاء الحياد (صيغة للعرض التوضيحي)",
    "zh": "中立之友小组部长级会议最后宣言(演示措辞)",
}
PARAGRAPH = {
    "fr": "Libellé de démonstration, et non le texte officiel : paragraphe {ref}.",
    "es": "Texto de demostración, no el texto oficial: párrafo {ref}.",
    "ru": "Демонстрационный текст, а не официальный текст: пункт {ref}.",
    "ar": "صيغة للعرض التوضيحي وليست النص الرسمي: الفقرة {ref}.",
    "zh": "演示措辞,并非正式案文:第{ref}段。",
}
NOTE = (
    "Demo: the symbol and the date of the covering letter are not found in public reports; the "
    "letter date shown (the day of adoption) is illustrative. Awaiting the symbol."
)


def load() -> Iterator[str]:
    for number, opened, president, code in SESSIONS:
        services.ga_session_save(
            actor=None,
            number=number,
            opened_on=opened,
            president_name=president,
            president_state=State.objects.filter(iso3=code).first(),
        )
    for session_number, number, titles in ITEMS:
        services.ga_agenda_item_save(
            actor=None,
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
    assert version is not None
    original = VersionText.objects.get(version=version, language=document.original_language)
    done = 0
    for language, title in TITLES.items():
        if VersionText.objects.filter(
            version=version, language=language, status=TextStatus.FINAL
        ).exists():
            continue
        services.translation_update(
            actor=None,
            version=version,
            language=language,
            title=title,
            preamble=[
                PARAGRAPH[language].format(ref=f"PP{i}")
                for i in range(1, len(original.preamble) + 1)
            ],
            operative=[
                PARAGRAPH[language].format(ref=f"OP{i}")
                for i in range(1, len(original.operative) + 1)
            ],
            final=True,
        )
        done += 1
    yield f"final-declaration-2022: {done} language versions marked final (demo wording)"
    if document.status != "adopted":
        yield "final-declaration-2022 is not adopted: not circulated"
        return
    if not Circulation.objects.filter(document=document).exists():
        day = document.adopted_at.date() if document.adopted_at else datetime.date(2022, 12, 10)
        circulation = services.circulation_prepare(
            actor=None,
            document=document,
            session=GASession.objects.get(number=77),
            agenda_item=GAAgendaItem.objects.get(session__number=77, number=58),
            letter_date=day,
            representative_name="Aksoltan Ataeva",
            chair_state=State.objects.get(iso3="TKM"),
            note=NOTE,
        )
        services.circulation_submit(actor=None, circulation=circulation, submitted_on=day)
    yield "final-declaration-2022: circulated under item 58 of the 77th session, awaiting symbol"
