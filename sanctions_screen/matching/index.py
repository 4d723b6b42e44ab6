"""The candidate index: every list name folded, weighted and keyed once, at build time.

A query touches only the postings of its own tokens: exact tokens, joined token pairs
(``jongun`` ~ ``jong un``), phonetic keys and one-deletion neighbourhoods (SymSpell-style, so a
typo still meets its word). Token weights are inverse document frequencies over the list's
names, damped for generic words, particles and initials.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.names.analysis import GENERIC, INITIAL, PARTICLE, NameAnalysis, analyse
from sanctions_screen.unlist.models import AliasQuality, ListEntry

_PAREN = re.compile(r"\(([^()]*)\)")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "in", "on", "de"})

DERIVED_ACRONYM = "acronym"


@dataclass(frozen=True, slots=True)
class IndexedName:
    """One name of one entry, analysed and weighted."""

    entry_index: int
    name: str
    quality: AliasQuality | None
    analysis: NameAnalysis
    weights: tuple[float, ...]
    total_weight: float
    distinctive: bool
    derived: str = ""


def deletions(token: str) -> list[str]:
    """The token and every string one deletion away from it (tokens of 4+ letters)."""
    if len(token) < 4:
        return [token]
    return [token] + [token[:i] + token[i + 1 :] for i in range(len(token))]


def split_parenthetical(name: str) -> tuple[str, list[str]]:
    """Take acronyms in brackets out of a name: ``DAEDONG CREDIT BANK (DCB)`` -> DCB alias.

    Bracketed references to other entries (``(KPE.018)``) are dropped; other bracketed text
    (``LEADER (HONG KONG) INTERNATIONAL``) stays part of the name.
    """
    extra: list[str] = []

    def repl(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        if _ACRONYM.match(inner):
            extra.append(inner)
            return " "
        if re.fullmatch(r"[A-Za-z]{2,3}[ie]?\.\d{3}", inner):
            return " "
        return m.group(0)

    return _PAREN.sub(repl, name).strip(), extra


def acronym(analysis: NameAnalysis) -> str | None:
    """Initials of an organisation's words (``KOREA KWANGSON BANKING CORPORATION`` -> kkbc)."""
    words = [t for t in analysis.tokens if t not in _ACRONYM_SKIP]
    if len(words) < 3:
        return None
    return "".join(w[0] for w in words)


class NameIndex:
    """Postings from token keys to the names that contain them."""

    def __init__(self, entries: Iterable[ListEntry], config: ScreeningConfig) -> None:
        self.config = config
        self.names: list[IndexedName] = []
        raw = list(self._analyse_all(entries))
        df: dict[str, int] = {}
        for _, _, _, analysis, _ in raw:
            for token in set(analysis.tokens):
                df[token] = df.get(token, 0) + 1
        self.df = df
        self.size = max(len(raw), 1)
        self._log_n = math.log(self.size + 1)
        exact: dict[str, set[int]] = {}
        phonetic: dict[str, set[int]] = {}
        deleted: dict[str, set[int]] = {}
        for i, (entry_index, name, quality, analysis, derived) in enumerate(raw):
            weights = self.weights(analysis)
            self.names.append(
                IndexedName(
                    entry_index,
                    name,
                    quality,
                    analysis,
                    weights,
                    sum(weights),
                    analysis.distinctive,
                    derived,
                )
            )
            toks = analysis.tokens
            for t, p in zip(toks, analysis.phonetic, strict=True):
                exact.setdefault(t, set()).add(i)
                if len(p) >= 2:
                    phonetic.setdefault(p, set()).add(i)
                for d in deletions(t):
                    deleted.setdefault(d, set()).add(i)
            for a, b in zip(toks, toks[1:], strict=False):
                exact.setdefault(a + b, set()).add(i)
        self.exact = {k: frozenset(v) for k, v in exact.items()}
        self.phonetic = {k: frozenset(v) for k, v in phonetic.items()}
        self.deleted = {k: frozenset(v) for k, v in deleted.items()}
        self.token_hits = lru_cache(maxsize=50_000)(self._token_hits)

    @staticmethod
    def _analyse_all(
        entries: Iterable[ListEntry],
    ) -> Iterable[tuple[int, str, AliasQuality | None, NameAnalysis, str]]:
        for entry_index, entry in enumerate(entries):
            kind = "person" if entry.kind == "individual" else "organization"
            seen: set[tuple[str, ...]] = set()
            for name, quality in entry.names():
                main, acronyms = split_parenthetical(name)
                for text, derived in [(main, ""), *((a, "") for a in acronyms)]:
                    analysis = analyse(text, kind)
                    if analysis.tokens and analysis.tokens not in seen:
                        seen.add(analysis.tokens)
                        yield entry_index, text, quality, analysis, derived
                if kind == "organization":
                    short = acronym(analyse(main, kind))
                    if short and (short,) not in seen:
                        seen.add((short,))
                        yield entry_index, main, quality, analyse(short, kind), DERIVED_ACRONYM

    def idf(self, token: str) -> float:
        """Inverse document frequency on 0.25..1 (a word unknown to the list weighs 1)."""
        df = self.df.get(token, 0)
        return max(0.25, min(1.0, math.log((self.size + 1) / (df + 0.5)) / self._log_n))

    def weights(self, analysis: NameAnalysis) -> tuple[float, ...]:
        """Weight of each token of a name; an all-generic name weighs its words in full."""
        cfg = self.config
        plain = not analysis.distinctive
        out: list[float] = []
        for token, role in zip(analysis.tokens, analysis.roles, strict=True):
            if role == INITIAL:
                out.append(cfg.initial_weight)
                continue
            w = self.idf(token)
            if not plain and role == GENERIC:
                w *= cfg.generic_weight
            elif not plain and role == PARTICLE:
                w *= cfg.particle_weight
            out.append(w)
        return tuple(out)

    def _token_hits(self, token: str, phonetic: str) -> frozenset[int]:
        """Names sharing this token, its phonetic key or a one-edit neighbour."""
        parts: list[frozenset[int]] = []
        if (hit := self.exact.get(token)) is not None:
            parts.append(hit)
        if len(phonetic) >= 2 and len(token) >= 3 and (hit := self.phonetic.get(phonetic)):
            parts.append(hit)
        if len(token) >= 4:
            for d in deletions(token):
                if (hit := self.deleted.get(d)) is not None:
                    parts.append(hit)
        if not parts:
            return frozenset()
        if len(parts) == 1:
            return parts[0]
        return frozenset().union(*parts)
