"""Audit retention: each prune of old runs (who, when, cutoff, rows dropped) and the runs
it reduced.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_prunes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pruned_by", sa.String(length=128), nullable=False),
        sa.Column("older_than", sa.String(length=32), nullable=False),
        sa.Column("cutoff", sa.DateTime(timezone=True), nullable=False),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.Column("rows_dropped", sa.Integer(), nullable=False),
        sa.Column("bytes_before", sa.Integer(), nullable=False),
        sa.Column("bytes_after", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_prunes")),
    )
    op.create_table(
        "audit_pruned_runs",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("prune_id", sa.Integer(), nullable=False),
        sa.Column("rows_dropped", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["prune_id"],
            ["audit_prunes.id"],
            name=op.f("fk_audit_pruned_runs_prune_id_audit_prunes"),
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["audit_runs.id"],
            name=op.f("fk_audit_pruned_runs_run_id_audit_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_audit_pruned_runs")),
    )
    op.create_index(
        op.f("ix_audit_pruned_runs_prune_id"), "audit_pruned_runs", ["prune_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_pruned_runs_prune_id"), table_name="audit_pruned_runs")
    op.drop_table("audit_pruned_runs")
    op.drop_table("audit_prunes")
