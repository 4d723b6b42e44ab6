"""``sanctions-screen runs``, ``review``, ``rescreen`` and ``report``: thin shells over
:mod:`sanctions_screen.audit` and :mod:`sanctions_screen.report`."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from sanctions_screen.audit import queries
from sanctions_screen.audit.changes import change_text
from sanctions_screen.audit.decisions import export_decisions, import_decisions
from sanctions_screen.audit.models import AlertInfo, Decision, RecordedRun, RescreenReport
from sanctions_screen.audit.observer import AuditObserver
from sanctions_screen.audit.rescreen import rescreen
from sanctions_screen.audit.retention import prune_runs
from sanctions_screen.audit.review import decide, history
from sanctions_screen.cli.common import (
    EXIT_ALERTS,
    EXIT_PROBLEMS,
    echo_json,
    json_option,
    store_for,
)
from sanctions_screen.store.db import Store
from sanctions_screen.unlist.models import SanctionsList

DECISIONS = [d.value for d in Decision]


# -- runs -----------------------------------------------------------------------------------


@click.group("runs")
def runs_group() -> None:
    """Recorded screening runs: list, show, export again, prune."""


@runs_group.command("list")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Show at most this many runs, newest first.",
)
@json_option
@click.pass_context
def runs_list(ctx: click.Context, limit: int, as_json: bool) -> None:
    """List recorded runs, newest first."""
    with store_for(ctx) as store:
        runs = queries.list_runs(store, limit=limit)
    if as_json:
        echo_json(runs)
        return
    if not runs:
        click.echo("No screening run recorded yet.")
    for run in runs:
        click.echo(_run_line(run))


@runs_group.command("show")
@click.argument("run_id", metavar="RUN", type=int)
@json_option
@click.pass_context
def runs_show(ctx: click.Context, run_id: int, as_json: bool) -> None:
    """Show RUN: inputs, list version, configuration, counts and its alerts."""
    with store_for(ctx) as store:
        run = queries.get_run(store, run_id)
        alerts = queries.run_alerts(store, run_id)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "run": run.model_dump(mode="json"),
                    "alerts": [a.model_dump(mode="json") for a in alerts],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    for line in _run_details(run):
        click.echo(line)
    click.echo(f"alerts ({len(alerts)}):")
    for alert in alerts:
        click.echo("  " + _alert_line(alert))


@runs_group.command("export")
@click.argument("run_id", metavar="RUN", type=int)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here (default: standard output).",
)
@click.pass_context
def runs_export(ctx: click.Context, run_id: int, output: Path | None) -> None:
    """Write RUN's results again, byte for byte as the run first wrote them."""
    with store_for(ctx) as store:
        data = queries.export_run(store, run_id)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(data)


@runs_group.command("prune")
@click.option(
    "--older-than",
    "older_than",
    required=True,
    metavar="AGE",
    help="Prune runs started longer ago than this: 365d, 52w, 1y.",
)
@click.option("--by", "pruned_by", metavar="NAME", help="Who prunes (default: $USER).")
@click.option("--dry-run", is_flag=True, help="Count what would be dropped; change nothing.")
@json_option
@click.pass_context
def runs_prune(
    ctx: click.Context, older_than: str, pruned_by: str | None, dry_run: bool, as_json: bool
) -> None:
    """Drop the clear rows of old runs; keep alerts, decisions and run metadata.

    A pruned run keeps its metadata, counts, parties, flagged rows, alerts and decisions,
    and for each clear row only its source, line and parties (so rescreen still names the
    line that now hits). Its output can no longer be exported byte for byte. Each prune is
    recorded: who, when, the cutoff, the runs and the rows dropped.
    """
    who = pruned_by or _user()
    with store_for(ctx) as store:
        report = prune_runs(store, older_than, pruned_by=who, dry_run=dry_run)
    if as_json:
        echo_json(report)
        return
    verb = "would prune" if dry_run else f"prune {report.id}: pruned"
    runs = ", ".join(str(r) for r in report.run_ids) or "none"
    click.echo(
        f"{verb} {len(report.run_ids)} run{'s' * (len(report.run_ids) != 1)} started before "
        f"{report.cutoff:%Y-%m-%d %H:%M}Z ({runs}): {report.rows_dropped:,} clear rows "
        f"dropped, chunks {report.bytes_before:,} -> {report.bytes_after:,} bytes"
        + ("" if dry_run else f", by {report.pruned_by}")
    )


