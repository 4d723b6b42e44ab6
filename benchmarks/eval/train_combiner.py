"""Train the score combiner on the development split, and export its coefficients.

    pip install -e ".[eval]"
    python -m benchmarks.eval.train_combiner            # fit, write combiner_model.py
    python -m benchmarks.eval.train_combiner --threshold   # choose the threshold (README rule)
    SANCTIONS_SCREEN_SCORE_MODEL=learned python -m benchmarks.eval.dev   # its figures

What it is trained on (the development split only, README.md; never the locked split nor
``benchmarks/accuracy``):

- the development pairs (``dev.py``: UN alias pairs and same-regime negatives, Wade-Giles,
  nicknames, legal forms, vessels), each pair's best alignment either way round;
- the development probes screened against the newest list and the two hold-out lists: every
  list name the index proposes (at a low floor) is a training pair, labelled 1 when it is the
  probe's expected entry and 0 otherwise (near misses and clean names are all 0).

The model is a logistic regression (scikit-learn) on :data:`~sanctions_screen.matching.
combiner.FEATURES`; its coefficients are written as plain numbers to
``sanctions_screen/matching/combiner_model.py``, so screening needs no ML library. The
threshold is then chosen on the development split by the README's rule (the highest pairs F1
whose near-miss false-alert rate stays at most 10% and clean-name alert rate at most 0.30%)
and written beside the coefficients.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks.eval import dev
from benchmarks.eval.common import Pair, Probe
from sanctions_screen import SanctionsList, Screener, ScreeningConfig
from sanctions_screen.matching.candidates import analyse_query
from sanctions_screen.matching.combiner import FEATURES, hand_score, model_inputs
from sanctions_screen.matching.compare import best_alignment
from sanctions_screen.matching.index import DERIVED_ACRONYM
from sanctions_screen.matching.scoring import score_names

MODEL = Path(__file__).resolve().parents[2] / "sanctions_screen" / "matching" / "combiner_model.py"
EXTRACT_FLOOR = 0.4
"""Hand score from which a proposed list name becomes a training pair: names below it are
never near an alert, and would only teach the model what it already says."""
C = 1.0
"""Inverse regularisation strength of the logistic regression."""

Row = tuple[tuple[float, ...], int, str, int]
"""Model inputs, label, where the row came from (class), and the number of the pair or probe
it came from (a probe gives a row per entry proposed)."""


def pair_rows(pairs: Sequence[Pair], config: ScreeningConfig) -> list[Row]:
    rows: list[Row] = []
    for n, p in enumerate(pairs):
        f = best_alignment(p.a, p.b, p.kind).features  # type: ignore[arg-type]
        rows.append((model_inputs(f, hand_score(f, config)), p.label, f"pairs/{p.cls}", n))
    return rows


def probe_rows(
    lst: SanctionsList, probes: Sequence[Probe], config: ScreeningConfig, first: int
) -> list[Row]:
    """Every list name the index proposes for each probe, best name per entry (as the
    screener keeps it), labelled by whether it is the probe's expected entry."""
    index = Screener(lst, config)._index
    refs = [e.reference_number for e in lst.entries]
    persons = [e.kind == "individual" for e in lst.entries]
    rows: list[Row] = []
    for n, probe in enumerate(probes, first):
        kind = "person" if probe.kind == "person" else "organization" if probe.kind else None
        best: dict[int, tuple[float, tuple[float, ...]]] = {}
        for analysis in analyse_query(probe.text, kind):  # type: ignore[arg-type]
            weights = index.weights(analysis)
            ranked = index.candidates(
                analysis, weights, config.min_coverage, EXTRACT_FLOOR - config.estimate_margin
            )
            for nid in ranked[: config.max_candidates]:
                indexed = index.names[nid]
                if probe.kind is not None and (probe.kind == "person") != persons[
                    indexed.entry_index
                ]:
                    continue  # the kind is weighed after the name (Screener._evidence)
                ns = score_names(analysis, weights, indexed.analysis, indexed.weights, config)
                hand = hand_score(ns.features, config)
                if hand < EXTRACT_FLOOR:
                    continue
                if indexed.derived == DERIVED_ACRONYM and any(p[2] < 1.0 for p in ns.pairs):
                    continue
                prior = best.get(indexed.entry_index)
                if prior is None or hand > prior[0]:
                    best[indexed.entry_index] = (hand, model_inputs(ns.features, hand))
        for i, (_, x) in best.items():
            rows.append((x, int(refs[i] == probe.expected), probe.cls, n))
    return rows


def extract() -> tuple[list[Row], list[str]]:
    """The training rows, and the class of each pair and probe by number (a probe the index
    proposes nothing for gives no row)."""
    config = ScreeningConfig()
    split, newest = dev.build()
    rows = pair_rows(split.pairs, config)
    classes = [f"pairs/{p.cls}" for p in split.pairs]
    for lst, probes in [(newest, split.probes), *split.holdouts]:
        rows += probe_rows(lst, probes, config, len(classes))
        classes += [p.cls for p in probes]
    return rows, classes


def fit(rows: list[Row]) -> tuple[list[float], float]:
    from sklearn.linear_model import LogisticRegression

    xs = [x for x, _, _, _ in rows]
    ys = [y for _, y, _, _ in rows]
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(xs, ys)
    return [float(c) for c in model.coef_[0]], float(model.intercept_[0])


