"""Re-screening past parties when a new list version arrives.

Only what changed is screened: the entries added or amended between the version a run
was last checked against and the new one (``diff_lists``), as a small
``SanctionsList`` of their own, so a re-screen takes a fraction of a full run. Each
distinct party (its kept, normalised screening input) is screened once.

Results are recorded as alerts on the original rows, so ``review`` shows them:

- ``new_hit``: a past party now matches a new or amended designation it did not match;
- ``reopened``: a false positive whose list entry was amended re-opens, with the change.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctions_screen.audit import _db
from sanctions_screen.audit.chunks import StoredRow, iter_stored_rows
from sanctions_screen.audit.fingerprint import (
    alert_key,
    canonical_json,
    entry_fingerprint,
    party_fingerprint,
)
from sanctions_screen.audit.lease import mark_interrupted_runs
from sanctions_screen.audit.models import (
    FieldChange,
    RescreenHit,
    RescreenReport,
    RowsNotRescreened,
)
from sanctions_screen.audit.recorder import alert_note
from sanctions_screen.audit.suppression import SuppressionIndex, Thresholds, alert_evidence
from sanctions_screen.exceptions import AuditError
from sanctions_screen.matching import Match, Screener, ScreeningConfig
from sanctions_screen.store.audit_tables import (
    ALERT_OPEN,
    ALERT_REOPENED,
    RUN_COMPLETED,
    RUN_RUNNING,
    AuditAlert,
    AuditParty,
    AuditRescreen,
    AuditRescreenHit,
    AuditRow,
    AuditRun,
)
from sanctions_screen.store.db import Store
from sanctions_screen.store.versions import ListVersionInfo
from sanctions_screen.unlist.diff import ListDiff, diff_lists
from sanctions_screen.unlist.models import ListEntry, SanctionsList


@dataclass(frozen=True)
class _Group:
    base_version_id: int
    config_json: str
    run_ids: tuple[int, ...]


def rescreen(
    store: Store, *, to_version_id: int | None = None, config: ScreeningConfig | None = None
) -> RescreenReport:
    """Screen the parties of past runs against what changed up to ``to_version_id``
    (default: the active version); record and return the new hits and re-opened alerts.

    ``config`` overrides each run's own recorded configuration.
    """
    target = store.get_version(to_version_id) if to_version_id else store.active_version()
    if target is None:
        raise AuditError("no list version to re-screen against: import one first")
    new_list = store.load_version(target.id)
    started = _db.now()
    mark_interrupted_runs(store)
    groups, skipped, incomplete, running = _db.read(store, lambda s: _groups(s, target.id))
    hits, diffs, covered, parties = _screen_groups(store, groups, target, new_list, config)
    unreached = _db.read(store, lambda s: _not_in_trail(s, covered))
    summary = {
        "from_version_ids": sorted(diffs),
        "runs_covered": len(covered),
        "runs_skipped": skipped,
        "runs_incomplete": sorted(set(incomplete) & set(covered)),
        "runs_not_covered": running,
        "added": sum(len(d.added) for d in diffs.values()),
        "parties_screened": parties,
        "amended": sum(len(d.amended) for d in diffs.values()),
        "not_rescreened": unreached,
    }
    rescreen_id = _db.write(
        store, lambda s: _record(s, started, target.id, new_list, summary, hits, covered)
    )
    return _db.read(store, lambda s: load_report(s, rescreen_id))


def _screen_groups(
    store: Store,
    groups: list[_Group],
    target: ListVersionInfo,
    new_list: SanctionsList,
    config: ScreeningConfig | None,
) -> tuple[list[_Hit], dict[int, ListDiff], list[int], int]:
    """Hits, the diff from each base version, the runs covered and the parties screened."""
    hits: list[_Hit] = []
    diffs: dict[int, ListDiff] = {}
    covered: list[int] = []
    parties = 0
    for group in groups:
        base = group.base_version_id
        if store.get_version(base).date_generated >= target.date_generated:
            continue  # screened against a list as new as the target, or newer
        if base not in diffs:
            diffs[base] = diff_lists(store.load_version(base), new_list)
        run_config = config or ScreeningConfig.model_validate(json.loads(group.config_json))
        found, screened = _screen_group(store, group, diffs[base], new_list, run_config)
        hits.extend(found)
        parties += screened
        covered.extend(group.run_ids)
    return hits, diffs, covered, parties


def _not_in_trail(session: Session, run_ids: list[int]) -> list[dict[str, Any]]:
    """The covered runs' rows whose parties the trail does not hold: a cluster run keeps
    its clear rows in its Parquet output only (``counts.cluster``)."""
    found = []
    for run_id in sorted(set(run_ids)):
        run = session.get(AuditRun, run_id)
        cluster = (json.loads(run.counts_json or "{}").get("cluster") if run else None) or {}
        rows = int(cluster.get("clear_rows_not_recorded", 0))
        if rows:
            found.append({"run_id": run_id, "rows": rows, "outputs": cluster.get("outputs", [])})
    return found


@dataclass
class _Hit:
    kind: str
    party: AuditParty
    entry: ListEntry
    change: str
    matched_name: str | None = None
    score: float | None = None
    summary: str = ""
    evidence: dict[str, Any] | None = None
    decision_id: int | None = None
    changes: tuple[FieldChange, ...] = ()
    position: int = 0
    """The row of the party's run the hit is recorded on."""
    row_id: int | None = None
    """Its ``audit_rows`` id, when it has one already."""
    stored: StoredRow | None = None
    """The row as its chunk keeps it, to give it a row of its own when it has none."""
    note: str | None = None


