"""Places: country resolution from messy text, and countries, cities and ports in free text."""

from __future__ import annotations

from sanctions_screen.places.countries import (
    PlaceHit,
    country_name,
    find_places,
    resolve_country,
)

__all__ = ["PlaceHit", "country_name", "find_places", "resolve_country"]
