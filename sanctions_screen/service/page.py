"""The review page's HTML: server-rendered, inline CSS, no script, no external asset."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlencode

from sanctions_screen.audit.details import ListedDetails, evidence_lines
from sanctions_screen.audit.models import AlertInfo, Decision
from sanctions_screen.service.review import AlertDetail, AlertFilter, alert_flags
from sanctions_screen.unlist.models import ListEntry

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{background:#1f3b57;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.5rem;
align-items:center}
header a{color:#fff} main{padding:1rem 1.2rem;max-width:1200px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #dde1e6;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f4} .alert{color:#a4161a;font-weight:600}
.muted{color:#5c6670}
form.filters{display:flex;gap:.8rem;flex-wrap:wrap;align-items:end;margin-bottom:1rem}
label{display:flex;flex-direction:column;font-size:.85rem;gap:.2rem}
section{background:#fff;border:1px solid #dde1e6;border-radius:4px;padding:.6rem 1rem;
margin:.8rem 0}
h1{font-size:1.3rem} h2{font-size:1.05rem;margin:.2rem 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dt{color:#5c6670}
textarea{width:100%;min-height:5rem}
.notice{background:#e6f4ea;border:1px solid #9fd3ad;padding:.5rem}
.error{background:#fdecea;border:1px solid #f5a8a1;padding:.5rem} button{padding:.35rem .9rem}
"""


def document(title: str, body: str, *, client: str | None = None) -> str:
    who = f'<span class="muted">signed in as {escape(client)}</span>' if client else ""
    logout = (
        '<form method="post" action="/review/logout"><button>Sign out</button></form>'
        if client and client != "loopback"
        else ""
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        '<header><strong>sanctions-screen review</strong><a href="/review">Queue</a>'
        f"{who}{logout}</header>"
        f"<main>{body}</main></body></html>"
    )


def login_page(message: str = "") -> str:
    note = f'<p class="error">{escape(message)}</p>' if message else ""
    return document(
        "Sign in",
        f"<h1>Sign in</h1>{note}<p>Paste an API key with the <code>review</code> scope. It is "
        "kept in a cookie for this site only.</p>"
        '<form method="post" action="/review/login"><label>API key '
        '<input name="key" type="password" autocomplete="off" size="60" required></label>'
        "<p><button>Sign in</button></p></form>",
    )


def queue_page(alerts: list[AlertInfo], wanted: AlertFilter, client: str, error: str = "") -> str:
    statuses = "".join(
        f'<option value="{s}"{" selected" if s == wanted.status else ""}>{s}</option>'
        for s in ("open", "escalated", "decided", "all")
    )
    filters = (
        '<form class="filters" method="get" action="/review">'
        f'<label>Status<select name="status">{statuses}</select></label>'
        f'<label>Regime<input name="regime" size="4" value="{escape(wanted.regime or "")}"></label>'
        f'<label>Flag<input name="flag" value="{escape(wanted.flag or "")}"></label>'
        f'<label>Run<input name="run" size="6" value="{wanted.run or ""}"></label>'
        "<button>Filter</button></form>"
    )
    note = f'<p class="error">{escape(error)}</p>' if error else ""
    rows = "".join(_queue_row(a) for a in alerts)
    table = (
        "<table><thead><tr><th>Alert</th><th>Run / line</th><th>Party or flag</th>"
        "<th>Listed entry</th><th>Regime</th><th>Score</th><th>Status</th><th>Decision</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
        if alerts
        else "<p>No alert matches these filters.</p>"
    )
    title = f"{len(alerts)} alert{'s' * (len(alerts) != 1)}"
    return document(
        "Review queue", f"<h1>Review queue: {title}</h1>{filters}{note}{table}", client=client
    )


def _queue_row(a: AlertInfo) -> str:
    what = (
        f"{escape(a.party_name or '')} <span class=muted>({escape(a.role or 'name')})</span>"
        if a.kind == "match"
        else f"<strong>{escape(a.flag or '')}</strong> {escape(a.summary[:160])}"
    )
    listed = escape(f"{a.reference_number or ''} {a.matched_name or ''}".strip())
    score = f"{a.score:.2f}" if a.score is not None else ""
    decided = (
        f"{escape(a.decision.decision.value)} by {escape(a.decision.reviewer)}"
        if a.decision
        else ""
    )
    return (
        f'<tr><td><a href="/review/alerts/{a.id}">#{a.id}</a></td>'
        f"<td>{a.run_id} / {a.row_line or a.row_position + 1}</td><td>{what}</td><td>{listed}</td>"
        f"<td>{escape(a.regime or '')}</td><td>{score}</td><td>{escape(a.status)}</td>"
        f"<td>{decided}</td></tr>"
    )


