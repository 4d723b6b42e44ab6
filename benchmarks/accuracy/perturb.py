"""Deterministic perturbations of every name on the list, by class.

Each primary name, original-script name and alias of quality Good / a.k.a. is perturbed
once per class; the query's expected answer is the reference number it came from. A class
that cannot apply to a name (word order on a one-word name, homoglyphs in Arabic script,
initials on a Korean name, which has no middle names) skips it. The random generator is
seeded from (seed, reference, name, class), so a query does not depend on list order.

    python -m benchmarks.accuracy.perturb --sample 5    # show a few queries per class
"""

from __future__ import annotations

import argparse
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from sanctions_screen.unlist.models import AliasQuality, SanctionsList

SEED = 1718
BENIGN = (
    "case_diacritics", "word_order", "legal_form", "punctuation_spacing", "initials",
    "dropped_token", "transliteration",
)
ADVERSARIAL = ("typo", "ocr", "truncation", "homoglyph", "invisible", "join_split")
CLASSES = BENIGN + ADVERSARIAL
PERTURBED_QUALITIES = (None, AliasQuality.GOOD, AliasQuality.AKA)


@dataclass(frozen=True)
class Perturbed:
    text: str
    cls: str
    reference_number: str
    source_name: str
    kind: str  # "person" or "organization"

    @property
    def group(self) -> str:
        return "benign" if self.cls in BENIGN else "adversarial"


@dataclass(frozen=True)
class Source:
    name: str
    reference_number: str
    kind: str
    korean: bool


_LATIN = re.compile(r"[A-Za-z]")
_TRAILING_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
LEGAL_FORMS = (
    "company limited", "co., ltd.", "co., ltd", "co ltd", "co. ltd.", "co. ltd", "pte ltd",
    "pte. ltd.", "sdn bhd", "sdn. bhd.", "joint stock company", "jsc", "corporation", "corp.",
    "corp", "limited", "ltd.", "ltd", "inc.", "inc", "llc", "company", "co.", "co", "tbk",
)
ADDED_FORMS = ("Sdn Bhd", "Pte Ltd", "Co., Ltd", "JSC", "Tbk", "Inc.", "Corp.", "Company Limited")
BUSINESS_WORDS = {
    "trading", "shipping", "company", "corporation", "bank", "banking", "industries",
    "industry", "group", "energy", "technology", "engineering", "electronics", "exchange",
    "marine", "freight", "development", "investment", "import", "export", "petroleum", "oil",
    "machinery", "equipment", "airlines", "maritime", "management", "insurance", "finance",
    "commercial", "credit", "hawala", "sarafi", "logistics", "construction", "manufacturing",
}
LOW_INFO = {"of", "the", "and", "&", "general", "international", "company", "for", "in"}


def _latin(name: str) -> bool:
    return bool(_LATIN.search(name))


def _swap_case(name: str) -> str:
    return name.title() if name.isupper() else name.upper()


_ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü", "n": "ñ", "c": "ç",
            "A": "Á", "E": "É", "I": "Í", "O": "Ö", "U": "Ü", "N": "Ñ", "C": "Ç"}


def case_diacritics(src: Source, rng: random.Random) -> str | None:
    name = src.name
    if not _latin(name):
        return None
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    if stripped != name and rng.random() < 0.5:
        return stripped
    out = _swap_case(name) if rng.random() < 0.6 else name.lower()
    spots = [i for i, c in enumerate(out) if c in _ACCENTS]
    for i in rng.sample(spots, min(len(spots), rng.randint(0, 2))):
        out = out[:i] + _ACCENTS[out[i]] + out[i + 1:]
    return out


