"""Country resolution from messy text, and places spotted in free text.

Built on ISO 3166-1 (pycountry) plus ``lists/places.yaml`` for what ISO lacks: short and
local names, old names (Burma), demonyms, DPRK spellings, and key cities and ports.

>>> resolve_country("Korea, DPR"), resolve_country("Burma"), resolve_country("Korea")
('KP', 'MM', None)
>>> [(h.name, h.country, h.kind) for h in find_places("Loaded at Nampho for Port Klang")]
[('Nampo', 'KP', 'port'), ('Port Klang', 'MY', 'port')]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sanctions_screen.places.gazetteer import Place, PlaceKind, country_name, gazetteer
from sanctions_screen.places.text import place_key, tokens

__all__ = ["PlaceHit", "country_name", "find_places", "resolve_country"]


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """A place named in free text: ``text[start:end]`` names ``name`` in ``country``."""

    text: str
    start: int
    end: int
    name: str
    country: str
    kind: PlaceKind
    source: str


@lru_cache(maxsize=16384)
def resolve_country(text: str) -> str | None:
    """ISO 3166-1 alpha-2 code for a country field, or ``None`` if unknown or ambiguous.

    Accepts English, official, local and old names, alpha-2/alpha-3 codes and demonyms
    (``"DPRK"``, ``"Lao PDR"``, ``"Viet Nam"``, ``"Burma"``, ``"PRK"``, ``"Vietnamese"``).
    "Korea" alone is ambiguous and gives ``None``. A field that is not a country name but
    names places of exactly one country (``"Nampho, DPRK"``, ``"Pyongyang"``) gives that
    country.
    """
    gaz = gazetteer()
    key = place_key(text)
    if not key or key in gaz.ambiguous:
        return None
    place = gaz.names.get(key) or gaz.whole_field.get(key)
    if place is not None:
        return place.country if place.kind in ("country", "demonym") else _only_country(text)
    return _only_country(text)


def _only_country(text: str) -> str | None:
    countries = {hit.country for hit in find_places(text)}
    return countries.pop() if len(countries) == 1 else None


def _hit(text: str, start: int, end: int, place: Place) -> PlaceHit:
    return PlaceHit(
        text[start:end], start, end, place.name, place.country, place.kind, place.source
    )


def find_places(text: str) -> list[PlaceHit]:
    """Countries, demonyms, cities and ports named in ``text``, left to right.

    The longest name wins at each position, so "Democratic People's Republic of Korea" is
    one hit (KP), not "Republic of Korea" (KR). Codes such as "KP" and words that are also
    common words (see ``not_in_free_text`` in places.yaml) are not spotted in prose.
    """
    return list(_find_places(text))


@lru_cache(maxsize=65536)
def _find_places(text: str) -> tuple[PlaceHit, ...]:
    gaz = gazetteer()
    words = tokens(text)
    hits: list[PlaceHit] = []
    i = 0
    while i < len(words):
        for n in range(min(gaz.max_words, len(words) - i), 0, -1):
            key = " ".join(w.key for w in words[i : i + n])
            place = gaz.names.get(key)
            if place is not None:
                start, end = words[i].start, words[i + n - 1].end
                hits.append(_hit(text, start, end, place))
                i += n
                break
        else:
            i += 1
    return tuple(hits)
