"""Load a list for screening: from a UN XML file, or the active version in the store."""

from __future__ import annotations

from pathlib import Path

from sanctions_screen.exceptions import ListParseError, ListTooLargeError
from sanctions_screen.unlist.models import SanctionsList
from sanctions_screen.unlist.parser import DEFAULT_MAX_BYTES, parse_list


def read_list_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a list file, refusing files over ``max_bytes`` before reading them."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ListTooLargeError(f"{path}: {size} bytes is over the {max_bytes}-byte cap")
        return path.read_bytes()
    except OSError as exc:
        raise ListParseError(f"{path}: cannot read file: {exc.strerror or exc}") from exc


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
