"""What the ``screen`` and ``search`` commands share: the list to screen against, the
exit-code epilog, and ending with an exit code."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from sanctions_screen.unlist.models import SanctionsList

EXIT_HELP = """\b
Exit codes: 0 no alert (clear or review only) and everything screened,
1 at least one alert, 2 usage error, 3 data error (unreadable input or list;
with --strict, a bad row; output not writable), 4 screened with problems:
no alert, but rows skipped or merged, names truncated or name-like columns
not screened (the summary counts each)."""


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


OFFLINE_HINT = (
    "No UN list is stored and it could not be downloaded ({reason}).\n"
    "Either import a copy of the list you already have:\n"
    "    sanctions-screen{db} lists import consolidated.xml\n"
    "or, once the network is back:\n"
    "    sanctions-screen{db} lists update\n"
    "or screen against a file directly: sanctions-screen screen --list consolidated.xml FILE"
)


def load_sanctions_list(list_file: Path | None, url: str | None, console: Console) -> SanctionsList:
    """``--list FILE``, else the active stored version, else a fetch (offline: what to run)."""
    from sanctions_screen.exceptions import DownloadError, NoActiveListError
    from sanctions_screen.store.load import load_list

    if list_file is not None:
        return load_list(list_file)
    try:
        return load_list(db_url=url)
    except NoActiveListError:
        console.print("No list version stored yet: downloading the UN consolidated list...")
    from sanctions_screen.store.db import open_store
    from sanctions_screen.store.update import update_list

    with open_store(url) as store:
        try:
            result = update_list(store)
        except DownloadError as exc:
            db = f" --db {url}" if url else ""
            raise NoActiveListError(OFFLINE_HINT.format(reason=exc, db=db)) from exc
        console.print(result.message, markup=False)
    return load_list(db_url=url)


def exit_with(code: int) -> None:
    """End the command with ``code``.

    ``SystemExit`` rather than ``ctx.exit``: ``main()`` runs click with
    ``standalone_mode=False``, where click *returns* an ``Exit`` code instead of raising it,
    so ``ctx.exit(1)`` would end as 0. ``SystemExit`` carries the code through ``main()``,
    the console script and click's test runner alike.
    """
    if code:
        raise SystemExit(code)
