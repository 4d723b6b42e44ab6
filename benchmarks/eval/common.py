"""What both splits share: the lists, the benchmark's own folding, and the data shapes.

The folding here is the benchmark's own (anyascii + lower-case + split on non-letters): it only
decides what counts as "verbatim" and keeps listed names out of the negatives. Nothing here
imports ``sanctions_screen.names`` or reads the matcher's YAML tables.
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import TypeVar

from anyascii import anyascii

from sanctions_screen import ListEntry, SanctionsList, load_list

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
UN_DIR = ROOT / "lists" / "un"
NEWEST = "2026-05-08"
T = TypeVar("T")
KINDS = ("person", "organization", "vessel")

# Regimes as the reference prefix gives them; the country whose names a regime's parties
# mostly carry (used only to pick plausible replacement names for near-miss negatives).
REGIME_COUNTRY = {
    "QD": "SA", "TA": "AF", "KP": "KR", "IR": "IR", "IQ": "IQ", "CD": "FR", "LY": "LY",
    "SO": "SD", "CF": "FR", "SD": "SD", "YE": "YE", "HT": "FR", "GB": "PT", "SS": "SD",
}


@dataclass(frozen=True)
class Pair:
    """Two names and whether they are the same party (label 1) or not (0)."""

    a: str
    b: str
    kind: str
    label: int
    cls: str


@dataclass(frozen=True)
class Probe:
    """A name screened against the list; ``expected`` is the reference it must alert on, or
    None when it must alert on nothing."""

    text: str
    kind: str | None
    expected: str | None
    cls: str
    source: str = ""
    country: str | None = None
    """Screened with the name when given (a customer file's country field)."""


@cache
def snapshot(date: str) -> SanctionsList:
    return load_list(UN_DIR / f"consolidated-{date}.xml.xz")


def snapshot_dates() -> list[str]:
    return sorted(p.name[len("consolidated-") : -len(".xml.xz")] for p in UN_DIR.glob("*.xml.xz"))


def tokens(text: str) -> list[str]:
    ascii_text = anyascii(unicodedata.normalize("NFKC", text)).lower()
    return [t for t in re.split(r"[^a-z0-9]+", ascii_text) if t]


def key(text: str) -> str:
    """Order-free folded form: two names with the same key are the same string for us."""
    return " ".join(sorted(tokens(text)))


_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")


def is_latin(text: str) -> bool:
    return not _NON_LATIN.search(text)


def entry_kind(entry: ListEntry) -> str:
    return "person" if entry.kind == "individual" else "organization"


def rng(*parts: object) -> random.Random:
    """A generator seeded from the parts, so one item's draw does not depend on list order."""
    return random.Random(zlib.crc32("|".join(map(str, parts)).encode()))


def sample(items: list[T], n: int, seed: str) -> list[T]:
    if len(items) <= n:
        return items
    return rng(seed).sample(items, n)


@cache
def listed_keys() -> frozenset[str]:
    """Folded keys of every name on the screened list (a negative must not be one of them)."""
    return frozenset(key(n) for e in snapshot(NEWEST).entries for n, _ in e.names())


def _content(text: str) -> list[str]:
    return [t for t in tokens(text) if len(t) >= 3 and t not in _PARTICLES]


_PARTICLES = {"abu", "abd", "bin", "ibn", "bint", "ben", "the", "and", "of", "al", "el"}


def is_variant(a: str, b: str) -> bool:
    """Whether two Latin names of one party are spellings of one name, not two different names
    (a nom de guerre, a kunya, a former company name): at least half the words of the shorter
    name have a counterpart with the same first letter and a difflib ratio of 0.6 or more.

    This is the benchmark's own rule (stdlib difflib), so the positives are not chosen by the
    matcher under test."""
    ta, tb = _content(a), _content(b)
    if len(ta) > len(tb):
        ta, tb = tb, ta
    if not ta:
        return False
    hits = sum(
        any(x[0] == y[0] and SequenceMatcher(None, x, y).ratio() >= 0.6 for y in tb) for x in ta
    )
    return 2 * hits >= len(ta)


def latin_names(entry: ListEntry, *, weak: bool = True) -> list[str]:
    """The entry's Latin-script names (primary first), without duplicates by key."""
    seen: set[str] = set()
    out: list[str] = []
    for name, quality in entry.names():
        if not is_latin(name) or (not weak and quality is not None and quality.value == "Low"):
            continue
        k = key(name)
        if k and k not in seen:
            seen.add(k)
            out.append(name.strip())
    return out
