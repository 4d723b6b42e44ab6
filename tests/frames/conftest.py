"""Data for the DataFrame, Parquet and Dask tests: a trade file and a names file with
listed parties in them, as strings (what a CSV export holds)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from sanctions_screen.unlist.models import SanctionsList

NAMES_HEADER = ["Customer ID", "Name", "Type", "Country", "Date of Birth"]
CLEAR = [
    ("Siam Rice Co., Ltd", "organization", "Thailand", ""),
    ("Nguyen Van An", "person", "Viet Nam", "1971-03-02"),
    ("Tokyo Foods KK", "organization", "Japan", ""),
    ("Maria Santos", "person", "Philippines", "1985-11-30"),
]


def names_rows(newest: SanctionsList, count: int, seed: int = 3) -> list[list[str]]:
    """``count`` rows of a counterparty export, one in ten a listed name."""
    rng = random.Random(seed)
    listed = [e for e in newest.entries if e.name.strip()]
    rows = []
    for i in range(count):
        if i % 10 == 3:
            entry = rng.choice(listed)
            kind = "person" if entry.kind == "individual" else "organization"
            rows.append([f"C{i:06d}", entry.name.title(), kind, "", ""])
        else:
            name, kind, country, dob = rng.choice(CLEAR)
            rows.append([f"C{i:06d}", f"{name}", kind, country, dob])
    return rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="session")
def names_data(newest_list: SanctionsList) -> tuple[list[str], list[list[str]]]:
    return NAMES_HEADER, names_rows(newest_list, 400)
