"""The locked test: run to report figures, never to tune. Every run is logged.

    python -m benchmarks.eval.locked

Each run appends one dated line (commit, figures) to LOCKED_RUNS.md, whatever the figures,
and prints the full tables. Do not look at its misses to fix them: fix what the development
split (``python -m benchmarks.eval.dev``) shows, then run this once to report.

Sources (README.md says why none of them reaches development): the older UN snapshots (names
a reference carried in 2017-2026-04 and no longer carries, references delisted since),
romanisations of the 2026-04-17 snapshot's native-script aliases by ICU's BGN and Names
transforms, the newest list's low-quality aliases (held out and screened back), generator
family G2 (gen_locked.py), names-dataset (frozen in data/names_dataset.csv), 25 other Faker
locales (set B), Faker zh_TW and en_GB.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import sys
import unicodedata
from functools import cache

from faker import Faker

from benchmarks.eval import gen_locked
from benchmarks.eval.build import (
    content_words,
    faker_names,
    holdout,
    perturbations,
    replace_word,
    shared_token_pairs,
)
from benchmarks.eval.common import (
    HERE,
    NEWEST,
    REGIME_COUNTRY,
    ROOT,
    Pair,
    Probe,
    entry_kind,
    is_latin,
    is_variant,
    key,
    latin_names,
    listed_keys,
    rng,
    sample,
    snapshot,
    snapshot_dates,
    tokens,
)
from benchmarks.eval.measure import Figures, Split, evaluate, render
from sanctions_screen import ListEntry, SanctionsList, ScreeningConfig

SEED = "locked-2397"
FAKER_SEED = 2375
LOCALES = (
    "en_GB", "en_IN", "en_PH", "de_AT", "fr_CA", "es_MX", "pt_PT", "bg_BG", "hu_HU", "fi_FI",
    "en_PK", "fr_DZ", "sk_SK", "hr_HR", "lt_LT", "lv_LV", "et_EE", "ar_PS", "ar_DZ", "az_AZ",
    "ka_GE", "hy_AM", "bn_BD", "ne_NP", "zh_TW",
)
FORMS = (("S.A.", "Société Anonyme"), ("S.p.A.", "Società per Azioni"),
         ("S.L.", "Sociedad Limitada"), ("S.R.L.", "Società a responsabilità limitata"),
         ("Sp. z o.o.", "Spółka z ograniczoną odpowiedzialnością"), ("B.V.",
         "Besloten Vennootschap"), ("OOO", "Obshchestvo s Ogranichennoy Otvetstvennostyu"),
         ("Pte Ltd", "Private Limited"), ("Sdn Bhd", "Sendirian Berhad"), ("JSC",
         "Joint Stock Company"))
NAMES_CSV = HERE / "data" / "names_dataset.csv"
RUNS_MD = HERE / "LOCKED_RUNS.md"
_ROMANISERS = (
    (re.compile("[\u0400-\u04ff]"), "Russian-Latin/BGN"),
    (re.compile("[\u4e00-\u9fff]"), "Han-Latin/Names"),
    (re.compile("[\uac00-\ud7a3]"), "Hangul-Latin"),
)


def build() -> tuple[Split, SanctionsList]:
    newest = snapshot(NEWEST)
    old = [snapshot(d) for d in snapshot_dates() if d != NEWEST]
    latin_old, native_old = _cross_version(newest, old)
    romanised = _romanised(newest, native_old)
    pairs = [Pair(p.source, p.text, p.kind or "", 1, "cross_version") for p in latin_old]
    pairs += [Pair(p.source, p.text, p.kind or "", 1, "romanised_alias") for p in romanised]
    pairs += _delisted_negatives(newest, old) + _names_dataset_pairs(newest) + _faker_pairs()
    low_list, low = holdout(newest, _drop_low_alias, "low_quality_alias")
    probes = latin_old + romanised + native_old
    probes += perturbations(newest, gen_locked, SEED) + _near_misses(newest)
    probes += faker_names(LOCALES, 60, FAKER_SEED) + _names_dataset_clean()
    return Split("locked", pairs, probes, [(low_list, low)]), newest


def _drop_low_alias(entry: ListEntry) -> tuple[ListEntry, list[str]]:
    """The entry's low-quality aliases off it (development never sees them: dev.py keeps to
    Good and a.k.a./f.k.a. names)."""
    low = [a for a in entry.aliases if a.name and a.quality.value == "Low"]
    if not low:
        return entry, []
    kept = tuple(a for a in entry.aliases if a not in low)
    return entry.model_copy(update={"aliases": kept}), [a.name for a in low]


# -- the older snapshots ---------------------------------------------------------------------


def _cross_version(newest: SanctionsList, old: list[SanctionsList]) -> tuple[list[Probe],
                                                                            list[Probe]]:
    """Names a listed reference carried in an older snapshot and no longer carries (by folded
    key): Latin ones that spell one of its current names, and every native-script one."""
    latin: dict[tuple[str, str], Probe] = {}
    native: dict[tuple[str, str], Probe] = {}
    for lst in old:
        for e in lst.entries:
            now = newest.get(e.reference_number)
            if now is None:
                continue
            current = {key(n) for n, _ in now.names()}
            now_latin = latin_names(now)
            for name, _ in e.names():
                k = key(name)
                if not k or k in current:
                    continue
                if is_latin(name):
                    match = next((n for n in now_latin if is_variant(name, n)), None)
                    if match:
                        latin[(e.reference_number, k)] = Probe(
                            name.strip(), entry_kind(now), e.reference_number,
                            "alias/cross_version_latin", match)
                else:
                    native[(e.reference_number, k)] = Probe(
                        name.strip(), entry_kind(now), e.reference_number,
                        "alias/cross_version_native", now.name)
    return sorted(latin.values(), key=_order), sorted(native.values(), key=_order)


def _order(p: Probe) -> tuple[str, str]:
    return (p.expected or "", p.text)


@cache
def _icu(rule: str) -> object:
    import icu

    return icu.Transliterator.createInstance(rule)


def _romanise(text: str) -> str | None:
    for pattern, rule in _ROMANISERS:
        if pattern.search(text):
            if rule == "Hangul-Latin":  # syllable by syllable, spaced as in DPRK usage
                words = [" ".join(str(_icu(rule).transliterate(ch)) for ch in w)  # type: ignore[attr-defined]
                         for w in text.split()]
                out = " ".join(words)
            else:
                out = str(_icu(rule).transliterate(text))  # type: ignore[attr-defined]
            return unicodedata.normalize("NFC", out).title()
    return None


def _romanised(newest: SanctionsList, native: list[Probe]) -> list[Probe]:
    """The older native-script names romanised by ICU (BGN, Names, Hangul) where the result
    spells a current Latin name of the entry and is not one verbatim."""
    out: list[Probe] = []
    for p in native:
        text = _romanise(p.text)
        entry = newest.get(p.expected or "")
        if not text or entry is None:
            continue
        keys = {key(n) for n, _ in entry.names()}
        match = next((n for n in latin_names(entry) if is_variant(text, n)), None)
        if match and key(text) not in keys:
            out.append(Probe(text, p.kind, p.expected, "alias/romanised_latin", match))
    return out


def _delisted_negatives(newest: SanctionsList, old: list[SanctionsList]) -> list[Pair]:
    """Names of references delisted since an older snapshot against current names of the same
    regime and kind that share a word: other people, other companies."""
    gone: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for lst in old:
        for e in lst.entries:
            if newest.get(e.reference_number) is None:
                for n in latin_names(e, weak=False):
                    gone[(e.reference_number, key(n))] = (e.reference_number, e.regime, n,
                                                          entry_kind(e))
    current = [(e.reference_number, e.regime, n, entry_kind(e))
               for e in newest.entries for n in latin_names(e, weak=False)]
    left = [gone[k] for k in sorted(gone)]
    return shared_token_pairs(left, current, "delisted_neg", 500, f"{SEED}/delisted")


# -- names-dataset -----------------------------------------------------------------------------


@cache
def _names() -> dict[tuple[str, str], list[str]]:
    """(country, first|last) -> names in rank order, Latin script only for first/last swaps."""
    out: dict[tuple[str, str], list[str]] = {}
    with NAMES_CSV.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
            out.setdefault((row["country"], row["part"]), []).append(row["name"])
    return out


def _latin_pool(country: str, part: str) -> list[str]:
    return [n for n in _names().get((country, part), []) if is_latin(n) and len(n) >= 3]


def _country(entry: ListEntry) -> str:
    return REGIME_COUNTRY.get(entry.regime, "SA")


def _swap(entry: ListEntry, part: str, cls: str) -> Probe | None:
    """A listed Latin name with its last (surname) or first (given) word replaced by a common
    name of the party's country from names-dataset."""
    name = entry.name
    idx = content_words(name)
    pool = _latin_pool(_country(entry), part)
    if len(idx) < 2 or not pool or entry.regime == "KP":
        return None
    r = rng(SEED, cls, entry.reference_number)
    at = idx[-1] if part == "last" else idx[0]
    new = replace_word(name, at, r.choice(pool))
    if key(new) in listed_keys() or key(new) == key(name):
        return None
    return Probe(new, "person", None, cls, name)


