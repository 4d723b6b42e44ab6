"""The score combiner's coefficients: written by `python -m
benchmarks.eval.train_combiner`, not by hand (benchmarks/eval/train_combiner.py says
what it was trained on: the development split only)."""

from __future__ import annotations

from typing import Final

TRAINED: Final = "2026-12-07"
TRAINING_ROWS: Final = 18218
TRAINING_POSITIVES: Final = 5384
INTERCEPT: Final = -1.5152778201884873
COEFFICIENTS: Final = (
    0.8737678771160117,  # hand_logit
    0.9600098284552989,  # min_similarity
    -4.166906647864195,  # query_left_over
    -1.652980239376111,  # family_differs
)
THRESHOLD: Final = 0.55
"""Alert threshold on the calibrated score, chosen on the development split by the
rule of benchmarks/eval/README.md (`python -m benchmarks.eval.train_combiner
--threshold`)."""
