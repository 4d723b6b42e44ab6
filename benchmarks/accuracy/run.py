"""Accuracy evaluation of the name matcher on the newest UN list.

    python -m benchmarks.accuracy.run                   # full run, writes RESULTS.md
    python -m benchmarks.accuracy.run --limit 2000      # quick run (no RESULTS.md)
    python -m benchmarks.accuracy.run --failures 10     # also print failing examples

Three measurements, each swept over thresholds (a score >= t alerts):
  1. labelled pairs (pairs.csv): precision, recall, F1 of compare_names, overall and per category;
  2. perturbations of every listed name (perturb.py): recall per class, where a hit is the
     source reference among the screener's matches scoring >= t; top-1 rate beside it;
  3. negatives (negatives.csv): share of names that raise any alert, with the worst offenders.
The recommended threshold maximises pairs F1 among thresholds whose negatives alert rate is
at most 0.5%, ties broken by perturbation recall.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.accuracy.common import (  # noqa: E402
    HERE,
    NEWEST_LIST,
    Negative,
    Pair,
    load_list,
    read_negatives,
    read_pairs,
)
from benchmarks.accuracy.perturb import (  # noqa: E402
    ADVERSARIAL,
    BENIGN,
    CLASSES,
    Perturbed,
    perturb_all,
    sources,
)

SWEEP = [round(0.50 + 0.01 * i, 2) for i in range(50)]
MAX_ALERT_RATE = 0.005
TARGETS = {"pairs_f1": 0.92, "benign": 0.98, "adversarial": 0.95, "alert_rate": 0.005}
RESULTS_MD = HERE / "RESULTS.md"


# -- pairs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Metrics:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_pairs(pairs: Sequence[Pair], compare: Callable[..., float]) -> list[float]:
    return [float(compare(p.name_a, p.name_b, kind=p.kind)) for p in pairs]


def pair_metrics(pairs: Sequence[Pair], scores: Sequence[float], t: float) -> Metrics:
    tp = fp = fn = tn = 0
    for pair, score in zip(pairs, scores, strict=True):
        alert = score >= t
        if pair.label and alert:
            tp += 1
        elif pair.label:
            fn += 1
        elif alert:
            fp += 1
        else:
            tn += 1
    return Metrics(tp, fp, fn, tn)


def by_category(pairs: Sequence[Pair], scores: Sequence[float]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, pair in enumerate(pairs):
        groups[pair.category].append(i)
    return dict(sorted(groups.items()))


# -- perturbations and negatives -------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What the screener returned for one query: the best match and the expected one."""

    query: str
    kind: str
    expected: str | None
    expected_score: float
    expected_rank: int | None
    top_ref: str | None
    top_score: float
    top_name: str


def build_screener(sanctions_list: Any) -> tuple[Any, float]:
    """One screener for the whole run; reports matches down to the bottom of the sweep."""
    from sanctions_screen.matching.config import ScreeningConfig
    from sanctions_screen.matching.screener import Screener

    default = ScreeningConfig().threshold
    config = ScreeningConfig(
        threshold=max(default, SWEEP[0]), review_threshold=min(SWEEP[0], default)
    )
    return Screener(sanctions_list, config), default


def screen_all(
    screener: Any, items: Sequence[tuple[str, str, str | None]], workers: int = 1
) -> list[Outcome]:
    """Screen (text, kind, expected reference) items; uses screen_many when available."""
    records = [{"name": text, "kind": kind} for text, kind, _ in items]
    if hasattr(screener, "screen_many"):
        results = screener.screen_many(records, workers=workers)
    else:
        results = [screener.screen(r["name"], kind=r["kind"]) for r in records]
    out = []
    for (text, kind, expected), result in zip(items, results, strict=True):
        matches = list(result.matches)
        rank = next(
            (i for i, m in enumerate(matches) if m.reference_number == expected), None
        )
        top = matches[0] if matches else None
        out.append(
            Outcome(
                text, kind, expected,
                float(matches[rank].score) if rank is not None else 0.0, rank,
                top.reference_number if top else None, float(top.score) if top else 0.0,
                str(getattr(top, "matched_name", "")) if top else "",
            )
        )
    return out


def screen_perturbed(screener: Any, queries: Sequence[Perturbed], workers: int = 1) -> list[Outcome]:  # noqa: E501
    return screen_all(screener, [(q.text, q.kind, q.reference_number) for q in queries], workers)


def screen_negatives(screener: Any, negatives: Sequence[Negative], workers: int = 1) -> list[Outcome]:  # noqa: E501
    return screen_all(screener, [(n.name, n.kind, None) for n in negatives], workers)