def _persons(newest: SanctionsList) -> list[ListEntry]:
    return [e for e in newest.entries if e.kind == "individual" and e.name and is_latin(e.name)]


def _names_dataset_pairs(newest: SanctionsList) -> list[Pair]:
    out = []
    for e in _persons(newest):
        p = _swap(e, "last", "names_dataset_surname_neg")
        if p:
            out.append(Pair(p.source, p.text, "person", 0, "names_dataset_surname_neg"))
    return sample(out, 300, f"{SEED}/nd-pairs")


def _near_misses(newest: SanctionsList) -> list[Probe]:
    out: list[Probe] = []
    for part, cls in (("last", "near_miss/other_surname"), ("first", "near_miss/other_given")):
        made = [p for e in _persons(newest) if (p := _swap(e, part, cls))]
        out += sample(made, 300, f"{SEED}/{cls}")
    out += _korean_near_misses(newest)
    out += _org_near_misses(newest)
    return out


def _korean_syllables() -> list[str]:
    hangul = {ch for cc in ("KR",) for n in _names().get((cc, "first"), []) for ch in n
              if "\uac00" <= ch <= "\ud7a3"}
    return sorted({str(_icu("Hangul-Latin").transliterate(ch)) for ch in hangul})  # type: ignore[attr-defined]


