"""Sending e-mail from an outbox handler, once per address.

Each message is sent on one connection and noted as an ``OutboxReceipt`` of the entry right
after the mail server took it; when the handler runs again (a retry after the server failed
midway, or a second delivery of the same entry), the addresses already reached are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMessage, get_connection

from amity.core import outbox


def address_key(address: str) -> str:
    return "mail:" + address.strip().lower()


def send_each(messages: Sequence[EmailMessage], *, entry_id: int | None) -> int:
    """Send every message (each to one address) that this entry has not sent yet; returns
    how many were sent now. An error of the mail server is raised after the messages sent
    before it were noted, so the outbox retries only the rest."""
    done = outbox.done_parts(entry_id)
    todo = [m for m in messages if address_key(m.to[0]) not in done]
    if not todo:
        return 0
    sent = 0
    with get_connection() as connection:
        for message in todo:
            key = address_key(message.to[0])
            if key in done:  # the same address twice in the list
                continue
            message.connection = connection
            if connection.send_messages([message]):
                outbox.receipt(entry_id, key)
                done.add(key)
                sent += 1
    return sent
