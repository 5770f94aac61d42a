"""The text index beside ``SearchEntry``, one implementation per database.

- SQLite (embedded default): FTS5 virtual table ``search_fts(title, body)`` with the
  ``trigram`` tokenizer; every term of three characters or more is a quoted string in the
  MATCH expression (substring search), shorter ones a LIKE on the same rows; of the newest
  matches, those with the terms in the title come first. (bm25 is not used: to weigh a term
  it counts every row that contains it, which for a common word costs a scan of the index.)
- PostgreSQL (scale mode): table ``search_pg(entry_id, tsv, cjk)``: ``tsv`` is a weighted
  ``to_tsvector('simple', …)`` of the normalised words (GIN index), ``cjk`` the doubled
  Chinese/Japanese/Korean runs with a ``gin_trgm_ops`` index; word terms are matched as
  prefixes (``term:*``), CJK terms with LIKE '%term%'; the newest matches ranked by
  ``ts_rank``.

Both hold the normalised text (``text.normalise``) and are written in the same transaction as
the ``SearchEntry`` rows. Rows are upserted by id, so a stale row left by a table flush is
overwritten rather than duplicated, and every query joins ``SearchEntry``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from amity.search.models import Audience, SearchEntry
from amity.search.text import Query, cjk_only, normalise, without_cjk

ENTRY_TABLE = SearchEntry._meta.db_table
_NON_WORD = re.compile(r"[\W_]+")
# PostgreSQL refuses a tsvector over 1 MB; no statement is that long in words.
_PG_MAX_WORDS_CHARS = 400_000


@dataclass(frozen=True)
class Entry:
    """What an app gives the index for one object in one language."""

    key: str
    kind: str
    group_id: int
    language: str
    title: str
    body: str
    url: str
    audience: str
    is_draft: bool
    year: int | None
    updated_at: datetime.datetime


@dataclass(frozen=True)
class Scope:
    """What the asker may find: everything (``everything``), else public non-drafts plus, per
    group, the audiences their role there opens."""

    everything: bool = False
    audiences_by_group: dict[int, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    year: int | None = None
    group_id: int | None = None


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- writing --------------------------------------------------------------------------------


def write(entries: Sequence[Entry]) -> list[SearchEntry]:
    """Insert ``entries`` (whose keys must not exist yet) and their text. Call inside a
    transaction."""
    if not entries:
        return []
    rows = SearchEntry.objects.bulk_create(
        [
            SearchEntry(
                key=e.key,
                kind=e.kind,
                group_id=e.group_id,
                language=e.language,
                title=e.title[:500],
                body=e.body,
                url=e.url,
                audience=e.audience,
                is_draft=e.is_draft,
                year=e.year,
                updated_at=e.updated_at,
            )
            for e in entries
        ],
        batch_size=500,
    )
    _write_text([(row.pk, row.title, row.body) for row in rows])
    return rows


def _write_text(rows: Iterable[tuple[int, str, str]]) -> None:
    with connection.cursor() as cursor:
        if is_postgres():
            params = []
            for pk, title, body in rows:
                title_n, body_n = normalise(title), normalise(body)
                params.append(
                    (
                        pk,
                        _NON_WORD.sub(" ", without_cjk(title_n)),
                        _NON_WORD.sub(" ", without_cjk(body_n))[:_PG_MAX_WORDS_CHARS],
                        cjk_only(f"{title_n}\n{body_n}"),
                    )
                )
            cursor.executemany(
                "INSERT INTO search_pg (entry_id, tsv, cjk) VALUES (%s, "
                "setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B'), %s) "
                "ON CONFLICT (entry_id) DO UPDATE SET tsv = EXCLUDED.tsv, cjk = EXCLUDED.cjk",
                params,
            )
        else:
            cursor.executemany(
                "INSERT OR REPLACE INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [(pk, normalise(title), normalise(body)) for pk, title, body in rows],
            )


def erase(ids: Sequence[int]) -> None:
    """Delete the text of these entries (the caller deletes the rows)."""
    if not ids:
        return
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ", ".join(["%s"] * len(chunk))
            if is_postgres():
                cursor.execute(f"DELETE FROM search_pg WHERE entry_id IN ({marks})", chunk)
            else:
                cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", chunk)


def erase_all() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_pg" if is_postgres() else "DELETE FROM search_fts")


# --- reading --------------------------------------------------------------------------------


def _in(column: str, values: Sequence[object]) -> tuple[str, list[object]]:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _scope_sql(scope: Scope) -> tuple[str, list[object]]:
    if scope.everything:
        return "1 = 1", []
    parts = ["(e.audience = %s AND e.is_draft = %s)"]
    params: list[object] = [Audience.PUBLIC, False]
    for group_id, audiences in sorted(scope.audiences_by_group.items()):
        sql, values = _in("e.audience", audiences)
        parts.append(f"(e.group_id = %s AND {sql})")
        params += [group_id, *values]
    return "(" + " OR ".join(parts) + ")", params


def _filters_sql(filters: Filters) -> tuple[str, list[object]]:
    parts: list[str] = []
    params: list[object] = []
    if filters.kinds:
        sql, values = _in("e.kind", filters.kinds)
        parts.append(sql)
        params += values
    if filters.year is not None:
        parts.append("e.year = %s")
        params.append(filters.year)
    if filters.group_id is not None:
        parts.append("e.group_id = %s")
        params.append(filters.group_id)
    return " AND ".join(parts) or "1 = 1", params


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts5_string(term: str) -> str:
    """A term as an FTS5 string: quoted, inner quotes doubled, so it is never syntax."""
    return '"' + term.replace('"', '""') + '"'


def _tsquery_term(term: str) -> str:
    quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + ":*" if len(term) >= 3 else quoted


# How many of the newest matches are ranked. Ranking every match of a common word (bm25 or
# ts_rank over thousands of rows) is what makes full-text search slow; the newest matches are
# found by walking the index in id order and stopping, so a query costs about the same
# whatever the archive's size. Results are the best of the newest RANKED matches.
RANKED = 500


def search(*, query: Query, scope: Scope, filters: Filters, limit: int, offset: int) -> list[int]:
    """The ids of the entries matching every term of ``query`` that ``scope`` allows: of the
    newest RANKED matches, those with the terms in their title first (PostgreSQL: by
    ``ts_rank``, title words weighing more), then the newest. Permissions and filters are part
    of the SQL."""
    if query.is_empty:
        return []
    scope_sql, scope_params = _scope_sql(scope)
    filter_sql, filter_params = _filters_sql(filters)
    where: list[str] = []
    params: list[object] = []
    if is_postgres():
        words = query.word_terms()
        tsquery = " & ".join(_tsquery_term(t) for t in words)
        if words:
            where.append("p.tsv @@ to_tsquery('simple', %s)")
            params.append(tsquery)
        for term in query.cjk_terms():
            where.append("p.cjk LIKE %s")
            params.append(_like(term))
        rank = "ts_rank(m.tsv, to_tsquery('simple', %s)) DESC, " if words else ""
        sql = (
            "SELECT m.entry_id FROM ("
            f"SELECT p.entry_id, p.tsv FROM search_pg p JOIN {ENTRY_TABLE} e ON e.id = p.entry_id "
            f"WHERE {' AND '.join(where)} AND {scope_sql} AND {filter_sql} "
            "ORDER BY p.entry_id DESC LIMIT %s) m "
            f"ORDER BY {rank}m.entry_id DESC LIMIT %s OFFSET %s"
        )
        all_params: list[Any] = [
            *params,
            *scope_params,
            *filter_params,
            RANKED,
            *([tsquery] if words else []),
            limit,
            offset,
        ]
    else:
        long_terms = [t for t in query.terms if len(t) >= 3]
        if long_terms:
            where.append("f.search_fts MATCH %s")
            params.append(" ".join(_fts5_string(t) for t in long_terms))
        for term in query.terms:
            if len(term) < 3:
                where.append("(f.title LIKE %s ESCAPE '\\' OR f.body LIKE %s ESCAPE '\\')")
                params += [_like(term), _like(term)]
        in_title = " + ".join(["(instr(f.title, %s) > 0)"] * len(query.terms))
        sql = (
            "SELECT m.id FROM ("
            f"SELECT f.rowid AS id, {in_title} AS in_title "
            f"FROM search_fts f JOIN {ENTRY_TABLE} e ON e.id = f.rowid "
            f"WHERE {' AND '.join(where)} AND {scope_sql} AND {filter_sql} "
            "ORDER BY f.rowid DESC LIMIT %s) m "
            "ORDER BY m.in_title DESC, m.id DESC LIMIT %s OFFSET %s"
        )
        all_params = [
            *query.terms,
            *params,
            *scope_params,
            *filter_params,
            RANKED,
            limit,
            offset,
        ]
    with connection.cursor() as cursor:
        cursor.execute(sql, all_params)
        return [row[0] for row in cursor.fetchall()]


def size_bytes() -> int:
    """The space the index takes: entry table and text index (PostgreSQL: with indexes;
    SQLite: the pages of the FTS5 shadow tables and the entry table, if dbstat is available,
    else the database file)."""
    with connection.cursor() as cursor:
        if is_postgres():
            cursor.execute(
                "SELECT pg_total_relation_size('search_pg') + pg_total_relation_size(%s)",
                [ENTRY_TABLE],
            )
            return int(cursor.fetchone()[0])
        try:
            cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_%%'")
            return int(cursor.fetchone()[0] or 0)
        except Exception:  # dbstat not compiled in
            cursor.execute("PRAGMA page_count")
            pages = int(cursor.fetchone()[0])
            cursor.execute("PRAGMA page_size")
            return pages * int(cursor.fetchone()[0])
