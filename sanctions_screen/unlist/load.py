"""Load a list for screening: from a UN XML file, or the active version in the store."""

from __future__ import annotations

from pathlib import Path

from sanctions_screen.unlist.files import read_list_bytes as _read
from sanctions_screen.unlist.models import SanctionsList
from sanctions_screen.unlist.parser import DEFAULT_MAX_BYTES, parse_list


def read_list_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The uncompressed bytes of a list file (plain XML, ``.xz`` or ``.gz``), capped."""
    return _read(path, max_bytes=max_bytes)


def load_list(source: str | Path | None = None, *, db_url: str | None = None) -> SanctionsList:
    """The list to screen against.

    ``source`` is a UN consolidated XML file; when it is None the active version in the
    store (``db_url``, else the default database) is loaded, and
    :class:`~sanctions_screen.exceptions.NoActiveListError` says what to run if there is none.

    >>> load_list("consolidated.xml").date_generated  # doctest: +SKIP
    """
    if source is not None:
        path = Path(source)
        return parse_list(read_list_bytes(path), source=str(path))
    from sanctions_screen.store.db import open_store

    with open_store(db_url) as store:
        return store.load_version()
