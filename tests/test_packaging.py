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


def _compiled_modules() -> list[str]:
    import ast

    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED":
            return [str(p) for p in ast.literal_eval(node.value)]
    raise AssertionError("setup.py has no COMPILED list")


def test_compiled_modules_exist() -> None:
    modules = _compiled_modules()
    assert modules, "setup.py compiles nothing"
    assert all((ROOT / m).is_file() for m in modules), modules


def test_compiled_build_is_what_runs_when_required() -> None:
    """CI installs the compiled build (SANCTIONS_SCREEN_REQUIRE_COMPILED=1): the tests must
    exercise it, not the .py files beside it. Elsewhere, report which one runs."""
    import importlib
    import os

    loaded = {}
    for path in _compiled_modules():
        name = path.removesuffix(".py").replace("/", ".")
        loaded[name] = str(importlib.import_module(name).__file__)
    pure = sorted(name for name, file in loaded.items() if file.endswith(".py"))
    if os.environ.get("SANCTIONS_SCREEN_REQUIRE_COMPILED") == "1":
        assert not pure, f"running pure Python for {pure}"