def _korean_near_misses(newest: SanctionsList) -> list[Probe]:
    """A listed Korean name with one given-name syllable replaced by a syllable of a common
    South Korean given name (names-dataset, romanised by ICU)."""
    syllables = _korean_syllables()
    out: list[Probe] = []
    for e in newest.entries:
        if e.regime != "KP" or e.kind != "individual":
            continue
        words = e.name.replace("-", " ").split()
        if len(words) < 3:
            continue
        r = rng(SEED, "korean", e.reference_number)
        i = r.randrange(1, len(words))
        syl = r.choice(syllables)
        if tokens(syl) == tokens(words[i]):
            continue
        words[i] = syl.upper()
        new = " ".join(words)
        if key(new) not in listed_keys():
            out.append(Probe(new, "person", None, "near_miss/korean_other_syllable", e.name))
    return out


def _org_near_misses(newest: SanctionsList) -> list[Probe]:
    """A listed organisation whose most distinctive word becomes a family name (companies are
    named after founders) from names-dataset."""
    out: list[Probe] = []
    for e in newest.entries:
        if e.kind != "entity" or not e.name or not is_latin(e.name):
            continue
        idx = content_words(e.name)
        pool = _latin_pool(_country(e), "last")
        if len(idx) < 2 or not pool:
            continue
        words = [w for w in re.findall(r"[^\W\d_]+", e.name)]
        at = max(idx, key=lambda i: (len(words[i]), -i))
        new = replace_word(e.name, at, rng(SEED, "org", e.reference_number).choice(pool))
        if key(new) not in listed_keys() and key(new) != key(e.name):
            out.append(Probe(new, "organization", None, "near_miss/org_founder_name", e.name))
    return sample(out, 300, f"{SEED}/nm-org")


def _names_dataset_clean() -> list[Probe]:
    """Names composed of a common first and last name of one country (25 per country)."""
    out: list[Probe] = []
    countries = sorted({c for c, _ in _names()})
    for cc in countries:
        first, last = _names().get((cc, "first"), []), _names().get((cc, "last"), [])
        if not first or not last:
            continue
        r = rng(SEED, "clean", cc)
        for _ in range(25):
            name = f"{r.choice(first)} {r.choice(last)}"
            if key(name) not in listed_keys():
                out.append(Probe(name, "person", None, "clean/names_dataset", cc))
    return out


# -- pairs from data packages ---------------------------------------------------------------------


