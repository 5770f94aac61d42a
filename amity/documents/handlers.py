"""What the documents services leave to the outbox (``amity.core.outbox``) after commit: the
silence notice by e-mail, and a document's search entries (also asked for by circulation)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from amity.core import outbox


@outbox.register(
    "documents.silence_notice",
    in_worker=True,
    describe=lambda payload, subject: (
        _("The silence procedure notice for “%(document)s”") % {"document": subject}
    ),
)
def send_silence_notice(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.documents.services import silence_notice_send

    silence_notice_send(procedure_id=payload["procedure_id"], entry_id=entry_id)


@outbox.register(
    "documents.search_index",
    describe=lambda payload, subject: (
        _("The search entries of “%(document)s”") % {"document": subject}
    ),
)
def search_index(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.documents import search_index as index

    index.document_index(payload["document_id"])
