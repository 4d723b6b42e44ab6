"""Library misuse (issue 13, item 10): every bad argument raises a ScreeningError subclass
with a message saying what was wrong; nothing comes back "clear" unscreened."""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

import pytest

from sanctions_screen import (
    ConfigError,
    InputError,
    InvalidQueryError,
    Screener,
    ScreeningConfig,
    ScreeningError,
)
from sanctions_screen.matching.config import OTHER_VARIABLES, default_config
from sanctions_screen.unlist.models import SanctionsList

BAD_NAMES: list[tuple[Any, str]] = [
    (None, "empty name"),
    (123, "must be a string, not int"),
    (12.5, "must be a string, not float"),
    (b"JO YONG WON", "must be a string, not bytes"),
    (["JO YONG WON"], "must be a string, not list"),
    ({"name": "JO YONG WON"}, "must be a string, not dict"),
    ("", "empty name"),
    ("   ", "empty name"),
    ("\t\n", "empty name"),
    ("!!", "no letters or digits"),
    ("-", "no letters or digits"),
    ("\u200b\u200b", "no letters or digits"),
    ("\u202e\u202c", "no letters or digits"),
    ("😀", "no letters or digits"),
    ("😀!!", "no letters or digits"),
    ("\u0301\u0301\u0301", "no letters or digits"),
]


@pytest.mark.parametrize(("name", "message"), BAD_NAMES, ids=repr)
def test_a_bad_name_is_refused_by_screen(screener: Screener, name: Any, message: str) -> None:
    with pytest.raises(InvalidQueryError, match=message) as caught:
        screener.screen(name)
    # the old `except ValueError` still catches it, and so does the package's root error
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, InputError)
    assert isinstance(caught.value, ScreeningError)


@pytest.mark.parametrize(("name", "message"), BAD_NAMES, ids=repr)
def test_a_bad_name_is_refused_by_screen_many(screener: Screener, name: Any, message: str) -> None:
    with pytest.raises(InvalidQueryError, match=message):
        screener.screen_many(["John Smith", {"name": name}])


BAD_ARGUMENTS: list[tuple[dict[str, Any], str]] = [
    ({"kind": "spaceship"}, "kind"),
    ({"kind": 1}, "kind must be a string"),
    ({"country": 7}, "country must be a string"),
    ({"birth_date": 1957}, "birth_date must be a date"),
    ({"identifiers": 108210124}, "identifiers must be a string or a list"),
    ({"identifiers": {"passport": "1"}}, "identifiers must be a string or a list"),
]


@pytest.mark.parametrize(("keywords", "message"), BAD_ARGUMENTS, ids=repr)
def test_a_bad_keyword_is_refused(
    screener: Screener, keywords: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidQueryError, match=message):
        screener.screen("JO YONG WON", **keywords)


def test_screen_many_refuses_a_bare_string(screener: Screener) -> None:
    # it used to screen 11 single characters
    with pytest.raises(InvalidQueryError, match="not a bare str"):
        screener.screen_many("JO YONG WON")
    with pytest.raises(InvalidQueryError, match="not a bare bytes"):
        screener.screen_many(b"JO YONG WON")  # type: ignore[arg-type]
    with pytest.raises(InvalidQueryError, match="iterable"):
        screener.screen_many(42)  # type: ignore[arg-type]
    with pytest.raises(InvalidQueryError, match="name or a mapping, not int"):
        screener.screen_many([42])  # type: ignore[list-item]
    with pytest.raises(InvalidQueryError, match="unknown query key"):
        screener.screen_many([{"nmae": "JO YONG WON"}])
    with pytest.raises(InvalidQueryError, match="workers"):
        screener.screen_many(["JO YONG WON"], workers="2")  # type: ignore[arg-type]


def test_screen_many_on_several_processes_refuses_an_unscreenable_name(
    screener: Screener,
) -> None:
    names = ["John Smith"] * 20 + ["😀"] + ["JO YONG WON"] * 20
    with pytest.raises(InvalidQueryError, match="no letters or digits"):
        screener.screen_many(names, workers=2)


def test_good_queries_still_screen(screener: Screener) -> None:
    assert screener.screen("JO YONG WON").is_alert
    assert screener.screen("  JO YONG WON ", birth_date=dt.date(1957, 10, 24)).is_alert
    assert screener.screen("", identifiers=["IMO 5987860"]).matches  # identifier only
    assert screener.screen(None, identifiers="IMO 5987860").matches  # type: ignore[arg-type]
    assert [r.status for r in screener.screen_many(("JO YONG WON", "John Smith"))] == [
        "alert",
        "clear",
    ]


def test_screener_refuses_a_bad_list_or_config(newest_list: SanctionsList) -> None:
    with pytest.raises(InputError, match="needs a SanctionsList"):
        Screener(None)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="needs a SanctionsList"):
        Screener("consolidated.xml")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="config must be a ScreeningConfig"):
        Screener(newest_list, {"threshold": 0.9})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        ({"thresold": 0.5}, "unknown setting 'thresold' \\(did you mean 'threshold'\\?\\)"),
        ({"review_treshold": 0.5}, "did you mean 'review_threshold'"),
        ({"colour": "red"}, "unknown setting 'colour'"),
        ({"threshold": 2}, "threshold \\(SANCTIONS_SCREEN_THRESHOLD\\): Input should be less"),
        ({"threshold": "high"}, "threshold .*valid number"),
        ({"max_matches": 0}, "max_matches"),
        ({"threshold": 0.5, "review_threshold": 0.9}, "must not exceed threshold"),
    ],
)
def test_config_refuses_unknown_fields_and_bad_values(
    keywords: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        ScreeningConfig(**keywords)
    assert isinstance(caught.value, ValueError)  # as pydantic's ValidationError was
    assert type(caught.value.__cause__).__name__ == "ValidationError"


@pytest.mark.parametrize("route", ["model_validate", "model_validate_json"])
def test_config_from_a_mapping_or_json_refuses_as_the_constructor(route: str) -> None:
    """A service or a settings file builds the config with pydantic's own entry points; a
    bad value must still be a ConfigError naming the setting, not pydantic's error."""
    values: Any = {"thresold": 0.5}
    if route == "model_validate_json":
        values = '{"threshold": 2}'
    with pytest.raises(ConfigError, match="thresold|SANCTIONS_SCREEN_THRESHOLD"):
        getattr(ScreeningConfig, route)(values)
    assert ScreeningConfig.model_validate({"threshold": 0.9}).threshold == 0.9


def test_bad_environment_value_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANCTIONS_SCREEN_REVIEW_THRESHOLD", "lots")
    with pytest.raises(ConfigError, match="SANCTIONS_SCREEN_REVIEW_THRESHOLD"):
        default_config()


def test_unknown_environment_variable_is_warned_about(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANCTIONS_SCREEN_THRESOLD", "0.5")
    monkeypatch.setenv("SANCTIONS_SCREEN_DB", "sqlite:///x.db")  # read by the store: no warning
    with pytest.warns(UserWarning) as caught:
        config = default_config()
    messages = [str(w.message) for w in caught]
    assert messages == [
        "unknown environment variable SANCTIONS_SCREEN_THRESOLD ignored "
        "(did you mean SANCTIONS_SCREEN_THRESHOLD?)"
    ]
    assert config.threshold == ScreeningConfig.model_fields["threshold"].default


def test_known_variables_are_not_warned_about(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in OTHER_VARIABLES:
        monkeypatch.setenv(f"SANCTIONS_SCREEN_{name}", "1")
    monkeypatch.setenv("SANCTIONS_SCREEN_THRESHOLD", "0.9")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert default_config().threshold == 0.9
