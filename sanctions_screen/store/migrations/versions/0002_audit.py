"""Audit trail: runs, their rows in compressed chunks, flagged rows, distinct parties,
alerts, review decisions and re-screens.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_rescreens",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("to_version_id", sa.Integer(), nullable=True),
        sa.Column("to_date_generated", sa.String(length=40), nullable=True),
        sa.Column("summary_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_rescreens")),
    )
    op.create_table(
        "audit_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("inputs_json", sa.Text(), nullable=False),
        sa.Column("input_sha256", sa.String(length=64), nullable=True),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("list_version_id", sa.Integer(), nullable=True),
        sa.Column("list_date_generated", sa.String(length=40), nullable=True),
        sa.Column("list_sha256", sa.String(length=64), nullable=True),
        sa.Column("list_schema_json", sa.Text(), nullable=False),
        sa.Column("config_json", sa.Text(), nullable=False),
        sa.Column("config_hash", sa.String(length=64), nullable=True),
        sa.Column("algorithm_version", sa.String(length=64), nullable=False),
        sa.Column("counts_json", sa.Text(), nullable=False),
        sa.Column("output_format", sa.String(length=16), nullable=True),
        sa.Column("output_header", sa.LargeBinary(), nullable=True),
        sa.Column("output_footer", sa.LargeBinary(), nullable=True),
        sa.Column("output_sha256", sa.String(length=64), nullable=True),
        sa.Column("screened_through_version_id", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_runs")),
    )
    op.create_table(
        "audit_rescreen_hits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rescreen_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.Column("party_name", sa.Text(), nullable=False),
        sa.Column("reference_number", sa.String(length=32), nullable=False),
        sa.Column("change", sa.String(length=16), nullable=False),
        sa.Column("matched_name", sa.Text(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("evidence_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["rescreen_id"],
            ["audit_rescreens.id"],
            name=op.f("fk_audit_rescreen_hits_rescreen_id_audit_rescreens"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_rescreen_hits")),
    )
    op.create_index(
        op.f("ix_audit_rescreen_hits_rescreen_id"),
        "audit_rescreen_hits",
        ["rescreen_id"],
        unique=False,
    )
    op.create_table(
        "audit_rows",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=512), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("flags_json", sa.Text(), nullable=False),
        sa.Column("record_fingerprint", sa.String(length=32), nullable=True),
        sa.Column("input_json", sa.Text(), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["audit_runs.id"],
            name=op.f("fk_audit_rows_run_id_audit_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_rows")),
    )
    op.create_index("ix_audit_rows_run_position", "audit_rows", ["run_id", "position"], unique=True)
    op.create_table(
        "audit_chunks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("first_position", sa.Integer(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["audit_runs.id"],
            name=op.f("fk_audit_chunks_run_id_audit_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chunks")),
    )
    op.create_index(
        "ix_audit_chunks_run_position", "audit_chunks", ["run_id", "first_position"], unique=True
    )
    op.create_table(
        "audit_parties",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=64), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("query_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["audit_runs.id"],
            name=op.f("fk_audit_parties_run_id_audit_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_parties")),
    )
    op.create_index(
        "ix_audit_parties_run_number", "audit_parties", ["run_id", "number"], unique=True
    )
    op.create_table(
        "audit_alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("alert_key", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("party_name", sa.Text(), nullable=True),
        sa.Column("role", sa.String(length=64), nullable=True),
        sa.Column("reference_number", sa.String(length=32), nullable=True),
        sa.Column("list_type", sa.String(length=64), nullable=True),
        sa.Column("regime", sa.String(length=16), nullable=True),
        sa.Column("matched_name", sa.Text(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("flag", sa.String(length=64), nullable=True),
        sa.Column("flags_json", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("evidence_json", sa.Text(), nullable=False),
        sa.Column("entry_json", sa.Text(), nullable=True),
        sa.Column("entry_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("suppressed_by", sa.Integer(), nullable=True),
        sa.Column("changes_json", sa.Text(), nullable=True),
        sa.Column("rescreen_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_id"], ["audit_parties.id"], name=op.f("fk_audit_alerts_party_id_audit_parties")
        ),
        sa.ForeignKeyConstraint(
            ["row_id"],
            ["audit_rows.id"],
            name=op.f("fk_audit_alerts_row_id_audit_rows"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["audit_runs.id"],
            name=op.f("fk_audit_alerts_run_id_audit_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_alerts")),
    )
    op.create_index("ix_audit_alerts_key", "audit_alerts", ["alert_key"], unique=False)
    op.create_index(op.f("ix_audit_alerts_row_id"), "audit_alerts", ["row_id"], unique=False)
    op.create_index(op.f("ix_audit_alerts_run_id"), "audit_alerts", ["run_id"], unique=False)
    op.create_table(
        "audit_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("alert_key", sa.String(length=32), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("reviewer", sa.String(length=128), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["audit_alerts.id"], name=op.f("fk_audit_decisions_alert_id_audit_alerts")
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["audit_decisions.id"],
            name=op.f("fk_audit_decisions_supersedes_id_audit_decisions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_decisions")),
    )
    op.create_index(
        op.f("ix_audit_decisions_alert_id"), "audit_decisions", ["alert_id"], unique=False
    )
    op.create_index("ix_audit_decisions_key", "audit_decisions", ["alert_key"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_audit_decisions_key", table_name="audit_decisions")
    op.drop_index(op.f("ix_audit_decisions_alert_id"), table_name="audit_decisions")
    op.drop_table("audit_decisions")
    op.drop_index(op.f("ix_audit_alerts_run_id"), table_name="audit_alerts")
    op.drop_index(op.f("ix_audit_alerts_row_id"), table_name="audit_alerts")
    op.drop_index("ix_audit_alerts_key", table_name="audit_alerts")
    op.drop_table("audit_alerts")
    op.drop_index("ix_audit_parties_run_number", table_name="audit_parties")
    op.drop_table("audit_parties")
    op.drop_index("ix_audit_chunks_run_position", table_name="audit_chunks")
    op.drop_table("audit_chunks")
    op.drop_index("ix_audit_rows_run_position", table_name="audit_rows")
    op.drop_table("audit_rows")
    op.drop_index(op.f("ix_audit_rescreen_hits_rescreen_id"), table_name="audit_rescreen_hits")
    op.drop_table("audit_rescreen_hits")
    op.drop_table("audit_runs")
    op.drop_table("audit_rescreens")