def write_model(coefficients: list[float], intercept: float, rows: list[Row],
                threshold: float | None) -> None:
    positives = sum(y for _, y, _, _ in rows)
    lines = [
        '"""The score combiner\'s coefficients: written by `python -m',
        "benchmarks.eval.train_combiner`, not by hand (benchmarks/eval/train_combiner.py says",
        'what it was trained on: the development split only)."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        f'TRAINED: Final = "{dt.date.today().isoformat()}"',
        f"TRAINING_ROWS: Final = {len(rows)}",
        f"TRAINING_POSITIVES: Final = {positives}",
        f"INTERCEPT: Final = {intercept!r}",
        "COEFFICIENTS: Final = (",
        *(f"    {c!r},  # {name}" for c, name in zip(coefficients, FEATURES, strict=True)),
        ")",
        f"THRESHOLD: Final = {threshold if threshold is not None else _current_threshold()!r}",
        '"""Alert threshold on the calibrated score, chosen on the development split by the',
        "rule of benchmarks/eval/README.md (`python -m benchmarks.eval.train_combiner",
        '--threshold`)."""',
        "",
    ]
    MODEL.write_text("\n".join(lines))


def _current_threshold() -> float:
    try:
        from sanctions_screen.matching import combiner_model
    except ImportError:
        return 0.5
    return float(combiner_model.THRESHOLD)


def train() -> None:
    rows, _ = extract()
    coefficients, intercept = fit(rows)
    write_model(coefficients, intercept, rows, None)
    _report(rows, coefficients, intercept)


def _report(rows: list[Row], coefficients: list[float], intercept: float) -> None:
    print(f"rows {len(rows)}, positives {sum(y for _, y, _, _ in rows)}")
    for name, c in zip(FEATURES, coefficients, strict=True):
        print(f"  {name:20s} {c:+.3f}")
    print(f"  {'intercept':20s} {intercept:+.3f}")
    bins = [0.0, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001]
    probs = [_sigmoid(intercept + sum(c * v for c, v in zip(coefficients, x, strict=True)))
             for x, _, _, _ in rows]
    print("calibration on the training rows (score bin: n, share positive, mean score)")
    for lo, hi in zip(bins, bins[1:], strict=False):
        sel = [(p, y) for p, (_, y, _, _) in zip(probs, rows, strict=True) if lo <= p < hi]
        if sel:
            print(f"  [{lo:.2f}, {hi:.2f}) {len(sel):6d} {sum(y for _, y in sel) / len(sel):.3f}"
                  f" {sum(p for p, _ in sel) / len(sel):.3f}")


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


# -- the threshold: the README's rule on the development split --------------------------------


def choose_threshold() -> float:
    """Screen the development split once with everything reported, then sweep thresholds."""
    from benchmarks.eval.measure import screen
    from sanctions_screen import compare_names

    split, newest = dev.build()
    pair_scores = [compare_names(p.a, p.b, kind=p.kind) for p in split.pairs]  # type: ignore[arg-type]
    low = ScreeningConfig(score_model="learned", threshold=0.01, review_threshold=0.01)
    outcomes = _scores(Screener(newest, low), split.probes)
    for variant, probes in split.holdouts:
        outcomes += _scores(Screener(variant, low), probes)
    del screen
    best: tuple[float, float] | None = None
    print("threshold  pairs_f1  near_miss_far  clean_rate  recall(perturbed)")
    for step in range(20, 100):
        t = step / 100
        f1 = _pairs_f1(split.pairs, pair_scores, t)
        far = _rate(outcomes, "near_miss/", t)
        clean = _rate(outcomes, "clean/", t)
        recall = _rate(outcomes, "perturbed/", t)
        ok = far <= 0.10 and clean <= 0.003
        print(f"{t:.2f}       {f1:.3f}     {far:.2%}         {clean:.2%}       {recall:.3f}"
              f"{'' if ok else '  (outside the rule)'}")
        if ok and (best is None or f1 > best[1]):
            best = (t, f1)
    assert best is not None, "no threshold satisfies the rule"
    return best[0]


Scored = list[tuple[Probe, list[tuple[str, float]]]]
"""Each probe with the (reference, score) of every match reported."""


def _scores(screener: Screener, probes: Sequence[Probe]) -> Scored:
    results = screener.screen_many({"name": p.text, "kind": p.kind} for p in probes)
    return [(p, [(m.reference_number, m.score) for m in r.matches])
            for p, r in zip(probes, results, strict=True)]


def _alerted(probe: Probe, matches: list[tuple[str, float]], t: float) -> bool:
    if probe.expected is None:
        return any(s >= t for _, s in matches)
    return any(ref == probe.expected and s >= t for ref, s in matches)


def _rate(outcomes: Scored, prefix: str, t: float) -> float:
    sel = [_alerted(p, m, t) for p, m in outcomes if p.cls.startswith(prefix)]
    return sum(sel) / len(sel) if sel else 0.0


def _pairs_f1(pairs: Sequence[Pair], scores: list[float], t: float) -> float:
    tp = sum(1 for p, s in zip(pairs, scores, strict=True) if s >= t and p.label)
    fp = sum(1 for p, s in zip(pairs, scores, strict=True) if s >= t and not p.label)
    fn = sum(1 for p, s in zip(pairs, scores, strict=True) if s < t and p.label)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threshold", action="store_true",
                        help="choose the threshold on the development split and write it")
    args = parser.parse_args(argv)
    if not args.threshold:
        train()
        # The threshold is chosen with the new coefficients loaded: in a fresh process.
        return subprocess.call([sys.executable, "-m", "benchmarks.eval.train_combiner",
                                "--threshold"])
    os.environ["SANCTIONS_SCREEN_SCORE_MODEL"] = "learned"  # compare_names' default config
    threshold = choose_threshold()
    from sanctions_screen.matching import combiner_model as m

    text = MODEL.read_text()
    text = text.replace(f"THRESHOLD: Final = {m.THRESHOLD!r}", f"THRESHOLD: Final = {threshold!r}")
    MODEL.write_text(text)
    print(f"threshold {threshold} written to {MODEL}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