def word_order(src: Source, rng: random.Random) -> str | None:
    if "," in src.name:
        head, rest = src.name.split(",", 1)
        return f"{rest.strip()} {head.strip()}" if rest.strip() and head.strip() else None
    tail = _TRAILING_PAREN.search(src.name)
    core = src.name[: tail.start()] if tail else src.name
    tokens = core.split()
    if len(tokens) < 2:
        return None
    if src.kind == "person" and not src.korean and rng.random() < 0.5:
        out = f"{tokens[-1]}, {' '.join(tokens[:-1])}"
    else:
        out = " ".join(tokens[1:] + tokens[:1])
    return out + (tail.group(0) if tail else "")


def legal_form(src: Source, rng: random.Random) -> str | None:
    if src.kind != "organization" or not _latin(src.name):
        return None
    lowered = src.name.lower().rstrip()
    for form in LEGAL_FORMS:
        if lowered.endswith(" " + form) and len(lowered) > len(form) + 3:
            base = src.name.rstrip()[: -len(form)].rstrip(" ,")
            if rng.random() < 0.5:
                return base
            return f"{base} {rng.choice([f for f in ADDED_FORMS if f.lower() != form])}"
    if not BUSINESS_WORDS & {t.lower().strip(".,()") for t in src.name.split()}:
        return None
    form = rng.choice(ADDED_FORMS)
    if form == "Tbk" and rng.random() < 0.5:
        return f"PT {src.name}"
    tail = _TRAILING_PAREN.search(src.name)
    if tail:  # the legal form goes before a trailing "(ACRONYM)"
        return f"{src.name[: tail.start()]} {form}{tail.group(0)}"
    return f"{src.name} {form}"


def punctuation_spacing(src: Source, rng: random.Random) -> str | None:
    name = src.name
    if re.search(r"[-'’.,&]", name) and rng.random() < 0.7:
        out = re.sub(r"[-]", rng.choice([" ", ""]), name)
        out = re.sub(r"['’.,]", "", out).replace("&", "and")
        return " ".join(out.split()) if out.split() else None
    tokens = name.split()
    if len(tokens) < 2:
        return None
    i = len(tokens) - 2 if src.kind == "person" else rng.randrange(len(tokens) - 1)
    sep = rng.choice(["-", "-", ". ", ",  ", " - "])
    return " ".join(tokens[:i] + [tokens[i] + sep + tokens[i + 1]] + tokens[i + 2:])


PARTICLES = {
    "al", "el", "bin", "ibn", "ben", "bint", "binti", "abu", "abou", "abd", "abdul", "abdel",
    "de", "del", "dela", "la", "van", "von", "da", "dos", "ul", "ur", "ud", "al-", "عبد", "بن",
    "ابو", "أبو",
}
COMPOUND_TAILS = {"الله", "الدين", "allah", "ullah", "uddin", "din", "al-din"}


def _movable(tokens: list[str], i: int) -> bool:
    """A middle token that is a name of its own: no particle, not part of a compound."""
    token = tokens[i].lower().strip("'‘’`")
    before = tokens[i - 1].lower().strip("'‘’`")
    return (
        token not in PARTICLES and token not in COMPOUND_TAILS and before not in PARTICLES
        and not token.startswith(("al-", "el-")) and len(token) >= 2
    )


def initials(src: Source, rng: random.Random) -> str | None:
    tokens = src.name.split()
    if src.kind != "person" or src.korean or len(tokens) < 3 or not _latin(src.name):
        return None
    middle = [i for i in range(1, len(tokens) - 1) if _movable(tokens, i) and tokens[i].isalpha()]
    if not middle:
        return None
    for i in rng.sample(middle, rng.randint(1, min(2, len(middle)))):
        tokens[i] = tokens[i][0] + "."
    return " ".join(tokens)


def dropped_token(src: Source, rng: random.Random) -> str | None:
    tokens = src.name.split()
    if src.kind == "person":
        middle = [i for i in range(1, len(tokens) - 1) if _movable(tokens, i)]
        if src.korean or len(tokens) < 3 or not middle:
            return None
        i = rng.choice(middle)
        return " ".join(tokens[:i] + tokens[i + 1:])
    low = [i for i, t in enumerate(tokens) if t.lower() in LOW_INFO and i > 0]
    if len(tokens) < 4 or not low:
        return None
    i = rng.choice(low)
    return " ".join(tokens[:i] + tokens[i + 1:])


