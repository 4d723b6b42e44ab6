"""Access to the reference data files shipped from the top-level ``lists/`` folder.

The folder installs as the package ``sanctions_screen.lists`` (a ``package-dir`` mapping in
pyproject.toml). It is reached by name through importlib.resources, so type checkers need
not resolve that mapping.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

DATA_PACKAGE = "sanctions_screen.lists"


def resource(name: str) -> Traversable:
    """Return a handle on a bundled reference file, e.g. ``resource("asean.yaml")``."""
    return resources.files(DATA_PACKAGE).joinpath(name)
