"""Hooks that the apps above core register, so that core never names them.

Core sits at the bottom of the layers (``docs/architecture.md``): it may not import a domain
app, yet some of its commands act on all of them — ``amity loaddemo`` runs each app's demo
loader, ``amity restore`` asks whether the database already holds data and what to do after a
restore. Each app registers what it brings in its ``AppConfig.ready()``; Django calls those in
``INSTALLED_APPS`` order, which is therefore the order the hooks run in (as Wagtail's hooks or
Django's admin registry: the platform holds the list, features fill it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Hooks(Generic[T]):
    """Named hooks, one per app label, kept in the order they were registered. Registering the
    same label again replaces its hook (``ready()`` may run more than once in tests)."""

    def __init__(self, purpose: str) -> None:
        self.purpose = purpose
        self._hooks: dict[str, T] = {}

    def register(self, label: str, hook: T) -> None:
        self._hooks[label] = hook

    def get(self, label: str) -> T | None:
        return self._hooks.get(label)

    def items(self) -> list[tuple[str, T]]:
        return list(self._hooks.items())

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._hooks.values()))

    def __len__(self) -> int:
        return len(self._hooks)


# ``amity loaddemo``: each yields one line per thing it loaded; idempotent.
demo_loaders: Hooks[Callable[[], Iterable[str]]] = Hooks("demo loader")

# ``amity restore``: does the database already hold an installation's data?
holds_data: Hooks[Callable[[], bool]] = Hooks("data present")

# ``amity restore``: run after the data is loaded (rebuild derived data such as the index).
after_restore: Hooks[Callable[[], object]] = Hooks("after restore")

# ``amity restore``: model labels of older backups → today's (``"accounts.grouprole"`` →
# ``"members.grouprole"``), for models that moved between apps with their table.
renamed_models: Hooks[dict[str, str]] = Hooks("renamed models")

# ``amity loaddemo``: does the database already hold the demo (so that loading it again, which
# changes nothing, is allowed without AMITY_DEMO)?
demo_present: Hooks[Callable[[], bool]] = Hooks("demo present")

# The side-by-side editor of ``{lang: text}`` fields (``core.forms.translation_fields``): a
# proposal for a missing language, ``(text, source language, target language)`` → text or
# None. Circulation registers its translation memory (exact matches only: no network call
# while a form renders).
translation_proposers: Hooks[Callable[[str, str, str], str | None]] = Hooks("translation proposer")

# Kept answers (``core.cache``, ``core.edge``): a content version by name, scope (an id) → a
# number that changes whenever what the pages of that scope show may have changed. Members
# registers ``group`` (a group's pages) and ``site`` (what lists every group's, the sitemap).
content_versions: Hooks[Callable[[int], int]] = Hooks("content version")

# The side-by-side editor's machine proposals (``core.proposals``): each hook gives the
# configured machine translation, ``(text, source language, target language)`` → text (raising
# ``core.proposals.MachineTranslationError``), or None when none is configured. Circulation
# registers its LibreTranslate client (``AMITY_MT_URL``). Called on request only, never while
# a form renders.
machine_translators: Hooks[Callable[[], Callable[[str, str, str], str] | None]] = Hooks(
    "machine translator"
)