_AlertKey = tuple[int, int, str]
"""Run, row position, reference number."""


def _groups(session: Session, target_id: int) -> tuple[list[_Group], int, list[int], list[int]]:
    """Runs not yet checked against the target, by base version and config; the number
    without a stored list version; those of them that did not complete (interrupted or
    failed: their recorded rows are covered, and the report names them); the runs still
    running (not covered: the report names them)."""
    by_key: dict[tuple[int, str], list[int]] = defaultdict(list)
    skipped = 0
    incomplete: list[int] = []
    running: list[int] = []
    for run in session.scalars(select(AuditRun).order_by(AuditRun.id)):
        if run.status == RUN_RUNNING:
            running.append(run.id)
            continue
        if run.status != RUN_COMPLETED:
            incomplete.append(run.id)
        base = run.screened_through_version_id or run.list_version_id
        if base is None:
            skipped += 1
            continue
        if base != target_id:
            by_key[(base, run.config_json)].append(run.id)
    groups = [_Group(base, cfg, tuple(ids)) for (base, cfg), ids in sorted(by_key.items())]
    return groups, skipped, incomplete, running


def _screen_group(
    store: Store,
    group: _Group,
    diff: ListDiff,
    new_list: SanctionsList,
    config: ScreeningConfig,
) -> tuple[list[_Hit], int]:
    changed = {e.reference_number: "added" for e in diff.added}
    changed.update({a.reference_number: "amended" for a in diff.amended})
    if not changed:
        return [], 0
    entries = tuple(new_list.by_reference[ref] for ref in sorted(changed))
    subset = SanctionsList(
        date_generated=new_list.date_generated,
        entries=entries,
        schema_fields=new_list.schema_fields,
        sha256=new_list.sha256,
    )
    bands = Thresholds.from_config(json.loads(group.config_json))
    parties, alerted, index = _db.read(
        store, lambda s: _parties(s, group.run_ids, new_list.schema_fields, bands)
    )
    by_query: dict[str, list[AuditParty]] = defaultdict(list)
    for party in parties:
        by_query[party.query_json].append(party)
    queries = list(by_query)
    wanted: dict[tuple[int, int], list[tuple[AuditParty, Match]]] = defaultdict(list)
    for query, matches in _confirmed(queries, subset, new_list, config).items():
        for party in by_query[query]:
            for match in matches:
                wanted[(party.run_id, party.number)].append((party, match))
    hits = _new_hits(store, wanted, alerted, changed) if wanted else []
    hits.extend(_reopened(parties, alerted, index, diff, new_list))
    return hits, len(queries)


def _new_hits(
    store: Store,
    wanted: dict[tuple[int, int], list[tuple[AuditParty, Match]]],
    alerted: dict[_AlertKey, tuple[AuditAlert, int]],
    changed: dict[str, str],
) -> list[_Hit]:
    """A hit on every row that names a party now matching, unless the row already has an
    alert on that entry. Rows are found in the runs' chunks (a party is kept once per run,
    the rows naming it only there)."""
    hits: list[_Hit] = []
    made: set[_AlertKey] = set()
    for run_id in sorted({run for run, _ in wanted}):
        rows = _db.read(store, functools.partial(_rows_naming, run_id=run_id, wanted=wanted))
        for row in rows:
            for number in dict.fromkeys(row.parties):
                for party, match in wanted.get((run_id, number), ()):
                    key = (run_id, row.position, match.reference_number)
                    if key in alerted or key in made:
                        continue
                    made.add(key)
                    hits.append(
                        _Hit(
                            "new_hit",
                            party,
                            match.entry,
                            changed[match.reference_number],
                            match.matched_name,
                            match.score,
                            match.explanation.summary,
                            match.to_dict(),
                            position=row.position,
                            stored=row,
                        )
                    )
    return hits


