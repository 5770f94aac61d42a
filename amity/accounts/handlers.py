"""What the accounts services leave to the outbox (``amity.core.outbox``): the invitation
e-mails, and allauth's own messages (password reset, address confirmation)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from amity.core import outbox


@outbox.register(
    "accounts.invitation_email",
    in_worker=True,
    describe=lambda payload, subject: _("The invitation to %(email)s") % {"email": subject},
)
def invitation_email(payload: dict[str, Any], entry_id: int | None) -> None:
    from amity.accounts.services import invitation_email_send

    invitation_email_send(invitation_id=payload["invitation_id"], entry_id=entry_id)


@outbox.register(
    "accounts.email",
    describe=lambda payload, subject: _("An account message to %(email)s") % {"email": subject},
)
def account_email(payload: dict[str, Any], entry_id: int | None) -> None:
    from django.core.mail import EmailMultiAlternatives

    from amity.core.mail import send_each

    message = EmailMultiAlternatives(
        subject=payload["subject"], body=payload["body"], to=[payload["to"]]
    )
    if payload.get("html"):
        message.attach_alternative(payload["html"], "text/html")
    send_each([message], entry_id=entry_id)
