"""A list's age and staleness, on a fixed clock."""

from __future__ import annotations

import datetime as dt

import pytest

from sanctions_screen.exceptions import ConfigError
from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.unlist.freshness import (
    DEFAULT_MAX_LIST_AGE_DAYS,
    list_age,
    max_list_age_days,
)

GENERATED = dt.datetime(2026, 5, 8, 23, 0, 6, tzinfo=dt.UTC)


def test_age_counts_whole_days_from_date_generated() -> None:
    age = list_age(GENERATED, now=GENERATED + dt.timedelta(days=30, hours=23))
    assert (age.days, age.max_days, age.stale) == (30, 30, False)
    later = list_age(GENERATED, now=GENERATED + dt.timedelta(days=31))
    assert (later.days, later.stale) == (31, True)
    assert later.describe() == "generated 2026-05-08, 31 days old"


def test_stale_warning_names_the_date_the_limit_and_how_to_update() -> None:
    age = list_age("2026-05-08T23:00:06.922+00:00", now=dt.datetime(2026, 12, 7, tzinfo=dt.UTC))
    assert age.days == 212
    assert age.warning("the UN list in use (version 3)") == (
        "the UN list in use (version 3) is stale: generated 2026-05-08, 212 days old, over the "
        "30-day limit; update with `sanctions-screen lists update`, or `sanctions-screen lists "
        "import FILE` offline"
    )
    assert list_age(GENERATED, now=GENERATED + dt.timedelta(days=2)).warning() is None


def test_zero_turns_the_limit_off_and_the_future_is_age_zero() -> None:
    assert not list_age(GENERATED, max_days=0, now=GENERATED + dt.timedelta(days=3650)).stale
    assert list_age(GENERATED, now=GENERATED - dt.timedelta(days=1)).days == 0


def test_naive_datetimes_are_utc() -> None:
    age = list_age(GENERATED.replace(tzinfo=None), now=dt.datetime(2026, 5, 10))
    assert age.days == 1


def test_limit_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS", raising=False)
    assert max_list_age_days() == DEFAULT_MAX_LIST_AGE_DAYS == 30
    assert ScreeningConfig().max_list_age_days == 30
    monkeypatch.setenv("SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS", "90")
    assert max_list_age_days() == 90
    assert ScreeningConfig().max_list_age_days == 90
    for bad in ("-1", "a month"):
        monkeypatch.setenv("SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS", bad)
        with pytest.raises(ConfigError, match="SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS"):
            max_list_age_days()
