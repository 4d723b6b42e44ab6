"""Load a list for screening: from a UN XML file, the active version in the store, or the
snapshot bundled with the package.

It lives in the store, not in ``unlist``: the parser only reads bytes and knows nothing
of the database; choosing between a file and a stored version is the store's job.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from sanctions_screen.store.resolve import resolve_list
from sanctions_screen.unlist.models import SanctionsList
from sanctions_screen.unlist.parser import parse_list_file


def load_list(source: str | Path | None = None, *, db_url: str | None = None) -> SanctionsList:
    """The list to screen against.

    ``source`` is a UN consolidated XML file (plain, ``.xz`` or ``.gz``); when it is None,
    the active version in the store (``db_url``, else the default database), else the
    snapshot bundled with the package. The fallback, and a list older than
    ``$SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS`` (default 30), give a :class:`UserWarning` saying
    how to update.

    >>> load_list("consolidated.xml").date_generated  # doctest: +SKIP
    """
    if source is not None:
        return parse_list_file(source)
    resolved = resolve_list(db_url=db_url)
    for message in resolved.warnings:
        warnings.warn(message, UserWarning, stacklevel=2)
    return resolved.sanctions_list
