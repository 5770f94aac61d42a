"""The apps that feed the index, as registered by them: search knows no app by name.

Each app that holds something findable feeds the index by calling
``search.services.search_entries_replace`` / ``search_entries_remove`` after commit, and for
``amity reindex`` to rebuild its part it registers, in its ``AppConfig.ready()``, a function
that yields ``index.Entry`` objects for everything it holds (``register("meetings",
search_index.entries)``; by habit the function lives in ``<app>/search_index.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.urls import reverse
from django.utils import translation

from amity.core.languages import interface_language
from amity.core.registry import Hooks
from amity.search import services
from amity.search.index import Entry


def url_in(language: str, name: str, **kwargs: object) -> str:
    """The path of a page in the interface language matching a content language."""
    with translation.override(interface_language(language) if language else "en"):
        return reverse(name, kwargs=kwargs)


_indexers: Hooks[Callable[[], Iterable[Entry]]] = Hooks("search indexer")


def register(label: str, entries: Callable[[], Iterable[Entry]]) -> None:
    """An app's contribution to a full rebuild (called from its ``AppConfig.ready()``)."""
    _indexers.register(label, entries)


def sources() -> list[Callable[[], Iterable[Entry]]]:
    """Everything that feeds a rebuild, in the order the apps registered (INSTALLED_APPS)."""
    return list(_indexers)


def reindex() -> int:
    return services.search_index_rebuild(sources=sources())
