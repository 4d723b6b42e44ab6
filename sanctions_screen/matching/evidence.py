"""Evidence beyond the name: birth dates, countries and identifiers.

Each function returns the :class:`Adjustment` it makes (or ``None``), so every change to a
score carries its reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.matching.result import Adjustment
from sanctions_screen.matching.scoring import NameScore, score_names
from sanctions_screen.names.analysis import NORMAL, PLACE, NameAnalysis
from sanctions_screen.names.commonness import is_common
from sanctions_screen.places.countries import resolve_country as _resolve_country
from sanctions_screen.unlist.models import ListEntry

BirthDate = tuple[int, int | None, int | None]
"""(year, month, day); month and day are ``None`` when unknown."""

_ISO = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def parse_birth_date(value: str | dt.date | None) -> BirthDate | None:
    """Read ``1964``, ``1964-03-06``, ``06/03/1964`` (day first) or a date.

    >>> parse_birth_date("06/03/1964")
    (1964, 3, 6)
    """
    if value is None:
        return None
    if isinstance(value, dt.date):
        return (value.year, value.month, value.day)
    if m := _ISO.match(value):
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        return (int(m.group(1)), month, day)
    if m := _DMY.match(value):
        return (int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _YEAR.search(value):
        return (int(m.group(1)), None, None)
    return None


def dob_evidence(entry: ListEntry, dob: BirthDate, config: ScreeningConfig) -> Adjustment | None:
    """Raise the score for a listed birth date or year; lower it when every year is off."""
    year, month, day = dob
    ranges: list[tuple[int, int]] = []
    for statement in entry.dates_of_birth:
        if statement.date is not None and month is not None and day is not None:
            d = statement.date
            if (d.year, d.month, d.day) == (year, month, day):
                return Adjustment(
                    "date_of_birth", f"birth date {d.isoformat()} matches", config.dob_exact_bonus
                )
        if (years := statement.year_range()) is not None:
            ranges.append(years)
    if not ranges:
        return None
    if any(lo <= year <= hi for lo, hi in ranges):
        return Adjustment("date_of_birth", f"birth year {year} is listed", config.dob_year_bonus)
    slack = config.dob_tolerance_years
    if any(lo - slack <= year <= hi + slack for lo, hi in ranges):
        return None
    listed = ", ".join(str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in ranges)
    return Adjustment(
        "date_of_birth",
        f"birth year {year} differs from listed {listed}",
        -config.dob_mismatch_penalty,
    )


@lru_cache(maxsize=10_000)
def resolve_country(text: str) -> str | None:
    """ISO alpha-2 code for a country name, code or demonym (``DPRK`` -> ``KP``)."""
    if not text or not text.strip():
        return None
    return _resolve_country(text)


def entry_countries(entry: ListEntry) -> tuple[frozenset[str], frozenset[str]]:
    """(nationalities, every other country the entry names: addresses, birth places, documents)."""
    nationalities = {c for c in map(resolve_country, entry.nationalities) if c}
    others = [a.country for a in entry.addresses] + [p.country for p in entry.places_of_birth]
    others += [d.country for d in entry.documents]
    places = {c for c in (resolve_country(o) for o in others if o) if c}
    return frozenset(nationalities), frozenset(places | nationalities)


def country_evidence(
    countries: tuple[frozenset[str], frozenset[str]], country: str, config: ScreeningConfig
) -> Adjustment | None:
    """A small bonus when the country is the entry's; a small penalty when it is not."""
    nationalities, places = countries
    if not places:
        return None
    if country in places:
        where = "nationality" if country in nationalities else "a listed country"
        return Adjustment("country", f"country {country} is {where}", config.country_match_bonus)
    return Adjustment(
        "country",
        f"country {country} is not among listed {', '.join(sorted(places))}",
        -config.country_mismatch_penalty,
    )


_CONFLICTING = frozenset({"date_of_birth", "country"})


def common_name_evidence(
    score: float,
    adjustments: list[Adjustment],
    config: ScreeningConfig,
    what: str = "a very common name",
) -> Adjustment | None:
    """A very common name matched exactly (``NameFeatures.common_name``), or a generic
    low-quality alias (:func:`alias_weakness`), with nothing that corroborates it
    (``adjustments`` all but negative): brought down into the review band, or below it when
    the birth date or the nationality differs. ``score`` is the score with ``adjustments``
    applied; ``None`` when it is already that low. ``what`` names the match in the reason."""
    if any(a.delta > 0 for a in adjustments):
        return None
    band = config.threshold - config.review_threshold
    if any(a.delta < 0 and a.evidence in _CONFLICTING for a in adjustments):
        cap, why = config.review_threshold - 0.1 * band, "and the birth date or country differs"
    else:
        cap, why = config.threshold - 0.5 * band, "and nothing corroborates it"
    if score <= cap:
        return None
    return Adjustment("name", f"{what}, {why}", cap - score)


