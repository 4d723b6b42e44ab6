"""The score combiner's coefficients: written by `python -m
benchmarks.eval.train_combiner`, not by hand (benchmarks/eval/train_combiner.py says
what it was trained on: the development split only)."""

from __future__ import annotations

from typing import Final

TRAINED: Final = "2026-12-07"
TRAINING_ROWS: Final = 19016
TRAINING_POSITIVES: Final = 5385
INTERCEPT: Final = -1.9335238691221475
COEFFICIENTS: Final = (
    1.2555273382491345,  # hand_logit
    0.6749267364229378,  # min_similarity
    -3.8320413730013296,  # query_left_over
    -1.382098454724581,  # family_differs
)
THRESHOLD: Final = 0.49
"""Alert threshold on the calibrated score, chosen on the development split by the
rule of benchmarks/eval/README.md (`python -m benchmarks.eval.train_combiner
--threshold`)."""
