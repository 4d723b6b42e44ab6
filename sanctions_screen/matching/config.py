"""Screening configuration: thresholds, evidence weights and limits, all on the 0..1 score scale.

Pass a :class:`ScreeningConfig` to :class:`~sanctions_screen.matching.screener.Screener`;
environment variables (``SANCTIONS_SCREEN_THRESHOLD=0.85``...) only supply the defaults.

A misspelt setting must not pass unnoticed, since the default it leaves in force decides what
alerts: an unknown keyword (``ScreeningConfig(thresold=0.5)``) or a bad value raises
:class:`~sanctions_screen.exceptions.ConfigError`, and an unknown ``SANCTIONS_SCREEN_*``
environment variable is warned about, with the closest known name.
"""

from __future__ import annotations

import difflib
import os
import warnings
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from sanctions_screen.exceptions import ConfigError
from sanctions_screen.matching import combiner_model
from sanctions_screen.unlist.freshness import DEFAULT_MAX_LIST_AGE_DAYS

ENV_PREFIX = "SANCTIONS_SCREEN_"
OTHER_VARIABLES = frozenset({
    "DB",  # the store's URL (store/db.py, the CLI's --db)
    "NO_RECORD",  # the CLI's --no-record
    "PURE",  # setup.py: build without mypyc
    "KERNEL",  # _kernel.py: run the pure-Python modules of a compiled build
    "REQUIRE_COMPILED", "REQUIRE_PG", "REQUIRE_CHROMIUM",  # tests: fail rather than skip
    "TEST_PG_URL",  # tests: the PostgreSQL server to use
})  # fmt: skip
"""``SANCTIONS_SCREEN_*`` variables read elsewhere than this config: not warned about."""
OTHER_PREFIXES = ("SERVICE_",)
"""``SANCTIONS_SCREEN_SERVICE_*``: the HTTP service's settings (service/settings.py)."""
_warned: set[str] = set()
REVIEW_THRESHOLD = round(0.8 * combiner_model.THRESHOLD, 2)
"""The learned score's default review threshold: four fifths of its alert threshold, as the
hand score's 0.65 is of 0.81."""


