"""The accuracy benchmark's data files are well-formed and meet the stated minimums, and the
evaluation's functions run on a few rows (benchmarks/accuracy)."""

from __future__ import annotations

import csv
import unicodedata

import pytest

from benchmarks.accuracy import run
from benchmarks.accuracy.common import (
    KINDS,
    NEGATIVES_CSV,
    PAIR_FIELDS,
    PAIRS_CSV,
    Pair,
    fold_key,
    read_negatives,
    read_pairs,
)
from benchmarks.accuracy.perturb import ADVERSARIAL, BENIGN, CLASSES, perturb_all
from sanctions_screen.unlist.models import SanctionsList


def test_pairs_file_is_well_formed() -> None:
    with PAIRS_CSV.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == PAIR_FIELDS
        rows = list(reader)
    seen = set()
    for row in rows:
        assert row["name_a"].strip() and row["name_b"].strip(), row
        assert row["kind"] in KINDS, row
        assert row["label"] in {"0", "1"}, row
        assert row["category"] and row["note"], row
        key = (row["name_a"].casefold(), row["name_b"].casefold())
        assert key not in seen, f"duplicate pair {key}"
        seen.add(key)


def test_pairs_meet_the_minimums() -> None:
    pairs = read_pairs()
    assert len(pairs) >= 400
    assert sum(p.category.startswith("korean") for p in pairs) >= 80
    assert sum(p.category.startswith("asean_company") for p in pairs) >= 80
    assert sum(p.category.startswith("arabic") for p in pairs) >= 40
    assert sum(p.category.startswith("native_script") for p in pairs) >= 30
    negatives = [p for p in pairs if p.label == 0]
    assert len(negatives) >= 150, "hard negatives: different parties with similar names"
    # Negative-only category names end in _neg; a positive there would be a labelling slip.
    assert all(p.label == 0 for p in pairs if p.category.endswith("_neg"))


def test_korean_hard_negatives_include_generation_syllables() -> None:
    pairs = {(p.name_a, p.name_b): p.label for p in read_pairs()}
    assert pairs[("Kim Jong Un", "Kim Jong Nam")] == 0
    assert pairs[("Kim Il Sung", "Kim Il Chol")] == 0
    assert pairs[("Kim Jong Un", "Kim Jong-un")] == 1


def test_negatives_are_numerous_varied_and_well_formed() -> None:
    with NEGATIVES_CSV.open(newline="", encoding="utf-8") as fh:
        assert csv.DictReader(fh).fieldnames == ["name", "kind", "locale"]
    negatives = read_negatives()
    assert len(negatives) >= 5000
    assert {n.kind for n in negatives} == KINDS
    assert all(n.name.strip() == n.name and n.name for n in negatives)
    locales = {n.locale.split("_")[0].split("-")[0] for n in negatives}
    for family in ("vi", "th", "id", "fil", "ms", "ko", "zh", "ar", "en", "de", "fr"):
        assert family in locales, family
    assert any("\uac00" <= c <= "\ud7a3" for n in negatives for c in n.name), "Hangul"
    assert len({fold_key(n.name) for n in negatives}) == len(negatives), "duplicates"


def test_no_negative_is_on_the_list(newest_list: SanctionsList) -> None:
    listed = {fold_key(name) for e in newest_list.entries for name, _ in e.names()}
    on_list = [n.name for n in read_negatives() if fold_key(n.name) in listed]
    assert on_list == []


def test_every_perturbation_class_applies_and_is_deterministic(
    newest_list: SanctionsList,
) -> None:
    queries = perturb_all(newest_list)
    assert perturb_all(newest_list) == queries
    by_class = {c: [q for q in queries if q.cls == c] for c in CLASSES}
    assert set(CLASSES) == set(BENIGN) | set(ADVERSARIAL)
    for cls, items in by_class.items():
        assert len(items) >= 100, cls
    refs = {e.reference_number for e in newest_list.entries}
    assert all(q.reference_number in refs and q.text != q.source_name for q in queries)
    assert all(any(unicodedata.category(c) == "Cf" for c in q.text) for q in by_class["invisible"])
    assert all(any(ord(c) > 0x36F for c in q.text) for q in by_class["homoglyph"])
    korean = [q for q in by_class["transliteration"] if q.reference_number.startswith("KPi")]
    assert korean, "Korean romanisation variants"


def test_pair_metrics_and_threshold_choice() -> None:
    pairs = [
        Pair("a", "a", "person", 1, "x", ""),
        Pair("a", "b", "person", 0, "x", ""),
        Pair("c", "c", "person", 1, "x", ""),
    ]
    m = run.pair_metrics(pairs, [0.9, 0.85, 0.6], 0.8)
    assert (m.tp, m.fp, m.fn, m.tn) == (1, 1, 1, 0)
    assert m.precision == m.recall == m.f1 == 0.5
    rows = [
        run.SweepRow(t, run.pair_metrics(pairs, [0.9, 0.85, 0.6], t), 1.0, 1.0, rate)
        for t, rate in ((0.5, 0.02), (0.86, 0.004), (0.95, 0.0))
    ]
    chosen, _ = run.choose_threshold(rows)
    assert chosen.t == 0.86


def test_evaluation_smoke_run(newest_list: SanctionsList) -> None:
    pytest.importorskip("sanctions_screen.matching.screener")
    from sanctions_screen.matching.compare import compare_names

    pairs = read_pairs()[:20]
    scores = run.score_pairs(pairs, compare_names)
    assert len(scores) == 20 and all(0.0 <= s <= 1.0 for s in scores)
    screener, default = run.build_screener(newest_list)
    assert 0.0 < default <= 1.0
    queries = perturb_all(newest_list)[::2000]
    outcomes = run.screen_perturbed(screener, queries)
    assert len(outcomes) == len(queries)
    recall = run.class_recall(queries, outcomes, 0.5)
    assert set(recall) <= set(CLASSES) | {"benign", "adversarial"}
    exact = run.screen_all(
        screener, [("KOREA MINING DEVELOPMENT TRADING CORPORATION", "organization", "KPe.001")]
    )
    assert exact[0].expected_rank == 0 and exact[0].expected_score >= default
    negatives = run.screen_negatives(screener, read_negatives()[:50])
    assert 0.0 <= run.alert_rate(negatives, default) <= 1.0
