"""Throughput benchmark of the matching engine against the newest UN list.

    python benchmarks/throughput.py                  # 100,000 names, 3 repeats
    python benchmarks/throughput.py --names 20000 --repeat 1   # a quick look

Screens a realistic mix of generated names (mostly people and companies from Korea, China,
ASEAN, Arabic-speaking, Russian and Western locales, in native script or romanised, none
listed; plus listed names with spelling variations) and reports names/s on one and two
workers, single-query p50/p99 latency, build time, peak resident memory and a brute-force
rapidfuzz baseline (``process.extractOne`` with ``WRatio`` over every list name) measured in
the same run. Every timing is repeated; the spread and a CPU calibration loop show how
noisy the machine was.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from anyascii import anyascii
from faker import Faker
from rapidfuzz import fuzz, process

from sanctions_screen.matching import Screener
from sanctions_screen.matching.candidates import clear_caches as clear_query_caches
from sanctions_screen.matching.scoring import join_profile, query_profile, token_similarity
from sanctions_screen.names.analysis import analyse
from sanctions_screen.names.analysis import clear_caches as clear_analysis_caches
from sanctions_screen.names.phonetic import is_abjad, ocr_key, phonetic_key, skeleton
from sanctions_screen.names.text import fold
from sanctions_screen.unlist.models import SanctionsList
from sanctions_screen.unlist.parser import parse_list_file

ROOT = Path(__file__).resolve().parent.parent
NEWEST = ROOT / "lists" / "un" / "consolidated-2026-05-08.xml.xz"

LOCALES = {
    "en_US": 14,
    "en_GB": 4,
    "ko_KR": 12,
    "zh_CN": 10,
    "ar_SA": 8,
    "id_ID": 10,
    "vi_VN": 10,
    "th_TH": 6,
    "fil_PH": 6,
    "ru_RU": 5,
    "fr_FR": 5,
}


def _variant(name: str, rng: random.Random) -> str:
    """A listed name as a trade record might spell it."""
    words = name.split()
    choice = rng.randrange(6)
    if choice == 0 and len(words) > 1:
        rng.shuffle(words)
    elif choice == 1:
        words = [w.title() for w in words]
    elif choice == 2:
        w = rng.randrange(len(words))
        word = words[w]
        if len(word) > 4:
            i = rng.randrange(1, len(word) - 1)
            words[w] = word[:i] + word[i + 1 :]
    elif choice == 3:
        return "-".join(words).lower()
    elif choice == 4:
        return " ".join(words) + rng.choice([" Co., Ltd", " Pte Ltd", " Sdn Bhd", ""])
    return " ".join(words)


def generate_names(sanctions_list: SanctionsList, count: int, seed: int = 7) -> list[str]:
    """``count`` names: about 92% not listed from many cultures, 8% listed with variations."""
    rng = random.Random(seed)
    fakers = {loc: Faker(loc) for loc in LOCALES}
    for i, f in enumerate(fakers.values()):
        f.seed_instance(seed + i)
    locales = list(LOCALES)
    weights = list(LOCALES.values())
    listed = [n for e in sanctions_list.entries for n, _ in e.names()]
    out: list[str] = []
    for _ in range(count):
        r = rng.random()
        if r < 0.08:
            out.append(_variant(rng.choice(listed), rng))
            continue
        f = fakers[rng.choices(locales, weights)[0]]
        name = f.company() if r < 0.40 else f.name()
        if not name.isascii() and rng.random() < 0.5:
            name = anyascii(name)
        out.append(name)
    return out


def _cold_caches() -> None:
    """Empty the process-wide caches (folding, analysis, word likeness) between runs."""
    for cached in (
        fold,
        analyse,
        token_similarity,
        join_profile,
        query_profile,
        phonetic_key,
        ocr_key,
        skeleton,
        is_abjad,
    ):
        cached.cache_clear()
    clear_analysis_caches()  # the per-word cache behind analyse
    clear_query_caches()  # the split and folded queries


def _build() -> str:
    """Whether the hot modules run compiled (mypyc, see setup.py) or as plain Python."""
    import sanctions_screen.matching.scoring as scoring

    where = Path(scoring.__file__ or "").parent.parent
    if str(scoring.__file__).endswith(".py"):
        return f"pure Python ({where})"
    return f"compiled with mypyc ({where})"


def _rss_mb() -> float:
    """Peak resident memory of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _calibrate(rounds: int = 5) -> list[float]:
    """Milliseconds for a fixed pure-Python loop: its spread is the machine's noise."""
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        total = 0
        for i in range(300_000):
            total += i * i % 7
        out.append((time.perf_counter() - t) * 1000)
    return out


def _parallel_calibration() -> float:
    """How much of a second core the machine gives: the calibration loop on two processes at
    once, as a share of twice its speed on one (1.0 = two full cores)."""
    import multiprocessing

    solo = statistics.median(_calibrate(3))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        both = pool.map(_calibrate_median, [3, 3])
    return solo / statistics.median(both)


def _calibrate_median(rounds: int) -> float:
    return statistics.median(_calibrate(rounds))


def _spread(values: list[float], fmt: str = "{:,.0f}") -> str:
    if len(values) == 1:
        return fmt.format(values[0])
    med = statistics.median(values)
    return (
        f"median {fmt.format(med)} (min {fmt.format(min(values))}, max {fmt.format(max(values))},"
        f" spread {100 * (max(values) - min(values)) / med:.1f}%)"
    )


