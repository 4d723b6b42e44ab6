"""Record-screening rules as reviewable data: ASEAN membership, DPRK indicators, goods, flags.

The bundled rules live in ``lists/`` (asean.yaml, dprk_indicators.yaml, dprk_hs_codes.yaml,
flag_rules.yaml). A user rules file is one YAML mapping with any of the same top-level
sections (``asean_members``, ``dprk``, ``sanctioned_goods``, ``flags``); each section it
has replaces the bundled one, the others stay. A malformed file raises
:class:`~sanctions_screen.exceptions.RulesFileError` naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sanctions_screen.exceptions import RulesFileError
from sanctions_screen.records.yamlfile import LineDict, line_of, load_yaml
from sanctions_screen.resources import resource

BUNDLED_FILES = ("asean.yaml", "dprk_indicators.yaml", "dprk_hs_codes.yaml", "flag_rules.yaml")
FLAG_CODES = (
    "LISTED_PARTY",
    "DPRK_LISTED_PARTY",
    "DPRK_NEXUS",
    "ASEAN_DPRK_NEXUS",
    "DPRK_SANCTIONED_GOODS",
    "LISTED_COMPANY_VESSEL",
)
Severity = Literal["low", "medium", "high", "critical"]
Direction = Literal["from_dprk", "to_dprk", "both"]
_HS = re.compile(r"^\d{2}(?:[.\d]*\d)?$")
_HS_RANGE = re.compile(r"^(\d{2})\s*-\s*(\d{2})$")


class _Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AseanMember(_Rule):
    code: str = Field(pattern=r"^[A-Z]{2}$")
    name: str
    admitted: dt.date
    left: dt.date | None = None
    source: str = Field(min_length=1)

    def member_on(self, day: dt.date) -> bool:
        return self.admitted <= day and (self.left is None or day < self.left)


class CountryCode(_Rule):
    code: str = Field(pattern=r"^[A-Z]{2}$")
    source: str = Field(min_length=1)


class PhonePrefix(_Rule):
    prefix: str = Field(pattern=r"^(\+|00)\d{1,4}$")
    source: str = Field(min_length=1)


class DomainSuffix(_Rule):
    suffix: str = Field(pattern=r"^\.[a-z]{2,}$")
    source: str = Field(min_length=1)


class DprkIndicators(_Rule):
    country_codes: tuple[CountryCode, ...]
    phone_prefixes: tuple[PhonePrefix, ...] = ()
    domains: tuple[DomainSuffix, ...] = ()
    vessel_flags: tuple[CountryCode, ...] = ()


class GoodsMeasure(_Rule):
    """One UN sectoral measure: which goods, which way, and the resolution behind it."""

    id: str
    resolutions: tuple[str, ...] = Field(min_length=1)
    measure: str
    direction: Direction
    hs: tuple[str, ...] = ()
    """HS prefixes, digits only; chapter ranges such as ``50-63`` are expanded."""
    keywords: tuple[str, ...] = ()
    source: str = Field(min_length=1)

    @field_validator("hs", mode="before")
    @classmethod
    def _expand_hs(cls, value: Any) -> tuple[str, ...]:
        out: list[str] = []
        for raw in value or ():
            code = str(raw).strip()
            span = _HS_RANGE.match(code)
            if span:
                lo, hi = int(span.group(1)), int(span.group(2))
                if lo > hi:
                    raise ValueError(f"HS chapter range {code!r} runs backwards")
                out.extend(f"{c:02d}" for c in range(lo, hi + 1))
            elif _HS.match(code):
                out.append(code.replace(".", ""))
            else:
                raise ValueError(f"{code!r} is not an HS code (e.g. 03, 2701, 2710.19, 50-63)")
        return tuple(out)

    @property
    def citation(self) -> str:
        return "UNSCR " + ", ".join(self.resolutions)


class FlagRule(_Rule):
    severity: Severity
    status: Literal["review", "alert"]
    description: str
    source: str = Field(min_length=1)


class Rules(_Rule):
    """Everything the record flags need; build with :func:`load_rules`."""

    asean_members: tuple[AseanMember, ...] = Field(min_length=1)
    dprk: DprkIndicators
    sanctioned_goods: tuple[GoodsMeasure, ...]
    flags: dict[str, FlagRule]
    origin: tuple[str, ...] = ()
    """The files these rules came from."""

    @field_validator("flags")
    @classmethod
    def _every_flag(cls, value: dict[str, FlagRule]) -> dict[str, FlagRule]:
        unknown = sorted(set(value) - set(FLAG_CODES))
        missing = [code for code in FLAG_CODES if code not in value]
        if unknown or missing:
            raise ValueError(
                f"flags must be exactly {list(FLAG_CODES)}; unknown {unknown}, missing {missing}"
            )
        return value

    def asean_on(self, day: dt.date) -> dict[str, AseanMember]:
        """ASEAN members on ``day``, by alpha-2 code."""
        return {m.code: m for m in self.asean_members if m.member_on(day)}


def load_rules(path: str | Path | None = None) -> Rules:
    """The bundled rules, or the bundled rules with the sections of the file at ``path``.

    >>> load_rules().asean_on(dt.date(2025, 10, 1)).keys() >= {"SG", "VN"}
    True
    """
    if path is None:
        return default_rules()
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesFileError(f"{path}: cannot read rules file: {exc}") from exc
    return _build({**_bundled_sections(), **_sections(load_yaml(text, str(path)), str(path))})


@cache
def default_rules() -> Rules:
    return _build(_bundled_sections())


@cache
def _bundled_sections() -> dict[str, tuple[str, LineDict]]:
    sections: dict[str, tuple[str, LineDict]] = {}
    for name in BUNDLED_FILES:
        text = resource(name).read_text(encoding="utf-8")
        sections.update(_sections(load_yaml(text, name), name))
    return sections


_SECTIONS = ("asean_members", "dprk", "sanctioned_goods", "flags")


def _sections(data: LineDict, source: str) -> dict[str, tuple[str, LineDict]]:
    for key in data:
        if key not in _SECTIONS:
            line = data.key_lines.get(key, data.line)
            raise RulesFileError(
                f"{source}:{line}: unknown section {key!r}; expected one of {list(_SECTIONS)}"
            )
    return {key: (source, data) for key in data}


def _build(sections: dict[str, tuple[str, LineDict]]) -> Rules:
    payload = {key: data[key] for key, (_, data) in sections.items()}
    origin = tuple(dict.fromkeys(source for source, _ in sections.values()))
    try:
        return Rules.model_validate({**payload, "origin": origin})
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = error["loc"]
        where = [str(step) for step in loc]
        if loc and loc[0] in sections:
            source, data = sections[str(loc[0])]
            place = f"{source}:{line_of(data, loc)}"
        else:
            place = ", ".join(origin)
        raise RulesFileError(f"{place}: {'.'.join(where)}: {error['msg']}") from exc