_WEAKNESS_FLOOR = 0.25
"""The weakness of a low-quality alias of distinctive words only: the UN's own doubt about
the alias, with nothing in its words to add to it."""


def alias_weakness(
    listed: NameAnalysis, weights: tuple[float, ...], common_rank: int
) -> tuple[float, bool]:
    """How little a low-quality alias identifies, from ``_WEAKNESS_FLOOR`` to 1, and whether
    it is generic (no distinctive word, two names at most): the floor plus the rest in
    proportion to the share of the alias's weight in words that identify little, particles,
    initials, generic words and names ranked ``common_rank`` or better
    (``names.commonness``).

    >>> from sanctions_screen.names.analysis import analyse
    >>> alias_weakness(analyse("Abu Ahmad", "person"), (0.3, 1.0), 50)
    (1.0, True)
    """
    total = weak = 0.0
    distinctive = names = 0
    for token, role, weight in zip(listed.tokens, listed.roles, weights, strict=True):
        total += weight
        names += role == NORMAL
        if role == NORMAL and not is_common(token, common_rank):
            distinctive += 1
        else:
            weak += weight
    share = weak / total if total > 0 else 1.0
    generic = distinctive == 0 and names <= _GENERIC_NAMES
    return _WEAKNESS_FLOOR + (1.0 - _WEAKNESS_FLOOR) * share, generic


_GENERIC_NAMES = 2
"""A low-quality alias of common names is generic up to this many names (Abu Ahmad, Abdul
Rahman): three or more common names in a row (Othman bin Ahmed bin Othman) are rarer
together, weak as each is."""


def weak_alias_evidence(
    listed: NameAnalysis, weights: tuple[float, ...], config: ScreeningConfig
) -> tuple[Adjustment, bool]:
    """The penalty for a match on a low-quality alias alone (``weak_alias_penalty`` times
    :func:`alias_weakness`), and whether the alias is generic (then the screener also asks
    for corroboration, as of a very common name: :func:`common_name_evidence`)."""
    weakness, generic = alias_weakness(listed, weights, config.weak_alias_common_rank)
    why = "of common words only" if generic else f"weakness {weakness:.2f}"
    return (
        Adjustment(
            "alias_quality",
            f"only a low-quality alias matched ({why})",
            -config.weak_alias_penalty * weakness,
        ),
        generic,
    )


def normalise_identifier(value: str) -> str:
    """Compare identifiers without spaces, punctuation or case (``PS 472330208`` -> ps472330208)."""
    value = value.split("(")[0].casefold()
    value = _NON_ALNUM.sub("", value)
    return value[3:] if value.startswith("imo") and value[3:].isdigit() else value


def identifier_keys(value: str) -> list[str]:
    """The keys an identifier is indexed under: itself and, with a letter prefix, its digits."""
    key = normalise_identifier(value)
    if len(key) < 4:
        return []
    keys = [key]
    digits = key.lstrip("abcdefghijklmnopqrstuvwxyz")
    if digits != key and len(digits) >= 6 and digits.isdigit():
        keys.append(digits)
    return keys


def entry_identifiers(entry: ListEntry) -> Iterable[tuple[str, str]]:
    """(key, description) for each passport, ID and IMO number of an entry."""
    for doc in entry.documents:
        if doc.number:
            for key in identifier_keys(doc.number):
                yield key, f"{doc.kind.value.replace('_', ' ')} number {doc.number.strip()}"
    for imo in entry.imo_numbers:
        yield normalise_identifier(imo), f"IMO number {imo}"


def name_country_evidence(
    query: NameAnalysis,
    query_weights: tuple[float, ...],
    name_score: NameScore,
    listed: NameAnalysis,
    list_weights: tuple[float, ...],
    places: frozenset[str],
    config: ScreeningConfig,
) -> Adjustment | None:
    """A country or demonym in the query name that the listed name lacks but the entry's
    countries hold (`Foreign Trade Bank of the DPRK` for FOREIGN TRADE BANK, a DPRK entity)
    corroborates rather than counts as an unmatched word: the name is scored again without
    it, and the difference is the adjustment."""
    roles, toks = query.roles, query.tokens
    unmatched = [i for i in name_score.unmatched_query if roles[i] == PLACE]
    if not unmatched or not places:
        return None
    agreeing: list[int] = []
    run: list[int] = []
    for i in [*unmatched, -2]:  # neighbouring place words are tried together (North Korea)
        if run and i != run[-1] + 1:
            if resolve_country(" ".join(toks[j] for j in run)) in places:
                agreeing += run
            else:
                agreeing += [j for j in run if resolve_country(toks[j]) in places]
            run = []
        run.append(i)
    if not agreeing:
        return None
    weights = tuple(0.0 if i in agreeing else w for i, w in enumerate(query_weights))
    delta = score_names(query, weights, listed, list_weights, config).score - name_score.score
    if delta <= 0.0:
        return None
    words = " ".join(toks[i] for i in agreeing)
    return Adjustment("country", f"{words!r} in the name is the entry's country", delta)