class ScreeningConfig(BaseSettings):
    """Thresholds, evidence weights and limits of the matching engine, and how old a list
    may be before screening against it warns."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", frozen=True)

    def __init__(self, **values: Any) -> None:
        """Keywords override the environment; any problem is a :class:`ConfigError`."""
        warn_unknown_variables()
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise ConfigError(f"invalid screening configuration: {_problems(exc)}") from exc

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> ScreeningConfig:
        """As pydantic's, but a bad value is a :class:`ConfigError`, as from ``__init__``."""
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as exc:
            raise ConfigError(f"invalid screening configuration: {_problems(exc)}") from exc

    @classmethod
    def model_validate_json(
        cls, json_data: str | bytes | bytearray, **kwargs: Any
    ) -> ScreeningConfig:
        """As pydantic's, but a bad value is a :class:`ConfigError`, as from ``__init__``."""
        try:
            return super().model_validate_json(json_data, **kwargs)
        except ValidationError as exc:
            raise ConfigError(f"invalid screening configuration: {_problems(exc)}") from exc

    score_model: Literal["hand", "learned"] = Field(
        "hand",
        description="How a name alignment becomes a score: 'hand', the weighted share of both "
        "names aligned (matching/combiner.py's hand_score); 'learned', the calibrated "
        "probability of the logistic model trained on the development split "
        "(benchmarks/eval/train_combiner.py). Each has its own default thresholds.",
    )
    threshold: float = Field(
        0.81,
        ge=0.0,
        le=1.0,
        description="Alert threshold: a match scoring at least this alerts. Default 0.81 for "
        "the hand score; for the learned score, the threshold chosen on the development split "
        "by the rule of benchmarks/eval/README.md, one for every kind of party.",
    )
    review_threshold: float = Field(
        0.65,
        ge=0.0,
        le=1.0,
        description="Review threshold: matches from here up to the alert threshold need review; "
        "lower scores are not reported. Default 0.65 for the hand score; for the learned score "
        "four fifths of its threshold.",
    )
    max_matches: int = Field(10, ge=1, description="At most this many matches per query.")
    max_candidates: int = Field(
        24, ge=1, description="At most this many list names are fully scored per query."
    )
    candidate_floor: float = Field(
        0.65,
        ge=0.0,
        le=1.0,
        description="The index estimates, before aligning, the share of both names a list name "
        "would align (the hand score of matching/combiner.py): names estimated below this, "
        "less estimate_margin (and less what a birth date and country could add), are never "
        "scored.",
    )
    estimate_margin: float = Field(
        0.1,
        ge=0.0,
        le=1.0,
        description="The index's score estimate is optimistic for exact words but not for "
        "joined or fuzzy ones: names estimated up to this much below the reporting floor "
        "are still scored (higher: more recall on mangled names, slower).",
    )
    min_coverage: float = Field(
        0.34,
        ge=0.0,
        le=1.0,
        description="Share of the query's token weight a list name must hit in the index "
        "before it is scored at all.",
    )
    generic_weight: float = Field(
        0.2, ge=0.0, le=1.0, description="Weight of a generic business word relative to others."
    )
    particle_weight: float = Field(
        0.3, ge=0.0, le=1.0, description="Weight of a name particle (al, bin, abu, van...)."
    )
    place_weight: float = Field(
        0.5,
        ge=0.0,
        le=1.0,
        description="Weight of a country or region word in a name (Korea, China, Asia...).",
    )
    initial_weight: float = Field(
        0.4, ge=0.0, le=1.0, description="Weight of a one-letter initial."
    )
    unmatched_list_factor: float = Field(
        0.5,
        ge=0.0,
        le=1.0,
        description="How much a list token missing from the query counts against the score "
        "(names of 3+ tokens; missing middle names are common). Shorter and Korean names count "
        "missing tokens in full.",
    )
    conflict_weight: float = Field(
        1.0,
        ge=0.0,
        description="How much a conflict counts against the score, times the weight of the "
        "lighter side: an ordinary word unmatched on each side (AL-HASSANI vs AL-JUBURI) "
        "says another person, where a word missing from one side only may be a dropped "
        "middle name.",
    )
    dob_exact_bonus: float = Field(
        0.08, ge=0.0, le=1.0, description="Added when the birth date matches a listed date."
    )
    dob_year_bonus: float = Field(
        0.04, ge=0.0, le=1.0, description="Added when the birth year falls in a listed range."
    )
    dob_mismatch_penalty: float = Field(
        0.15,
        ge=0.0,
        le=1.0,
        description="Subtracted when the birth year is outside every listed range.",
    )
    dob_tolerance_years: int = Field(
        1, ge=0, description="Years of slack around listed birth years before a mismatch."
    )
    country_match_bonus: float = Field(
        0.03, ge=0.0, le=1.0, description="Added when the country matches a listed country."
    )
    country_mismatch_penalty: float = Field(
        0.05,
        ge=0.0,
        le=1.0,
        description="Subtracted when the entry lists countries and none matches.",
    )
    identifier_score: float = Field(
        0.98,
        ge=0.0,
        le=1.0,
        description="Score floor when a passport, ID or IMO number matches: a strong "
        "identifier stands on its own.",
    )
    weak_alias_penalty: float = Field(
        0.12,
        ge=0.0,
        le=1.0,
        description="Subtracted, times the alias's weakness, when only a low-quality alias "
        "matched and no birth date, identifier or nationality corroborates it. The weakness "
        "runs from a quarter, for an alias of distinctive words only, to the whole, by the "
        "share of its words that identify little (particles, initials, common names: "
        "weak_alias_common_rank). An alias with no distinctive word at all (Abu Ahmad) is "
        "generic: matched alone it needs review, as a very common name does.",
    )
    weak_alias_common_rank: int = Field(
        50,
        ge=0,
        description="A word of a low-quality alias identifies little when it ranks this high "
        "or higher as a given or a family name in some country (lists/common_names.yaml, which "
        "goes down to 50; 0: no word is common).",
    )
    acronym_score: float = Field(
        0.85,
        ge=0.0,
        le=1.0,
        description="Name score when a capitalised single word abbreviates the other name "
        "(KOMID for Korea Mining Development Trading Corporation).",
    )
    acronym_penalty: float = Field(
        0.10, ge=0.0, le=1.0, description="Subtracted when only a derived acronym matched."
    )
    kind_mismatch_penalty: float = Field(
        0.2,
        ge=0.0,
        le=1.0,
        description="Subtracted when the query kind (person/organization) differs from the entry.",
    )
    generic_mismatch_factor: float = Field(
        5.0,
        ge=1.0,
        description="Weight multiplier of unmatched generic and place words when both names "
        "have one "
        "(Siam Pacific Marine vs Siam Pacific Steel: different businesses).",
    )
    korean_family_mismatch_factor: float = Field(
        0.75,
        ge=0.0,
        le=1.0,
        description="Korean names: score multiplier when the family names differ (Pak vs "
        "Paek) or the given names have a different number of syllables.",
    )
    korean_slip_similarity: float = Field(
        0.6,
        ge=0.0,
        le=1.0,
        description="Korean names: how alike two given-name syllables one vowel letter apart "
        "are (Pong/Pyong, Chol/Chul, Kyong/Kyung, Song/Sung): a slip of the pen or of the "
        "romanisation, lower than a match so that a birth date can decide. Other different "
        "syllables count 0 (another person).",
    )
    qualifier_conflict_factor: float = Field(
        0.6,
        ge=0.0,
        le=1.0,
        description="Score multiplier when a typed qualifier of a company name differs: a "
        "country or place (Star Shipping (Thailand) vs (Vietnam)) or a series number (Fund II "
        "vs Fund III, Second vs Third): another party of the same group.",
    )
    initials_order_factor: float = Field(
        0.6,
        ge=0.0,
        le=1.0,
        description="Score multiplier when initials align in another order (A.B.C. Company "
        "vs C.B.A. Company): other letters.",
    )
    initials_only_cap: float = Field(
        0.6,
        ge=0.0,
        le=1.0,
        description="Score cap when one name is only the initials of a name of two or three "
        "ordinary words (K.L. vs Kamal Lutfi): a person's initials fit too many people.",
    )
    truncated_share: float = Field(
        0.5,
        ge=0.0,
        le=1.0,
        description="In a two-word query, a last word that begins a list word (a name cut "
        "by a field width) counts in full when it keeps this share of the list word or four "
        "letters; less, in proportion (Haddad Mar is not Haddad Marouane).",
    )
    field_widths: tuple[int, ...] = Field(
        (20, 35),
        description="Widths at which forms and legacy systems cut a name (35: a SWIFT name "
        "line; 20 and 35: issue 14). A query this long, or one less (the space at the cut "
        "stripped), whose words are the list name's first words was cut there: the list "
        "words after them were never written and say nothing against the match.",
    )
    patronymic_swap_factor: float = Field(
        0.6,
        ge=0.0,
        le=1.0,
        description="Score multiplier when the person's own name on one side is the father's "
        "on the other (Hamad bin Khalifa vs Khalifa bin Hamad): father and son.",
    )
    kind_conflict_factor: float = Field(
        0.6,
        ge=0.0,
        le=1.0,
        description="Score multiplier when one name carries a legal form and the other a "
        "personal title (Ahmed Inc vs Ahmad Haji): a company and a person.",
    )
    common_name_rank: int = Field(
        20,
        ge=0,
        description="A two-word name is very common when its given name and its family name "
        "both rank this high or higher in some country (lists/common_names.yaml, from "
        "names-dataset): matched exactly with nothing corroborating, it needs review, and "
        "with a birth date or nationality that differs it is clear (0: never).",
    )
    pooled_word_rank: int = Field(
        50,
        ge=0,
        description="A query word that one of an entry's names leaves unmatched is looked "
        "for in the entry's other names (a given name from the primary name, a family name "
        "from an a.k.a.), unless that word ranks this high or higher as a given or a family "
        "name in some country (lists/common_names.yaml; 0: any word).",
    )
    inner_word_factor: float = Field(
        0.5,
        ge=0.0,
        le=1.0,
        description="How much a person's name word left over between two aligned words "
        "counts against the match, when the other name has no word left over (a middle name "
        "or a patronymic written on one side only: Hamada Ould Mohamed Lemine Ould Mohamed "
        "el Khairy, HAMADA OULD MOHAMED EL KHAIRY), as a share of what a word left over "
        "elsewhere counts.",
    )
    pooled_share: float = Field(
        0.6,
        ge=0.0,
        le=1.0,
        description="A person's name that leaves query words unmatched is pooled with the "
        "entry's other names when it scores this share of the reporting floor or more: a "
        "query of two words, one from each of two aliases, scores about half on either.",
    )
    pooled_likeness: float = Field(
        0.8,
        ge=0.0,
        le=1.0,
        description="How alike (token similarity) a word of another of the entry's names must "
        "be to an unmatched query word to be pooled in for it.",
    )
    generic_only_cap: float = Field(
        0.3,
        ge=0.0,
        le=1.0,
        description="Score cap when only generic words matched (never an alert).",
    )

    max_list_age_days: int = Field(
        DEFAULT_MAX_LIST_AGE_DAYS,
        ge=0,
        description="Warn when the list screened against was generated more than this many "
        "days before the run (0: never). Recorded with each run.",
    )

    @model_validator(mode="before")
    @classmethod
    def _learned_defaults(cls, values: Any) -> Any:
        """The learned score's own default thresholds, where none is given."""
        if isinstance(values, dict) and values.get("score_model") == "learned":
            values.setdefault("threshold", combiner_model.THRESHOLD)
            values.setdefault("review_threshold", REVIEW_THRESHOLD)
        return values

    @model_validator(mode="after")
    def _ordered(self) -> ScreeningConfig:
        if self.review_threshold > self.threshold:
            raise ValueError("review_threshold must not exceed threshold")
        return self


