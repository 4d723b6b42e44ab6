"""Which build of the matcher's hot modules runs: the mypyc-compiled one or plain Python.

setup.py compiles the modules of its ``COMPILED`` list with mypyc and installs each beside
its ``.py`` source; Python then imports the compiled module. ``SANCTIONS_SCREEN_KERNEL=pure``
makes an installed compiled build run the ``.py`` sources instead, with no reinstall: to read
a traceback line by line, step through the matcher in a debugger, profile it with cProfile,
or check that the compiled build gives the same answers as the code a maintainer reads
(tests/test_kernel.py does, on a few thousand names). Values:

- ``pure``: the ``.py`` source of every module (the compiled ones are not loaded);
- ``compiled``: the compiled modules, and a ``ConfigError`` at import if there are none
  (a pure-Python install, or a build whose compiling failed);
- unset, empty or ``auto``: whatever is installed (compiled when it is there).

The variable is read once, when the package is first imported: a process runs one kernel.
A leaf module, like ``_version``: it imports no layer.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Final, Literal

from sanctions_screen.exceptions import ConfigError

KERNEL_VARIABLE: Final = "SANCTIONS_SCREEN_KERNEL"
Kernel = Literal["compiled", "pure"]
_PACKAGE: Final = "sanctions_screen"
_ROOT: Final = Path(__file__).resolve().parent
_PROBE: Final = _ROOT / "matching" / "scoring"
"""A module setup.py always compiles: its extension file says whether the build is compiled."""


def compiled_available() -> bool:
    """Whether the installed package has the compiled modules (a mypyc build)."""
    return any(
        _PROBE.with_name(_PROBE.name + suffix).is_file()
        for suffix in importlib.machinery.EXTENSION_SUFFIXES
    )


def requested() -> Kernel | None:
    """The kernel ``SANCTIONS_SCREEN_KERNEL`` asks for, ``None`` for whatever is installed."""
    value = os.environ.get(KERNEL_VARIABLE, "").strip().lower()
    if value in ("", "auto"):
        return None
    if value not in ("pure", "compiled"):
        raise ConfigError(f"{KERNEL_VARIABLE}={value!r}: expected 'pure', 'compiled' or 'auto'")
    return "pure" if value == "pure" else "compiled"


def kernel() -> Kernel:
    """The kernel this process runs: ``"compiled"`` or ``"pure"``.

    >>> kernel() in ("compiled", "pure")
    True
    """
    if isinstance(sys.modules.get(_PACKAGE + ".matching.scoring"), ModuleType):
        scoring = sys.modules[_PACKAGE + ".matching.scoring"]
        return "pure" if str(scoring.__file__).endswith(".py") else "compiled"
    if requested() == "pure" or not compiled_available():
        return "pure"
    return "compiled"


class _SourceFirst(importlib.abc.MetaPathFinder):
    """Finds this package's modules as their ``.py`` source, ahead of the compiled module
    that the default finder would take (an extension module beside a ``.py`` wins)."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if path is None or not fullname.startswith(_PACKAGE + "."):
            return None
        name = fullname.rpartition(".")[2]
        for folder in path:
            source = Path(folder) / (name + ".py")
            if source.is_file():
                return importlib.util.spec_from_file_location(fullname, source)
        return None  # a package or a data folder: the default finders know it


def install() -> None:
    """Apply ``SANCTIONS_SCREEN_KERNEL`` (called once by the package's ``__init__``)."""
    wanted = requested()
    if wanted == "compiled" and not compiled_available():
        raise ConfigError(
            f"{KERNEL_VARIABLE}=compiled, but this install of sanctions_screen is pure Python "
            f"(no compiled module in {_ROOT}): reinstall with mypy available and without "
            "SANCTIONS_SCREEN_PURE=1"
        )
    if wanted == "pure" and not any(isinstance(f, _SourceFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFirst())
