"""How old a list is, and whether it is too old to screen against without a warning.

The UN amends the consolidated list several times a month; screening against a copy
months old misses whoever was designated since. Age counts from the list's own
``dateGenerated`` to the moment of use (a run's start), in whole days. The limit is
``ScreeningConfig.max_list_age_days`` (``$SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS``), 30 days
by default; 0 turns the warning off.
"""

from __future__ import annotations

import datetime as dt
import os

from pydantic import BaseModel, ConfigDict

from sanctions_screen.exceptions import ConfigError

DEFAULT_MAX_LIST_AGE_DAYS = 30
ENV_VAR = "SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS"
UPDATE_HINT = (
    "update with `sanctions-screen lists update`, or `sanctions-screen lists import FILE` offline"
)


class ListAge(BaseModel):
    """A list's age at one moment, against the limit in force then."""

    model_config = ConfigDict(frozen=True)

    date_generated: dt.datetime
    as_of: dt.datetime
    days: int
    """Whole days from ``date_generated`` to ``as_of`` (never negative)."""
    max_days: int
    """The limit; 0 means none."""
    stale: bool
    """Older than ``max_days``."""

    def describe(self) -> str:
        """``generated 2026-05-08, 213 days old``."""
        day = "day" if self.days == 1 else "days"
        return f"generated {self.date_generated:%Y-%m-%d}, {self.days} {day} old"

    def warning(self, what: str = "the UN list in use") -> str | None:
        """What to tell the user when the list is stale, else None."""
        if not self.stale:
            return None
        limit = f"over the {self.max_days}-day limit"
        return f"{what} is stale: {self.describe()}, {limit}; {UPDATE_HINT}"


def max_list_age_days() -> int:
    """The limit from ``$SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS``, else 30 days.

    ``ScreeningConfig.max_list_age_days`` reads the same variable; this is for the layers
    below the matching engine, which do not know its configuration.
    """
    text = os.environ.get(ENV_VAR, "").strip()
    if not text:
        return DEFAULT_MAX_LIST_AGE_DAYS
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise ConfigError(f"{ENV_VAR}: expected a whole number of days (0: no limit), got {text!r}")
    return value


def list_age(
    date_generated: dt.datetime | str,
    *,
    max_days: int = DEFAULT_MAX_LIST_AGE_DAYS,
    now: dt.datetime | None = None,
) -> ListAge:
    """The age of a list generated at ``date_generated`` (a datetime or ISO text), at ``now``.

    >>> import datetime as dt
    >>> age = list_age("2026-05-08T23:00:06+00:00", now=dt.datetime(2026, 12, 7, tzinfo=dt.UTC))
    >>> age.days, age.stale
    (212, True)
    """
    generated = _aware(
        dt.datetime.fromisoformat(date_generated) if isinstance(date_generated, str)
        else date_generated
    )
    as_of = _aware(now) if now is not None else dt.datetime.now(dt.UTC)
    days = max(0, (as_of - generated) // dt.timedelta(days=1))
    return ListAge(
        date_generated=generated,
        as_of=as_of,
        days=days,
        max_days=max_days,
        stale=max_days > 0 and days > max_days,
    )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
