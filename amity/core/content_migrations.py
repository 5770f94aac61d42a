"""Migration operations that turn a single-language text column into a ``{lang: text}`` JSON
field of the same name (issue 15): the existing text becomes the version in the object's
original language (English unless the object or its owner records another)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import migrations, models


def _settle_constraints(schema_editor: Any) -> None:
    """PostgreSQL: check the deferred foreign keys the updates queued now, so that the
    column can be dropped next in the same transaction ("cannot ALTER TABLE … because it has
    pending trigger events" otherwise, on any database with rows)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def _copier(
    model: str, field: str, original_of: str | None
) -> tuple[Callable[..., None], Callable[..., None]]:
    app_label, model_name = model.split(".")

    def forward(apps: Any, schema_editor: Any) -> None:
        Model = apps.get_model(app_label, model_name)
        for row in Model.objects.all().iterator():
            text = (getattr(row, field) or "").strip()
            if not text:
                continue
            original = "en"
            if original_of:
                target: Any = row
                for part in original_of.split("__"):
                    target = getattr(target, part, None)
                original = target or "en"
            setattr(row, f"{field}_i18n", {original: text})
            row.save(update_fields=[f"{field}_i18n"])
        _settle_constraints(schema_editor)

    def backward(apps: Any, schema_editor: Any) -> None:
        Model = apps.get_model(app_label, model_name)
        for row in Model.objects.all().iterator():
            values = getattr(row, f"{field}_i18n") or {}
            text = values.get("en") or next(iter(values.values()), "")
            setattr(row, field, text[:300] if isinstance(text, str) else "")
            row.save(update_fields=[field])
        _settle_constraints(schema_editor)

    return forward, backward


def text_to_translations(
    model: str, field: str, *, original_of: str | None = None
) -> list[migrations.operations.base.Operation]:
    """``model`` is "app.Model"; ``original_of`` the path to the original language
    ("original_language", "group__original_language"), else English."""
    _, model_name = model.split(".")
    name = model_name.lower()
    forward, backward = _copier(model, field, original_of)
    return [
        migrations.AddField(
            model_name=name,
            name=f"{field}_i18n",
            field=models.JSONField(default=dict, blank=True),
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name=name, name=field),
        migrations.RenameField(model_name=name, old_name=f"{field}_i18n", new_name=field),
    ]
