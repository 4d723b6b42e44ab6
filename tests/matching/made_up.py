"""Made-up individuals added to the real newest list, so that word weights stay the list's own."""

from __future__ import annotations

from collections.abc import Mapping

from sanctions_screen.matching import Screener
from sanctions_screen.unlist.models import ListEntry, SanctionsList


def individual(ref: str, name: str) -> ListEntry:
    """An Al-Qaida individual: the first word of ``name`` is the first name, the rest the
    second name."""
    first, _, rest = name.partition(" ")
    return ListEntry(
        kind="individual",
        reference_number=ref,
        un_list_type="Al-Qaida",
        first_name=first,
        second_name=rest,
    )


def screener_with(sanctions_list: SanctionsList, names: Mapping[str, str]) -> Screener:
    """A screener over ``sanctions_list`` and one :func:`individual` per reference and name."""
    added = tuple(individual(ref, name) for ref, name in names.items())
    return Screener(sanctions_list.model_copy(update={"entries": sanctions_list.entries + added}))
