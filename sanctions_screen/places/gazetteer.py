"""The lookup tables behind country resolution, built once from pycountry and places.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import pycountry
import yaml

from sanctions_screen.exceptions import RulesFileError
from sanctions_screen.places.text import place_key
from sanctions_screen.resources import resource

PlaceKind = Literal["country", "demonym", "city", "port"]
PLACES_FILE = "places.yaml"
ISO_SOURCE = "ISO 3166-1, via the pycountry package"


@dataclass(frozen=True, slots=True)
class Place:
    """What a name stands for: a country (or its demonym), a city or a port."""

    name: str
    country: str
    kind: PlaceKind
    source: str


@dataclass
class Gazetteer:
    """``names`` may be spotted in prose; ``whole_field`` only when a field says nothing else."""

    names: dict[str, Place] = field(default_factory=dict)
    whole_field: dict[str, Place] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)
    max_words: int = 1

    def add(self, key: str, place: Place, *, prose: bool = True) -> None:
        if not key or key in self.ambiguous:
            return
        known = self.names.get(key) or self.whole_field.get(key)
        if known is not None and known.country != place.country:
            self.names.pop(key, None)
            self.whole_field.pop(key, None)
            self.ambiguous.add(key)
            return
        if known is not None and known.kind == "country":
            place = known  # "Singapore" the country outranks Singapore the port
        if prose:
            self.whole_field.pop(key, None)
            self.names[key] = place
        elif key not in self.names:
            self.whole_field[key] = place
        self.max_words = max(self.max_words, key.count(" ") + 1)


def country_name(code: str) -> str:
    """A readable English name for an alpha-2 code (``"KP"`` -> ``"North Korea"``)."""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it: the same data in a seventh of the
time (the gazetteer is read by the first screener a process builds)."""


def load_places_yaml(text: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise RulesFileError(f"{source}{line}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RulesFileError(f"{source}:1: expected a mapping at the top level")
    return data


@cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, built on first use."""
    data = load_places_yaml(resource(PLACES_FILE).read_text(encoding="utf-8"), PLACES_FILE)
    return build_gazetteer(data)


def build_gazetteer(data: dict[str, Any]) -> Gazetteer:
    sources: dict[str, str] = data.get("sources", {})
    gaz = Gazetteer(ambiguous={place_key(a["name"]) for a in data.get("ambiguous", [])})
    not_in_prose = {place_key(n["name"]) for n in data.get("not_in_free_text", [])}

    def add(name: str, place: Place) -> None:
        key = place_key(name)
        gaz.add(key, place, prose=key not in not_in_prose)

    for country in pycountry.countries:
        code = country.alpha_2
        label = country_name(code)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                add(value, Place(label, code, "country", ISO_SOURCE))
        for alpha in (country.alpha_2, country.alpha_3):
            gaz.add(place_key(alpha), Place(label, code, "country", ISO_SOURCE), prose=False)
    for code, spec in data.get("countries", {}).items():
        label, source = country_name(code), sources.get(spec["source"], spec["source"])
        for name in spec.get("names", []):
            add(name, Place(label, code, "country", source))
        for name in spec.get("demonyms", []):
            add(name, Place(label, code, "demonym", source))
    for spec in data.get("places", []):
        source = sources.get(spec["source"], spec["source"])
        place = Place(spec["name"], spec["country"], spec["kind"], source)
        for name in [spec["name"], *spec.get("aliases", [])]:
            add(name, place)
    return gaz