# -- review ---------------------------------------------------------------------------------


@click.command("review")
@click.option("--run", "run_id", type=int, metavar="RUN", help="Only alerts of this run.")
@click.option("--escalated", is_flag=True, help="Also list alerts whose decision is escalate.")
@click.option("--alert", "alert_id", type=int, metavar="ID", help="Decide on this alert.")
@click.option("--decision", type=click.Choice(DECISIONS), help="The decision on --alert.")
@click.option("--reviewer", metavar="NAME", help="Who decides (default: $USER when asked).")
@click.option("--reason", metavar="TEXT", help="Why.")
@click.option(
    "--history",
    "history_id",
    type=int,
    metavar="ID",
    help="Show every decision on alert ID (and on earlier alerts like it).",
)
@click.option("--no-input", is_flag=True, help="Never prompt, even on a terminal.")
@json_option
@click.pass_context
def review_command(
    ctx: click.Context,
    run_id: int | None,
    escalated: bool,
    alert_id: int | None,
    decision: str | None,
    reviewer: str | None,
    reason: str | None,
    history_id: int | None,
    no_input: bool,
    as_json: bool,
) -> None:
    """List pending alerts and record decisions on them.

    \b
    Decide from a script:
      sanctions-screen review --alert 12 --decision false_positive \\
          --reviewer ana --reason "date of birth 1990, listed 1957"
    On a terminal without --alert, each pending alert is shown in turn and you are asked
    for a decision (true_match, false_positive, escalate; s to skip, q to quit).
    A decision is never overwritten: a new one supersedes it, and the history is kept.
    A false_positive suppresses the same party against the same entry in later runs,
    until the list entry is amended.
    """
    with store_for(ctx) as store:
        if history_id is not None:
            _show_history(store, history_id, as_json)
            return
        if alert_id is not None:
            _decide_one(store, alert_id, decision, reviewer, reason, as_json)
            return
        if decision or reason:
            raise click.UsageError("--decision and --reason need --alert ID")
        pending = queries.pending_alerts(store, run_id=run_id, include_escalated=escalated)
        if as_json:
            echo_json(pending)
            return
        if on_terminal() and not no_input:
            _interactive(store, pending, reviewer)
            return
        click.echo(f"{len(pending)} alert{'s' * (len(pending) != 1)} pending")
        for alert in pending:
            click.echo("  " + _alert_line(alert))
            for line in _listed_lines(alert):
                click.echo("      " + line)


def _decide_one(
    store: Store,
    alert_id: int,
    decision: str | None,
    reviewer: str | None,
    reason: str | None,
    as_json: bool,
) -> None:
    missing = [
        name
        for name, value in (
            ("--decision", decision),
            ("--reviewer", reviewer),
            ("--reason", reason),
        )
        if not value
    ]
    if missing:
        raise click.UsageError(f"--alert needs {', '.join(missing)}")
    made = decide(store, alert_id, decision or "", reviewer=reviewer or "", reason=reason or "")
    if as_json:
        echo_json(made)
    else:
        superseded = f", supersedes decision {made.supersedes_id}" if made.supersedes_id else ""
        click.echo(
            f"decision {made.id}: alert {alert_id} {made.decision.value} by "
            f"{made.reviewer}{superseded}"
        )


def _show_history(store: Store, alert_id: int, as_json: bool) -> None:
    decisions = history(store, alert_id)
    if as_json:
        echo_json(decisions)
        return
    if not decisions:
        click.echo(f"alert {alert_id}: no decision yet")
    for d in decisions:
        click.echo(
            f"{d.decided_at:%Y-%m-%d %H:%M:%S}Z  decision {d.id} on alert {d.alert_id}: "
            f"{d.decision.value} by {d.reviewer}: {d.reason}"
        )


_SHORTCUTS = {"t": "true_match", "f": "false_positive", "e": "escalate"}