_KOREAN_FAMILY = {
    "ri": ["Lee", "Rhee", "Yi"], "pak": ["Park", "Bak"], "choe": ["Choi"],
    "jong": ["Jung", "Chong", "Jeong"], "o": ["Oh"], "kim": ["Gim"], "ryu": ["Yu", "Yoo"],
    "kang": ["Gang"], "hyon": ["Hyun", "Hyeon"], "paek": ["Baek", "Paik"], "sin": ["Shin"],
    "jang": ["Chang"], "chang": ["Jang"], "cho": ["Jo"], "jo": ["Cho"], "yun": ["Yoon"],
    "mun": ["Moon"], "ko": ["Go"], "jon": ["Jeon", "Chon"], "son": ["Sohn"], "ju": ["Joo"],
    "chu": ["Ju"], "min": ["Min"], "han": ["Han"], "kwon": ["Gwon"], "pae": ["Bae"],
}
_KOREAN_SYLLABLE = {
    "chol": ["cheol", "chul"], "yong": ["young", "yeong"], "song": ["seong", "sung"],
    "kwang": ["gwang"], "myong": ["myung", "myeong"], "hyok": ["hyeok", "hyuk"],
    "sok": ["seok", "suk"], "un": ["eun"], "su": ["soo"], "chun": ["choon"],
    "jong": ["jeong", "chong"], "gon": ["geon"], "kyong": ["kyung", "gyeong"],
    "pyong": ["byung", "pyeong"], "u": ["woo"], "ho": ["ho"], "sik": ["shik"],
    "chin": ["jin"], "jin": ["chin"], "kil": ["gil"], "guk": ["kuk"], "kyu": ["gyu"],
    "bong": ["pong"], "pong": ["bong"], "nam": ["nam"], "hyon": ["hyun"], "ok": ["ock"],
    "chang": ["jang"], "tong": ["dong"], "to": ["do"], "chae": ["jae"], "jae": ["chae"],
}
_ARABIC = [
    (r"\bMuhammad\b", "Mohammed"), (r"\bMohammed\b", "Muhammad"), (r"\bMohamed\b", "Mohammed"),
    (r"\bMohammad\b", "Muhammad"), (r"\bMohamad\b", "Muhammad"), (r"\bAhmed\b", "Ahmad"),
    (r"\bAhmad\b", "Ahmed"), (r"\bAbdul ", "Abd al-"), (r"\bAbd al-", "Abdul "),
    (r"\bAbdel", "Abdul"), (r"\bal-", "el-"), (r"\bAl-", "Al "), (r"\bbin\b", "ibn"),
    (r"\bBin\b", "Ben"), (r"\bAbu\b", "Abou"), (r"\bAbou\b", "Abu"), (r"\bOmar\b", "Umar"),
    (r"\bUmar\b", "Omar"), (r"\bUsama\b", "Osama"), (r"\bYusuf\b", "Yousef"),
    (r"\bHussein\b", "Husayn"), (r"\bHassan\b", "Hasan"), (r"\bAbdullah\b", "Abdallah"),
    (r"\bAbdallah\b", "Abdullah"), (r"\bKhalid\b", "Khaled"), (r"\bMahmoud\b", "Mahmud"),
    (r"\bMustafa\b", "Mostafa"), (r"\bIbrahim\b", "Ebrahim"), (r"\bIsmail\b", "Ismael"),
    (r"\bSaid\b", "Saeed"),
]
# Spelling-level variants, applied to personal names only (they would garble "Committee").
_SPELLING = [
    (r"ou", "u"), (r"qq", "q"), (r"\bQ", "K"), (r"ee", "i"), (r"iy\b", "y"), (r"\bYev", "Ev"),
    (r"(?<!c)ks", "x"), (r"ph", "f"), (r"\bJ(?=[aeiouAEIOU])", "Dj"),
]


