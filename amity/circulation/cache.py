"""The content version of a document's language and rendition pages (``circulation:overview``,
``circulation:edit``), under which a signed-in reader's copy of them is kept
(``core.cache.cache_public_page``, issue 17).

Those pages show what audited writes change (the language versions, the translation memory,
the circulation record, roles: the whole site's version, ``site``) and also the rendition jobs,
whose state moves without any audit entry: a job starts, reports progress, fails (in a Celery
worker, the embedded runner's thread or a render process), or is resumed by the recovery. No
write path has to remember anything here: the version is read from the jobs' rows themselves,
a digest of what a page may show of each job of the document (its status, progress, message and
file), with the site's version, in one query. Whatever changes one of those columns, by a
service, a raw ``update()`` or the admin, changes the version; a heartbeat (``touched_at``),
which changes nothing a reader sees, does not. A digest rather than the latest time of change:
the times come from the clocks of several hosts and from transactions that commit out of
order, so a later change may carry an earlier time; the rows' contents cannot.

The scope is the document's id, read first (``document_scope``) so that nothing the page shows
is read before the version.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import connection

from amity.circulation.models import RenditionJob
from amity.documents.models import OutcomeDocument
from amity.members.cache import SITE_VERSION_SQL

VERSION = "circulation"

_JOBS = RenditionJob._meta.db_table
# One row per job of the document (or one row of NULLs when it has none), each with the site's
# version: a LEFT JOIN from a one-row table, which SQLite and PostgreSQL both take.
_VERSION_SQL = (
    f"SELECT ({SITE_VERSION_SQL}), j.id, j.status, j.progress, j.message, j.file "  # noqa: S608 - table names from the models; the value is a parameter
    f"FROM (SELECT 1 AS one) AS o LEFT JOIN {_JOBS} AS j ON j.document_id = %s "
    "ORDER BY j.id"
)


def circulation_version(document_id: int) -> int:
    """The version of the document's language and rendition pages: changes with any audited
    write on the site and with any change of what its rendition jobs show (see above)."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL, [document_id])
        rows = cursor.fetchall()
    site = rows[0][0] if rows else 0
    digest = hashlib.blake2b(digest_size=7)
    # Machine translation configured or not (a button on the editing page): settings, read
    # here so that a copy kept in a shared cache across a restart that changed it is not used.
    digest.update(b"mt" if (getattr(settings, "AMITY_MT_URL", "") or "").strip() else b"-")
    for _site, *job in rows:
        digest.update(repr(job).encode())
        digest.update(b"\x1f")
    # The site's version stays readable in the number (tests, logs): version * 2^56 + digest.
    return (int(site or 0) << 56) | int.from_bytes(digest.digest(), "big")


def document_scope(group_slug: str, document_slug: str) -> int:
    """The id of the document a page shows (0 when there is none: the page is then a 404,
    never kept): the scope of its version, read before anything else of the page."""
    found = (
        OutcomeDocument.objects.filter(group__slug=group_slug, slug=document_slug)
        .values_list("pk", flat=True)
        .first()
    )
    return int(found or 0)
