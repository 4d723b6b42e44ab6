"""Extract the development split's names-dataset names (run once, by hand).

    pip install -e ".[eval]" && python -m benchmarks.eval.extract_dev_names

The locked split reads names-dataset's top names of the countries in
``extract_names.COUNTRIES`` (``data/names_dataset.csv``). Development takes the other
partition: the countries of the UN regimes and of ASEAN that are *not* in that tuple
(``COUNTRIES`` below; tests/test_eval_split.py checks the two are disjoint), frozen in
``data/dev_names.csv`` with the package version. Neither split reads the other's file.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.eval.extract_names import freeze

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "dev_names.csv"
# The UN regimes' and ASEAN's countries left out of the locked split's tuple that the package
# has (Haiti; Brunei, Cambodia), and for those it lacks (Somalia, DR Congo, South Sudan, Mali,
# CAR, DPRK, Laos, Myanmar) and those the locked split holds (Yemen, Iraq, Syria, Lebanon,
# Libya, Sudan, Afghanistan, Pakistan), neighbours whose names are alike: Djibouti and
# Ethiopia (Somalia, South Sudan), Burundi and Cameroon (DR Congo, CAR), Burkina Faso (Mali),
# the UAE, Oman and Bahrain (the Arab regimes), the Maldives (South Asia's Muslim names).
COUNTRIES = ("HT", "BN", "KH", "DJ", "ET", "BI", "CM", "BF", "AE", "OM", "BH", "MV")


def main() -> None:
    freeze(COUNTRIES, OUT)


if __name__ == "__main__":
    main()