def on_terminal() -> bool:
    """Whether ``review`` may ask questions (standard input and output are a terminal)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _interactive(store: Store, pending: list[AlertInfo], reviewer: str | None) -> None:
    if not pending:
        click.echo("No alert pending.")
        return
    who = reviewer or click.prompt("Reviewer", default=os.environ.get("USER") or None)
    for number, alert in enumerate(pending, 1):
        click.echo(f"\n[{number}/{len(pending)}] " + _alert_line(alert))
        for line in _listed_lines(alert):
            click.echo("    " + line)
        for change in alert.changes:
            click.echo(f"    changed {change_text(change)}")
        answer = click.prompt(
            "Decision [t]rue match, [f]alse positive, [e]scalate, [s]kip, [q]uit",
            type=click.Choice([*_SHORTCUTS, "s", "q"]),
            show_choices=False,
        )
        if answer == "q":
            break
        if answer == "s":
            continue
        why = click.prompt("Reason")
        made = decide(store, alert.id, _SHORTCUTS[answer], reviewer=who, reason=why)
        click.echo(f"recorded decision {made.id}")


# -- decisions ------------------------------------------------------------------------------


@click.group("decisions")
def decisions_group() -> None:
    """Review decisions as CSV: export them, import them back."""


@decisions_group.command("export")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here (default: standard output).",
)
@click.option("--run", "run_id", type=int, metavar="RUN", help="Only alerts of this run.")
@click.option(
    "--pending",
    is_flag=True,
    help="Also a row for each alert still waiting, its decision columns empty to fill in.",
)
@click.pass_context
def decisions_export(
    ctx: click.Context, output: Path | None, run_id: int | None, pending: bool
) -> None:
    """Write every decision (its history, oldest first) as CSV.

    \b
    Columns: decision_id, supersedes_id, alert_id, run_id, line, kind, party_name, role,
    reference_number, flag, matched_name, decision, reviewer, reason, decided_at.
    """
    with store_for(ctx) as store:
        if output is None:
            count = export_decisions(store, sys.stdout, run_id=run_id, pending=pending)
        else:
            with output.open("w", encoding="utf-8", newline="") as handle:
                count = export_decisions(store, handle, run_id=run_id, pending=pending)
    if output is not None:
        click.echo(f"wrote {count} row{'s' * (count != 1)} to {output}", err=True)


@decisions_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row and record nothing.")
@json_option
@click.pass_context
def decisions_import(ctx: click.Context, file: Path, dry_run: bool, as_json: bool) -> None:
    """Record the decisions of FILE (as `decisions export` writes it): all, or none.

    Every row is checked first (alert_id, or party_name and reference_number; decision;
    reviewer; reason; decided_at with its time zone); if any is bad, nothing is recorded
    and each bad row is listed. Each decision is added to its alert's history, never
    over another; rows already recorded and rows left without a decision are skipped.
    """
    with store_for(ctx) as store:
        done = import_decisions(store, file, dry_run=dry_run)
    if as_json:
        echo_json(done)
        return
    verb = "would record" if dry_run else "recorded"
    click.echo(
        f"{file}: {done.rows} rows; {verb} {done.recorded} decision"
        f"{'s' * (done.recorded != 1)}, {done.already_recorded} already recorded, "
        f"{done.undecided} without a decision"
    )


# -- rescreen -------------------------------------------------------------------------------


@click.command("rescreen")
@click.option(
    "--to",
    "to_version",
    type=int,
    metavar="VERSION",
    help="List version to re-screen against (default: the active one).",
)
@json_option
@click.pass_context
def rescreen_command(ctx: click.Context, to_version: int | None, as_json: bool) -> None:
    """Re-screen past parties against what a new list version changed.

    Only the entries added or amended since each run's list version are screened; new
    hits and re-opened false positives are reported (exit 1 if there are any) and recorded
    as alerts on the original rows: review them with `review`. The clear rows of a cluster
    run (screen --dask-scheduler) are not in the trail: they are counted as not re-screened,
    with the Parquet files that hold them. Runs that did not complete are covered for the
    rows they recorded, and named; runs still running are not covered, and named. Exit 4
    when rows were left out and there is nothing else to report.
    """
    with store_for(ctx) as store:
        report = rescreen(store, to_version_id=to_version)
    if as_json:
        echo_json(report)
    else:
        for line in _rescreen_lines(report):
            click.echo(line)
    if report.hits:
        # SystemExit, not ctx.exit: main() runs click with standalone_mode=False, where
        # click returns ctx.exit's code instead of raising it, and main() would end with 0.
        raise SystemExit(EXIT_ALERTS)
    if report.not_rescreened or report.runs_not_covered:
        raise SystemExit(EXIT_PROBLEMS)


# -- report ---------------------------------------------------------------------------------


@click.command("report")
@click.argument("run_id", metavar="RUN", type=int)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("report.html"),
    show_default=True,
    help="The HTML file to write.",
)
@click.pass_context
def report_command(ctx: click.Context, run_id: int, output: Path) -> None:
    """Write RUN as one self-contained HTML report.

    Summary, charts (alerts by flag, regime and country), ASEAN-DPRK flags, and every
    alert with its explanation and evidence; inline CSS and SVG, no network needed.
    """
    from sanctions_screen.report import write_report

    with store_for(ctx) as store:
        write_report(store, run_id, output)
    click.echo(f"wrote {output}")


# -- text -----------------------------------------------------------------------------------


def _run_line(run: RecordedRun) -> str:
    inputs = ", ".join(Path(i.path).name for i in run.inputs) or "-"
    return (
        f"run {run.id:<5} {run.started_at:%Y-%m-%d %H:%M}Z  {run.status:<11} "
        f"list {(run.list_date_generated or '?')[:10]}  {inputs}  {_tally_text(run)}"
        + (f"  (pruned {run.pruned.pruned_at:%Y-%m-%d})" if run.pruned else "")
    )


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name and no passwd entry
        return "unknown"


def _tally_text(run: RecordedRun) -> str:
    """``48 rows: 14 alert, 6 review, 0 suppressed, 28 clear, 0 bad; 51 alerts on 20 rows:
    51 open``: each list adds up to the number before it."""
    rows = ", ".join(f"{n} {status}" for status, n in run.rows_by_status.items())
    alerts = ", ".join(f"{n} {state}" for state, n in run.alerts_by_state.items())
    text = f"{run.rows_read} rows: {rows}, {run.rows_skipped} bad; {run.alert_count} alerts"
    if run.alert_count:
        text += f" on {run.rows_with_alerts} rows: {alerts}"
    return text


def _run_details(run: RecordedRun) -> list[str]:
    lines = [
        f"run {run.id} ({run.status}, {run.source})",
        f"  started   {run.started_at.isoformat()}",
        f"  finished  {run.finished_at.isoformat() if run.finished_at else '-'}",
        f"  list      version {run.list_version_id or '-'}, dateGenerated "
        f"{run.list_date_generated or '-'}, sha256 {run.list_sha256 or '-'}",
        f"  list age  {_age_text(run)}",
        f"  config    sha256 {run.config_hash}",
        f"  algorithm {run.algorithm_version}",
        f"  rows      {run.row_count}; output {run.output_format or '-'} "
        f"sha256 {run.output_sha256 or '-'}",
    ]
    for item in run.inputs:
        lines.append(
            f"  input     {item.path} ({item.rows if item.rows is not None else '?'} "
            f"rows, {item.size_bytes or '?'} bytes, sha256 {item.sha256 or '-'})"
        )
    if run.error:
        lines.append(f"  {run.status:<9} {run.error}")
    lines.append(f"  counts    {_tally_text(run)}")
    if run.pruned is not None:
        p = run.pruned
        lines.append(
            f"  pruned    {p.pruned_at:%Y-%m-%d %H:%M}Z by {p.pruned_by} (prune {p.prune_id}, "
            f"runs older than {p.older_than}): {p.rows_dropped:,} clear rows dropped; "
            "alerts, decisions and metadata kept; the output cannot be exported again"
        )
    for key, value in sorted(run.counts.items()):
        if isinstance(value, dict) and value and key != "statuses":
            lines.append(f"  {key:<9} " + ", ".join(f"{k} {v}" for k, v in value.items()))
    return lines


def _age_text(run: RecordedRun) -> str:
    age = run.list_age
    if age is None:
        return "-"
    text = f"{age.days} days at the start of the run"
    if age.stale:
        return f"{text}: STALE, over the {age.max_days}-day limit"
    return text + (f", within the {age.max_days}-day limit" if age.max_days else "")


def _alert_line(alert: AlertInfo) -> str:
    where = f"run {alert.run_id} line {alert.row_line}"
    decided = (
        f" [decided by {alert.decision.reviewer}: {alert.decision.reason}]"
        if alert.decision
        else ""
    )
    if alert.kind == "match":
        score = f"{alert.score:.2f}" if alert.score is not None else "?"
        what = (
            f"{alert.party_name!r} ({alert.role or 'name'}) ~ {alert.reference_number} "
            f"{alert.matched_name} [{alert.regime}] score {score}"
        )
    else:
        what = f"{alert.flag}: {alert.summary}"
    note = f"\n        {alert.note}" if alert.note and alert.status != "suppressed" else ""
    return f"alert {alert.id:<5} {alert.state:<14} {where}: {what}{decided}{note}"


def _listed_lines(alert: AlertInfo) -> list[str]:
    """The listed details of a match alert, one ``label: text`` a line."""
    if alert.listed is None:
        return []
    return [f"{label.lower():<14} {text}" for label, text in alert.listed.lines()]


def _rescreen_lines(report: RescreenReport) -> list[str]:
    lines = [
        f"re-screen {report.id} against list version {report.to_version_id} "
        f"({(report.to_date_generated or '?')[:10]}): {report.added} added and "
        f"{report.amended} amended entries, {report.parties_screened} distinct parties from "
        f"{report.runs_covered} run{'s' * (report.runs_covered != 1)}",
        f"new hits: {len(report.new_hits)}",
    ]
    if report.runs_incomplete:
        ids = ", ".join(map(str, report.runs_incomplete))
        lines.insert(
            1,
            f"runs that did not complete, covered for the rows they recorded only: {ids}",
        )
    if report.runs_not_covered:
        ids = ", ".join(map(str, report.runs_not_covered))
        lines.insert(1, f"NOT covered: runs still running: {ids} (re-screen again when done)")
    for hit in report.new_hits:
        score = f"{hit.score:.2f}" if hit.score is not None else "?"
        lines.append(
            f"  alert {hit.alert_id}: run {hit.run_id} line {hit.row_line} "
            f"{hit.party_name!r} ~ {hit.reference_number} {hit.matched_name} "
            f"({hit.change}) score {score}"
        )
    lines.append(f"re-opened false positives: {len(report.reopened)}")
    for hit in report.reopened:
        fields = ", ".join(c.field for c in hit.changes)
        lines.append(
            f"  alert {hit.alert_id}: run {hit.run_id} line {hit.row_line} "
            f"{hit.party_name!r} ~ {hit.reference_number}: entry amended ({fields})"
        )
        lines.extend(f"      {change_text(change)}" for change in hit.changes)
    if report.not_rescreened:
        lines.append(
            f"NOT re-screened: {report.rows_not_rescreened:,} clear rows of cluster runs, "
            "whose parties are only in the runs' Parquet output (screen those files "
            "against the new list to cover them):"
        )
        for missing in report.not_rescreened:
            lines.append(f"  run {missing.run_id}: {missing.rows:,} rows in")
            lines.extend(f"      {o.path} (sha256 {o.sha256})" for o in missing.outputs)
    return lines


COMMANDS: list[click.Command] = [
    runs_group,
    review_command,
    decisions_group,
    rescreen_command,
    report_command,
]


def observer_factory(ctx: click.Context) -> Callable[..., AuditObserver]:
    """What the root command installs as ``ctx.obj["observer_factory"]`` so that
    ``sanctions-screen screen`` records its run in the ``--db`` database and applies earlier
    false positives. ``screen`` calls it with the list and its output settings (``fmt``,
    ``only_alerts``, ``excel``), which make ``runs export`` byte-identical.
    """

    def make(
        *, sanctions_list: SanctionsList, fmt: str, only_alerts: bool, excel: bool
    ) -> AuditObserver:
        return AuditObserver(
            store_for(ctx),
            sanctions_list,
            fmt=fmt,
            only_alerts=only_alerts,
            excel=excel,
            source="cli",
        )

    return make
