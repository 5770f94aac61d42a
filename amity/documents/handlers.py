"""What the documents services leave to the outbox (``amity.core.outbox``) after commit: the
silence notice by e-mail, and a document's search entries (also asked for by circulation)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from amity.core import outbox
from amity.documents.models import OutcomeDocument, SilenceProcedure


def _describe_notice(payload: dict[str, Any]) -> str:
    procedure = (
        SilenceProcedure.objects.select_related("document").filter(pk=payload.get("procedure_id"))
    ).first()
    name = procedure.document.slug if procedure else _("a document since deleted")
    return _("The silence procedure notice for “%(document)s”") % {"document": name}


def _describe_index(payload: dict[str, Any]) -> str:
    document = OutcomeDocument.objects.filter(pk=payload.get("document_id")).first()
    name = document.slug if document else _("a document since deleted")
    return _("The search entries of “%(document)s”") % {"document": name}


@outbox.register("documents.silence_notice", in_worker=True, describe=_describe_notice)
def send_silence_notice(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.documents.services import silence_notice_send

    silence_notice_send(procedure_id=payload["procedure_id"], entry_id=entry_id)


@outbox.register("documents.search_index", describe=_describe_index)
def search_index(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.documents import search_index as index

    index.document_index(payload["document_id"])
