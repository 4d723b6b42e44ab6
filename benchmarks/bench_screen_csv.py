"""Screen a generated CSV with the CLI: rows/s and peak memory.

    python benchmarks/bench_screen_csv.py [--rows 1000000] [--workers 2] [--repeat 1]
                                          [--distinct 40000] [--file LIST.xml] [--record]

The file (in a temp dir) has the columns of a counterparty export: ``Customer ID``,
``Name``, ``Type``, ``Country``, ``Date of Birth``, ``Notes``. Names are drawn from a pool of
``--distinct`` counterparties (Faker, seeded: Western, Vietnamese, Indonesian, Thai, Korean
and Chinese people and companies with ASEAN legal forms), about 1 % of them variants of
listed names (case, punctuation, legal form, word order, a typo). A real export repeats its
counterparties; ``--distinct 0`` makes every name unique (the matcher's worst case).

The CLI runs as a child process (``sanctions-screen screen --workers N --quiet -o out.csv``).
Reported per run: wall time and rows/s; CPU seconds of all processes (user + system: what
the run costs whatever the neighbours do) with the load average; the largest single
process's peak RSS (``getrusage RUSAGE_CHILDREN``); and the process tree's peak sampled
from /proc every 0.1 s as summed PSS (shared pages split between the processes sharing
them: the memory the run really takes) and summed RSS (counts the pages forked workers
share with the parent once per process). Targets: >= 20,000 rows/s, < 300 MB.

``--record`` measures what analysts run: each run recorded in a fresh SQLite audit trail,
as ``screen`` does by default (without it, runs pass ``--no-record``). Compare the two in
one session: the machine's neighbours move wall times more than the audit trail does
(figures in docs/audit.md, Cost).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from faker import Faker

from sanctions_screen.unlist.parser import parse_list_file

DEFAULT_LIST = Path(__file__).resolve().parents[1] / "lists/un/consolidated-2026-05-08.xml.xz"
LOCALES = ("en_US", "en_GB", "vi_VN", "id_ID", "th_TH", "ko_KR", "zh_CN", "fil_PH")
COUNTRIES = ("SG", "MY", "TH", "VN", "ID", "PH", "US", "GB", "CN", "JP", "KR", "DE", "FR")
LEGAL_FORMS = ("Pte Ltd", "Sdn Bhd", "PT", "Co., Ltd", "JSC", "Corp.", "Limited", "LLC", "GmbH")


def listed_variants(list_path: Path, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(name, kind) variants of listed names as trade paperwork writes them."""
    entries = [e for e in parse_list_file(list_path).entries if e.name.strip()]
    out = []
    for entry in rng.sample(entries, min(count, len(entries))):
        words = entry.name.split()
        choice = rng.randrange(5)
        if choice == 0:
            name = entry.name.title()
        elif choice == 1 and len(words) > 1:
            name = " ".join(words[1:] + words[:1])
        elif choice == 2 and entry.kind == "entity":
            name = f"{entry.name} {rng.choice(LEGAL_FORMS)}"
        elif choice == 3:
            i = rng.randrange(len(entry.name))
            name = entry.name[:i] + entry.name[i + 1 :]
        else:
            name = entry.name.replace(" ", ", ", 1)
        out.append((name, "person" if entry.kind == "individual" else "organization"))
    return out


