"""Build hook: compile the matcher's hot modules with mypyc when it is available.

The project is pure Python and stays importable as such; the listed modules are also valid
mypyc input, and a compiled build screens names about 1.5 times faster (see
benchmarks/throughput.py). ``SANCTIONS_SCREEN_PURE=1`` skips compiling (use it for an
editable install you will edit: a compiled module shadows its ``.py`` until rebuilt).
Everything else (metadata, packages, data) is in pyproject.toml.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.errors import CCompilerError, CompileError, ExecError, LinkError, PlatformError

COMPILED = [
    "sanctions_screen/names/acronyms.py",
    "sanctions_screen/names/analysis.py",
    "sanctions_screen/names/bidi.py",
    "sanctions_screen/names/chinese.py",
    "sanctions_screen/names/korean.py",
    "sanctions_screen/names/nicknames.py",
    "sanctions_screen/names/phonetic.py",
    "sanctions_screen/names/stopwords.py",
    "sanctions_screen/names/text.py",
    "sanctions_screen/names/variants.py",
    "sanctions_screen/matching/candidates.py",
    "sanctions_screen/matching/combiner.py",
    "sanctions_screen/matching/evidence.py",
    "sanctions_screen/matching/explain.py",
    "sanctions_screen/matching/index.py",
    "sanctions_screen/matching/result.py",
    "sanctions_screen/matching/scoring.py",
    "sanctions_screen/matching/screener.py",
]


def _ext_modules() -> list[object]:
    if os.environ.get("SANCTIONS_SCREEN_PURE") == "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:  # a build without mypy installs the pure-Python package
        print("sanctions_screen: mypyc not available, installing pure Python", file=sys.stderr)
        return []
    config = str(Path(__file__).parent / "mypyc.ini")
    return list(mypycify(["--config-file", config, *COMPILED], opt_level="3"))


class _OptionalBuildExt(build_ext):
    """Compile if possible; without a working C compiler, install the pure-Python package."""

    def run(self) -> None:
        try:
            super().run()
        except (CCompilerError, CompileError, ExecError, LinkError, PlatformError, OSError) as exc:
            for ext in self.extensions:  # no half-compiled package: every module or none
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            print(f"sanctions_screen: compiling failed ({exc}); installing pure Python",
                  file=sys.stderr)


setup(ext_modules=_ext_modules(), cmdclass={"build_ext": _OptionalBuildExt})
