"""Reference data shipped with sanctions_screen (installed as ``sanctions_screen.lists``).

Each file here is data a compliance officer can review without reading Python: the
list sources, ASEAN membership, DPRK indicators, sanctioned HS codes, legal forms and
romanisation tables. Every entry cites its source.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def resource(name: str) -> Traversable:
    """Return a handle on a bundled reference file, e.g. ``resource("asean.yaml")``."""
    return resources.files(__name__).joinpath(name)
