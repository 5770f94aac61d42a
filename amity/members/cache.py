"""The groups' public pages, cached for anonymous readers (``amity.core.cache``) under the
group's **public content version**: the id of the group's latest audit entry.

Every service records an audit entry inside its own transaction (the architecture's rule), so
the version changes exactly when a write commits, with no invalidation step a service could
forget and no window in which a page rendered from the data before the commit is kept under the
new version. Being in the database, every node agrees on it, and a flushed cache loses nothing
but pages. One indexed query per cached answer. Writes the public does not see (registrations,
drafts) drop the pages too: they are rendered again once.

A view shows a group's public page with ``@cache_group_page`` and says which group it shows
with ``public_page_of(request, group.pk)`` before it reads the rest.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import connection

from amity.core.cache import (
    View,
    cache_public_page,
    public_page_kept_until,
    public_page_of,
)
from amity.members.models import AuditEntry

__all__ = [
    "SITE_VERSION_SQL",
    "cache_group_page",
    "cache_group_page_with",
    "cache_site_page",
    "cache_site_page_with",
    "group_public_version",
    "group_public_version_at",
    "public_page_kept_until",
    "public_page_of",
    "site_public_version",
    "site_public_version_at",
]

_VERSION_SQL = f"SELECT MAX(id) FROM {AuditEntry._meta.db_table} WHERE group_id = %s"  # noqa: S608 - a table name from the model; the value is a parameter
# The whole site's content version (``site_public_version``) as a subquery, for a reader that
# reads it with something else in one query (a poll of the live state, a document's
# circulation pages).
SITE_VERSION_SQL = f"SELECT MAX(id) FROM {AuditEntry._meta.db_table}"  # noqa: S608 - a table name from the model


def group_public_version(group_id: int) -> int:
    """The group's public content version: the id of its latest audit entry (0 if none)."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL, [group_id])
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def site_public_version(_scope: int = 0) -> int:
    """The whole site's content version (what lists every group's pages): the id of the
    latest audit entry of any group; one query on the primary key."""
    return site_public_version_at()[0]


cache_group_page = cache_public_page(version="group")
# A page listing every group's (the front page): kept under the site's version (scope 0).
cache_site_page = cache_public_page(version="site")


def cache_site_page_with(*queries: str) -> Callable[[View], View]:
    """``cache_site_page`` for a page also kept with these query parameters (search)."""
    return cache_public_page(version="site", queries=frozenset(queries))


def cache_group_page_with(*queries: str) -> Callable[[View], View]:
    """``cache_group_page`` for a page also kept with these query parameters (the members on
    a date: ``on``, ``region``)."""
    return cache_public_page(version="group", queries=frozenset(queries))


def group_public_version_at(group_id: int) -> tuple[int, datetime.datetime | None]:
    """The group's public content version and the time it was recorded (for Last-Modified):
    one indexed query, like ``group_public_version``."""
    latest = (
        AuditEntry.objects.filter(group_id=group_id)
        .order_by("-id")
        .values_list("id", "created_at")[:1]
    )
    row = next(iter(latest), None)
    return (int(row[0]), row[1]) if row else (0, None)


def site_public_version_at() -> tuple[int, datetime.datetime | None]:
    """The whole site's content version (what lists every group's pages, like the sitemap):
    the latest audit entry of any group and its time; one query on the primary key."""
    latest = AuditEntry.objects.order_by("-id").values_list("id", "created_at")[:1]
    row = next(iter(latest), None)
    return (int(row[0]), row[1]) if row else (0, None)
