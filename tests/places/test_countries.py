"""Country resolution and place spotting: literal inputs, literal answers."""

from __future__ import annotations

import pytest

from sanctions_screen.places.countries import country_name, find_places, resolve_country


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("DPRK", "KP"),
        ("D.P.R.K.", "KP"),
        ("North Korea", "KP"),
        ("NORTH KOREA", "KP"),
        ("Korea, Democratic People's Republic of", "KP"),
        ("KOREA (DEMOCRATIC PEOPLE'S REPUBLIC OF)", "KP"),
        ("Korea DPR", "KP"),
        ("Korea, DPR", "KP"),
        ("DPR Korea", "KP"),
        ("Democratic People's Republic of Korea", "KP"),
        ("N. Korea", "KP"),
        ("North Korean", "KP"),
        ("PRK", "KP"),
        ("kp", "KP"),
        ("조선민주주의인민공화국", "KP"),
        ("South Korea", "KR"),
        ("Republic of Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("ROK", "KR"),
        ("South Korean", "KR"),
        ("Burma", "MM"),
        ("Myanmar", "MM"),
        ("Burmese", "MM"),
        ("Lao PDR", "LA"),
        ("Laos", "LA"),
        ("Lao People's Democratic Republic", "LA"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),
        ("Việt Nam", "VN"),
        ("Vietnamese", "VN"),
        ("VNM", "VN"),
        ("Brunei", "BN"),
        ("Brunei Darussalam", "BN"),
        ("East Timor", "TL"),
        ("Timor-Leste", "TL"),
        ("Kampuchea", "KH"),
        ("Siam", "TH"),
        ("ประเทศไทย", "TH"),
        ("The Philippines", "PH"),
        ("Filipino", "PH"),
        ("Singaporean", "SG"),
        ("Malaysian", "MY"),
        ("Indonesia", "ID"),
        ("PRC", "CN"),
        ("中国", "CN"),
        ("Russian Federation", "RU"),
        ("UK", "GB"),
        ("U.S.A.", "US"),
        ("Türkiye", "TR"),
        ("Pyongyang", "KP"),
        ("Nampho, DPRK", "KP"),
        ("Port Klang, Malaysia", "MY"),
    ],
)
def test_resolve_country(text: str, code: str) -> None:
    assert resolve_country(text) == code


@pytest.mark.parametrize(
    "text", ["Korea", "KOREA", "Korean", "Congo", "", "   ", "Atlantis", "Pyongyang / Seoul"]
)
def test_unknown_or_ambiguous_gives_none(text: str) -> None:
    assert resolve_country(text) is None


def test_country_name_is_readable() -> None:
    assert country_name("KP") == "North Korea"
    assert country_name("sg") == "Singapore"
    assert country_name("XX") == "XX"


def _spotted(text: str) -> list[tuple[str, str, str]]:
    return [(h.text, h.country, h.kind) for h in find_places(text)]


def test_dprk_ports_in_any_romanisation() -> None:
    text = "Nampho; Namp'o; Chongjin; Wŏnsan; Hungnam; Rajin; Rajin-Sonbong; Songnim; Haeju"
    assert {country for _, country, _ in _spotted(text)} == {"KP"}
    assert len(find_places(text)) == 9


def test_asean_ports_and_their_country() -> None:
    text = (
        "Singapore, Port Klang, Haiphong, Tanjung Priok, Laem Chabang, Manila, Yangon, "
        "Sihanoukville, Vientiane"
    )
    assert [c for _, c, _ in _spotted(text)] == [
        "SG",
        "MY",
        "VN",
        "ID",
        "TH",
        "PH",
        "MM",
        "KH",
        "LA",
    ]


def test_longest_name_wins_and_spans_point_into_the_text() -> None:
    text = "Buyer: Democratic People's Republic of Korea trade office"
    (hit,) = find_places(text)
    assert (hit.country, hit.kind) == ("KP", "country")
    assert text[hit.start : hit.end] == "Democratic People's Republic of Korea"


def test_south_korea_and_korea_alone_are_not_dprk() -> None:
    assert _spotted("Busan, Republic of Korea") == [
        ("Busan", "KR", "port"),
        ("Republic of Korea", "KR", "country"),
    ]
    assert _spotted("Korea Shipping Co, Korean crew") == []


def test_codes_and_common_words_are_not_spotted_in_prose() -> None:
    assert _spotted("send it to us in bone china, KP grade, frozen turkey") == []
    assert _spotted("Made in Japan by Japanese staff") == [("Japanese", "JP", "demonym")]


def test_hits_cite_a_source() -> None:
    assert all(h.source for h in find_places("Nampo to Singapore via Vietnam"))