def alert_page(detail: AlertDetail, client: str, *, notice: str = "", error: str = "") -> str:
    a = detail.alert
    parts = [f"<h1>Alert #{a.id}: {escape(_headline(a))}</h1>"]
    if notice:
        parts.append(f'<p class="notice" id="notice">{escape(notice)}</p>')
    if error:
        parts.append(f'<p class="error" id="error">{escape(error)}</p>')
    facts = {
        "status": a.status,
        "run": f"{a.run_id}, line {a.row_line or a.row_position + 1}",
        "regime": a.regime or "",
        "flags": ", ".join(sorted(alert_flags(a))) or "-",
        "score": f"{a.score:.3f}" if a.score is not None else "-",
    }
    parts.append(_section("Alert", _dl(facts) + f"<p>{escape(a.summary)}</p>"))
    parts.append(_section("What was screened", _query(a, detail.row)))
    if detail.entry is not None or a.listed is not None:
        parts.append(
            _section("Listed entry (as when the alert was raised)", _entry(a.listed, detail.entry))
        )
    lines = evidence_lines(a.evidence, a.listed)
    if lines:
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        parts.append(_section("Explanation and evidence", f"<ul id=evidence>{items}</ul>"))
    parts.append(_section("Decisions", _history(detail)))
    parts.append(_section("Decide", _form(a)))
    return document(f"Alert {a.id}", "".join(parts), client=client)


def _headline(a: AlertInfo) -> str:
    if a.kind == "match":
        return f"{a.party_name} ~ {a.reference_number} {a.matched_name}"
    return f"{a.flag}"


def _query(a: AlertInfo, row: dict[str, Any] | None) -> str:
    facts: dict[str, str] = {"party": a.party_name or "-", "role": a.role or "-"}
    if row:
        for key, value in (row.get("input") or {}).items():
            if value not in (None, ""):
                facts[f"input {key}"] = str(value)
        facts["source"] = str(row.get("source") or "")
    return _dl(facts)


def _entry(listed: ListedDetails | None, entry: ListEntry | None) -> str:
    """The library's listed details, and what else the entry snapshot says (aliases,
    addresses, comments) that a reviewer weighs."""
    facts: dict[str, str] = {}
    if entry is not None:
        facts["name"] = entry.name
        if entry.name_original_script:
            facts["original script"] = entry.name_original_script
    if listed is not None:
        facts.update({label.lower(): text for label, text in listed.lines()})
    if entry is None:
        return _dl(facts)
    aliases = [f"{al.name} ({al.quality.value or '?'})" for al in entry.aliases if al.name]
    if aliases:
        facts["aliases"] = "; ".join(aliases)
    places = [", ".join(p for p in (ad.street, ad.city, ad.country) if p) for ad in entry.addresses]
    if any(places):
        facts["addresses"] = "; ".join(p for p in places if p)
    if entry.comments:
        facts["comments"] = entry.comments
    return _dl(facts)


def _history(detail: AlertDetail) -> str:
    if not detail.history:
        return "<p>No decision yet.</p>"
    rows = "".join(
        f"<tr><td>{d.id}</td><td>{d.decided_at:%Y-%m-%d %H:%M:%S}Z</td><td>alert {d.alert_id}</td>"
        f"<td class=decision>{escape(d.decision.value)}</td><td>{escape(d.reviewer)}</td>"
        f"<td>{escape(d.reason)}</td><td>{d.supersedes_id or ''}</td></tr>"
        for d in detail.history
    )
    return (
        "<table id=history><thead><tr><th>#</th><th>When</th><th>On</th><th>Decision</th>"
        f"<th>Reviewer</th><th>Reason</th><th>Supersedes</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _form(a: AlertInfo) -> str:
    options = "".join(
        f'<label><span><input type="radio" name="decision" value="{d.value}" required> '
        f"{d.value.replace('_', ' ')}</span></label>"
        for d in Decision
    )
    return (
        f'<form method="post" action="/review/alerts/{a.id}/decision" id="decide">'
        f'<div class="filters">{options}</div>'
        '<label>Reason<textarea name="reason" required maxlength="4000"></textarea></label>'
        '<label>Reviewer (optional with a key)<input name="reviewer" maxlength="128"></label>'
        "<p><button>Record decision</button></p></form>"
        '<p class="muted">A decision is never overwritten: a new one supersedes it. A false '
        "positive suppresses this party against this entry in later runs until the entry "
        "is amended.</p>"
    )


def _section(title: str, body: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{body}</section>"


def _dl(facts: dict[str, str]) -> str:
    return (
        "<dl>"
        + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts.items())
        + "</dl>"
    )


def queue_link(wanted: AlertFilter) -> str:
    query = {
        k: v
        for k, v in (
            ("status", wanted.status),
            ("run", wanted.run),
            ("regime", wanted.regime),
            ("flag", wanted.flag),
        )
        if v
    }
    return "/review?" + urlencode(query)
