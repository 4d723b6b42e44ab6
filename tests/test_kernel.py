"""SANCTIONS_SCREEN_KERNEL: the pure-Python kernel of a compiled build gives its answers.

The comparison needs the compiled build (CI installs it, SANCTIONS_SCREEN_REQUIRE_COMPILED=1)
and skips in a pure-Python install, where both kernels would be the same code.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from faker import Faker

from sanctions_screen._kernel import KERNEL_VARIABLE, compiled_available
from tests.conftest import NEWEST, load_snapshot

# Screens the queries of a JSON file and prints, per query, everything a result says (scores
# at full precision): run once per kernel, in a process of its own.
_SCREEN = """
import json, sys
from sanctions_screen import Screener, parse_list_file
from sanctions_screen._kernel import kernel
queries = json.load(open(sys.argv[2], encoding="utf-8"))
screener = Screener(parse_list_file(sys.argv[1]))
out = []
for result in screener.screen_many(queries):
    out.append([result.status, [
        [m.reference_number, m.matched_name, repr(m.score), m.explanation.summary,
         [[a.query_token, a.list_token, repr(a.similarity), repr(a.weight)]
          for a in m.explanation.alignments],
         [[a.evidence, a.reason, repr(a.delta)] for a in m.explanation.adjustments]]
        for m in result.matches]])
print(json.dumps({"kernel": kernel(), "results": out}))
"""


def _require_compiled() -> None:
    if compiled_available():
        return
    if os.environ.get("SANCTIONS_SCREEN_REQUIRE_COMPILED") == "1":
        pytest.fail("SANCTIONS_SCREEN_REQUIRE_COMPILED=1 but the installed build is pure Python")
    pytest.skip("pure-Python install: no compiled kernel to compare")


def _run_both(kernels: tuple[str, ...], queries: Path, tmp_path: Path) -> list[dict[str, object]]:
    """What ``_SCREEN`` prints under each kernel. The processes run at once: on two cores the
    pair takes the time of the slower one, not of both."""
    running = [
        subprocess.Popen(
            [sys.executable, "-c", _SCREEN, str(NEWEST), str(queries)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, KERNEL_VARIABLE: kernel}, cwd=tmp_path,
        )  # fmt: skip
        for kernel in kernels
    ]
    printed = []
    try:
        for proc in running:
            out, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err
            printed.append(dict(json.loads(out)))
    finally:
        for proc in running:  # a failure above leaves none running
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    return printed


def _slip(name: str, r: random.Random) -> str:
    """One letter dropped, doubled or swapped with the next: a name near a listed one."""
    i = r.randrange(len(name))
    kind = r.randrange(3)
    if kind == 0:
        return name[:i] + name[i + 1 :]
    if kind == 1:
        return name[: i + 1] + name[i:]
    return name[:i] + name[i + 1 : i + 2] + name[i] + name[i + 2 :]


def _queries() -> list[object]:
    """About 4,000 queries: listed names slipped or reordered (every script the list has),
    with and without evidence, and names from ten Faker locales that are mostly clear."""
    r = random.Random(14)
    names = sorted({n.strip() for e in load_snapshot(NEWEST).entries for n, _ in e.names()})
    queries: list[object] = []
    for i, name in enumerate(names):
        if not name:
            continue
        variant = _slip(name, r) if i % 2 else " ".join(reversed(name.split()))
        if i % 5 == 0:
            queries.append({"name": variant, "country": "DPRK", "birth_date": "1960"})
        else:
            queries.append(variant)
    for locale in ("ko_KR", "zh_CN", "ar_AA", "ru_RU", "ja_JP", "th_TH", "vi_VN", "en_US",
                   "de_DE", "id_ID"):  # fmt: skip
        fake = Faker(locale)
        fake.seed_instance(14)
        queries += [fake.name() for _ in range(60)]
        queries += [{"name": fake.company(), "kind": "organization"} for _ in range(20)]
    return queries


def test_pure_kernel_answers_as_the_compiled_one(tmp_path: Path) -> None:
    _require_compiled()
    queries = _queries()
    assert len(queries) > 3_000
    path = tmp_path / "queries.json"
    path.write_text(json.dumps(queries), encoding="utf-8")
    compiled, pure = _run_both(("compiled", "pure"), path, tmp_path)
    assert (compiled["kernel"], pure["kernel"]) == ("compiled", "pure")
    compiled_results = list(compiled["results"])  # type: ignore[call-overload]
    pure_results = list(pure["results"])  # type: ignore[call-overload]
    assert sum(1 for status, _ in compiled_results if status == "alert") > 1_000
    differ = [
        (query, c, p)
        for query, c, p in zip(queries, compiled_results, pure_results, strict=True)
        if c != p
    ]
    assert not differ, f"{len(differ)} of {len(queries)} differ; first: {differ[0]}"


def test_pure_kernel_loads_no_compiled_module(tmp_path: Path) -> None:
    """In any install: with the switch, every module of the package is its .py source."""
    code = (
        "import sys, sanctions_screen.matching.screener, sanctions_screen.names.analysis\n"
        "from sanctions_screen._kernel import kernel\n"
        "mods = [m for m in sys.modules.values() if m.__name__.startswith('sanctions_screen')]\n"
        "print(kernel(), sorted(m.__name__ for m in mods\n"
        "      if not str(getattr(m, '__file__', '') or '').endswith('.py')))\n"
    )
    env = {**os.environ, KERNEL_VARIABLE: "pure"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["pure", "[]"]


@pytest.mark.parametrize("value", ["fast", "compiled"])
def test_kernel_variable_refuses_what_it_cannot_do(value: str, tmp_path: Path) -> None:
    """A value it does not know, or ``compiled`` in a pure install, stops the import with a
    ConfigError instead of running another kernel than the one asked for."""
    if value == "compiled" and compiled_available():
        pytest.skip("the compiled build is installed: 'compiled' is honoured")
    env = {**os.environ, KERNEL_VARIABLE: value}
    done = subprocess.run(
        [sys.executable, "-c", "import sanctions_screen"], capture_output=True, text=True,
        env=env, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert "ConfigError" in done.stderr and KERNEL_VARIABLE in done.stderr


@pytest.mark.parametrize("kernel", ["pure", "compiled"])
def test_hot_path_objects_have_a_repr_in_each_kernel(kernel: str, tmp_path: Path) -> None:
    """A compiled class has no ``__slots__`` to read: its repr must not need them."""
    if kernel == "compiled":
        _require_compiled()
    code = (
        "from sanctions_screen.matching.compare import best_alignment\n"
        "from sanctions_screen._kernel import kernel\n"
        "from sanctions_screen.matching.scoring import NO_MATCH\n"
        "print(kernel())\n"
        "print(repr(NO_MATCH.features))\n"
        "print(repr(best_alignment('Ri Won Ho', 'Ri Won-ho').features))\n"
    )
    env = {**os.environ, KERNEL_VARIABLE: kernel}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == kernel
    assert lines[1].startswith("NameFeatures(aligned=0.0, matched_query=0.0, ")
    assert lines[1].endswith(", common_name=False, kinds_differ=False)")
    assert lines[2].startswith("NameFeatures(aligned=") and "list_tokens=" in lines[2]
