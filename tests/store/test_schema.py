"""A new database gets the schema the migrations build, without importing Alembic."""

from __future__ import annotations

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

import sanctions_screen.store.audit_tables  # noqa: F401  (registers the audit tables on Base)
from sanctions_screen.store.base import Base
from sanctions_screen.store.db import (
    HEAD_REVISION,
    MIGRATIONS_DIR,
    downgrade,
    migrate,
    open_store,
    schema_revision,
)


def test_head_revision_is_alembics() -> None:
    assert ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head() == HEAD_REVISION


def test_new_database_has_the_migrated_schema(db_url: str) -> None:
    with open_store(db_url) as store:  # created from the models and stamped
        engine = store.engine
        assert schema_revision(engine) == HEAD_REVISION
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        created = _schema(engine)
        downgrade(engine, "base")  # Alembic can take it down and up again
        migrate(engine)
        assert schema_revision(engine) == HEAD_REVISION
        assert _schema(engine) == created


def test_older_schema_is_upgraded(sqlite_url: str) -> None:
    with open_store(sqlite_url) as store:
        downgrade(store.engine, "0001")
        assert "audit_runs" not in inspect(store.engine).get_table_names()
    with open_store(sqlite_url) as store:
        assert schema_revision(store.engine) == HEAD_REVISION
        assert "audit_runs" in inspect(store.engine).get_table_names()


def test_opening_a_database_does_not_import_alembic(sqlite_url: str) -> None:
    code = (
        "import sys\n"
        "from sanctions_screen.store.db import open_store\n"
        f"open_store({sqlite_url!r}).close()\n"  # new
        f"open_store({sqlite_url!r}).close()\n"  # current
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _schema(engine: Engine) -> dict[str, tuple[object, ...]]:
    """Tables with their columns, keys, indexes and foreign keys, order aside."""
    inspector = inspect(engine)
    out: dict[str, tuple[object, ...]] = {}
    for table in inspector.get_table_names():
        columns = sorted(
            (c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)
        )
        indexes = sorted(
            (i["name"], tuple(i["column_names"]), bool(i["unique"]))
            for i in inspector.get_indexes(table)
        )
        foreign = sorted(
            (f["name"], tuple(f["constrained_columns"]), f["referred_table"])
            for f in inspector.get_foreign_keys(table)
        )
        unique = sorted(
            (u["name"], tuple(u["column_names"])) for u in inspector.get_unique_constraints(table)
        )
        primary = tuple(inspector.get_pk_constraint(table)["constrained_columns"])
        out[table] = (columns, indexes, foreign, unique, primary)
    return out
