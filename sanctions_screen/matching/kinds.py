"""What kind of party a query is: one vocabulary for the API, the CSV ``Type`` column and
every other caller.

>>> query_kind("Organisation")
'organization'
>>> query_kind(None) is None
True
"""

from __future__ import annotations

from collections.abc import Mapping

from sanctions_screen.exceptions import InvalidQueryError

QUERY_KINDS = frozenset({"person", "organization", "vessel"})
"""The matcher's kinds."""

KIND_WORDS: Mapping[str, str] = {
    **dict.fromkeys(
        ("person", "individual", "natural person", "private person", "human", "p", "i",
         "indiv"), "person"),
    **dict.fromkeys(
        ("organization", "organisation", "entity", "company", "corporation", "legal entity",
         "legal person", "business", "firm", "bank", "org", "o", "e"), "organization"),
    **dict.fromkeys(("vessel", "ship", "v"), "vessel"),
}  # fmt: skip
"""Words for a kind (folded: lower case, single spaces) -> the matcher's kinds."""


def normalise_kind(value: str | None) -> str | None:
    """``"Individual"`` -> ``"person"``, ``"Entity"`` -> ``"organization"``, else None."""
    if not value:
        return None
    return KIND_WORDS.get(" ".join(value.casefold().replace("_", " ").split()))


def query_kind(value: str | None) -> str | None:
    """The matcher's kind for a caller's ``kind``: any word :data:`KIND_WORDS` knows, or
    None. An unknown word is an :class:`~sanctions_screen.exceptions.InvalidQueryError`: a caller
    of the API said something, and it must not be dropped silently (a CSV cell that says
    nothing known is treated as unknown instead, see ``tabular``)."""
    if value is None or value == "":
        return None
    found = normalise_kind(value)
    if found is None:
        words = ", ".join(sorted(KIND_WORDS))
        raise InvalidQueryError(f"kind must be one of {words} or None, not {value!r}")
    return found


__all__ = ["KIND_WORDS", "QUERY_KINDS", "normalise_kind", "query_kind"]
