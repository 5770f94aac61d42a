"""Index what the other apps' demo loaders put in the database (this app comes after them in
INSTALLED_APPS). Idempotent: the index is rebuilt from scratch."""

from __future__ import annotations

from collections.abc import Iterator

from amity.search import indexers


def load() -> Iterator[str]:
    written = indexers.reindex()
    yield f"{written} search entries indexed"
