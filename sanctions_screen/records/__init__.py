"""Trade and diplomatic records: parties screened against the list, ASEAN-DPRK risk flags."""

from __future__ import annotations

from sanctions_screen.records.flags import Flag
from sanctions_screen.records.models import DiplomaticRecord, Party, Record, TradeRecord
from sanctions_screen.records.rows import record_from_row
from sanctions_screen.records.rules import Rules, load_rules
from sanctions_screen.records.screening import (
    MatchSummary,
    PartyResult,
    RecordResult,
    screen_record,
    screen_records,
    summarize,
)

__all__ = [
    "DiplomaticRecord",
    "Flag",
    "MatchSummary",
    "Party",
    "PartyResult",
    "Record",
    "RecordResult",
    "Rules",
    "TradeRecord",
    "load_rules",
    "record_from_row",
    "screen_record",
    "screen_records",
    "summarize",
]