def _case_like(template: str, word: str) -> str:
    if template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word.lower()


def _korean_variant(src: Source, rng: random.Random) -> str | None:
    tokens = re.split(r"([\s-]+)", src.name)
    words = [i for i, t in enumerate(tokens) if t.strip(" -")]
    out = list(tokens)
    changed = False
    for pos, i in enumerate(words):
        key = re.sub(r"['’]", "", tokens[i]).lower()
        table = _KOREAN_FAMILY if pos == 0 else _KOREAN_SYLLABLE
        if key in table and rng.random() < (0.9 if pos == 0 else 0.6):
            out[i] = _case_like(tokens[i], rng.choice(table[key]))
            changed = changed or out[i].lower() != key
    return "".join(out) if changed else None


def transliteration(src: Source, rng: random.Random) -> str | None:
    if not _latin(src.name):
        return None
    if src.korean and src.kind == "person":
        return _korean_variant(src, rng)
    table = _ARABIC + _SPELLING if src.kind == "person" else _ARABIC
    rules = [(p, r) for p, r in table if re.search(p, src.name, flags=re.IGNORECASE)]
    if not rules:
        return None
    out = src.name
    for pattern, repl in rng.sample(rules, min(2, len(rules))):
        out = re.sub(pattern, lambda m, r=repl: _case_like(m.group(0), r), out, count=1,
                     flags=re.IGNORECASE)
    return out if out != src.name else None


_NEIGHBOURS = "qwertyuiopasdfghjklzxcvbnm"


def typo(src: Source, rng: random.Random) -> str | None:
    spans = [m for m in re.finditer(r"\w{4,}", src.name) if _latin(m.group(0))]
    if not spans:
        return None
    m = rng.choice(spans)
    word = m.group(0)
    i = rng.randrange(1, len(word))
    op = rng.choice(["sub", "del", "ins", "swap"])
    letter = rng.choice(_NEIGHBOURS)
    letter = letter.upper() if word.isupper() else letter
    if op == "sub":
        new = word[:i] + letter + word[i + 1:]
    elif op == "del":
        new = word[:i] + word[i + 1:]
    elif op == "ins":
        new = word[:i] + letter + word[i:]
    else:
        i = min(i, len(word) - 2)
        new = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if new == word:
        return None
    return src.name[: m.start()] + new + src.name[m.end():]


_OCR = [("O", "0"), ("o", "0"), ("I", "1"), ("l", "1"), ("I", "l"), ("m", "rn"), ("M", "RN"),
        ("rn", "m"), ("S", "5"), ("B", "8"), ("d", "cl"), ("w", "vv"), ("W", "VV"), ("e", "c")]


def ocr(src: Source, rng: random.Random) -> str | None:
    options = [(a, b) for a, b in _OCR if a in src.name and (len(b) == 1 or b.islower()
                                                              or src.name.isupper())]
    if not options:
        return None
    out = src.name
    for a, b in rng.sample(options, min(len(options), rng.randint(1, 2))):
        spots = [m.start() for m in re.finditer(re.escape(a), out)]
        if not spots:
            continue
        i = rng.choice(spots)
        out = out[:i] + b + out[i + len(a):]
    return out


def truncation(src: Source, rng: random.Random) -> str | None:
    name = src.name.strip()
    if len(name) < 14:
        return None
    keep = max(10, round(len(name) * rng.uniform(0.75, 0.9)))
    return name[:keep].rstrip(" -,(")


_HOMOGLYPHS = {
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і", "j": "ј",
    "s": "ѕ", "A": "АΑ", "B": "ВΒ", "E": "ЕΕ", "H": "НΗ", "K": "КΚ", "M": "МΜ", "O": "ОΟ",
    "P": "РΡ", "T": "ТΤ", "X": "ХΧ", "C": "С", "I": "ІΙ", "N": "Ν", "Z": "Ζ", "Y": "ҮΥ",
}


