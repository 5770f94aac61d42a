"""PostgreSQL: CJK characters and pairs of characters join the word index (``tsv``), which now
answers every query alone; a small ``ttsv`` holds the title's words for ranking; the columns
that scope and filters need are repeated from the entry (no join per match); the trigram index
on ``cjk`` goes (the column stays, to check CJK terms of three characters or more on the
newest matches). The text of existing rows is written again. SQLite is unchanged."""

from typing import Any

from django.db import migrations

POSTGRES = [
    "ALTER TABLE search_pg ADD COLUMN IF NOT EXISTS ttsv tsvector NOT NULL DEFAULT ''",
    "ALTER TABLE search_pg ADD COLUMN IF NOT EXISTS group_id bigint NOT NULL DEFAULT 0",
    "ALTER TABLE search_pg ADD COLUMN IF NOT EXISTS audience varchar(20) NOT NULL DEFAULT ''",
    "ALTER TABLE search_pg ADD COLUMN IF NOT EXISTS is_draft boolean NOT NULL DEFAULT true",
    "ALTER TABLE search_pg ADD COLUMN IF NOT EXISTS kind varchar(20) NOT NULL DEFAULT ''",
    "ALTER TABLE search_pg ADD COLUMN IF NOT EXISTS year smallint",
    "DROP INDEX IF EXISTS search_pg_cjk",
]
POSTGRES_REVERSE = [
    "CREATE INDEX IF NOT EXISTS search_pg_cjk ON search_pg USING gin (cjk gin_trgm_ops)",
    "ALTER TABLE search_pg DROP COLUMN IF EXISTS ttsv",
    "ALTER TABLE search_pg DROP COLUMN IF EXISTS group_id",
    "ALTER TABLE search_pg DROP COLUMN IF EXISTS audience",
    "ALTER TABLE search_pg DROP COLUMN IF EXISTS is_draft",
    "ALTER TABLE search_pg DROP COLUMN IF EXISTS kind",
    "ALTER TABLE search_pg DROP COLUMN IF EXISTS year",
]


def forward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRES:
        schema_editor.execute(statement)
    from amity.search import index

    entries = apps.get_model("search", "SearchEntry").objects.order_by("pk")
    batch: list[Any] = []
    for entry in entries.iterator(chunk_size=500):
        batch.append(entry)
        if len(batch) >= 500:
            index._write_text(batch)
            batch = []
    index._write_text(batch)


def backward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRES_REVERSE:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(forward, backward)]