def _rows_naming(
    session: Session, *, run_id: int, wanted: dict[tuple[int, int], Any]
) -> list[StoredRow]:
    return [
        row
        for row in iter_stored_rows(session, run_id)
        if any((run_id, number) in wanted for number in row.parties)
    ]


SUBSET_MARGIN = 0.15
"""How far below the review threshold the quick pass over the changed entries looks."""


def _confirmed(
    queries: list[str], subset: SanctionsList, full: SanctionsList, config: ScreeningConfig
) -> dict[str, list[Match]]:
    """Matches on changed entries, scored exactly as a screening of the whole list would.

    A name's weight depends on the list it is indexed in, so the quick pass over the
    changed entries only finds suspects (with a margin below the review threshold); the
    suspects alone are then screened against the whole new list.
    """
    margin = max(0.0, config.review_threshold - SUBSET_MARGIN)
    quick = Screener(subset, config.model_copy(update={"review_threshold": margin}))
    found = quick.screen_many(json.loads(q) for q in queries)
    suspects = [q for q, result in zip(queries, found, strict=True) if result.matches]
    if not suspects:
        return {}
    changed = {e.reference_number for e in subset.entries}
    results = Screener(full, config).screen_many(json.loads(q) for q in suspects)
    confirmed: dict[str, list[Match]] = {}
    for query, result in zip(suspects, results, strict=True):
        matches = [m for m in result.matches if m.reference_number in changed]
        if matches and result.status != "clear":
            confirmed[query] = matches
    return confirmed


def _parties(
    session: Session, run_ids: tuple[int, ...], schema: frozenset[str], bands: Thresholds
) -> tuple[list[AuditParty], dict[_AlertKey, tuple[AuditAlert, int]], SuppressionIndex]:
    """The runs' distinct parties, their alerts by run, row position and entry (with the
    row's position), and the false positives in force."""
    parties = list(
        session.scalars(
            select(AuditParty).where(AuditParty.run_id.in_(run_ids)).order_by(AuditParty.id)
        )
    )
    alerted: dict[_AlertKey, tuple[AuditAlert, int]] = {}
    alerts = session.execute(
        select(AuditAlert, AuditRow.position)
        .join(AuditRow, AuditAlert.row_id == AuditRow.id)
        .where(AuditAlert.run_id.in_(run_ids))
        .order_by(AuditAlert.id)
    )
    for alert, position in alerts:
        if alert.reference_number:
            alerted[(alert.run_id, position, alert.reference_number)] = (alert, position)
    return parties, alerted, SuppressionIndex.load(session, schema, bands)


def _reopened(
    parties: list[AuditParty],
    alerted: dict[_AlertKey, tuple[AuditAlert, int]],
    index: SuppressionIndex,
    diff: ListDiff,
    new_list: SanctionsList,
) -> list[_Hit]:
    amended = {a.reference_number for a in diff.amended}
    by_id = {p.id: p for p in parties}
    seen: set[str] = set()
    hits: list[_Hit] = []
    for (_, _, reference), (alert, position) in sorted(
        alerted.items(), key=lambda kv: -kv[1][0].id
    ):
        party = by_id.get(alert.party_id or -1)
        if reference not in amended or party is None or alert.alert_key in seen:
            continue
        seen.add(alert.alert_key)
        entry = new_list.by_reference[reference]
        verdict = index.verdict(alert.alert_key, entry, alert_evidence(alert, party.query_json))
        if verdict.status == ALERT_REOPENED:
            hits.append(
                _Hit(
                    "reopened",
                    party,
                    entry,
                    "amended",
                    alert.matched_name,
                    alert.score,
                    alert.summary,
                    json.loads(alert.evidence_json),
                    verdict.decision_id,
                    verdict.changes,
                    position=position,
                    row_id=alert.row_id,
                    note=alert_note(verdict),
                )
            )
    return hits


def _record(
    session: Session,
    started: Any,
    target_id: int,
    new_list: SanctionsList,
    summary: dict[str, Any],
    hits: list[_Hit],
    covered: list[int],
) -> int:
    rescreen = AuditRescreen(
        started_at=started,
        finished_at=_db.now(),
        to_version_id=target_id,
        to_date_generated=new_list.date_generated.isoformat(),
        summary_json=canonical_json(summary),
    )
    session.add(rescreen)
    session.flush()
    row_ids: dict[tuple[int, int], int] = {}
    for hit in hits:
        row_id = hit.row_id or _row_id(session, hit, row_ids)
        alert = _alert(rescreen.id, hit, row_id)
        session.add(alert)
        session.flush()
        session.add(
            AuditRescreenHit(
                rescreen_id=rescreen.id,
                kind=hit.kind,
                run_id=hit.party.run_id,
                row_id=row_id,
                party_id=hit.party.id,
                alert_id=alert.id,
                party_name=hit.party.name,
                reference_number=hit.entry.reference_number,
                change=hit.change,
                matched_name=hit.matched_name,
                score=hit.score,
                summary=hit.summary,
                evidence_json=canonical_json(hit.evidence or {}),
            )
        )
    for run_id in covered:
        run = session.get(AuditRun, run_id)
        if run is not None:
            run.screened_through_version_id = target_id
    return rescreen.id


