"""The audit tables: runs, their rows (in chunks), parties and alerts, review decisions,
re-screens.

They live in the store, below the audit layer that fills them, because the store owns the
one schema: :func:`~sanctions_screen.store.db.create_schema` builds every table of a new
database, and the migrations in ``store/migrations`` carry the same tables forward.

Migration ``0002`` (``store/migrations/versions/0002_audit.py``) creates exactly these;
``tests/audit/test_trail.py`` checks that the two never drift apart.
JSON is kept as canonical text (not a JSON column type) so it reads back byte-identically
on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sanctions_screen.store.base import Base

RUN_RUNNING = "running"
RUN_COMPLETED = "completed"
RUN_FAILED = "failed"
RUN_INTERRUPTED = "interrupted"
"""Stopped by a signal (Ctrl-C, SIGTERM), or its process died (found by its lease)."""

ALERT_OPEN = "open"
ALERT_SUPPRESSED = "suppressed"
ALERT_REOPENED = "reopened"

KIND_MATCH = "match"
KIND_FLAG = "flag"


class AuditRun(Base):
    """One screening run: what was screened, against which list, how, and what came out."""

    __tablename__ = "audit_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    status: Mapped[str] = mapped_column(String(16), default=RUN_RUNNING)
    source: Mapped[str] = mapped_column(String(32), default="library")
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    inputs_json: Mapped[str] = mapped_column(Text, default="[]")
    input_sha256: Mapped[str | None] = mapped_column(String(64))
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    list_version_id: Mapped[int | None] = mapped_column(Integer)
    list_date_generated: Mapped[str | None] = mapped_column(String(40))
    list_sha256: Mapped[str | None] = mapped_column(String(64))
    list_schema_json: Mapped[str] = mapped_column(Text, default="[]")
    """Element paths of the list version used, so later amendments are judged like diffs."""
    config_json: Mapped[str] = mapped_column(Text, default="{}")
    config_hash: Mapped[str | None] = mapped_column(String(64))
    algorithm_version: Mapped[str] = mapped_column(String(64))
    counts_json: Mapped[str] = mapped_column(Text, default="{}")
    output_format: Mapped[str | None] = mapped_column(String(16))
    output_header: Mapped[bytes | None] = mapped_column(LargeBinary)
    output_footer: Mapped[bytes | None] = mapped_column(LargeBinary)
    output_sha256: Mapped[str | None] = mapped_column(String(64))
    screened_through_version_id: Mapped[int | None] = mapped_column(Integer)
    """The newest list version this run's parties have been checked against (by rescreen)."""
    error: Mapped[str | None] = mapped_column(Text)
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    """The run's lease: renewed every few seconds while it runs (``audit/lease.py``)."""
    pid: Mapped[int | None] = mapped_column(Integer)
    host: Mapped[str | None] = mapped_column(String(255))
    """The process writing the run: a run still ``running`` whose process is gone from this
    host, or whose heartbeat is stale, was interrupted."""


