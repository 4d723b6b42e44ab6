"""The HTML report of one run: one self-contained file (inline CSS and SVG, no script).

A Content-Security-Policy forbids every network fetch, so the file shows the same on an
air-gapped machine and cannot leak that it was opened.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from sanctions_screen.audit import queries
from sanctions_screen.audit._db import StoreLike
from sanctions_screen.audit.changes import change_text
from sanctions_screen.audit.models import AlertInfo, RecordedRun
from sanctions_screen.places.countries import resolve_country
from sanctions_screen.places.gazetteer import country_name
from sanctions_screen.report.charts import bar_chart

MAX_ALERTS = 5000
"""Alerts shown in full; beyond this the report says how many were left out."""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_COUNTRY_FIELDS = ("country", "nationality", "flag", "port", "origin", "destination", "host")
_NEXUS = ("asean", "dprk")


def write_report(store: StoreLike, run_id: int, path: str | Path) -> Path:
    """Write the report of run ``run_id`` to ``path``; returns the path."""
    target = Path(path)
    target.write_text(render_report(store, run_id), encoding="utf-8")
    return target


def render_report(store: StoreLike, run_id: int) -> str:
    """The report of run ``run_id`` as an HTML string."""
    run = queries.get_run(store, run_id)
    alerts = queries.run_alerts(store, run_id)
    flagged = queries.run_rows(store, run_id, statuses=("alert", "review", "suppressed"))
    return build_html(run, alerts, flagged, queries.status_counts(store, run_id))


def build_html(
    run: RecordedRun,
    alerts: Sequence[AlertInfo],
    flagged: Sequence[dict[str, Any]],
    statuses: dict[str, int],
) -> str:
    """The report from data already read: the run, its alerts, its rows that are not clear,
    and its rows by status (see :func:`render_report`)."""
    body = "".join(
        (
            _summary(run, statuses),
            _charts(alerts, flagged),
            _nexus(flagged),
            _alerts(alerts),
            _metadata(run),
        )
    )
    title = f"Screening run {run.id}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_css()}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>{escape(_subtitle(run))}</p></header>"
        f"<main>{body}</main></body></html>\n"
    )


@cache
def _css() -> str:
    return (
        resources.files("sanctions_screen.report")
        .joinpath("templates/report.css")
        .read_text(encoding="utf-8")
    )


def _subtitle(run: RecordedRun) -> str:
    inputs = ", ".join(Path(i.path).name for i in run.inputs) or "no file"
    listed = (run.list_date_generated or "unknown")[:10]
    return (
        f"{inputs} screened {run.started_at:%Y-%m-%d %H:%M} UTC against the UN "
        f"Consolidated List of {listed}"
    )


def _summary(run: RecordedRun, statuses: dict[str, int]) -> str:
    tiles = [("rows", "rows screened", sum(statuses.values()))]
    tiles += [(s, s, statuses.get(s, 0)) for s in ("alert", "review", "suppressed", "clear")]
    html = "".join(
        f'<div class="tile {cls}"><b>{n:,}</b><span>{escape(label)}</span></div>'
        for cls, label, n in tiles
    )
    skipped = run.counts.get("rows_skipped")
    note = f'<p class="note">{skipped:,} bad rows skipped.</p>' if skipped else ""
    return f'<section id="summary"><h2>Summary</h2><div class="tiles">{html}</div>{note}</section>'


def _charts(alerts: Sequence[AlertInfo], flagged: Sequence[dict[str, Any]]) -> str:
    by_flag: Counter[str] = Counter()
    by_country: Counter[str] = Counter()
    for row in flagged:
        fallback = "LISTED_PARTY" if row["status"] == "alert" else "NAME_MATCH_TO_REVIEW"
        by_flag.update({c.upper() for c in _flag_codes(row)} or {fallback})
        by_country.update(_countries(row) or {"not stated"})
    by_regime: Counter[str] = Counter()
    for row_id in {a.row_position for a in alerts}:
        by_regime.update(
            {a.regime or "?" for a in alerts if a.kind == "match" and a.row_position == row_id}
        )
    figures = "".join(
        f"<figure><figcaption>{escape(title)}</figcaption>{bar_chart(title, list(data.items()))}"
        "</figure>"
        for title, data in (
            ("Alerts by flag", by_flag),
            ("Alerts by regime", by_regime),
            ("Alerts by country", by_country),
        )
    )
    return f'<section id="charts"><h2>Charts</h2><div class="charts">{figures}</div></section>'


def _nexus(flagged: Sequence[dict[str, Any]]) -> str:
    rows: list[str] = []
    for row in flagged:
        for flag in row["flags"]:
            if isinstance(flag, dict) and any(
                k in str(flag.get("code", "")).lower() for k in _NEXUS
            ):
                rows.append(
                    f"<tr><td>{row['line'] or ''}</td><td>{escape(str(flag.get('code')))}</td>"
                    f'<td class="sev-{escape(str(flag.get("severity", "")))}">'
                    f"{escape(str(flag.get('severity', '')))}</td>"
                    f"<td>{escape(str(flag.get('field', '')))}: "
                    f"{escape(str(flag.get('value', '')))}</td>"
                    f"<td>{escape(str(flag.get('message', '')))}</td>"
                    f"<td>{escape(str(flag.get('resolution') or flag.get('source') or ''))}</td>"
                    "</tr>"
                )
    if not rows:
        table = '<p class="empty">No ASEAN\u2013DPRK or DPRK flag in this run.</p>'
    else:
        table = (
            "<table><tr><th>Line</th><th>Flag</th><th>Severity</th><th>Evidence</th>"
            f"<th>Why</th><th>Source</th></tr>{''.join(rows)}</table>"
        )
    return f'<section id="nexus"><h2>ASEAN\u2013DPRK flags</h2>{table}</section>'


def _alerts(alerts: Sequence[AlertInfo]) -> str:
    shown = alerts[:MAX_ALERTS]
    if not shown:
        return '<section id="alerts"><h2>Alerts</h2><p class="empty">No alert.</p></section>'
    rows = "".join(_alert_row(a) for a in shown)
    more = (
        f'<p class="note">{len(alerts) - MAX_ALERTS:,} more alerts not shown: '
        "see <code>sanctions-screen runs show</code>.</p>"
        if len(alerts) > MAX_ALERTS
        else ""
    )
    return (
        f'<section id="alerts"><h2>Alerts ({len(alerts):,})</h2><table>'
        "<tr><th>Alert</th><th>Status</th><th>Line</th><th>Party</th><th>Listed entry</th>"
        f"<th>Score</th><th>Explanation and evidence</th></tr>{rows}</table>{more}</section>"
    )


def _alert_row(alert: AlertInfo) -> str:
    state = alert.state
    decided = " decided" if alert.decision else ""
    badge = f'<span class="badge {escape(state)}{decided}">{escape(state)}</span>'
    if alert.decision:
        badge += (
            f"<br><small>{escape(alert.decision.reviewer)}: "
            f"{escape(alert.decision.reason)}</small>"
        )
    party = escape(alert.party_name or "(record)")
    if alert.role:
        party += f"<br><small>{escape(alert.role)}</small>"
    if alert.kind == "match":
        listed = f"{alert.list_type or ''} ({alert.regime or ''})"
        entry = (
            f"<b>{escape(alert.reference_number or '')}</b> "
            f"{escape(alert.matched_name or '')}<br><small>{escape(listed)}</small>"
        )
    else:
        entry = f"<b>{escape(alert.flag or '')}</b>"
        if alert.reference_number:
            entry += f"<br><small>{escape(alert.reference_number)}</small>"
    score = f"{alert.score:.2f}" if alert.score is not None else ""
    return (
        f'<tr id="alert-{alert.id}"><td>{alert.id}</td><td>{badge}</td>'
        f"<td>{alert.row_line or ''}</td><td>{party}</td><td>{entry}</td><td>{score}</td>"
        f"<td>{_explanation(alert)}</td></tr>"
    )


def _explanation(alert: AlertInfo) -> str:
    parts = [f"<div>{escape(alert.summary)}</div>"]
    for change in alert.changes:
        parts.append(
            f'<div class="change">entry amended since the false positive: '
            f"{escape(change_text(change))}</div>"
        )
    if alert.suppressed_by and alert.status == "suppressed":
        parts.append(
            f'<div class="note">suppressed by false-positive decision {alert.suppressed_by}</div>'
        )
    codes = [str(f.get("code")) for f in alert.flags if isinstance(f, dict) and f.get("code")]
    if codes and alert.kind == "match":
        parts.append(f"<div><small>flags: {escape(', '.join(codes))}</small></div>")
    evidence = json.dumps(alert.evidence, indent=2, ensure_ascii=False)
    parts.append(f"<details><summary>evidence</summary><pre>{escape(evidence)}</pre></details>")
    return "".join(parts)


def _metadata(run: RecordedRun) -> str:
    items = [
        ("Run", f"{run.id} ({run.status}, {run.source})"),
        (
            "Started / finished",
            f"{run.started_at.isoformat()} / "
            f"{run.finished_at.isoformat() if run.finished_at else '-'}",
        ),
        (
            "List version",
            f"{run.list_version_id or '-'}, dateGenerated {run.list_date_generated or '-'}",
        ),
        ("List sha256", run.list_sha256 or "-"),
        ("Algorithm", run.algorithm_version),
        ("Configuration sha256", run.config_hash or "-"),
        ("Output", f"{run.output_format or '-'}, sha256 {run.output_sha256 or '-'}"),
    ]
    items += [
        (
            f"Input {i + 1}",
            f"{f.path} \u2014 {f.rows if f.rows is not None else '?'} rows, "
            f"sha256 {f.sha256 or '-'}",
        )
        for i, f in enumerate(run.inputs)
    ]
    listing = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in items)
    config = escape(json.dumps(run.config, indent=2, sort_keys=True))
    return (
        f'<section id="run"><h2>Run details</h2><dl class="meta">{listing}</dl>'
        f"<details><summary>configuration</summary><pre>{config}</pre></details></section>"
    )


def _flag_codes(row: dict[str, Any]) -> Iterable[str]:
    for flag in row["flags"]:
        code = flag.get("code") if isinstance(flag, dict) else flag
        if code:
            yield str(code)


def _countries(row: dict[str, Any]) -> set[str]:
    fields = row["result"].get("screening_inputs") or row["input"]
    found: set[str] = set()
    for key, value in fields.items():
        if not value or not any(k in str(key).lower() for k in _COUNTRY_FIELDS):
            continue
        code = resolve_country(str(value))
        if code:
            found.add(country_name(code))
    return found