def homoglyph(src: Source, rng: random.Random) -> str | None:
    spots = [i for i, c in enumerate(src.name) if c in _HOMOGLYPHS]
    if not spots:
        return None
    out = list(src.name)
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 3))):
        out[i] = rng.choice(_HOMOGLYPHS[out[i]])
    return "".join(out)


_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"]


def invisible(src: Source, rng: random.Random) -> str | None:
    name = src.name
    if len(name) < 2:
        return None
    out = name
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(1, len(out))
        out = out[:i] + rng.choice(_INVISIBLE) + out[i:]
    return out


def join_split(src: Source, rng: random.Random) -> str | None:
    tokens = src.name.split()
    long_tokens = [i for i, t in enumerate(tokens) if len(t) >= 6]
    if len(tokens) >= 2 and (not long_tokens or rng.random() < 0.5):
        i = rng.randrange(len(tokens) - 1)
        return " ".join(tokens[:i] + [tokens[i] + tokens[i + 1]] + tokens[i + 2:])
    if not long_tokens:
        return None
    i = rng.choice(long_tokens)
    cut = rng.randrange(3, len(tokens[i]) - 2)
    return " ".join(tokens[:i] + [tokens[i][:cut], tokens[i][cut:]] + tokens[i + 1:])


PERTURBERS: dict[str, Callable[[Source, random.Random], str | None]] = {
    "case_diacritics": case_diacritics, "word_order": word_order, "legal_form": legal_form,
    "punctuation_spacing": punctuation_spacing, "initials": initials,
    "dropped_token": dropped_token, "transliteration": transliteration, "typo": typo,
    "ocr": ocr, "truncation": truncation, "homoglyph": homoglyph, "invisible": invisible,
    "join_split": join_split,
}


def sources(sanctions_list: SanctionsList) -> list[Source]:
    """Every distinct (reference, name) to perturb: primary, original script, Good, a.k.a."""
    seen: set[tuple[str, str]] = set()
    out: list[Source] = []
    for entry in sanctions_list.entries:
        kind = "person" if entry.kind == "individual" else "organization"
        for name, quality in entry.names():
            clean = " ".join(name.split())
            if quality not in PERTURBED_QUALITIES or not clean:
                continue
            if (entry.reference_number, clean) in seen:
                continue
            seen.add((entry.reference_number, clean))
            out.append(Source(clean, entry.reference_number, kind, entry.is_dprk))
    return out


def perturb_all(sanctions_list: SanctionsList, seed: int = SEED) -> list[Perturbed]:
    """One query per (name, applicable class), in list order then class order."""
    out: list[Perturbed] = []
    for src in sources(sanctions_list):
        for cls in CLASSES:
            rng = random.Random(f"{seed}|{src.reference_number}|{src.name}|{cls}")
            text = PERTURBERS[cls](src, rng)
            if text is None:
                continue
            text = text.strip() if cls != "invisible" else text
            if text and text != src.name:
                out.append(Perturbed(text, cls, src.reference_number, src.name, src.kind))
    return out


def main() -> None:
    from benchmarks.accuracy.common import load_list

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=3, help="queries shown per class")
    args = parser.parse_args()
    queries = perturb_all(load_list())
    by_class: dict[str, list[Perturbed]] = {c: [] for c in CLASSES}
    for q in queries:
        by_class[q.cls].append(q)
    print(f"{len(queries)} perturbed queries")
    for cls, items in by_class.items():
        print(f"\n{cls} ({len(items)})")
        for q in random.Random(cls).sample(items, min(args.sample, len(items))):
            print(f"  {q.reference_number:9} {q.source_name!r} -> {q.text!r}")


if __name__ == "__main__":
    main()