def name_pool(size: int, list_path: Path, seed: int) -> list[tuple[str, str, str, str]]:
    """(name, kind, country, date of birth) per counterparty."""
    rng = random.Random(seed)
    fakers = [Faker(locale) for locale in LOCALES]
    for i, fake in enumerate(fakers):
        fake.seed_instance(seed + i)
    pool: list[tuple[str, str]] = []
    for i in range(size):
        fake = fakers[i % len(fakers)]
        if rng.random() < 0.55:
            pool.append((fake.name(), "person"))
        else:
            company = fake.company()
            if rng.random() < 0.5:
                company = f"{company.split(',')[0]} {rng.choice(LEGAL_FORMS)}"
            pool.append((company, "organization"))
    variants = listed_variants(list_path, max(1, size // 100), rng)
    return [(name, kind, rng.choice(COUNTRIES), _dob(rng) if kind == "person" else "")
            for name, kind in pool + variants]  # fmt: skip


def _dob(rng: random.Random) -> str:
    return f"19{rng.randrange(40, 99)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"


def generate(path: Path, rows: int, distinct: int, list_path: Path, seed: int = 7) -> int:
    """Write the CSV; returns the number of distinct names in it."""
    rng = random.Random(seed)
    unique = distinct <= 0
    pool = name_pool(distinct if not unique else 20_000, list_path, seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Customer ID", "Name", "Type", "Country", "Date of Birth", "Notes"])
        for i in range(rows):
            name, kind, country, dob = rng.choice(pool)
            if unique:
                name = f"{name} {i:07d}" if kind == "organization" else f"{name} {_syllable(i)}"
            writer.writerow([f"C{i:08d}", name, kind, country, dob, "imported 2026-05"])
    return rows if unique else len(pool)


def _syllable(i: int) -> str:
    letters = "bcdfghjklmnprstvz"
    vowels = "aeiou"
    out = []
    while True:
        out.append(letters[i % 17] + vowels[(i // 17) % 5])
        i //= 85
        if not i:
            return "".join(out).title()


class TreeMemory(threading.Thread):
    """Samples the summed RSS of a process and all its descendants from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.peak_pss_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            tree = _tree(self.pid)
            self.peak_kb = max(self.peak_kb, sum(_status_kb(p, "VmRSS:") for p in tree))
            self.peak_pss_kb = max(self.peak_pss_kb, sum(_pss_kb(p) for p in tree))
            time.sleep(0.1)


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            pass
    return out


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid: int) -> int:
    """Proportional set size: shared pages (forked workers share the parent's) split
    between the processes that share them, so the sum is the tree's real footprint."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def screen(
    csv_path: Path, list_path: Path, workers: int, out: Path, record_db: Path | None
) -> tuple[float, float, int, int, int]:
    """(seconds, CPU s, tree peak RSS kB, tree peak PSS kB, largest process peak kB) of a run.

    With ``record_db`` the run is recorded in that SQLite audit trail, as every CLI run is by
    default; without it the run passes ``--no-record``.
    """
    env = dict(os.environ)
    record = ["--no-record"]
    if record_db is not None:
        env["SANCTIONS_SCREEN_DB"] = f"sqlite:///{record_db}"
        record = []
    command = [sys.executable, "-m", "sanctions_screen.cli.main", *record, "screen",
               str(csv_path), "--list", str(list_path), "--workers", str(workers), "--quiet",
               "-o", str(out)]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env)
    sampler = TreeMemory(proc.pid)
    sampler.start()
    code = proc.wait()
    seconds = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    if code not in (0, 1):
        raise SystemExit(f"screen failed with exit code {code}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, sampler.peak_kb, sampler.peak_pss_kb, after.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--distinct", type=int, default=40_000,
        help="distinct counterparties in the file (0: every name unique)",
    )  # fmt: skip
    parser.add_argument("--file", type=Path, default=DEFAULT_LIST, help="UN list XML")
    parser.add_argument(
        "--record", action="store_true",
        help="record each run in a fresh SQLite audit trail (the CLI's default); "
        "without it runs pass --no-record",
    )  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "counterparties.csv"
        start = time.perf_counter()
        names = generate(csv_path, args.rows, args.distinct, args.file)
        size_mb = csv_path.stat().st_size / 1e6
        print(f"generated {args.rows:,} rows ({size_mb:.0f} MB, {names:,} distinct names) in "
              f"{time.perf_counter() - start:.0f} s")  # fmt: skip
        rates = []
        for i in range(args.repeat):
            record_db = Path(tmp) / f"audit-{i}.sqlite" if args.record else None
            seconds, cpu, tree_kb, pss_kb, single_kb = screen(
                csv_path, args.file, args.workers, Path(tmp) / "out.csv", record_db
            )
            rate = args.rows / seconds
            rates.append(rate)
            with (Path(tmp) / "out.csv").open(encoding="utf-8") as handle:
                alerts = sum(1 for row in csv.DictReader(handle) if row["screen_status"] == "alert")
            print(f"run {i + 1}: {seconds:.1f} s  {rate:,.0f} rows/s  CPU {cpu:.1f} s "
                  f"(load average {os.getloadavg()[0]:.1f})  peak memory: largest "
                  f"process {single_kb / 1024:.0f} MB RSS, process tree {pss_kb / 1024:.0f} MB "
                  f"PSS ({tree_kb / 1024:.0f} MB summed RSS)  alerts {alerts:,}")  # fmt: skip
        if len(rates) > 1:
            spread = (max(rates) - min(rates)) / statistics.median(rates) * 100
            print(f"median {statistics.median(rates):,.0f} rows/s  min {min(rates):,.0f}  "
                  f"max {max(rates):,.0f}  spread {spread:.1f} %")  # fmt: skip
        verdict = "ok" if statistics.median(rates) >= 20_000 else "UNDER TARGET"
        mode = "recorded in the audit trail" if args.record else "--no-record"
        print(f"target >= 20,000 rows/s with {args.workers} workers ({mode}): {verdict}")


if __name__ == "__main__":
    main()
