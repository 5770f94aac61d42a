"""Writes on the search index. Other apps call these after their own writes commit, from an
outbox handler (``core.outbox.after_commit``: retried if indexing fails) that reads the object
fresh and hands over what it says in each language:

    search_services.search_entries_replace(key=f"press_release:{pk}", entries=[Entry(...)])

(see ``meetings/search_index.py``, ``documents/search_index.py``). The index is derived
data: its writes are not audited (the write that caused them is), and a rebuild leaves no
trace but the index, so ``loaddemo`` stays idempotent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from amity.core.languages import CONTENT_LANGUAGES
from amity.search import index
from amity.search.index import Entry
from amity.search.models import Audience, EntryKind, SearchEntry


def _under(key: str) -> Q:
    return Q(key=key) | Q(key__startswith=f"{key}/")


def _validate(key: str, entries: Sequence[Entry]) -> None:
    errors: dict[str, str] = {}
    if not key or len(key) > 200:
        errors["key"] = "Give the object's key, at most 200 characters."
    seen: set[tuple[str, str]] = set()
    for entry in entries:
        if entry.key != key and not entry.key.startswith(f"{key}/"):
            errors["entries"] = f"Entry {entry.key} is not under {key}."
        elif entry.kind not in EntryKind.values:
            errors["entries"] = f"Unknown kind {entry.kind}."
        elif entry.audience not in Audience.values:
            errors["entries"] = f"Unknown audience {entry.audience}."
        elif entry.language and entry.language not in CONTENT_LANGUAGES:
            errors["entries"] = f"Unknown language {entry.language}."
        elif (entry.key, entry.language) in seen:
            errors["entries"] = f"Entry {entry.key} [{entry.language}] given twice."
        elif entry.audience == Audience.PUBLIC and entry.is_draft:
            errors["entries"] = f"Entry {entry.key} is a draft and cannot be public."
        seen.add((entry.key, entry.language))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def search_entries_replace(*, key: str, entries: Sequence[Entry]) -> int:
    """Make the index say exactly ``entries`` about the object ``key`` and everything under it
    (keys ``key/…``): rows no longer given are removed. Returns how many rows were written."""
    _validate(key, entries)
    stale = list(
        SearchEntry.objects.select_for_update().filter(_under(key)).values_list("pk", flat=True)
    )
    index.erase(stale)
    SearchEntry.objects.filter(pk__in=stale).delete()
    return len(index.write(entries))


@transaction.atomic
def search_entries_remove(*, key: str) -> int:
    """Take the object ``key`` and everything under it out of the index."""
    stale = list(
        SearchEntry.objects.select_for_update().filter(_under(key)).values_list("pk", flat=True)
    )
    index.erase(stale)
    SearchEntry.objects.filter(pk__in=stale).delete()
    return len(stale)


@transaction.atomic
def search_index_rebuild(*, sources: Iterable[Callable[[], Iterable[Entry]]]) -> int:
    """Empty the index and fill it again from ``sources`` (functions yielding entries for
    everything in the database). Idempotent; returns how many rows were written."""
    index.erase_all()
    SearchEntry.objects.all().delete()
    written = 0
    batch: list[Entry] = []
    for source in sources:
        for entry in source():
            batch.append(entry)
            if len(batch) >= 500:
                written += len(index.write(batch))
                batch = []
    written += len(index.write(batch))
    return written