def _row_id(session: Session, hit: _Hit, known: dict[tuple[int, int], int]) -> int:
    """The ``audit_rows`` id of the hit's row, giving the row one (from its chunk) when it
    was a plain clear row kept only there."""
    key = (hit.party.run_id, hit.position)
    if key not in known:
        found = session.scalar(
            select(AuditRow.id).where(
                AuditRow.run_id == hit.party.run_id, AuditRow.position == hit.position
            )
        )
        if found is None:
            stored = hit.stored
            if stored is None:
                raise AuditError(f"run {key[0]} has no row {key[1]}")
            row = AuditRow(
                run_id=key[0],
                position=stored.position,
                source=stored.source,
                line=stored.line,
                status=stored.status,
                flags_json=_dump(stored.flags),
                input_json=_dump(stored.input),
                result_json="{}",
            )
            session.add(row)
            session.flush()
            found = row.id
        known[key] = found
    return known[key]


def _dump(value: Any) -> str:
    """As the recorder writes a row's JSON: key order kept."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)


def _alert(rescreen_id: int, hit: _Hit, row_id: int) -> AuditAlert:
    entry, party = hit.entry, hit.party
    return AuditAlert(
        run_id=party.run_id,
        row_id=row_id,
        party_id=party.id,
        kind="match",
        alert_key=alert_key(party_fingerprint(party.name), entry.reference_number),
        status=ALERT_REOPENED if hit.kind == "reopened" else ALERT_OPEN,
        party_name=party.name,
        role=party.role,
        reference_number=entry.reference_number,
        list_type=entry.un_list_type,
        regime=entry.regime,
        matched_name=hit.matched_name,
        score=hit.score,
        flags_json="[]",
        summary=hit.summary,
        evidence_json=canonical_json(hit.evidence or {}),
        entry_json=entry.model_dump_json(),
        entry_fingerprint=entry_fingerprint(entry),
        suppressed_by=hit.decision_id,
        changes_json=canonical_json([c.model_dump(mode="json") for c in hit.changes])
        if hit.changes
        else None,
        rescreen_id=rescreen_id,
        note=hit.note,
    )


def load_report(session: Session, rescreen_id: int) -> RescreenReport:
    """A recorded re-screen and its hits."""
    rescreen = session.get(AuditRescreen, rescreen_id)
    if rescreen is None:
        raise AuditError(f"no re-screen {rescreen_id}")
    summary = json.loads(rescreen.summary_json)
    rows = session.execute(
        select(AuditRescreenHit, AuditRow, AuditAlert)
        .join(AuditRow, AuditRescreenHit.row_id == AuditRow.id)
        .join(AuditAlert, AuditRescreenHit.alert_id == AuditAlert.id)
        .where(AuditRescreenHit.rescreen_id == rescreen_id)
        .order_by(AuditRescreenHit.id)
    )
    hits = [
        RescreenHit(
            kind=hit.kind,
            run_id=hit.run_id,
            row_position=row.position,
            row_line=row.line,
            party_name=hit.party_name,
            reference_number=hit.reference_number,
            change=hit.change,
            matched_name=hit.matched_name,
            score=hit.score,
            summary=hit.summary,
            alert_id=hit.alert_id,
            changes=[FieldChange.model_validate(c) for c in json.loads(alert.changes_json or "[]")],
        )
        for hit, row, alert in rows
    ]
    return RescreenReport(
        id=rescreen.id,
        to_version_id=rescreen.to_version_id,
        to_date_generated=rescreen.to_date_generated,
        from_version_ids=summary.get("from_version_ids", []),
        added=summary.get("added", 0),
        amended=summary.get("amended", 0),
        parties_screened=summary.get("parties_screened", 0),
        runs_covered=summary.get("runs_covered", 0),
        runs_skipped=summary.get("runs_skipped", 0),
        runs_incomplete=summary.get("runs_incomplete", []),
        runs_not_covered=summary.get("runs_not_covered", []),
        hits=hits,
        not_rescreened=[
            RowsNotRescreened.model_validate(n) for n in summary.get("not_rescreened", [])
        ],
    )
