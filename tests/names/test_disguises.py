"""Listed names in disguise still alert (issue 13, items 3 and 4).

Fold first, then split on ``;``, then bound the work: nothing is cut by character count,
symbols are removed rather than spelled out, and a name with bidi controls is screened in
the order it is displayed as well as the order it is stored. Each finding is reproduced
from the call that cleared it on main, and a property test wraps real listed names in
random invisible, combining, symbol and bidi noise.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctions_screen.matching import Screener
from sanctions_screen.matching.candidates import MAX_ALIAS_WORDS, MAX_ALIASES, query_names
from sanctions_screen.names.bidi import displayed
from sanctions_screen.names.text import fold
from sanctions_screen.unlist.models import SanctionsList

JO = "KPi.043"  # JO YONG WON


LONG_ALIAS = "ABCDEFGHIJ KLMNOPQRSTU VWXYZ ABCDEF GHIJKLMNOP"

FOUND_ON_MAIN = {
    # item 3: cut at 300 characters before folding and splitting
    "ten long aliases, then the name": "; ".join([LONG_ALIAS] * 10) + "; JO YONG WON",
    "1,000 combining accents inside": "J" + "\u0301" * 1000 + "O YONG WON",
    "300 zero-width spaces first": "\u200b" * 300 + "JO YONG WON",
    # item 4: symbols spelled out, bidi overrides
    "an emoji after it": "JO YONG WON😀",
    "a right-to-left override": "\u202eNOW GNOY OJ\u202c",
}
MORE = {
    "an emoji inside a word": "JO YO😀NG WON",
    "a flag after it": "JO YONG WON 🇰🇵",
    "a spacing accent inside a word": "JO YO˘NG WON",
    "full-width semicolons": "ACME TRADING；" * 40 + "JO YONG WON",
    "100,000 zero-width spaces after it": "JO YONG WON" + "\u200b" * 100_000,
    "an override in the middle": "JO \u202eGNOY\u202c WON",
    "an override never closed": "\u202eNOW GNOY OJ",
    "a right-to-left isolate of reversed words, marked": "\u200fWON\u200f YONG\u200f JO",
    "an override, then other aliases": "\u202eNOW GNOY OJ\u202c; ACME LTD",
    "a thousand empty aliases first": ";" * 1000 + "JO YONG WON",
    "the same alias repeated 500 times first": "ACME LTD;" * 500 + "JO YONG WON",
    "letters in disguise": "🅹🅾 🆈🅾🅽🅶 🆆🅾🅽",
    "a trade mark sign glued to it": "JO YONG WON\u2122",  # folded to "wontm": clear
    "a flag and a service mark": "🇰🇵 JO YONG WON\u2120",
}


@pytest.mark.parametrize("name", [*FOUND_ON_MAIN.values(), *MORE.values()],
                         ids=[*FOUND_ON_MAIN, *MORE])  # fmt: skip
def test_disguised_listed_name_alerts(screener: Screener, name: str) -> None:
    result = screener.screen(name)
    assert result.is_alert and result.best is not None
    assert result.best.reference_number == JO
    assert result.warnings == ()  # nothing was cut


def test_symbols_are_removed_not_spelled_out() -> None:
    assert fold("JO YONG WON😀") == "jo yong won"  # was "jo yong won grinning"
    assert fold("KIM ♥ JONG ⚓ UN 🚢") == "kim jong un"
    assert fold("Ⓙⓞ Yong Won") == "jo yong won"  # letters in disguise stay letters
    assert fold("D´Souza") == "dsouza"
    assert fold("ACME™Widgets ℡ ℻ 🅫") == "acme widgets"  # marks NFKC spells as letters


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("\u202eNOW GNOY OJ\u202c", "JO YONG WON"),
        ("\u200fWON\u200f YONG\u200f JO", "JO YONG WON"),
        ("JO \u202eGNOY\u202c WON", "JO YONG WON"),
        ("\u202dJO YONG WON\u202c", "JO YONG WON"),
        ("A\u202eB\u202dCD\u202cE\u202cF", "AECDBF"),
        ("\u2067NOW GNOY OJ\u2069", "NOW GNOY OJ"),  # an isolate keeps Latin letter order
        ("ABC\u202c\u2069", "ABC"),  # stray terminators
    ],
)
def test_displayed_order(stored: str, shown: str) -> None:
    assert displayed(stored) == shown


def test_bounds_cut_only_beyond_them_and_say_so(screener: Screener) -> None:
    many = ";".join(f"Trading Company Number {i}" for i in range(MAX_ALIASES + 5))
    names, cut = query_names(many + ";JO YONG WON")
    assert len(names) == MAX_ALIASES
    assert cut == f"name truncated: only the first {MAX_ALIASES} of its ;-separated names screened"
    result = screener.screen(many + ";JO YONG WON")
    assert result.warnings == (cut,)
    assert result.to_dict()["warnings"] == [cut]

    wordy = " ".join(["word"] * (MAX_ALIAS_WORDS + 10))
    names, cut = query_names(f"JO YONG WON; {wordy}")
    assert names[0] == "JO YONG WON" and len(names[1].split()) == MAX_ALIAS_WORDS
    assert "1 name(s) of more than 40 words screened on their first 40" in cut
    assert screener.screen(f"{wordy}; JO YONG WON").is_alert  # the later alias is kept

    assert query_names("JO YONG WON") == (["JO YONG WON"], "")
    assert screener.screen("JO YONG WON").warnings == ()
    assert "warnings" not in screener.screen("John Smith").to_dict()


# -- property: noise around and inside real listed names ------------------------------------

LISTED = ("KPi.043", "KPi.050", "KPe.001", "KPe.075", "KPi.033", "QDi.120")
"""JO YONG WON, PAK TO CHUN, KOMID, YUK TUNG ENERGY, RI WON HO and an Arabic-script name."""

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\u180e\ufe0f\ufe00\U000e0041"
COMBINING = "".join(map(chr, range(0x0300, 0x0363)))  # not U+0363..036F: Latin letters
SYMBOLS = "😀🚢⚓♥★✓☭🔴🇰🇵🏻©®°" + "".join(map(chr, range(0x1F600, 0x1F650, 7)))
MARKS = "\u200e\u200f\u061c"  # bidi marks: invisible, any number anywhere
noise = st.text(alphabet=INVISIBLE + COMBINING + SYMBOLS + MARKS, max_size=6)


@st.composite
def disguised(draw: st.DrawFn, names: list[tuple[str, str]]) -> tuple[str, str]:
    reference, name = draw(st.sampled_from(names))
    cuts = sorted(draw(st.lists(st.integers(0, len(name)), max_size=8)))
    pieces, last = [], 0
    for cut in cuts:
        pieces += [name[last:cut], draw(noise)]
        last = cut
    pieces.append(name[last:])
    text = "".join(pieces)
    wrap = draw(st.sampled_from(["", "lre", "rle", "lri", "rli", "rlo"]))
    if wrap == "rlo":  # stored reversed, shown in order: the attack itself
        text = "\u202e" + text[::-1] + "\u202c"
    elif wrap:
        opener = {"lre": "\u202a", "rle": "\u202b", "lri": "\u2066", "rli": "\u2067"}[wrap]
        closer = "\u2069" if wrap.endswith("i") else "\u202c"
        text = opener + text + closer
    return reference, text


@pytest.fixture(scope="module")
def listed_names(newest_list: SanctionsList) -> list[tuple[str, str]]:
    by_reference = {e.reference_number: e for e in newest_list.entries}
    return [(r, by_reference[r].name) for r in LISTED]


def test_noise_never_hides_a_listed_name(
    screener: Screener, listed_names: list[tuple[str, str]]
) -> None:
    @settings(
        max_examples=300,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(disguised(listed_names))
    def check(case: tuple[str, str]) -> None:
        reference, text = case
        result = screener.screen(text)
        assert result.is_alert, (text, result.best and result.best.explanation.summary)
        assert reference in {m.reference_number for m in result.matches if m.score >= 0.81}

    check()