def default_config() -> ScreeningConfig:
    """The configuration from defaults and ``SANCTIONS_SCREEN_*`` environment variables.

    A bad value raises :class:`~sanctions_screen.exceptions.ConfigError` naming the setting
    and its variable, rather than pydantic's error, so the CLI reports it as a data error in
    one line.
    """
    return ScreeningConfig()


def _problems(exc: ValidationError) -> str:
    out = []
    for error in exc.errors():
        name = ".".join(map(str, error["loc"]))
        if error["type"] == "extra_forbidden":
            close = _closest(name)
            hint = f" (did you mean {close!r}?)" if close else ""
            out.append(f"unknown setting {name!r}{hint}")
        elif name:
            out.append(f"{name} ({ENV_PREFIX}{name.upper()}): {error['msg']}")
        else:
            out.append(str(error["msg"]))
    return "; ".join(out)


def _closest(name: str) -> str:
    close = difflib.get_close_matches(name.lower(), list(ScreeningConfig.model_fields), n=1)
    return close[0] if close else ""


def warn_unknown_variables() -> list[str]:
    """Warn (once per process and name) about each ``SANCTIONS_SCREEN_*`` environment
    variable that is neither a setting nor one of :data:`OTHER_VARIABLES`; returns them."""
    settings = {name.upper() for name in ScreeningConfig.model_fields}
    unknown = [
        var
        for var in os.environ
        if var.upper().startswith(ENV_PREFIX)
        and var[len(ENV_PREFIX) :].upper() not in settings | OTHER_VARIABLES
        and not var[len(ENV_PREFIX) :].upper().startswith(OTHER_PREFIXES)
    ]
    for var in unknown:
        if var not in _warned:
            _warned.add(var)
            close = _closest(var[len(ENV_PREFIX) :])
            hint = f" (did you mean {ENV_PREFIX}{close.upper()}?)" if close else ""
            warnings.warn(f"unknown environment variable {var} ignored{hint}", stacklevel=3)
    return unknown
