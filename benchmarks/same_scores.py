"""The matcher's answers, written down and compared: a speed change must leave them alone.

    python -m benchmarks.same_scores --write /tmp/before.json   # on the code before
    python -m benchmarks.same_scores --check /tmp/before.json   # on the code after

Screens the development split's probes (``benchmarks.eval.dev``, hold-out lists included)
and scores its labelled pairs with ``compare_names``; screens every name column of the
bundled examples (examples/*.csv) with the row's country; and screens the throughput
benchmark's names (``--names``, a third with evidence), both as one ``screen_many`` batch and
one by one. Each answer is the status and every match's reference, matched name and score.
``--check`` prints how many answers differ (a score by more than 1e-9) and the first few.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.eval import dev
from benchmarks.service_same_answers import sample_queries
from sanctions_screen import Screener, compare_names
from sanctions_screen.matching.result import ScreeningResult
from sanctions_screen.unlist.parser import parse_list_file

ROOT = Path(__file__).resolve().parent.parent
NEWEST = ROOT / "lists" / "un" / "consolidated-2026-05-08.xml.xz"
_TOLERANCE = 1e-9


def _answer(result: ScreeningResult) -> list[Any]:
    return [result.status, [[m.reference_number, m.matched_name, m.score] for m in result.matches]]


def _example_queries() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted((ROOT / "examples").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for column, value in row.items():
                    if column and column.endswith("_name") and value and value.strip():
                        prefix = column[: -len("_name")]
                        country = row.get(f"{prefix}_country") or row.get(f"{prefix}_nationality")
                        out.append({"name": value, "country": country or None})
    return out


def answers(count: int) -> dict[str, list[Any]]:
    """Every answer, keyed by where it comes from and its position."""
    out: dict[str, list[Any]] = {}
    split, newest = dev.build()
    for i, pair in enumerate(split.pairs):
        out[f"pair/{i}"] = [pair.a, pair.b, compare_names(pair.a, pair.b, kind=pair.kind)]  # type: ignore[arg-type]
    screener = Screener(newest)
    probes = [{"name": p.text, "kind": p.kind} for p in split.probes]
    for i, (p, r) in enumerate(zip(probes, screener.screen_many(probes), strict=True)):
        out[f"probe/{i}"] = [p["name"], *_answer(r)]
    for h, (variant, held) in enumerate(split.holdouts):
        held_screener = Screener(variant)
        queries = [{"name": p.text, "kind": p.kind} for p in held]
        for i, (q, r) in enumerate(zip(queries, held_screener.screen_many(queries), strict=True)):
            out[f"holdout{h}/{i}"] = [q["name"], *_answer(r)]
    examples = _example_queries()
    for i, (q, r) in enumerate(zip(examples, screener.screen_many(examples), strict=True)):
        out[f"example/{i}"] = [q["name"], *_answer(r)]
    sanctions_list = parse_list_file(NEWEST)
    fresh = Screener(sanctions_list)
    queries = []
    for q in sample_queries(sanctions_list, count):
        identifiers = [i for i in (q.pop("passport", None), *q.pop("identifiers", [])) if i]
        queries.append({**q, "identifiers": identifiers} if identifiers else q)
    for i, (q, r) in enumerate(zip(queries, fresh.screen_many(queries), strict=True)):
        out[f"batch/{i}"] = [q["name"], *_answer(r)]
    single = Screener(sanctions_list)
    for i, q in enumerate(queries[: count // 4]):
        out[f"single/{i}"] = [q["name"], *_answer(single.screen(**q))]
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= _TOLERANCE
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the answers to this JSON file")
    group.add_argument("--check", type=Path, help="compare the answers with this JSON file")
    parser.add_argument("--names", type=int, default=20_000)
    args = parser.parse_args(argv)
    now = answers(args.names)
    if args.write:
        args.write.write_text(json.dumps(now), encoding="utf-8")
        print(f"{len(now):,} answers written to {args.write}")
        return 0
    before: dict[str, list[Any]] = json.loads(args.check.read_text(encoding="utf-8"))
    differ = [k for k in before.keys() | now.keys() if not _same(before.get(k), now.get(k))]
    kinds: dict[str, int] = {}
    for k in before:
        kinds[k.split("/")[0]] = kinds.get(k.split("/")[0], 0) + 1
    print(f"{len(now):,} answers ({', '.join(f'{k} {n:,}' for k, n in sorted(kinds.items()))})")
    print(f"{len(differ)} differ from {args.check}")
    for k in sorted(differ)[:10]:
        print(f"  {k}: before {before.get(k)!r}\n  {' ' * len(k)}  now    {now.get(k)!r}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