def _faker_pairs() -> list[Pair]:
    from nicknames import NickNamer
    from pypinyin import Style, lazy_pinyin

    pairs: list[Pair] = []
    zh = Faker("zh_TW")
    zh.seed_instance(FAKER_SEED)
    for _ in range(150):
        family, given = zh.last_name(), zh.first_name()
        wg = "-".join(lazy_pinyin(given, style=Style.WADEGILES)).title()
        py = "".join(lazy_pinyin(given)).capitalize()
        pairs.append(Pair(f"{lazy_pinyin(family, style=Style.WADEGILES)[0].upper()} {wg}",
                          f"{py} {lazy_pinyin(family)[0].capitalize()}", "person", 1,
                          "wade_giles"))
    namer = NickNamer()
    en = Faker("en_GB")
    en.seed_instance(FAKER_SEED)
    made = other = 0
    while made < 150 or other < 150:
        first, last = en.first_name(), en.last_name()
        formal = sorted(namer.canonicals_of(first.lower()))
        nicks = sorted(namer.nicknames_of(first.lower()))
        r = rng(SEED, "nick", first, last, made, other)
        if made < 150 and (formal or nicks):
            alt = r.choice(formal or nicks).capitalize()
            pairs.append(Pair(f"{last.upper()}, {first}", f"{alt} {last}", "person", 1,
                              "nickname"))
            made += 1
        if other < 150:
            second = en.first_name_male() if r.random() < 0.5 else en.first_name_female()
            related = set(nicks) | set(formal)
            if second != first and second.lower() not in related:
                pairs.append(Pair(f"{first} {last}", f"{second} {last}", "person", 0,
                                  "other_given_name_neg"))
                other += 1
    return pairs + _company_pairs() + _vessel_pairs()


def _company_pairs() -> list[Pair]:
    fake = Faker(["fr_FR", "it_IT", "es_ES", "pl_PL"])
    fake.seed_instance(FAKER_SEED)
    out: list[Pair] = []
    trades = ("Import Export", "Maritime", "Energy", "Mining", "Textiles", "Construction")
    for i in range(150):
        trade = trades[i % len(trades)]
        founder = fake.unique.last_name()
        short, long = FORMS[i % len(FORMS)]
        out.append(Pair(f"{founder} {trade} {long}", f"{founder.upper()} {trade.upper()} {short}",
                        "organization", 1, "legal_form"))
        other = fake.unique.last_name()
        out.append(Pair(f"{founder} {trade} {short}", f"{other} {trade} {short}",
                        "organization", 0, "other_company_neg"))
    return out


def _vessel_pairs() -> list[Pair]:
    fake = Faker("it_IT")
    fake.seed_instance(FAKER_SEED)
    out: list[Pair] = []
    roman = ("I", "II", "III", "IV", "V", "VI", "VII")
    for i in range(100):
        base = f"{fake.first_name()} {fake.random_element(('Express', 'Carrier', 'Queen'))}"
        out.append(Pair(f"{base} No. {i % 6 + 1}".upper(), f"{base} {i % 6 + 1}", "vessel", 1,
                        "vessel_number"))
        out.append(Pair(f"{base} {roman[i % 6]}", f"{base} {roman[i % 6 + 1]}", "vessel", 0,
                        "vessel_other_number_neg"))
    return out


# -- the run log -----------------------------------------------------------------------------------


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "sanctions_screen", "lists")
    model = ScreeningConfig().score_model
    return head + ("+uncommitted" if dirty else "") + ("" if model == "hand" else f" ({model})")


def log_line(fig: Figures, when: dt.datetime) -> str:
    h = fig.headline
    kinds = {r[0]: r[5] for title, _, rows in fig.tables if title.endswith("per kind")
             for r in rows}
    return (
        f"| {when:%Y-%m-%d %H:%M} | {_commit()} | {h['pairs_f1'][0]:.3f} | "
        f"{kinds.get('person', '-')} / {kinds.get('organization', '-')} / "
        f"{kinds.get('vessel', '-')} | {h['alias_latin'][0]:.3f} | {h['alias_native'][0]:.3f} | "
        f"{h['perturbed_recall'][0]:.3f} | {h['near_miss_far'][0]:.2%} | "
        f"{h['clean_alert_rate'][0]:.2%} |"
    )


def main(argv: list[str] | None = None) -> int:
    split, newest = build()
    fig = evaluate(split, newest)
    when = dt.datetime.now(dt.UTC)
    with RUNS_MD.open("a", encoding="utf-8") as fh:
        fh.write(log_line(fig, when) + "\n")
    header = [f"# Locked test ({when:%Y-%m-%d %H:%M} UTC, commit {_commit()})", "",
              f"pairs {len(split.pairs)}, probes {len(split.probes)}; timings " +
              ", ".join(f"{k} {v:.1f}s" for k, v in fig.timings.items()),
              f"logged in {RUNS_MD.relative_to(ROOT)}"]
    sys.stdout.write(render(fig, header) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
