"""The wheel must carry every subpackage and the reference data in lists/."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _declared_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def test_every_subpackage_is_declared() -> None:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "sanctions_screen").rglob("__init__.py")
    }
    data_only = {"sanctions_screen.lists", "sanctions_screen.report.templates"}
    assert found | data_only == _declared_packages()


def test_reference_data_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["sanctions_screen.lists"]
    suffixes = {p.removeprefix("*") for p in patterns}
    data = [p for p in (ROOT / "lists").iterdir() if p.is_file() and p.suffix != ".py"]
    assert all(p.suffix in suffixes for p in data), [p.name for p in data]