def _warm_memory(list_path: Path, count: int) -> int:
    """Resident memory of a fresh process: interpreter and list, then the screener built,
    then after screening ``count`` names in batches of 1,000 with the results dropped."""
    sanctions_list = parse_list_file(list_path)
    names = generate_names(sanctions_list, count)
    gc.collect()
    before = _current_rss_mb()
    screener = Screener(sanctions_list)
    gc.collect()
    built = _current_rss_mb()
    for start in range(0, len(names), 1000):
        screener.screen_many(names[start : start + 1000])
    gc.collect()
    print(
        f"resident memory of a fresh process: {before:.0f} MB with the list and "
        f"{len(names):,} queries, {built:.0f} MB with the screener built, "
        f"{_current_rss_mb():.0f} MB after screening them all with results dropped (full caches)"
    )
    return 0


def _timed(fn: Callable[[], object]) -> float:
    gc.collect()
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=Path, default=NEWEST)
    parser.add_argument("--names", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--latency-sample", type=int, default=5_000)
    parser.add_argument("--baseline-sample", type=int, default=300)
    parser.add_argument("--memory-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_only:
        return _warm_memory(args.list, args.names)

    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"matcher build: {_build()}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"calibration loop (ms): {_spread(_calibrate(), '{:.1f}')}")
    print(f"two calibration loops at once run at {_parallel_calibration():.0%} of one alone")
    sanctions_list = parse_list_file(args.list)
    n_list = sum(len(e.names()) for e in sanctions_list.entries)
    print(f"list: {args.list.name}, {len(sanctions_list.entries)} entries, {n_list} names")
    t = time.perf_counter()
    names = generate_names(sanctions_list, args.names)
    print(
        f"queries: {len(names):,} generated in {time.perf_counter() - t:.1f}s, "
        f"{len(set(names)):,} distinct"
    )
    rss_before = _current_rss_mb()
    builds = [_timed(lambda: Screener(sanctions_list)) for _ in range(args.repeat)]
    print(f"build (s): {_spread(builds, '{:.3f}')}")
    gc.collect()
    kept = Screener(sanctions_list)
    print(
        f"resident memory: {rss_before:.0f} MB before the screener (interpreter, list, "
        f"{len(names):,} queries, faker), {_current_rss_mb():.0f} MB with it built"
    )
    del kept

    def run(workers: int, batch: list[str]) -> tuple[float, float, int]:
        """(names per wall second, names per CPU second of this process, alerts)."""
        _cold_caches()
        screener = Screener(sanctions_list)  # fresh: no warm caches
        results: list[object] = []
        cpu = time.process_time()
        elapsed = _timed(lambda: results.extend(screener.screen_many(batch, workers=workers)))
        cpu = time.process_time() - cpu
        alerts = sum(1 for r in results if getattr(r, "is_alert", False))
        return len(batch) / elapsed, len(batch) / cpu, alerts

    distinct = list(dict.fromkeys(names))
    for label, batch in (("all", names), ("distinct only", distinct)):
        for workers in (1, 2):
            rates, cpu_rates, alerts = [], [], 0
            for _ in range(args.repeat):
                rate, cpu_rate, alerts = run(workers, batch)
                rates.append(rate)
                cpu_rates.append(cpu_rate)
            print(
                f"screen_many {label} ({len(batch):,}), workers={workers}: "
                f"{_spread(rates)} names/s; alerts {alerts:,} ({100 * alerts / len(batch):.2f}%)"
            )
            if workers == 1:  # CPU time of the one process: what contention cannot hide
                print(f"    per CPU second: {_spread(cpu_rates)} names/s")

    rng = random.Random(11)
    sample = rng.sample(distinct, min(args.latency_sample, len(distinct)))
    _cold_caches()
    screener = Screener(sanctions_list)
    lat: list[float] = []
    for q in sample:
        t0 = time.perf_counter_ns()
        screener.screen(q)
        lat.append((time.perf_counter_ns() - t0) / 1000)
    lat.sort()
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]  # noqa: E731
    print(
        f"single-query latency, cold cache, {len(lat):,} distinct names (us): "
        f"p50 {p(0.5):.0f}, p90 {p(0.9):.0f}, p99 {p(0.99):.0f}, max {lat[-1]:.0f}"
    )

    choices = [fold(n) for e in sanctions_list.entries for n, _ in e.names()]
    base_sample = rng.sample(distinct, min(args.baseline_sample, len(distinct)))
    base_rates = []
    for _ in range(args.repeat):
        elapsed = _timed(
            lambda: [process.extractOne(fold(q), choices, scorer=fuzz.WRatio) for q in base_sample]
        )
        base_rates.append(len(base_sample) / elapsed)
    print(
        f"baseline rapidfuzz extractOne(WRatio) over {len(choices):,} names, "
        f"{len(base_sample)} queries: {_spread(base_rates)} names/s"
    )
    # What a screening service holds: the screener and its warm caches, not the results,
    # measured in a fresh process (this one's heap keeps the high-water mark of the runs).
    command = [sys.executable, __file__, "--memory-only", "--names", str(args.names)]
    fresh = subprocess.run([*command, "--list", str(args.list)], capture_output=True, text=True)
    print(fresh.stdout.strip() or fresh.stderr.strip())
    print(f"peak RSS of this process (holding all results of a run): {_rss_mb():.0f} MB")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of a worker process: {children:.0f} MB")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"calibration loop (ms): {_spread(_calibrate(), '{:.1f}')}")
    print(f"two calibration loops at once run at {_parallel_calibration():.0%} of one alone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
