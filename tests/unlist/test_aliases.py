"""Alias strings with notes taken apart (issue 14, class 2), on the UN list's own strings."""

from __future__ import annotations

import pytest

from sanctions_screen.unlist.aliases import parse_alias, screening_names
from sanctions_screen.unlist.models import SanctionsList


@pytest.mark.parametrize(
    ("raw", "names", "relatives", "notes"),
    [
        ("Amir Khazmat (original script: Амир Хазмат)", ("Amir Khazmat", "Амир Хазмат"), (), ()),
        (
            "Abdul Haq son of M. Anwar Khan (عبد الحق ولد محمد انور خان)",
            ("Abdul Haq", "عبد الحق ولد محمد انور خان"),
            ("M. Anwar Khan",),
            (),
        ),
        ("Ezatullah Haqqani (previously listed as)", ("Ezatullah Haqqani",), (),
         ("previously listed as",)),
        ("Lom-ali Butayev (Butaev)", ("Lom-ali Butayev", "Lom-ali Butaev"), (), ()),
        (
            "حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)",
            ("حسن غول", "Hassan Ghul", "Hassan Gul", "Hasan Gul"),
            (),
            (),
        ),
        ("(Sheikh) Musa Hilal", ("Musa Hilal",), (), ("Sheikh",)),
        ("Encep Nurjaman (birth name)", ("Encep Nurjaman",), (), ("birth name",)),
    ],
)
def test_an_alias_is_taken_apart(
    raw: str, names: tuple[str, ...], relatives: tuple[str, ...], notes: tuple[str, ...]
) -> None:
    parts = parse_alias(raw)
    assert parts.raw == raw
    assert parts.names == names
    assert parts.relatives == relatives
    assert parts.notes == notes
    assert all(n in names for n in parts.scripts)


def test_a_plain_alias_is_itself() -> None:
    assert screening_names("Abu Bakr al-Baghdadi") == ["Abu Bakr al-Baghdadi"]


def test_every_noted_alias_of_the_newest_list_gives_names(newest_list: SanctionsList) -> None:
    """The raw alias stays on the entry; each one with a note gives at least one name, and
    no kin's name is screened as the party's."""
    noted = 0
    for entry in newest_list.individuals:
        for alias in entry.aliases:
            if "(" in alias.name or " son of " in alias.name:
                noted += 1
                parts = parse_alias(alias.name)
                assert parts.names, alias.name
                assert not set(parts.relatives) & set(parts.names)
    assert noted >= 20
