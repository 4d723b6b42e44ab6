"""sanctions_screen: screen trade and diplomatic records against the UN Consolidated List."""

from __future__ import annotations

from sanctions_screen.exceptions import (
    BadRowError,
    ListError,
    ListParseError,
    ScreeningError,
)
from sanctions_screen.unlist.models import ListEntry, SanctionsList
from sanctions_screen.unlist.parser import parse_list, parse_list_file

__version__ = "0.1.0"

__all__ = [
    "BadRowError",
    "ListEntry",
    "ListError",
    "ListParseError",
    "SanctionsList",
    "ScreeningError",
    "__version__",
    "parse_list",
    "parse_list_file",
]
