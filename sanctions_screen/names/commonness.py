"""How common a given or family name is: an exact match on a name made of a very common
given name and a very common family name (Mohamed Ali, John Smith) says little on its own.

The table is ``lists/common_names.yaml``, frozen from the names-dataset package by
tools/freeze_name_tables.py: each name's best rank in any country's ranking (1 the
commonest), words folded as the matcher folds them, listed under their rank.
"""

from __future__ import annotations

from functools import cache

from sanctions_screen.names._data import load_yaml

_UNRANKED = 1_000_000


@cache
def _ranks() -> tuple[dict[str, int], dict[str, int]]:
    data = load_yaml("common_names.yaml")
    return _by_word(data.get("given") or {}), _by_word(data.get("family") or {})


def _by_word(by_rank: dict[object, object]) -> dict[str, int]:
    """``{rank: "name name ..."}`` (the file's form: short to read) as ``{name: rank}``."""
    return {word: int(str(rank)) for rank, words in by_rank.items() for word in str(words).split()}


def given_rank(word: str) -> int:
    """The folded word's best rank as a given name in any country (large if unranked)."""
    return _ranks()[0].get(word, _UNRANKED)


def family_rank(word: str) -> int:
    """The folded word's best rank as a family name in any country (large if unranked)."""
    return _ranks()[1].get(word, _UNRANKED)


def common_pair(a: str, b: str, rank: int) -> bool:
    """Whether ``a`` and ``b``, in either order, are a given name and a family name both
    ranked ``rank`` or better in some country.

    >>> common_pair("muhammad", "ali", 20), common_pair("smith", "john", 20)
    (True, True)
    """
    return (given_rank(a) <= rank and family_rank(b) <= rank) or (
        given_rank(b) <= rank and family_rank(a) <= rank
    )


def is_common(word: str, rank: int) -> bool:
    """Whether the folded word ranks ``rank`` or better as a given or a family name in some
    country.

    >>> is_common("ahmad", 50), is_common("haqqani", 50)
    (True, False)
    """
    return given_rank(word) <= rank or family_rank(word) <= rank
