"""Run one split's data through the public API and turn the outcomes into figures.

Only the public API is used: ``Screener``, ``compare_names``, ``ScreeningConfig``.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from benchmarks.eval.common import KINDS, Pair, Probe
from sanctions_screen import SanctionsList, Screener, ScreeningConfig, compare_names

CALIBRATION_BINS = (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0001)

# The table: measure -> (target, higher is better).
TARGETS = {
    "pairs_f1": (0.85, True),
    "alias_latin": (0.95, True),
    "alias_native": (0.80, True),
    "perturbed_recall": (0.95, True),
    "near_miss_far": (0.10, False),
    "clean_alert_rate": (0.003, False),
}


@dataclass
class Split:
    """A split's data: pairs, probes on the full list, and probes on hold-out lists."""

    name: str
    pairs: list[Pair]
    probes: list[Probe]
    holdouts: list[tuple[SanctionsList, list[Probe]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    probe: Probe
    alerted: bool
    """For a positive: its expected reference alerted. For a negative: anything alerted."""
    top: str
    top_score: float


def screen(screener: Screener, probes: Sequence[Probe], threshold: float) -> list[Outcome]:
    results = screener.screen_many({"name": p.text, "kind": p.kind, "country": p.country}
                                  for p in probes)
    out: list[Outcome] = []
    for probe, result in zip(probes, results, strict=True):
        alerts = [m for m in result.matches if m.score >= threshold]
        if probe.expected is None:
            alerted = bool(alerts)
        else:
            alerted = any(m.reference_number == probe.expected for m in alerts)
        best = result.matches[0] if result.matches else None
        out.append(Outcome(probe, alerted,
                           f"{best.reference_number} {best.matched_name}" if best else "",
                           best.score if best else 0.0))
    return out


@dataclass
class Figures:
    split: str
    threshold: float
    headline: dict[str, tuple[float, int]]
    """measure -> (value, n)."""
    tables: list[tuple[str, list[str], list[list[str]]]]
    failures: dict[str, list[str]]
    timings: dict[str, float]


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(split: Split, newest: SanctionsList, failures: int = 0) -> Figures:
    threshold = ScreeningConfig().threshold
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    scores = [compare_names(p.a, p.b, kind=p.kind) for p in split.pairs]  # type: ignore[arg-type]
    timings["pairs"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    screener = Screener(newest)
    outcomes = screen(screener, split.probes, threshold)
    for variant, probes in split.holdouts:
        outcomes += screen(Screener(variant), probes, threshold)
    timings["screen"] = time.perf_counter() - t0
    return _figures(split, threshold, scores, outcomes, failures, timings)


def _figures(
    split: Split, threshold: float, scores: list[float], outcomes: list[Outcome],
    failures: int, timings: dict[str, float],
) -> Figures:
    tables: list[tuple[str, list[str], list[list[str]]]] = []
    fails: dict[str, list[str]] = defaultdict(list)
    headline: dict[str, tuple[float, int]] = {}

    # pairs: overall, per kind, per class
    def counts(idx: list[int]) -> tuple[int, int, int, int]:
        tp = fp = fn = tn = 0
        for i in idx:
            alert = scores[i] >= threshold
            pos = split.pairs[i].label == 1
            tp += alert and pos
            fp += alert and not pos
            fn += (not alert) and pos
            tn += (not alert) and not pos
        return tp, fp, fn, tn

    everything = list(range(len(split.pairs)))
    tp, fp, fn, tn = counts(everything)
    headline["pairs_f1"] = (_f1(tp, fp, fn)[2], len(everything))
    rows = []
    for kind in KINDS:
        idx = [i for i in everything if split.pairs[i].kind == kind]
        if idx:
            k_tp, k_fp, k_fn, k_tn = counts(idx)
            p, r, f = _f1(k_tp, k_fp, k_fn)
            rows.append([kind, str(len(idx)), str(k_tp + k_fn), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"])
    p, r, f = _f1(tp, fp, fn)
    rows.append(["all", str(len(everything)), str(tp + fn), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"])
    tables.append(("Labelled pairs per kind", ["kind", "n", "pos", "P", "R", "F1"], rows))
    rows = []
    for cls in sorted({p.cls for p in split.pairs}):
        idx = [i for i in everything if split.pairs[i].cls == cls]
        c_tp, c_fp, c_fn, c_tn = counts(idx)
        rec = f"{c_tp / (c_tp + c_fn):.3f}" if c_tp + c_fn else "-"
        neg = f"{c_tn / (c_tn + c_fp):.3f}" if c_tn + c_fp else "-"
        rows.append([cls, str(len(idx)), str(c_tp + c_fn), rec, neg])
        for i in idx:
            pair = split.pairs[i]
            if (scores[i] >= threshold) != (pair.label == 1):
                fails[f"pairs/{cls}"].append(f"{scores[i]:.3f}  {pair.a!r} ~ {pair.b!r}")
    tables.append(("Labelled pairs per class", ["class", "n", "pos", "recall", "neg correct"],
                   rows))

    # calibration: score bins against the share of true pairs in them
    rows = []
    for lo, hi in zip(CALIBRATION_BINS, CALIBRATION_BINS[1:], strict=False):
        idx = [i for i in everything if lo <= scores[i] < hi]
        pos = sum(split.pairs[i].label for i in idx)
        share = f"{pos / len(idx):.3f}" if idx else "-"
        rows.append([f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}", str(len(idx)),
                     str(pos), share])
    tables.append(("Calibration (pairs: score bin -> observed precision)",
                   ["score", "n", "same party", "precision"], rows))

    # screened probes, grouped by their class prefix
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[o.probe.cls].append(o)
        if (o.probe.expected is None) == o.alerted:
            fails[o.probe.cls].append(
                f"{o.top_score:.3f}  {o.probe.text!r} (from {o.probe.source!r}, "
                f"want {o.probe.expected or 'nothing'}) top: {o.top}")

    def rate(prefix: str, suffix: str = "") -> tuple[float, int]:
        sel = [o for c, os in groups.items() if c.startswith(prefix) and c.endswith(suffix)
               for o in os]
        return (sum(o.alerted for o in sel) / len(sel) if sel else float("nan"), len(sel))

    headline["alias_latin"] = rate("alias/", "_latin")
    headline["alias_native"] = rate("alias/", "_native")
    headline["perturbed_recall"] = rate("perturbed/")
    headline["near_miss_far"] = rate("near_miss/")
    headline["clean_alert_rate"] = rate("clean/")
    for prefix, title, col in (
        ("alias/", "Other spellings of a listed party -> its entry alerted", "alerted"),
        ("perturbed/", "Perturbed listed names: recall", "recall"),
        ("near_miss/", "Near-miss negatives: false-alert rate", "false alerts"),
    ):
        rows = [[c, str(len(os)), f"{sum(o.alerted for o in os) / len(os):.3f}"]
                for c, os in sorted(groups.items()) if c.startswith(prefix)]
        tables.append((title, ["class", "n", col], rows))
    clean = [(c, os) for c, os in sorted(groups.items()) if c.startswith("clean/")]
    rows = [[c, str(len(os)), str(sum(o.alerted for o in os))] for c, os in clean]
    tables.append(("Clean names: alerts per source", ["source", "n", "alerts"], rows))
    return Figures(split.name, threshold, headline, tables,
                   {k: v[:failures] for k, v in fails.items()} if failures else {}, timings)


def headline_table(fig: Figures) -> list[list[str]]:
    rows = []
    for measure, (target, higher) in TARGETS.items():
        value, n = fig.headline[measure]
        ok = value >= target if higher else value <= target
        pct = measure.endswith(("far", "rate"))
        fmt = f"{value:.2%}" if pct else f"{value:.3f}"
        tgt = f"{'>=' if higher else '<='} {target:.2%}" if pct else \
            f"{'>=' if higher else '<='} {target:.2f}"
        rows.append([measure, fmt, str(n), tgt, "ok" if ok else "MISS"])
    return rows


def render(fig: Figures, header: list[str]) -> str:
    out = [*header, "", f"Threshold: {fig.threshold} (the matcher's default, "
           "ScreeningConfig().threshold)", ""]
    out += _table("Headline (the issue's table)", ["measure", "value", "n", "target", ""],
                  headline_table(fig))
    for title, cols, rows in fig.tables:
        out += _table(title, cols, rows)
    for cls, lines in sorted(fig.failures.items()):
        out += [f"### failures: {cls}", "", "```", *lines, "```", ""]
    return "\n".join(out)


def _table(title: str, cols: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(x)) for x in [c, *(r[i] for r in rows)]) for i, c in enumerate(cols)]
    line = lambda r: "  ".join(str(x).ljust(w) for x, w in zip(r, widths, strict=True))  # noqa: E731
    return [f"## {title}", "", "```", line(cols), line(["-" * w for w in widths]),
            *(line(r) for r in rows), "```", ""]
