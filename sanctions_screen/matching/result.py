"""What a screening returns: matches that explain themselves.

Light slotted dataclasses (built on the hot path, and compiled with the matcher: see
setup.py); ``to_dict()`` gives plain JSON-ready data. Each class says how to rebuild itself
(``__reduce__``): a compiled frozen dataclass could not otherwise be pickled or copied, and
results are sent between processes and kept by hosts.

Each writes out the ``__init__`` that dataclass would generate (frozen: one
``object.__setattr__`` per field): compiled, that is a native constructor with direct slot
writes, where the generated one runs interpreted, and two are built per query screened.
A field added and not set in ``__init__`` raises AttributeError when read or compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sanctions_screen.unlist.models import ListEntry

Status = Literal["clear", "review", "alert"]


@dataclass(frozen=True, slots=True, init=False)
class TokenAlignment:
    """One query token (or joined pair) aligned with one list token, and how alike they are."""

    query_token: str
    list_token: str
    similarity: float
    weight: float

    def __init__(self, query_token: str, list_token: str, similarity: float, weight: float) -> None:
        object.__setattr__(self, "query_token", query_token)
        object.__setattr__(self, "list_token", list_token)
        object.__setattr__(self, "similarity", similarity)
        object.__setattr__(self, "weight", weight)

    def __reduce__(self) -> tuple[type[TokenAlignment], tuple[Any, ...]]:
        return TokenAlignment, (self.query_token, self.list_token, self.similarity, self.weight)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query_token": self.query_token,
            "list_token": self.list_token,
            "similarity": round(self.similarity, 3),
            "weight": round(self.weight, 3),
        }


@dataclass(frozen=True, slots=True, init=False)
class Adjustment:
    """A piece of evidence beyond the name that moved the score."""

    evidence: str
    """``date_of_birth``, ``country``, ``identifier``, ``alias_quality``, ``kind``, ``name``."""
    reason: str
    delta: float

    def __init__(self, evidence: str, reason: str, delta: float) -> None:
        object.__setattr__(self, "evidence", evidence)
        object.__setattr__(self, "reason", reason)
        object.__setattr__(self, "delta", delta)

    def __reduce__(self) -> tuple[type[Adjustment], tuple[Any, ...]]:
        return Adjustment, (self.evidence, self.reason, self.delta)

    def to_dict(self) -> dict[str, Any]:
        return {"evidence": self.evidence, "reason": self.reason, "delta": round(self.delta, 3)}


@dataclass(frozen=True, slots=True, init=False)
class Explanation:
    """Why a match scored what it did."""

    name_score: float
    alignments: tuple[TokenAlignment, ...]
    unmatched_query: tuple[str, ...]
    unmatched_list: tuple[str, ...]
    adjustments: tuple[Adjustment, ...]
    summary: str

    def __init__(
        self,
        name_score: float,
        alignments: tuple[TokenAlignment, ...],
        unmatched_query: tuple[str, ...],
        unmatched_list: tuple[str, ...],
        adjustments: tuple[Adjustment, ...],
        summary: str,
    ) -> None:
        object.__setattr__(self, "name_score", name_score)
        object.__setattr__(self, "alignments", alignments)
        object.__setattr__(self, "unmatched_query", unmatched_query)
        object.__setattr__(self, "unmatched_list", unmatched_list)
        object.__setattr__(self, "adjustments", adjustments)
        object.__setattr__(self, "summary", summary)

    def __reduce__(self) -> tuple[type[Explanation], tuple[Any, ...]]:
        return Explanation, (
            self.name_score,
            self.alignments,
            self.unmatched_query,
            self.unmatched_list,
            self.adjustments,
            self.summary,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "name_score": round(self.name_score, 3),
            "alignments": [a.to_dict() for a in self.alignments],
            "unmatched_query": list(self.unmatched_query),
            "unmatched_list": list(self.unmatched_list),
            "adjustments": [a.to_dict() for a in self.adjustments],
        }


@dataclass(frozen=True, slots=True, init=False)
class Match:
    """One list entry the query may refer to."""

    reference_number: str
    score: float
    matched_name: str
    entry: ListEntry
    explanation: Explanation

    @property
    def list_type(self) -> str:
        return self.entry.un_list_type

    @property
    def regime(self) -> str:
        return self.entry.regime

    def __init__(
        self,
        reference_number: str,
        score: float,
        matched_name: str,
        entry: ListEntry,
        explanation: Explanation,
    ) -> None:
        object.__setattr__(self, "reference_number", reference_number)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "matched_name", matched_name)
        object.__setattr__(self, "entry", entry)
        object.__setattr__(self, "explanation", explanation)

    def __reduce__(self) -> tuple[type[Match], tuple[Any, ...]]:
        return Match, (
            self.reference_number,
            self.score,
            self.matched_name,
            self.entry,
            self.explanation,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference_number": self.reference_number,
            "score": round(self.score, 4),
            "matched_name": self.matched_name,
            "name": self.entry.name,
            "kind": self.entry.kind,
            "list_type": self.list_type,
            "regime": self.regime,
            "explanation": self.explanation.to_dict(),
        }


@dataclass(frozen=True, slots=True, init=False)
class Query:
    """What was screened."""

    name: str
    kind: str | None
    country: str | None
    birth_date: str | None
    identifiers: tuple[str, ...]

    def __init__(
        self,
        name: str,
        kind: str | None = None,
        country: str | None = None,
        birth_date: str | None = None,
        identifiers: tuple[str, ...] = (),
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "birth_date", birth_date)
        object.__setattr__(self, "identifiers", identifiers)

    def __reduce__(self) -> tuple[type[Query], tuple[Any, ...]]:
        return Query, (self.name, self.kind, self.country, self.birth_date, self.identifiers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "birth_date": self.birth_date,
            "identifiers": list(self.identifiers),
        }


@dataclass(frozen=True, slots=True, init=False)
class ScreeningResult:
    """Matches for one query, best first, and the verdict under the configured thresholds."""

    query: Query
    matches: tuple[Match, ...]
    threshold: float
    review_threshold: float
    warnings: tuple[str, ...]
    """What was not screened of the query (a name cut to the screener's bounds), or ()."""

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None

    @property
    def is_alert(self) -> bool:
        return self.status == "alert"

    @property
    def status(self) -> Status:
        best = self.best
        if best is None:
            return "clear"
        if best.score >= self.threshold:
            return "alert"
        if best.score >= self.review_threshold:
            return "review"
        return "clear"

    def __init__(
        self,
        query: Query,
        matches: tuple[Match, ...] = (),
        threshold: float = 0.8,
        review_threshold: float = 0.65,
        warnings: tuple[str, ...] = (),
    ) -> None:
        object.__setattr__(self, "query", query)
        object.__setattr__(self, "matches", matches)
        object.__setattr__(self, "threshold", threshold)
        object.__setattr__(self, "review_threshold", review_threshold)
        object.__setattr__(self, "warnings", warnings)

    def __reduce__(self) -> tuple[type[ScreeningResult], tuple[Any, ...]]:
        return ScreeningResult, (
            self.query,
            self.matches,
            self.threshold,
            self.review_threshold,
            self.warnings,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "query": self.query.to_dict(),
            "status": self.status,
            "is_alert": self.is_alert,
            "matches": [m.to_dict() for m in self.matches],
        }
        if self.warnings:  # rare: left out otherwise, as a clear row's detail is rebuilt
            out["warnings"] = list(self.warnings)
        return out
