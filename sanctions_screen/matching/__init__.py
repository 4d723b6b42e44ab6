"""The matching engine: index a sanctions list, screen names against it, explain each match."""

from __future__ import annotations

from sanctions_screen._docstrings import restore
from sanctions_screen.matching.compare import compare_names
from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.matching.result import (
    Adjustment,
    Explanation,
    Match,
    Query,
    ScreeningResult,
    TokenAlignment,
)
from sanctions_screen.matching.screener import Screener

# mypyc drops the docstrings of the classes it compiles: help(Screener) gets them back.
restore(Screener, ScreeningResult, Match, Query, Explanation, TokenAlignment, Adjustment)

__all__ = [
    "Adjustment",
    "Explanation",
    "Match",
    "Query",
    "ScreeningConfig",
    "ScreeningResult",
    "Screener",
    "TokenAlignment",
    "compare_names",
]
