"""The UN list snapshot shipped inside the package: the list of last resort.

The wheel carries the newest snapshot of ``lists/un/`` as package data, so a fresh install
screens at once, offline, before anything is imported into the store. It ages from the day
it is built: whoever uses it is told its date and how to update (see
:func:`sanctions_screen.store.resolve.resolve_list`).
"""

from __future__ import annotations

from importlib import resources

from sanctions_screen.resources import resource
from sanctions_screen.unlist.files import read_list_bytes
from sanctions_screen.unlist.models import SanctionsList
from sanctions_screen.unlist.parser import DEFAULT_MAX_BYTES, parse_list

SNAPSHOT_GLOB = "consolidated-*.xml.xz"


def bundled_list_name() -> str:
    """The file name of the bundled snapshot, e.g. ``consolidated-2026-05-08.xml.xz``.

    The newest by name (names carry the date): a source checkout has older snapshots beside
    it as test data, the wheel only the newest.
    """
    names = sorted(
        item.name
        for item in resource("un").iterdir()
        if item.is_file() and _matches(item.name)
    )
    if not names:  # a broken install: the package data was left out
        from sanctions_screen.exceptions import ListParseError

        raise ListParseError("the UN list bundled with sanctions-screen is missing")
    return names[-1]


def bundled_list() -> SanctionsList:
    """Parse the UN list snapshot bundled with the package.

    >>> bundled_list().date_generated.date()  # doctest: +SKIP
    datetime.date(2026, 5, 8)
    """
    name = bundled_list_name()
    with resources.as_file(resource("un").joinpath(name)) as path:
        data = read_list_bytes(path, max_bytes=DEFAULT_MAX_BYTES)
    return parse_list(data, source=f"bundled snapshot {name}")


def _matches(name: str) -> bool:
    prefix, suffix = SNAPSHOT_GLOB.split("*")
    return name.startswith(prefix) and name.endswith(suffix)
