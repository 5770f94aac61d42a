"""Proposals for a missing language of a ``{lang: text}`` field in the side-by-side editor
(``core.forms.translation_fields``), asked for one input at a time by the coordinator: the
translation memory's first (``core.registry.translation_proposers``), else the machine's
(``core.registry.machine_translators``). A proposal fills an input to review; nothing is saved
until the form is. No machine call is made while a form renders: the inputs only carry a
button that asks ``propose`` on request (``members.views.machine_proposal``)."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from amity.core.forms import translation_proposal

# The longest source text a proposal is asked for (a few paragraphs: the longest
# ``{lang: text}`` fields are a group's cause and a meeting's notes).
MAX_SOURCE_CHARS = 10_000


class MachineTranslationError(Exception):
    """The machine translation could not be had; ``str()`` says why, plainly."""


@dataclass(frozen=True)
class Proposal:
    text: str
    machine: bool  # from the machine translation (else the translation memory)


def machine_translator() -> Callable[[str, str, str], str] | None:
    """The first configured machine translation, or None when none is."""
    from amity.core.registry import machine_translators

    for hook in machine_translators:
        translate = hook()
        if translate is not None:
            return translate
    return None


def machine_available() -> bool:
    """Whether a machine translation is configured (no call is made to it)."""
    return machine_translator() is not None


def propose(text: str, *, source: str, target: str) -> Proposal | None:
    """A proposal for ``text`` (plain, in ``source``) in ``target``: the translation memory's
    exact match, else the machine's; None if the machine answers nothing. Raises
    ``MachineTranslationError`` when the machine is needed but not configured or fails."""
    text = text.strip()
    if len(text) > MAX_SOURCE_CHARS:
        raise MachineTranslationError(
            _("The text is too long for a proposal (at most %(count)s characters).")
            % {"count": MAX_SOURCE_CHARS}
        )
    remembered = translation_proposal(text, source, target)
    if remembered:
        return Proposal(text=remembered, machine=False)
    translate = machine_translator()
    if translate is None:
        raise MachineTranslationError(
            _("No machine translation service is configured (AMITY_MT_URL).")
        )
    # The service is asked for HTML (as for documents): the plain text goes escaped, and comes
    # back as plain text again.
    answer = html.unescape(strip_tags(translate(html.escape(text), source, target))).strip()
    return Proposal(text=answer, machine=True) if answer else None
