"""Runs carry a lease (heartbeat, pid, host) so a run whose process died is found and
marked interrupted; alerts carry a note saying why an earlier decision did or did not
apply to them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_runs") as batch:
        batch.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("pid", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("host", sa.String(length=255), nullable=True))
    with op.batch_alter_table("audit_alerts") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_alerts") as batch:
        batch.drop_column("note")
    with op.batch_alter_table("audit_runs") as batch:
        batch.drop_column("host")
        batch.drop_column("pid")
        batch.drop_column("heartbeat_at")
