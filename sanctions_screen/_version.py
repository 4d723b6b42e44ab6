"""The package version, in a leaf module so any layer may read it without importing the
package root (which sits above every layer). pyproject.toml carries the same number."""

from __future__ import annotations

__version__ = "0.1.0"