class AuditChunk(Base):
    """Up to ``flush_rows`` consecutive rows of a run, compressed (see ``audit/chunks.py``):
    for every row its source, line, status, flags, columns, party numbers and the exact
    bytes written for it. A run's output is its chunks' outputs in order."""

    __tablename__ = "audit_chunks"
    __table_args__ = (
        Index("ix_audit_chunks_run_position", "run_id", "first_position", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("audit_runs.id", ondelete="CASCADE"))
    first_position: Mapped[int] = mapped_column(Integer)
    row_count: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AuditRow(Base):
    """An input record of a run that is more than clear (flagged, with an alert, a result
    kept, or hit by a re-screen), with its full result. Every row, this one included, is
    also in its run's chunk."""

    __tablename__ = "audit_rows"
    __table_args__ = (Index("ix_audit_rows_run_position", "run_id", "position", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("audit_runs.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(512))
    line: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    flags_json: Mapped[str] = mapped_column(Text, default="[]")
    record_fingerprint: Mapped[str | None] = mapped_column(String(32))
    input_json: Mapped[str] = mapped_column(Text, default="{}")
    result_json: Mapped[str] = mapped_column(Text, default="{}")


class AuditParty(Base):
    """A distinct party of a run (role, name and screening input), kept once however many
    rows name it, as its normalised screening input for re-screening. Rows refer to it by
    ``number`` (in their chunk). Its fingerprint (folded name, hashed) is computed when an
    alert needs it: folding every distinct name of a run cost about 90 us each."""

    __tablename__ = "audit_parties"
    __table_args__ = (Index("ix_audit_parties_run_number", "run_id", "number", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("audit_runs.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    """0, 1, 2... within the run, in order of first appearance."""
    role: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    query_json: Mapped[str] = mapped_column(Text, default="{}")


class AuditAlert(Base):
    """One alert: a party against a list entry (``match``), or a record-level ``flag``."""

    __tablename__ = "audit_alerts"
    __table_args__ = (Index("ix_audit_alerts_key", "alert_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("audit_runs.id", ondelete="CASCADE"), index=True)
    row_id: Mapped[int] = mapped_column(ForeignKey("audit_rows.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("audit_parties.id"))
    kind: Mapped[str] = mapped_column(String(16))
    alert_key: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=ALERT_OPEN)
    party_name: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(String(64))
    reference_number: Mapped[str | None] = mapped_column(String(32))
    list_type: Mapped[str | None] = mapped_column(String(64))
    regime: Mapped[str | None] = mapped_column(String(16))
    matched_name: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    flag: Mapped[str | None] = mapped_column(String(64))
    flags_json: Mapped[str] = mapped_column(Text, default="[]")
    summary: Mapped[str] = mapped_column(Text, default="")
    evidence_json: Mapped[str] = mapped_column(Text, default="{}")
    entry_json: Mapped[str | None] = mapped_column(Text)
    entry_fingerprint: Mapped[str | None] = mapped_column(String(64))
    suppressed_by: Mapped[int | None] = mapped_column(Integer)
    """The false-positive decision that suppresses (or, once the entry changed, re-opened) it."""
    changes_json: Mapped[str | None] = mapped_column(Text)
    """For a re-opened alert: the entry's field changes since that decision."""
    rescreen_id: Mapped[int | None] = mapped_column(Integer)
    """Set when a re-screen (not the run itself) raised this alert on the run's row."""
    note: Mapped[str | None] = mapped_column(Text)
    """Why an earlier decision on the same party and entry suppresses this alert, or why it
    does not (stronger evidence, another identity, an amended entry)."""


class AuditDecision(Base):
    """A review decision. Never updated: a new decision supersedes the previous one."""

    __tablename__ = "audit_decisions"
    __table_args__ = (Index("ix_audit_decisions_key", "alert_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("audit_alerts.id"), index=True)
    alert_key: Mapped[str] = mapped_column(String(32))
    decision: Mapped[str] = mapped_column(String(16))
    reviewer: Mapped[str] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("audit_decisions.id"))


class AuditRescreen(Base):
    """One re-screening of past parties against a newer list version."""

    __tablename__ = "audit_rescreens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    to_version_id: Mapped[int | None] = mapped_column(Integer)
    to_date_generated: Mapped[str | None] = mapped_column(String(40))
    summary_json: Mapped[str] = mapped_column(Text, default="{}")


class AuditRescreenHit(Base):
    """A new hit found by a re-screen, or a suppressed alert re-opened by an amendment."""

    __tablename__ = "audit_rescreen_hits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rescreen_id: Mapped[int] = mapped_column(
        ForeignKey("audit_rescreens.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    """``new_hit`` or ``reopened``."""
    run_id: Mapped[int] = mapped_column(Integer)
    row_id: Mapped[int] = mapped_column(Integer)
    party_id: Mapped[int | None] = mapped_column(Integer)
    alert_id: Mapped[int | None] = mapped_column(Integer)
    party_name: Mapped[str] = mapped_column(Text)
    reference_number: Mapped[str] = mapped_column(String(32))
    change: Mapped[str] = mapped_column(String(16))
    matched_name: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    summary: Mapped[str] = mapped_column(Text, default="")
    evidence_json: Mapped[str] = mapped_column(Text, default="{}")


class AuditPrune(Base):
    """One pruning of old runs (``runs prune``): who, when, what cutoff, what it dropped."""

    __tablename__ = "audit_prunes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    pruned_by: Mapped[str] = mapped_column(String(128))
    older_than: Mapped[str] = mapped_column(String(32))
    """As given, e.g. ``365d``."""
    cutoff: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    """Runs started before this were pruned."""
    runs: Mapped[int] = mapped_column(Integer, default=0)
    rows_dropped: Mapped[int] = mapped_column(Integer, default=0)
    """Clear rows whose columns and output were dropped."""
    bytes_before: Mapped[int] = mapped_column(Integer, default=0)
    bytes_after: Mapped[int] = mapped_column(Integer, default=0)
    """Stored size of the pruned runs' chunks before and after."""


class AuditPrunedRun(Base):
    """A run that a prune reduced: its output can no longer be given back byte for byte."""

    __tablename__ = "audit_pruned_runs"

    run_id: Mapped[int] = mapped_column(
        ForeignKey("audit_runs.id", ondelete="CASCADE"), primary_key=True
    )
    prune_id: Mapped[int] = mapped_column(ForeignKey("audit_prunes.id"), index=True)
    rows_dropped: Mapped[int] = mapped_column(Integer, default=0)