def class_recall(
    queries: Sequence[Perturbed], outcomes: Sequence[Outcome], t: float
) -> dict[str, tuple[int, float, float]]:
    """{class: (n, recall, top-1 rate)} at threshold t, plus 'benign' and 'adversarial'."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for q, o in zip(queries, outcomes, strict=True):
        hit = o.expected_score >= t
        top1 = hit and o.expected_rank == 0
        for key in (q.cls, q.group):
            c = counts[key]
            c[0] += 1
            c[1] += hit
            c[2] += top1
    return {k: (n, h / n, t1 / n) for k, (n, h, t1) in counts.items() if n}


def alert_rate(outcomes: Sequence[Outcome], t: float) -> float:
    return sum(o.top_score >= t for o in outcomes) / len(outcomes) if outcomes else 0.0


@dataclass(frozen=True)
class SweepRow:
    t: float
    pairs: Metrics
    benign: float
    adversarial: float
    alert_rate: float


def sweep(
    pairs: Sequence[Pair], scores: Sequence[float], queries: Sequence[Perturbed],
    outcomes: Sequence[Outcome], negatives: Sequence[Outcome],
) -> list[SweepRow]:
    rows = []
    for t in SWEEP:
        rec = class_recall(queries, outcomes, t)
        rows.append(SweepRow(
            t, pair_metrics(pairs, scores, t),
            rec.get("benign", (0, 0.0, 0.0))[1], rec.get("adversarial", (0, 0.0, 0.0))[1],
            alert_rate(negatives, t),
        ))
    return rows


def choose_threshold(rows: Sequence[SweepRow]) -> tuple[SweepRow, str]:
    """Max pairs F1 with alert rate <= 0.5%; ties by perturbation recall, then lower t."""
    ok = [r for r in rows if r.alert_rate <= MAX_ALERT_RATE]
    if not ok:
        best = min(rows, key=lambda r: (r.alert_rate, -r.pairs.f1))
        return best, "no threshold keeps the negatives alert rate <= 0.5%: lowest alert rate"
    best = max(ok, key=lambda r: (round(r.pairs.f1, 4), r.benign + r.adversarial, -r.t))
    return best, "maximises pairs F1 subject to negatives alert rate <= 0.5%"


# -- output ----------------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in
                       enumerate(zip(r, widths, strict=True))) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _pct(x: float) -> str:
    return f"{100 * x:.2f}%"


@dataclass
class Report:
    sections: list[tuple[str, str]]

    def add(self, title: str, body: str) -> None:
        self.sections.append((title, body))
        print(f"\n== {title}\n{body}")


def report_pairs(rep: Report, pairs: Sequence[Pair], scores: Sequence[float], t: float) -> None:
    cats = []
    for cat, idx in by_category(pairs, scores).items():
        sub = [pairs[i] for i in idx]
        m = pair_metrics(sub, [scores[i] for i in idx], t)
        pos, neg = m.tp + m.fn, m.fp + m.tn
        cats.append([cat, len(idx), pos, neg, f"{m.tp}/{pos}" if pos else "-",
                     f"{m.fp}/{neg}" if neg else "-",
                     m.recall if pos else "-", (m.tn / neg) if neg else "-"])
    rep.add(f"Pairs by category at t={t:.2f}", table(
        ["category", "n", "pos", "neg", "hits", "false alerts", "recall", "neg. correct"], cats))


def report_classes(
    rep: Report, queries: Sequence[Perturbed], outcomes: Sequence[Outcome], t: float,
    control: Sequence[Outcome] = (),
) -> None:
    rec = class_recall(queries, outcomes, t)
    rows: list[list[object]] = []
    if control:
        hits = sum(o.expected_score >= t for o in control) / len(control)
        top1 = sum(o.expected_score >= t and o.expected_rank == 0 for o in control) / len(control)
        rows.append(["(control: names as listed)", len(control), hits, top1,
                     "ok" if hits >= 0.999 else "< 1.00"])
    for cls in (*BENIGN, "benign", *ADVERSARIAL, "adversarial"):
        if cls in rec:
            n, r, top1 = rec[cls]
            target = TARGETS["benign"] if cls in BENIGN or cls == "benign" else TARGETS["adversarial"]  # noqa: E501
            rows.append([cls.upper() if cls in ("benign", "adversarial") else cls, n, r, top1,
                         "ok" if r >= target else f"< {target:.2f}"])
    rep.add(f"Perturbation recall by class at t={t:.2f}", table(
        ["class", "queries", "recall", "top-1", "target"], rows))


def report_negatives(rep: Report, negatives: Sequence[Negative], outcomes: Sequence[Outcome],
                     t: float, worst: int) -> None:
    by_locale: dict[str, list[Outcome]] = defaultdict(list)
    for neg, o in zip(negatives, outcomes, strict=True):
        by_locale[f"{neg.locale}/{neg.kind[:3]}"].append(o)
    rows = [[k, len(v), sum(o.top_score >= t for o in v), alert_rate(v, t)]
            for k, v in sorted(by_locale.items())]
    rows.append(["ALL", len(outcomes), sum(o.top_score >= t for o in outcomes),
                 alert_rate(outcomes, t)])
    rep.add(f"Negatives alert rate at t={t:.2f}", table(["locale/kind", "n", "alerts", "rate"], rows))  # noqa: E501
    top = sorted(zip(negatives, outcomes, strict=True), key=lambda p: -p[1].top_score)[:worst]
    rep.add("Worst negatives (highest best-match score)", table(
        ["negative", "locale", "score", "ref", "matched list name"],
        [[n.name, n.locale, o.top_score, o.top_ref or "-", o.top_name] for n, o in top]))


def report_sweep(rep: Report, rows: Sequence[SweepRow], chosen: SweepRow, default: float) -> None:
    shown = [r for r in rows if round(r.t * 100) % 5 == 0 or r is chosen or abs(r.t - default) < 1e-9]  # noqa: E501
    body = table(
        ["t", "pairs P", "pairs R", "pairs F1", "benign rec", "advers rec", "neg alerts", ""],
        [[f"{r.t:.2f}", r.pairs.precision, r.pairs.recall, r.pairs.f1, r.benign,
          r.adversarial, _pct(r.alert_rate),
          ("<- recommended" if r is chosen else "") + (" (matcher default)" if abs(r.t - default) < 1e-9 else "")]  # noqa: E501
         for r in shown])
    rep.add("Threshold sweep (trade-off)", body)


def failures(
    pairs: Sequence[Pair], scores: Sequence[float], queries: Sequence[Perturbed],
    outcomes: Sequence[Outcome], t: float, n: int,
) -> str:
    lines: list[str] = []
    for cat, idx in by_category(pairs, scores).items():
        bad = [i for i in idx if (scores[i] >= t) != bool(pairs[i].label)]
        if not bad:
            continue
        bad.sort(key=lambda i: -abs(scores[i] - t))
        lines.append(f"-- pairs/{cat}: {len(bad)} wrong of {len(idx)}")
        for i in bad[:n]:
            p = pairs[i]
            what = "missed" if p.label else "false alert"
            lines.append(f"   {what:11} {scores[i]:.3f}  {p.name_a!r} ~ {p.name_b!r}  ({p.note})")
    grouped: dict[str, list[tuple[Perturbed, Outcome]]] = defaultdict(list)
    for q, o in zip(queries, outcomes, strict=True):
        if o.expected_score < t:
            grouped[q.cls].append((q, o))
    for cls in CLASSES:
        miss = grouped.get(cls, [])
        if not miss:
            continue
        unseen = sum(o.expected_rank is None for _, o in miss)
        lines.append(f"-- perturbation/{cls}: {len(miss)} missed ({unseen} not retrieved at all)")
        for q, o in random.Random(cls).sample(miss, min(n, len(miss))):
            got = f"best {o.top_ref} {o.top_score:.3f} {o.top_name!r}" if o.top_ref else "no match"
            lines.append(f"   {q.reference_number:9} {q.source_name!r} -> {q.text!r}: "
                         f"expected {o.expected_score:.3f}; {got}")
    return "\n".join(lines)


def write_results(rep: Report, meta: dict[str, str], path: Path = RESULTS_MD) -> None:
    out = ["# Accuracy benchmark results (development only)", "",
           "The pairs, perturbations and threshold below were fitted together with the matcher",
           "(issue 14): these figures flatter it. The evaluation to report is benchmarks/eval",
           "(README.md there).", "",
           "Generated by `python -m benchmarks.accuracy.run`; do not edit by hand.", ""]
    out += [f"- {k}: {v}" for k, v in meta.items()]
    for title, body in rep.sections:
        out += ["", f"## {title}", "", "```", body, "```"]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# -- main ------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Accuracy evaluation of the name matcher.")
    parser.add_argument("--threshold", type=float, help="report at this threshold instead "
                        "of the recommended one")
    parser.add_argument("--limit", type=int, help="use at most N perturbations and N "
                        "negatives (evenly spread; a quick run, RESULTS.md not written)")
    parser.add_argument("--failures", type=int, default=0, metavar="N",
                        help="print up to N failing examples per category and class")
    parser.add_argument("--worst", type=int, default=15, help="worst negatives listed")
    parser.add_argument("--workers", type=int, default=1, help="screen_many worker processes")
    parser.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args(argv)

    from sanctions_screen.matching.compare import compare_names

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    sanctions_list = load_list(NEWEST_LIST)
    timings["load list"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    screener, default = build_screener(sanctions_list)
    timings["build screener"] = time.perf_counter() - t0

    pairs = read_pairs()
    t0 = time.perf_counter()
    scores = score_pairs(pairs, compare_names)
    timings[f"score {len(pairs)} pairs"] = time.perf_counter() - t0

    queries = perturb_all(sanctions_list)
    negatives = read_negatives()
    if args.limit:
        queries = queries[:: max(1, len(queries) // args.limit)][: args.limit]
        negatives = negatives[:: max(1, len(negatives) // args.limit)][: args.limit]
    t0 = time.perf_counter()
    outcomes = screen_perturbed(screener, queries, args.workers)
    timings[f"screen {len(queries)} perturbations"] = time.perf_counter() - t0
    controls = [(s.name, s.kind, s.reference_number) for s in sources(sanctions_list)]
    if args.limit:
        controls = controls[:: max(1, len(controls) // args.limit)][: args.limit]
    t0 = time.perf_counter()
    control = screen_all(screener, controls, args.workers)
    timings[f"screen {len(controls)} listed names as they are"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    neg_outcomes = screen_negatives(screener, negatives, args.workers)
    timings[f"screen {len(negatives)} negatives"] = time.perf_counter() - t0

    rows = sweep(pairs, scores, queries, outcomes, neg_outcomes)
    chosen, why = choose_threshold(rows)
    t = args.threshold if args.threshold is not None else chosen.t
    at_t = next((r for r in rows if abs(r.t - t) < 1e-9), None)

    meta = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "list": f"{NEWEST_LIST.name} (dateGenerated {sanctions_list.date_generated:%Y-%m-%d}, "
                f"{len(sanctions_list.entries)} entries, sha256 {str(sanctions_list.sha256)[:12]})",
        "data": f"{len(pairs)} pairs ({sum(p.label for p in pairs)} positive), "
                f"{len(queries)} perturbations of {len({q.source_name for q in queries})} names, "
                f"{len(negatives)} negatives",
        "machine": f"{platform.python_implementation()} {platform.python_version()}, "
                   f"{platform.machine()}, workers={args.workers}",
        "timings": ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()),
        "matcher default threshold": f"{default:.2f}",
        "recommended threshold": f"{chosen.t:.2f} ({why})",
    }
    rep = Report([])
    print("\n".join(f"{k}: {v}" for k, v in meta.items()))
    report_sweep(rep, rows, chosen, default)
    summary = [[name, _pct(value) if "rate" in name else value,
                _pct(target) if "rate" in name else target, "ok" if good else "MISSED"]
               for name, value, target, good in (
        ("pairs F1", at_t.pairs.f1 if at_t else 0.0, TARGETS["pairs_f1"],
         at_t is not None and at_t.pairs.f1 >= TARGETS["pairs_f1"]),
        ("benign recall", at_t.benign if at_t else 0.0, TARGETS["benign"],
         at_t is not None and at_t.benign >= TARGETS["benign"]),
        ("adversarial recall", at_t.adversarial if at_t else 0.0, TARGETS["adversarial"],
         at_t is not None and at_t.adversarial >= TARGETS["adversarial"]),
        ("negatives alert rate", at_t.alert_rate if at_t else 0.0, TARGETS["alert_rate"],
         at_t is not None and at_t.alert_rate <= TARGETS["alert_rate"]),
    )]
    rep.add(f"Targets at t={t:.2f}", table(["measure", "value", "target", ""], summary))
    report_pairs(rep, pairs, scores, t)
    report_classes(rep, queries, outcomes, t, control)
    report_negatives(rep, negatives, neg_outcomes, t, args.worst)
    if args.failures:
        print(f"\n== Failures at t={t:.2f} (up to {args.failures} per group)")
        bad = [o for o in control if o.expected_score < t]
        print(f"-- control: {len(bad)} listed names do not alert as they are")
        for o in bad[: args.failures]:
            print(f"   {o.expected} {o.query!r}: {o.expected_score:.3f}; best {o.top_ref} "
                  f"{o.top_score:.3f} {o.top_name!r}")
        print(failures(pairs, scores, queries, outcomes, t, args.failures))
    if not args.limit and not args.no_write:
        write_results(rep, meta)
        print(f"\nwrote {RESULTS_MD}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
