"""The gate a list must pass before it becomes the active version.

A bad download or a damaged file must never replace a good list: screening against it
clears listed parties silently. Each check has a name, and each refusal names the check
it failed and the flag that overrides it (``--force`` for the judgement calls; an empty
list has no override). The checks, in order:

``entries``
    the list has at least one entry (no override).
``names``
    every entry has a name: a list whose FIRST_NAME elements were emptied (281 entries
    without a name, KOMID unmatchable) was imported and activated before this check.
``references``
    every reference number is given once: a repeated one means a damaged list.
``date_generated``
    ``dateGenerated`` is at most :data:`MAX_FUTURE` ahead of now: ``2099-01-01`` was
    accepted, and every genuine list after it was then refused as older.
``older``
    not older than the active version.
``shrink``
    no more than :data:`MAX_LOSS` fewer entries than the active version in all.
``regime_shrink``
    no regime (UN list type) loses more than :data:`MAX_LOSS` of its entries and more
    than one entry, or vanishes: dropping a small regime whole hides inside the total.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sanctions_screen.exceptions import ListSanityError
from sanctions_screen.unlist.models import SanctionsList

MAX_LOSS = 0.10
"""A new version with more than this share of entries fewer (in all, or in one regime) is
refused."""
MAX_FUTURE = dt.timedelta(days=1)
"""How far ahead of this machine's clock ``dateGenerated`` may be (time zones, clock skew)."""
FORCE = "--force"

CHECKS = (
    "entries",
    "names",
    "references",
    "date_generated",
    "older",
    "shrink",
    "regime_shrink",
)


def refuse(label: str, check: str, detail: str, override: str | None = FORCE) -> ListSanityError:
    """The error for a failed check: ``LABEL: refused by the CHECK check: DETAIL. ...``."""
    how = (
        f"Check the list; to activate it anyway, use {override}"
        if override
        else "No flag overrides this check"
    )
    error = ListSanityError(f"{label}: refused by the {check} check: {detail}. {how}.")
    error.check, error.override = check, override
    return error


def check_list(
    new: SanctionsList,
    active_total: int | None = None,
    active_counts: dict[str, dict[str, int]] | None = None,
    active_generated: dt.datetime | None = None,
    *,
    active_id: int | None = None,
    force: bool = False,
    now: dt.datetime | None = None,
) -> None:
    """Raise :class:`ListSanityError` if ``new`` must not become active (see the module
    docstring); ``force`` overrides every check but ``entries``."""
    label = new.source or "the new list"
    if not new.entries:
        raise refuse(label, "entries", "the list has no entries", None)
    if force:
        return
    _own(new, label, now or dt.datetime.now(dt.UTC))
    if active_total is None:
        return
    version = f"the active version {active_id}" if active_id else "the active version"
    generated = _utc(new.date_generated)
    if active_generated is not None and generated < _utc(active_generated):
        raise refuse(
            label,
            "older",
            f"dateGenerated {generated:%Y-%m-%d %H:%M} UTC is older than {version} "
            f"({_utc(active_generated):%Y-%m-%d %H:%M} UTC)",
        )
    if len(new.entries) < active_total * (1 - MAX_LOSS):
        loss = 1 - len(new.entries) / active_total
        raise refuse(
            label,
            "shrink",
            f"{len(new.entries)} entries against {active_total} in {version} ({loss:.0%} "
            f"fewer, more than the {MAX_LOSS:.0%} allowed); the list may be partial",
        )
    _regimes(new, label, active_counts or {}, version)


def _own(new: SanctionsList, label: str, now: dt.datetime) -> None:
    """The checks that need no active version."""
    unnamed = [e.reference_number or "?" for e in new.entries if not (e.name or "").strip()]
    if unnamed:
        shown = ", ".join(unnamed[:5]) + (", ..." if len(unnamed) > 5 else "")
        raise refuse(
            label,
            "names",
            f"{len(unnamed)} of {len(new.entries)} entries have no name ({shown}); they could "
            "never be matched",
        )
    counts = Counter(e.reference_number for e in new.entries)
    repeated = sorted(ref or "(empty)" for ref, n in counts.items() if n > 1 or not ref)
    if repeated:
        shown = ", ".join(repeated[:5]) + (", ..." if len(repeated) > 5 else "")
        raise refuse(
            label,
            "references",
            f"{len(repeated)} reference numbers are missing or given more than once ({shown})",
        )
    generated = _utc(new.date_generated)
    if generated > now + MAX_FUTURE:
        raise refuse(
            label,
            "date_generated",
            f"dateGenerated {generated:%Y-%m-%d %H:%M} UTC is in the future (now "
            f"{now:%Y-%m-%d %H:%M} UTC; at most {MAX_FUTURE.days} day ahead is accepted)",
        )


def _regimes(
    new: SanctionsList, label: str, before: dict[str, dict[str, int]], version: str
) -> None:
    after = Counter(e.un_list_type for e in new.entries)
    shrunk: list[str] = []
    for regime, kinds in sorted(before.items()):
        had = sum(kinds.values())
        has = after.get(regime, 0)
        lost = had - has
        if had and (has == 0 or (lost > 1 and lost > had * MAX_LOSS)):
            shrunk.append(f"{regime} {had} -> {has}")
    if shrunk:
        raise refuse(
            label,
            "regime_shrink",
            f"regimes lost more than {MAX_LOSS:.0%} of their entries against {version}: "
            + ", ".join(shrunk),
        )


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


__all__ = ["CHECKS", "MAX_FUTURE", "MAX_LOSS", "check_list", "refuse"]
