"""Load a list for screening: from a UN XML file, or the active version in the store.

It lives in the store, not in ``unlist``: the parser only reads bytes and knows nothing
of the database; choosing between a file and a stored version is the store's job.
"""

from __future__ import annotations

from pathlib import Path

from sanctions_screen.store.db import open_store
from sanctions_screen.unlist.models import SanctionsList
from sanctions_screen.unlist.parser import parse_list_file


def load_list(source: str | Path | None = None, *, db_url: str | None = None) -> SanctionsList:
    """The list to screen against.

    ``source`` is a UN consolidated XML file (plain, ``.xz`` or ``.gz``); when it is None
    the active version in the store (``db_url``, else the default database) is loaded, and
    :class:`~sanctions_screen.exceptions.NoActiveListError` says what to run if there is none.

    >>> load_list("consolidated.xml").date_generated  # doctest: +SKIP
    """
    if source is not None:
        return parse_list_file(source)
    with open_store(db_url) as store:
        return store.load_version()
