"""Shared helpers for the accuracy benchmark: paths, data files and the benchmark's own
normalisation (deliberately independent of the matcher under test)."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from anyascii import anyascii

from sanctions_screen.unlist.models import SanctionsList
from sanctions_screen.unlist.parser import parse_list_file

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LISTS_DIR = ROOT / "lists" / "un"
NEWEST_LIST = LISTS_DIR / "consolidated-2026-05-08.xml.xz"
PAIRS_CSV = HERE / "pairs.csv"
NEGATIVES_CSV = HERE / "negatives.csv"
PAIR_FIELDS = ["name_a", "name_b", "kind", "label", "category", "note"]
KINDS = {"person", "organization"}


@dataclass(frozen=True)
class Pair:
    name_a: str
    name_b: str
    kind: str
    label: int
    category: str
    note: str


@dataclass(frozen=True)
class Negative:
    name: str
    kind: str
    locale: str


@cache
def load_list(path: Path = NEWEST_LIST) -> SanctionsList:
    return parse_list_file(path)


def read_pairs(path: Path = PAIRS_CSV) -> list[Pair]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [
            Pair(r["name_a"], r["name_b"], r["kind"], int(r["label"]), r["category"], r["note"])
            for r in csv.DictReader(fh)
        ]


def read_negatives(path: Path = NEGATIVES_CSV) -> list[Negative]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [Negative(r["name"], r["kind"], r["locale"]) for r in csv.DictReader(fh)]


def fold_tokens(text: str) -> list[str]:
    """Lower-case ASCII tokens: NFKC, transliteration, punctuation and spacing removed."""
    ascii_text = anyascii(unicodedata.normalize("NFKC", text)).lower()
    return [t for t in re.split(r"[^a-z0-9]+", ascii_text) if t]


def fold_key(text: str) -> str:
    """Order-free normalised form used to keep listed names out of the negatives."""
    return " ".join(sorted(fold_tokens(text)))


_KOREAN_FAMILY = {
    "ri": "lee rhee yi i li rhie ri", "pak": "park bak bahk pak", "choe": "choi choe chwe",
    "jong": "jung jeong chong jong cheong chung", "o": "oh o", "kim": "kim gim",
    "ryu": "ryu yu yoo you", "kang": "kang gang", "hyon": "hyun hyon hyeon",
    "paek": "baek paek paik baik", "sin": "shin sin", "jo": "cho jo", "jang": "jang chang",
    "yun": "yoon yun", "rim": "lim im rim", "ro": "noh no roh ro", "jon": "jeon jon chon",
    "mun": "moon mun", "ko": "ko go", "kwon": "kwon gwon", "ku": "koo ku gu",
    "ju": "joo ju chu", "so": "seo so", "son": "son sohn",
}
_FAMILY_CANON = {v: k for k, vs in _KOREAN_FAMILY.items() for v in vs.split()}
_SKELETON = [
    ("'", ""), ("eo", "o"), ("eu", "u"), ("oo", "u"), ("ou", "o"), ("ae", "e"), ("wo", "o"),
    ("ch", "j"), ("sh", "s"), ("g", "k"), ("b", "p"), ("d", "t"), ("l", "r"), ("h", ""),
]


def _skeleton(text: str) -> str:
    for old, new in _SKELETON:
        text = text.replace(old, new)
    return text


def korean_key(text: str) -> str:
    """Coarse romanisation-free key of a Korean name: canonical family name plus a consonant
    and vowel skeleton of the given name (joined, in order). Over-merging is harmless here:
    it only removes more candidates from the negatives."""
    if re.search(r"[\uac00-\ud7a3]", text):
        text = " ".join(anyascii(ch) if "\uac00" <= ch <= "\ud7a3" else ch for ch in text)
    tokens = fold_tokens(text)
    if not tokens:
        return ""
    if tokens[0] in _FAMILY_CANON:
        family, given = tokens[0], tokens[1:]
    elif tokens[-1] in _FAMILY_CANON:
        family, given = tokens[-1], tokens[:-1]
    else:
        family, given = tokens[0], tokens[1:]
    return _skeleton(_FAMILY_CANON.get(family, family)) + "|" + _skeleton("".join(given))
