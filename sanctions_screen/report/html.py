"""The HTML report of one run: one self-contained file (inline CSS, SVG and one script).

A Content-Security-Policy forbids every network fetch, so the file shows the same on an
air-gapped machine and cannot leak that it was opened. The one script (filtering and
sorting the alerts, ``templates/report.js``) runs because the policy names its sha256;
nothing else may run.
"""

from __future__ import annotations

import base64
import hashlib
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
from sanctions_screen.audit.details import evidence_lines
from sanctions_screen.audit.models import AlertInfo, RecordedRun
from sanctions_screen.places.countries import resolve_country
from sanctions_screen.places.gazetteer import country_name
from sanctions_screen.report.charts import bar_chart

MAX_ALERTS = 5000
"""Alerts shown in full; beyond this the report says how many were left out."""

_STATE_ORDER = ("open", "reopened", "escalate", "true_match", "false_positive", "suppressed")
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
            _stale_list_banner(run),
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
        f'<meta http-equiv="Content-Security-Policy" content="{csp()}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_template('report.css')}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>{escape(_subtitle(run))}</p>{_stopped(run)}</header>"
        f"<main>{body}</main><script>{_template('report.js')}</script></body></html>\n"
    )


@cache
def csp() -> str:
    """The page's Content-Security-Policy: no fetch of any kind, inline styles, and only the
    report's own script, named by its sha256."""
    digest = hashlib.sha256(_template("report.js").encode("utf-8")).digest()
    script = base64.b64encode(digest).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{script}'; base-uri 'none'; form-action 'none'"
    )


@cache
def _template(name: str) -> str:
    return (
        resources.files("sanctions_screen.report")
        .joinpath(f"templates/{name}")
        .read_text(encoding="utf-8")
    )


def _subtitle(run: RecordedRun) -> str:
    inputs = ", ".join(Path(i.path).name for i in run.inputs) or "no file"
    listed = (run.list_date_generated or "unknown")[:10]
    return (
        f"{inputs} screened {run.started_at:%Y-%m-%d %H:%M} UTC against the UN "
        f"Consolidated List of {listed}"
    )


def _stale_list_banner(run: RecordedRun) -> str:
    """A list older than the run's limit is the first thing the reader sees."""
    age = run.list_age
    if age is None or not age.stale:
        return ""
    return (
        '<section id="stale-list" class="stale" role="alert"><strong>Stale list.</strong> '
        f"This run screened against the UN list {escape(age.describe())} when the run "
        f"started, over the {age.max_days}-day limit: names designated since were not "
        "screened. Update with <code>sanctions-screen lists update</code> (or "
        "<code>lists import FILE</code> offline) and screen again.</section>"
    )


