"""Extract the names the locked test uses from the names-dataset package (run once, by hand).

    pip install -e ".[eval]" && python -m benchmarks.eval.extract_names

names-dataset (PyPI, Philippe Remy; 491M Facebook profiles from a 2021 leak, aggregated to
name counts per country) takes about a minute and 2 GB to load, too much for every run, so
its top names per country are frozen in data/names_dataset.csv with the package version.
Only the locked test reads that file: development never looks at it (see README.md).
"""

from __future__ import annotations

import csv
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "names_dataset.csv"
# Nationalities of listed parties and of the screened trade (ASEAN), plus others for contrast.
COUNTRIES = (
    "AF", "BD", "BR", "CN", "DE", "DZ", "EG", "ES", "FR", "GB", "ID", "IN", "IQ", "IR", "IT",
    "JO", "JP", "KR", "KW", "LB", "LY", "MA", "MX", "MY", "NG", "PH", "PK", "PS", "QA", "RU",
    "SA", "SD", "SG", "SY", "TH", "TN", "TR", "UA", "US", "VN", "YE",
)
TOP = 80


def freeze(countries: tuple[str, ...], out: Path) -> None:
    """Write the package's top ``TOP`` first and last names of each country to ``out``."""
    from names_dataset import NameDataset

    nd = NameDataset()
    rows: list[tuple[str, str, str, int, str]] = []
    for cc in countries:
        first = nd.get_top_names(n=TOP, country_alpha2=cc, use_first_names=True)
        last = nd.get_top_names(n=TOP, country_alpha2=cc, use_first_names=False)
        for gender, names in first.get(cc, {}).items():
            rows += [(cc, "first", gender, rank, n) for rank, n in enumerate(names, 1)]
        rows += [(cc, "last", "", rank, n) for rank, n in enumerate(last.get(cc, []), 1)]
    with out.open("w", newline="", encoding="utf-8") as fh:
        fh.write(f"# names-dataset {version('names-dataset')}: top {TOP} names per country\n")
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["country", "part", "gender", "rank", "name"])
        writer.writerows(rows)
    print(f"{out}: {len(rows)} names from {len(countries)} countries")


def main() -> None:
    freeze(COUNTRIES, OUT)


if __name__ == "__main__":
    main()
