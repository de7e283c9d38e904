"""Pieces for migrations that move a model from one app to another without moving its rows
(`SeparateDatabaseAndState` with the table name kept in `Meta.db_table`)."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def content_type_move(model: str, *, old: str, new: str) -> migrations.RunPython:
    """Relabel the model's content type from app `old` to app `new`, so that its permissions and
    admin log entries follow it. Nothing happens when there is no old content type (a new
    database: Django creates the new one after migrating) or when the new one already exists."""

    def relabel(src: str, dst: str) -> Any:
        def run(apps: Any, schema_editor: Any) -> None:
            content_types = apps.get_model("contenttypes", "ContentType").objects.using(
                schema_editor.connection.alias
            )
            if content_types.filter(app_label=dst, model=model).exists():
                return
            content_types.filter(app_label=src, model=model).update(app_label=dst)

        return run

    return migrations.RunPython(relabel(old, new), relabel(new, old), elidable=False)
