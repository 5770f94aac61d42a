"""The text index beside ``SearchEntry``, one implementation per database.

- SQLite (embedded default): FTS5 virtual table ``search_fts(title, body)`` with the
  ``trigram`` tokenizer; every term of three characters or more is a quoted string in the
  MATCH expression (substring search), shorter ones a LIKE on the same rows; of the newest
  matches, those with the terms in the title come first. (bm25 is not used: to weigh a term
  it counts every row that contains it, which for a common word costs a scan of the index.)
- PostgreSQL (scale mode): table ``search_pg(entry_id, tsv, ttsv, cjk)``: ``tsv`` is a
  weighted ``to_tsvector('simple', …)`` of the normalised words plus the characters and pairs
  of characters of the Chinese/Japanese/Korean runs (GIN index), ``ttsv`` the same for the
  title alone (for ranking), ``cjk`` the doubled CJK runs (no index); word terms are matched
  as prefixes (``term:*``), CJK terms by their characters or pairs, those of three characters
  or more then checked with LIKE '%term%'; the newest matches ranked by ``ts_rank`` of the
  title (see ``_search_postgres``).

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

from django.db import connection, transaction

from amity.search.models import Audience, SearchEntry
from amity.search.text import (
    Query,
    cjk_grams,
    cjk_only,
    cjk_query_grams,
    normalise,
    without_cjk,
)

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
    _write_text(rows)
    return rows


# What PostgreSQL's text table repeats of each entry, so that scope and filters are answered
# without reading the entries (see _search_postgres).
PG_COPIED = ("group_id", "audience", "is_draft", "kind", "year")


def _write_text(rows: Iterable[Any]) -> None:
    """Write the text of ``rows`` (SearchEntry objects, or anything with their attributes)."""
    with connection.cursor() as cursor:
        if is_postgres():
            params = []
            for row in rows:
                title_n, body_n = normalise(row.title), normalise(row.body)
                title_words = _NON_WORD.sub(" ", without_cjk(title_n))
                title_grams = cjk_grams(title_n)
                params.append(
                    (
                        row.pk,
                        *(getattr(row, name) for name in PG_COPIED),
                        title_words,
                        _NON_WORD.sub(" ", without_cjk(body_n))[:_PG_MAX_WORDS_CHARS],
                        list(dict.fromkeys([*title_grams, *cjk_grams(body_n)])),
                        title_words,
                        title_grams,
                        cjk_only(f"{title_n}\n{body_n}"),
                    )
                )
            cursor.executemany(
                "INSERT INTO search_pg (entry_id, group_id, audience, is_draft, kind, year, "
                "tsv, ttsv, cjk) VALUES (%s, %s, %s, %s, %s, %s, "
                "setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') || array_to_tsvector(%s::text[]), "
                "to_tsvector('simple', %s) || array_to_tsvector(%s::text[]), %s) "
                "ON CONFLICT (entry_id) DO UPDATE SET group_id = EXCLUDED.group_id, "
                "audience = EXCLUDED.audience, is_draft = EXCLUDED.is_draft, "
                "kind = EXCLUDED.kind, year = EXCLUDED.year, "
                "tsv = EXCLUDED.tsv, ttsv = EXCLUDED.ttsv, cjk = EXCLUDED.cjk",
                params,
            )
        else:
            cursor.executemany(
                "INSERT OR REPLACE INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [(row.pk, normalise(row.title), normalise(row.body)) for row in rows],
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
                cursor.execute(f"DELETE FROM search_pg WHERE entry_id IN ({marks})", chunk)  # noqa: S608 - placeholders only; the ids are parameters
            else:
                cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", chunk)  # noqa: S608 - placeholders only; the ids are parameters


def erase_all() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_pg" if is_postgres() else "DELETE FROM search_fts")


# --- reading --------------------------------------------------------------------------------


def _in(column: str, values: Sequence[object]) -> tuple[str, list[object]]:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _scope_sql(scope: Scope, e: str = "e") -> tuple[str, list[object]]:
    if scope.everything:
        return "1 = 1", []
    parts = [f"({e}.audience = %s AND {e}.is_draft = %s)"]
    params: list[object] = [Audience.PUBLIC, False]
    for group_id, audiences in sorted(scope.audiences_by_group.items()):
        sql, values = _in(f"{e}.audience", audiences)
        parts.append(f"({e}.group_id = %s AND {sql})")
        params += [group_id, *values]
    return "(" + " OR ".join(parts) + ")", params


def _filters_sql(filters: Filters, e: str = "e") -> tuple[str, list[object]]:
    parts: list[str] = []
    params: list[object] = []
    if filters.kinds:
        sql, values = _in(f"{e}.kind", filters.kinds)
        parts.append(sql)
        params += values
    if filters.year is not None:
        parts.append(f"{e}.year = %s")
        params.append(filters.year)
    if filters.group_id is not None:
        parts.append(f"{e}.group_id = %s")
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
# ts_rank over thousands of rows) is what makes full-text search slow; only the ids of the
# matches are sorted (SQLite walks the index in id order and stops; PostgreSQL sorts the ids
# the word index gives), and only the newest are ranked. Results are the best of the newest
# RANKED matches.
RANKED = 500


def search(*, query: Query, scope: Scope, filters: Filters, limit: int, offset: int) -> list[int]:
    """The ids of the entries matching every term of ``query`` that ``scope`` allows: of the
    newest RANKED matches, those with the terms in their title first (PostgreSQL: by
    ``ts_rank`` of the title), then the newest. Permissions and filters are part
    of the SQL."""
    if query.is_empty:
        return []
    alias = "p" if is_postgres() else "e"
    scope_sql, scope_params = _scope_sql(scope, alias)
    filter_sql, filter_params = _filters_sql(filters, alias)
    where: list[str] = []
    params: list[object] = []
    if is_postgres():
        return _search_postgres(
            query=query,
            where=f"{scope_sql} AND {filter_sql}",
            params=[*scope_params, *filter_params],
            limit=limit,
            offset=offset,
        )
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
        "SELECT m.id FROM ("  # noqa: S608 - fixed fragments and placeholders; the terms are parameters
        f"SELECT f.rowid AS id, {in_title} AS in_title "
        f"FROM search_fts f JOIN {ENTRY_TABLE} e ON e.id = f.rowid "
        f"WHERE {' AND '.join(where)} AND {scope_sql} AND {filter_sql} "
        "ORDER BY f.rowid DESC LIMIT %s) m "
        "ORDER BY m.in_title DESC, m.id DESC LIMIT %s OFFSET %s"
    )
    all_params: list[Any] = [
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


def _tsquery_literal(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


# The plan wanted (see _search_postgres): a bitmap scan of the word index, scope and filters
# on the rows it gives, the newest RANKED by a top-N sort.
_PLANNER = (("enable_seqscan", "off"), ("max_parallel_workers_per_gather", "0"))


def _search_postgres(
    *, query: Query, where: str, params: list[object], limit: int, offset: int
) -> list[int]:
    """PostgreSQL: every condition on the word index (GIN on ``tsv``) is answered by the index
    alone, without reading the (compressed, out-of-line) text of the rows: word terms as
    prefixes, CJK terms as their characters or pairs of characters (``text.cjk_query_grams``).
    The matching ids are sorted newest first and cut at RANKED; only then are CJK terms of
    three characters or more checked in the text (their pairs all being present does not prove
    they are in a row), and the rest ranked by ``ts_rank`` of the title words.

    Scope and filters are answered by the columns ``search_pg`` repeats of each entry
    (``PG_COPIED``): joining the entries cost a lookup per match, 20-60 ms for a common word.
    The planner would rather walk the primary key backwards and test ``tsv @@`` row by row,
    or scan the table: both read the text of every row they pass (tens of milliseconds for a
    rare word), a cost it does not see. The query is therefore ordered by ``entry_id + 0`` and
    run with sequential scans and parallel workers off (``_PLANNER``), for this statement
    only."""
    words = query.word_terms()
    cjk_terms = query.cjk_terms()
    parts: list[str] = []
    tsquery_params: list[object] = []
    if words:
        parts.append("to_tsquery('simple', %s)")
        tsquery_params.append(" & ".join(_tsquery_term(t) for t in words))
    grams = list(dict.fromkeys(g for t in cjk_terms for g in cjk_query_grams(t)))
    if grams:
        parts.append("%s::tsquery")
        tsquery_params.append(" & ".join(_tsquery_literal(g) for g in grams))
    tsquery = " && ".join(parts)
    in_a_row = [t for t in cjk_terms if len(t) > 4]  # three characters or more, doubled
    check = " AND ".join(["r.cjk LIKE %s"] * len(in_a_row)) or "TRUE"
    cjk = ", p.cjk" if in_a_row else ", ''"
    sql = (
        "SELECT r.entry_id FROM ("  # noqa: S608 - fixed fragments and placeholders; the terms are parameters
        f"SELECT m.entry_id, m.cjk, ts_rank(m.ttsv, {tsquery}) AS rank FROM ("
        f"SELECT p.entry_id, p.ttsv{cjk} AS cjk FROM search_pg p "
        f"WHERE p.tsv @@ ({tsquery}) AND {where} "
        "ORDER BY p.entry_id + 0 DESC LIMIT %s) m "
        "ORDER BY rank DESC, m.entry_id DESC LIMIT %s) r "
        # Already in this order: the check runs row by row until the page is full.
        f"WHERE {check} ORDER BY r.rank DESC, r.entry_id DESC LIMIT %s OFFSET %s"
    )
    all_params: list[Any] = [
        *tsquery_params,
        *tsquery_params,
        *params,
        RANKED,
        RANKED,
        *[_like(t) for t in in_a_row],
        limit,
        offset,
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("; ".join(f"SET LOCAL {name} = {value}" for name, value in _PLANNER))
        cursor.execute(sql, all_params)
        ids = [row[0] for row in cursor.fetchall()]
        # Inside a caller's transaction SET LOCAL would last until it ends (an error rolls
        # the savepoint back, settings included).
        cursor.execute("; ".join(f"RESET {name}" for name, _value in _PLANNER))
    return ids


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
