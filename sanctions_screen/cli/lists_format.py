"""Plain-text rendering of list versions and diffs for the ``lists`` commands."""

from __future__ import annotations

from typing import Any

from sanctions_screen.store.versions import ListVersionInfo
from sanctions_screen.unlist.diff import FieldChange, ListDiff
from sanctions_screen.unlist.models import ListEntry

WIDTH = 100


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "-"


def version_line(v: ListVersionInfo) -> str:
    state = "active" if v.is_active else "not active"
    return (
        f"version {v.id} ({state}): generated {_when(v.date_generated)}, "
        f"{v.individuals} individuals, {v.entities} entities"
    )


def show(v: ListVersionInfo) -> str:
    lines = [
        f"{'Active list' if v.is_active else 'List'}: version {v.id}, generated "
        f"{_when(v.date_generated)}",
        f"Source:   {v.source_kind} {v.source}",
        f"sha256:   {v.sha256} ({v.size_bytes} bytes)",
        f"Imported: {_when(v.imported_at)}"
        + (f" (fetched {_when(v.fetched_at)})" if v.fetched_at else ""),
        "",
        f"{'Regime':<14}{'Individuals':>12}{'Entities':>10}{'Total':>8}",
    ]
    for regime, c in v.counts.items():
        ind, ent = c.get("individuals", 0), c.get("entities", 0)
        lines.append(f"{regime:<14}{ind:>12}{ent:>10}{ind + ent:>8}")
    lines.append(f"{'Total':<14}{v.individuals:>12}{v.entities:>10}{v.total:>8}")
    return "\n".join(lines)


def versions_table(versions: list[ListVersionInfo]) -> str:
    lines = [f"  {'ID':>4}  {'Generated':<20}  {'Entries':>7}  {'Imported':<20}  Source"]
    for v in versions:
        mark = "*" if v.is_active else " "
        lines.append(
            f"{mark} {v.id:>4}  {_when(v.date_generated):<20}  {v.total:>7}  "
            f"{_when(v.imported_at):<20}  {v.source_kind} {v.source}"
        )
    return "\n".join(lines)


def _clip(text: str, width: int = WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _item(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={v}" for k, v in value.items() if v not in (None, "")) + "}"
    return str(value)


def _entry(sign: str, e: ListEntry) -> str:
    return _clip(f"  {sign} {e.reference_number:<9} {e.un_list_type:<11} {e.kind:<10} {e.name}")


def change_lines(change: FieldChange) -> list[str]:
    """``field: old -> new``; for collections only the items removed and added."""
    old, new = change.old, change.new
    if isinstance(old, list) or isinstance(new, list):
        before, after = [_item(x) for x in old or []], [_item(x) for x in new or []]
        lines = [f"      {change.field}:"]
        lines += [f"        - {x}" for x in before if x not in after]
        lines += [f"        + {x}" for x in after if x not in before]
        return lines
    if isinstance(old, str) and isinstance(new, str) and len(old) + len(new) > 80:
        a, b = _around_change(old, new)
        return [f"      {change.field}:", f"        - {a}", f"        + {b}"]
    return [_clip(f"      {change.field}: {old!r} -> {new!r}")]


def _around_change(old: str, new: str, context: int = 30) -> tuple[str, str]:
    """The differing middle of two long strings, with some context either side."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(old), len(new)) - prefix
        and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]
    ):
        suffix += 1
    start = max(0, prefix - context)

    def middle(text: str) -> str:
        end = min(len(text), len(text) - suffix + context)
        return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")

    return _clip(middle(old), WIDTH - 10), _clip(middle(new), WIDTH - 10)


def _section(title: str, items: list[str], total: int, limit: int) -> list[str]:
    lines = [f"{title} ({total}):"] if total else [f"{title}: none"]
    lines += items
    if limit and total > limit:
        lines.append(f"  ... and {total - limit} more (--limit 0 shows all, --json gives all)")
    return lines


def diff_report(diff: ListDiff, *, limit: int = 20) -> str:
    def cut(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return items[:limit] if limit else items

    def label(version_id: int | None, when: Any) -> str:
        prefix = f"version {version_id} " if version_id is not None else ""
        return f"{prefix}({when:%Y-%m-%d})"

    lines = [
        f"{label(diff.old_version_id, diff.old_date_generated)} -> "
        f"{label(diff.new_version_id, diff.new_date_generated)}: {diff.summary()}",
        "",
    ]
    lines += _section("Added", [_entry("+", e) for e in cut(diff.added)], len(diff.added), limit)
    lines += _section(
        "Removed", [_entry("-", e) for e in cut(diff.removed)], len(diff.removed), limit
    )
    amended: list[str] = []
    for a in cut(diff.amended):
        amended.append(_clip(f"  ~ {a.reference_number:<9} {a.un_list_type:<11} {a.name}"))
        for change in a.changes:
            amended += change_lines(change)
    lines += _section("Amended", amended, len(diff.amended), limit)
    if diff.ignored_fields:
        lines += [
            "",
            "Not compared (present in only one of the two files): "
            + ", ".join(diff.ignored_fields),
        ]
    return "\n".join(lines)
