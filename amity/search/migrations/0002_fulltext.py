"""The text index beside SearchEntry: an FTS5 table on SQLite, a tsvector + trigram table on
PostgreSQL (see ``amity/search/index.py``)."""

from typing import Any

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, tokenize = 'trigram')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS search_fts"]

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TABLE IF NOT EXISTS search_pg ("
    " entry_id bigint PRIMARY KEY,"
    " tsv tsvector NOT NULL,"
    " cjk text NOT NULL DEFAULT '')",
    "CREATE INDEX IF NOT EXISTS search_pg_tsv ON search_pg USING gin (tsv)",
    "CREATE INDEX IF NOT EXISTS search_pg_cjk ON search_pg USING gin (cjk gin_trgm_ops)",
]
POSTGRES_REVERSE = ["DROP TABLE IF EXISTS search_pg"]


def _run(statements_by_vendor: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