def _stopped(run: RecordedRun) -> str:
    """A run that did not complete says so first: its figures cover only what it recorded."""
    if run.status == "completed":
        return ""
    why = f": {run.error}" if run.error else ""
    return (
        f'<p class="stopped" role="alert"><b>This run did not complete ({escape(run.status)})'
        f"</b>{escape(why)}. Everything below covers only the {run.row_count:,} rows it "
        "recorded.</p>"
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
            "<table><thead><tr><th>Line</th><th>Flag</th><th>Severity</th><th>Evidence</th>"
            f"<th>Why</th><th>Source</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    return f'<section id="nexus"><h2>ASEAN\u2013DPRK flags</h2>{table}</section>'


def _alerts(alerts: Sequence[AlertInfo]) -> str:
    shown = alerts[:MAX_ALERTS]
    if not shown:
        return '<section id="alerts"><h2>Alerts</h2><p class="empty">No alert.</p></section>'
    cards = "".join(_alert_card(order, a) for order, a in enumerate(shown))
    more = (
        f'<p class="note">{len(alerts) - MAX_ALERTS:,} more alerts not shown: '
        "see <code>sanctions-screen runs show</code>.</p>"
        if len(alerts) > MAX_ALERTS
        else ""
    )
    return (
        f'<section id="alerts"><h2>Alerts ({len(alerts):,})</h2>{_controls(shown)}'
        f'<p id="shown" aria-live="polite"></p><div id="alert-list">{cards}</div>{more}'
        "</section>"
    )


def _controls(alerts: Sequence[AlertInfo]) -> str:
    """The filter and sort form; hidden until the script shows it (and in print)."""
    states = sorted({a.state for a in alerts}, key=_state_rank)
    flags = sorted({code for a in alerts for code in _alert_flags(a)})
    regimes = sorted({_alert_regime(a) for a in alerts})

    def select(name: str, label: str, values: Sequence[str], every: str) -> str:
        options = f'<option value="">{escape(every)}</option>' + "".join(
            f'<option value="{escape(v)}">{escape(v)}</option>' for v in values
        )
        return f'<label>{escape(label)}<select name="{name}">{options}</select></label>'

    sorts = (
        ("line", "input line"),
        ("score", "score, highest first"),
        ("name", "party name"),
        ("regime", "regime"),
    )
    sort = "".join(f'<option value="{k}">{escape(v)}</option>' for k, v in sorts)
    return (
        '<form id="controls" class="controls" hidden role="search">'
        + select("state", "Status", states, "every status")
        + select("flag", "Flag", flags, "every flag")
        + select("regime", "Regime", regimes, "every regime")
        + '<label>Text<input type="search" name="q" placeholder="name, reference, text">'
        "</label>"
        f'<label>Sort by<select name="sort">{sort}</select></label>'
        '<button type="reset">Clear</button></form>'
    )


def _state_rank(state: str) -> tuple[int, str]:
    return (_STATE_ORDER.index(state) if state in _STATE_ORDER else len(_STATE_ORDER), state)


def _alert_flags(alert: AlertInfo) -> list[str]:
    """The flag codes an alert is filtered by: its own codes, ``LISTED_PARTY`` for a match."""
    codes = [str(f.get("code")).upper() for f in alert.flags if f.get("code")]
    if alert.flag:
        codes.append(alert.flag.upper())
    if alert.kind == "match" and not codes:
        codes.append("LISTED_PARTY")
    return sorted(set(codes))


def _alert_regime(alert: AlertInfo) -> str:
    if alert.regime:
        return alert.regime
    regimes = {str(f.get("regime")) for f in alert.evidence.get("flags") or () if f.get("regime")}
    return min(regimes) if regimes else "none"


def _alert_card(order: int, alert: AlertInfo) -> str:
    state = alert.state
    decided = " decided" if alert.decision else ""
    badge = f'<span class="badge {escape(state)}{decided}">{escape(state)}</span>'
    party = escape(alert.party_name or "(record)")
    role = f" <small>{escape(alert.role)}</small>" if alert.role else ""
    score = f"{alert.score:.2f}" if alert.score is not None else ""
    line = f"line {alert.row_line}" if alert.row_line is not None else ""
    attributes = {
        "id": f"alert-{alert.id}",
        "class": "alert-card",
        "data-order": str(order),
        "data-state": state,
        "data-flags": " ".join(_alert_flags(alert)),
        "data-regime": _alert_regime(alert),
        "data-score": f"{alert.score:.4f}" if alert.score is not None else "",
        "data-name": (alert.party_name or alert.matched_name or alert.flag or "").casefold(),
    }
    opening = "<article " + " ".join(f'{k}="{escape(v)}"' for k, v in attributes.items()) + ">"
    parts = [
        opening,
        f'<header><span class="aid">alert {alert.id}</span>{badge}<span>{escape(line)}</span>'
        f'<b class="party">{party}</b>{role}<span class="score">{score}</span></header>',
    ]
    if alert.decision:
        parts.append(
            f'<p class="decision">{escape(alert.decision.decision.value)} by '
            f"{escape(alert.decision.reviewer)} on {alert.decision.decided_at:%Y-%m-%d %H:%M} "
            f"UTC: {escape(alert.decision.reason)}</p>"
        )
    parts.append(_entry(alert))
    parts.append(_explanation(alert))
    parts.append("</article>")
    return "".join(parts)


def _entry(alert: AlertInfo) -> str:
    if alert.kind != "match":
        text = f'<div class="entry"><b>{escape(alert.flag or "")}</b>'
        if alert.reference_number:
            text += f" <small>{escape(alert.reference_number)}</small>"
        return text + "</div>"
    listed = f"{alert.list_type or ''} ({alert.regime or ''})"
    head = (
        f'<div class="entry">Listed entry <b>{escape(alert.reference_number or "")}</b> '
        f"{escape(alert.matched_name or '')} <small>{escape(listed)}</small></div>"
    )
    if alert.listed is None:
        return head
    rows = []
    for label, text in alert.listed.lines():
        if label == "Reference":
            value = (
                f'<a href="{escape(alert.listed.un_url)}" rel="noopener noreferrer" '
                f'target="_blank">{escape(alert.listed.reference_number)}</a> '
                "<small>(search the UN Security Council Consolidated List for it)</small>"
            )
        else:
            value = escape(text)
        rows.append(f"<dt>{escape(label)}</dt><dd>{value}</dd>")
    return f'{head}<dl class="listed">{"".join(rows)}</dl>'


def _explanation(alert: AlertInfo) -> str:
    parts = [f'<p class="summary">{escape(alert.summary)}</p>']
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
    lines = evidence_lines(alert.evidence, alert.listed)
    if lines:
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        parts.append(f'<ul class="evidence" aria-label="evidence">{items}</ul>')
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
