"""Builders for the circulation tests: an adopted declaration with its UN references."""

from __future__ import annotations

import datetime
from typing import Any

from amity.circulation import services
from amity.circulation.models import GAAgendaItem, GASession
from amity.core.actors import SYSTEM
from amity.documents import services as document_services
from amity.meetings.tests.factories import make_meeting

PREAMBLE = [
    "<i>Recalling</i> the Charter of the United Nations,",
    "<i>Noting</i> the work of the Group,",
]
OPERATIVE = [
    "<b>Agree</b> to meet every six months;",
    "<b>Decide</b> to meet once a year at ministerial level;",
]
FRENCH: dict[str, Any] = {
    "title": "Déclaration sur la neutralité",
    "preamble": ["<i>Rappelant</i> la Charte des Nations Unies,", "<i>Notant</i> les travaux du Groupe,"],
    "operative": ["<b>Conviennent</b> de se réunir tous les six mois ;", "<b>Décident</b> de se réunir une fois par an au niveau ministériel ;"],
}  # fmt: skip


def make_document(group: Any, *, slug: str = "declaration", **overrides: Any) -> Any:
    kwargs: dict[str, Any] = {
        "kind": "declaration",
        "title": "Declaration on neutrality",
        "preamble": PREAMBLE,
        "operative": OPERATIVE,
        "original_language": "en",
        "slug": slug,
    }
    kwargs.update(overrides)
    return document_services.document_create(actor=SYSTEM, group=group, **kwargs)


def adopted_document(group: Any, *, slug: str = "declaration", **overrides: Any) -> Any:
    document = make_document(group, slug=slug, **overrides)
    meeting = make_meeting(
        group,
        starts_at=datetime.datetime(2022, 12, 10, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2022, 12, 10, 13, tzinfo=datetime.UTC),
    )
    document_services.document_adopt_consensus(actor=SYSTEM, document=document, meeting=meeting)
    document.refresh_from_db()
    return document


def latest(document: Any) -> Any:
    return document.versions.order_by("-id").first()


def ga_references() -> tuple[GASession, GAAgendaItem, GAAgendaItem]:
    s77 = services.ga_session_save(actor=SYSTEM, number=77, opened_on=datetime.date(2022, 9, 13))
    s79 = services.ga_session_save(actor=SYSTEM, number=79, opened_on=datetime.date(2024, 9, 10))
    item58 = services.ga_agenda_item_save(
        actor=SYSTEM,
        session=s77,
        number=58,
        titles={
            "en": "Peacebuilding and sustaining peace",
            "fr": "Consolidation et pérennisation de la paix",
        },
    )
    item61 = services.ga_agenda_item_save(
        actor=SYSTEM, session=s79, number=61, titles={"en": "Peacebuilding and sustaining peace"}
    )
    return s77, item58, item61


def translate_french(version: Any, *, final: bool = True) -> Any:
    services.translation_update(actor=SYSTEM, version=version, language="fr", **FRENCH)
    if final:
        return services.translation_mark_final(actor=SYSTEM, version=version, language="fr")
    return None


def circulated_document(group: Any, coordinator: Any, *, french: bool = True) -> Any:
    """An adopted declaration, with a final French version unless ``french`` is false, whose
    circulation is prepared (item 58 of the 77th session, letter dated 1 March 2023)."""
    s77, item58, _ = ga_references()
    document = adopted_document(group)
    if french:
        translate_french(latest(document))
    services.circulation_prepare(
        actor=coordinator,
        document=document,
        session=s77,
        agenda_item=item58,
        letter_date=datetime.date(2023, 3, 1),
        representative_name="Aksoltan Ataeva",
    )
    return document
