"""Which list to screen against when the caller names none.

In order: the file the caller gives (``--list FILE``), else the store's active version,
else the snapshot bundled with the package. Nothing is downloaded here: an offline machine
screens at once, and is told how old its list is and how to update it
(``sanctions-screen lists update``, or ``lists import FILE`` offline).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sanctions_screen.unlist.bundled import bundled_list
from sanctions_screen.unlist.freshness import UPDATE_HINT, ListAge, list_age, max_list_age_days
from sanctions_screen.unlist.models import SanctionsList
from sanctions_screen.unlist.parser import parse_list_file

if TYPE_CHECKING:  # the database is not imported for a list given as a file
    from sanctions_screen.store.db import Store
    from sanctions_screen.store.versions import ListVersionInfo

ListOrigin = Literal["file", "store", "bundled"]


@dataclass(frozen=True)
class ResolvedList:
    """The list to screen against, where it came from, and how old it is."""

    sanctions_list: SanctionsList
    origin: ListOrigin
    """``file`` (given by the caller), ``store`` (the active version) or ``bundled``."""
    age: ListAge
    version: ListVersionInfo | None = None
    """The stored version, when ``origin`` is ``store``."""
    store_url: str | None = None

    @property
    def label(self) -> str:
        """``version 3``, ``file /data/consolidated.xml`` or ``the bundled snapshot``."""
        if self.origin == "store" and self.version is not None:
            return f"version {self.version.id}"
        if self.origin == "bundled":
            return "the bundled snapshot"
        return f"file {self.sanctions_list.source}"

    @property
    def warnings(self) -> list[str]:
        """What the user must be told before screening: the bundled fallback, a stale list."""
        if self.origin == "bundled":
            state = "stale: " if self.age.stale else ""
            limit = f", over the {self.age.max_days}-day limit" if self.age.stale else ""
            return [
                f"no list version is stored in {self.store_url}: screening against the UN "
                f"list bundled with sanctions-screen ({state}{self.age.describe()}{limit}); "
                f"{UPDATE_HINT}"
            ]
        stale = self.age.warning(f"the UN list in use ({self.label})")
        return [stale] if stale else []


def resolve_list(
    list_file: str | Path | None = None,
    *,
    db_url: str | None = None,
    store: Store | None = None,
    max_age_days: int | None = None,
    now: dt.datetime | None = None,
) -> ResolvedList:
    """``list_file``, else the active version of the store, else the bundled snapshot.

    ``store`` (an open store) or ``db_url`` (else ``$SANCTIONS_SCREEN_DB``, else the default
    database) says where to look for the active version. The age is taken at ``now``
    (default: the current time) against ``max_age_days`` (default:
    ``$SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS``, else 30).
    """
    if max_age_days is None:
        max_age_days = max_list_age_days()
    if list_file is not None:
        parsed = parse_list_file(Path(list_file))
        return ResolvedList(parsed, "file", _age(parsed, max_age_days, now))
    if store is None:
        from sanctions_screen.store.db import open_store

        with open_store(db_url) as opened:
            return resolve_list(store=opened, max_age_days=max_age_days, now=now)
    active = store.active_version()
    if active is not None:
        parsed = store.load_version(active.id)
        return ResolvedList(parsed, "store", _age(parsed, max_age_days, now), active, store.url)
    parsed = bundled_list()
    return ResolvedList(parsed, "bundled", _age(parsed, max_age_days, now), None, store.url)


def _age(parsed: SanctionsList, max_days: int, now: dt.datetime | None) -> ListAge:
    return list_age(parsed.date_generated, max_days=max_days, now=now)
