"""What the ``screen`` and ``search`` commands share: the list to screen against (with
its warnings), the exit-code epilog, and ending with an exit code."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from sanctions_screen.store.resolve import ResolvedList

EXIT_HELP = """\b
Exit codes: 0 no alert (clear or review only) and everything screened,
1 at least one alert, 2 usage error, 3 data error (unreadable input or list;
with --strict, a bad row; output not writable; a full disk: output or database),
4 screened with problems: no alert, but rows skipped or merged, names truncated
or name-like columns not screened (the summary counts each), 130 interrupted
(Ctrl-C), 143 stopped (SIGTERM). An interrupted run keeps the rows screened so far
in the audit trail, marked interrupted; the output never holds a row the trail lacks."""

SEARCH_EXIT_HELP = """\b
Exit codes: 0 no alert (clear or review only), 1 the name alerts,
2 usage error, 3 data error (unreadable list)."""

LIST_HELP = (
    "{verb} this UN XML file (plain, .xz or .gz). Default: the active stored version, else "
    "the snapshot bundled with the package (with a warning)."
)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def load_sanctions_list(
    list_file: Path | None, url: str | None, console: Console, *, max_age_days: int | None = None
) -> ResolvedList:
    """``--list FILE``, else the store's active version, else the bundled snapshot.

    Prints on standard error, before any screening, what the user must know: that the
    bundled snapshot is in use, or that the list is stale, with how to update.
    """
    from sanctions_screen.store.resolve import resolve_list

    resolved = resolve_list(list_file, db_url=url, max_age_days=max_age_days)
    for warning in resolved.warnings:
        console.print(f"warning: {warning}", markup=False)
    return resolved


def exit_with(code: int) -> None:
    """End the command with ``code``.

    ``SystemExit`` rather than ``ctx.exit``: ``main()`` runs click with
    ``standalone_mode=False``, where click *returns* an ``Exit`` code instead of raising it,
    so ``ctx.exit(1)`` would end as 0. ``SystemExit`` carries the code through ``main()``,
    the console script and click's test runner alike.
    """
    if code:
        raise SystemExit(code)
