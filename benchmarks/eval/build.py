"""Building blocks both splits call with their own sources, generators and seeds."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from types import ModuleType

from faker import Faker

from benchmarks.eval.common import (
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
    tokens,
)
from sanctions_screen import ListEntry, SanctionsList

PER_CLASS = 400
"""Perturbed queries per class (a class that applies to fewer names has fewer)."""


def perturbations(newest: SanctionsList, gen: ModuleType, seed: str) -> list[Probe]:
    """Queries made by one generator family from the listed names, at most PER_CLASS per class."""
    simple: dict[str, Callable[..., str | None]] = {
        "typo": gen.typo,
        "vowel_drop": gen.vowel_drop,
        "transposition": gen.transposition,
        "truncate_20": gen.truncate(20),
        "truncate_35": gen.truncate(35),
        "number_words": gen.number_words,
    }
    sources = [
        (e, n) for e in newest.entries for n in latin_names(e, weak=False)
    ]
    probes: list[Probe] = []
    for cls, fn in simple.items():
        probes += perturbed(sources, cls, seed, lambda e, n, r, fn=fn: fn(n, r))
    probes += perturbed(sources, "title_suffix", seed,
                     lambda e, n, r: gen.title_suffix(n, r, entry_kind(e)))
    persons = [(e, n) for e, n in sources if e.kind == "individual"]
    probes += perturbed(persons, "nickname", seed, lambda e, n, r: gen.nickname(n, r))
    korean = [(e, e.name) for e in newest.entries if e.regime == "KP" and e.kind == "individual"]
    probes += perturbed(korean, "korean_slip", seed, lambda e, n, r: gen.korean_slip(n, r))
    probes += perturbed(korean, "korean_rotation", seed, lambda e, n, r: gen.korean_rotation(n, r))

    def script(e: ListEntry, n: str, r: object) -> str | None:
        rule = gen.script_for(e.nationalities)
        return gen.native_script(n, rule) if rule else None

    primaries = [(e, e.name) for e in newest.entries if e.kind == "individual" and e.name]
    probes += perturbed(primaries, "native_script", seed, script)
    return probes


def perturbed(
    sources: list[tuple[ListEntry, str]],
    cls: str,
    seed: str,
    fn: Callable[[ListEntry, str, object], str | None],
    *,
    ordered: bool = False,
) -> list[Probe]:
    """The queries ``fn`` makes of the sources, at most PER_CLASS: one that folds to its
    source's key is verbatim and left out, unless the class changes the order of words
    (``ordered``, or a Korean class), which the order-free key does not see."""
    made: list[Probe] = []
    ordered = ordered or cls.startswith("korean")
    for entry, name in sources:
        out = fn(entry, name, rng(seed, cls, entry.reference_number, name))
        if out and out.strip() and key(out) != key(name) or (out and ordered and out != name):
            made.append(Probe(out, entry_kind(entry), entry.reference_number,
                              f"perturbed/{cls}", name))
    return sample(made, PER_CLASS, f"{seed}/{cls}")


def holdout(
    newest: SanctionsList, drop: Callable[[ListEntry], tuple[ListEntry, list[str]]], cls: str
) -> tuple[SanctionsList, list[Probe]]:
    """The list with some names taken off their entries, and those names as queries.

    A query whose folded form still stands on its entry (under another spelling of case or
    punctuation) is left out: it would be verbatim. So is a Latin name that is no spelling of
    any name left on the entry (``is_variant``): a nom de guerre cannot be found by its name.
    """
    entries: list[ListEntry] = []
    probes: list[Probe] = []
    for entry in newest.entries:
        kept, removed = drop(entry)
        entries.append(kept)
        remaining = {key(n) for n, _ in kept.names()}
        latin = [n for n, _ in kept.names() if is_latin(n)]
        for name in removed:
            if not key(name) or key(name) in remaining or not kept.names():
                continue
            group = "latin" if is_latin(name) else "native"
            if group == "native" or any(is_variant(name, other) for other in latin):
                probes.append(Probe(name.strip(), entry_kind(entry), entry.reference_number,
                                    f"alias/{cls}_{group}", name))
    return newest.model_copy(update={"entries": tuple(entries)}), probes


def faker_names(locales: Iterable[str], per_locale: int, seed: int) -> list[Probe]:
    """Clean person names from Faker locales, none of them a listed name."""
    out: list[Probe] = []
    banned = listed_keys()
    for locale in locales:
        fake = Faker(locale)
        fake.seed_instance(seed)
        made = 0
        for _ in range(per_locale * 3):
            name = fake.name()
            if key(name) in banned:
                continue
            out.append(Probe(name, "person", None, f"clean/{locale}"))
            made += 1
            if made == per_locale:
                break
    return out


def faker_parties(
    locales: Iterable[str], per_locale: int, seed: int, cls: str, *,
    company: bool = False, countries: dict[str, str] | None = None,
) -> list[Probe]:
    """Clean parties from Faker locales, none of them a listed name, all in one class: persons
    (``company=False``) or companies (each locale's company provider), screened with the
    locale's country when ``countries`` gives one. ``source`` holds the locale."""
    out: list[Probe] = []
    banned = listed_keys()
    kind = "organization" if company else "person"
    for locale in locales:
        fake = Faker(locale)
        fake.seed_instance(seed)
        country = (countries or {}).get(locale)
        made = 0
        for _ in range(per_locale * 3):
            name = fake.company() if company else fake.name()
            if key(name) in banned:
                continue
            out.append(Probe(name, kind, None, cls, locale, country))
            made += 1
            if made == per_locale:
                break
    return out


def shared_token_pairs(
    left: list[tuple[str, str, str, str]], right: list[tuple[str, str, str, str]], cls: str,
    n: int, seed: str,
) -> list[Pair]:
    """Negative pairs: names of different references of one kind and one group (regime) that
    share a word of 3+ letters, as family members and companies of one group do.

    Each item is (reference, group, name, kind).
    """
    by_token: dict[str, list[tuple[str, str, str, str]]] = {}
    for item in right:
        for tok in set(tokens(item[2])):
            if len(tok) >= 3:
                by_token.setdefault(tok, []).append(item)
    found: set[tuple[str, str, str]] = set()
    for ref, group, name, kind in left:
        for tok in set(tokens(name)):
            for ref2, group2, name2, kind2 in by_token.get(tok, ()):
                if ref2 != ref and group2 == group and kind2 == kind and key(name) != key(name2):
                    a, b = sorted((name, name2))
                    found.add((a, b, kind))
    return [Pair(a, b, kind, 0, cls) for a, b, kind in sample(sorted(found), n, seed)]


def replace_word(name: str, index: int, new: str) -> str:
    """The name with its index-th word (letters only) replaced, keeping its case style."""
    words = list(re.finditer(r"[^\W\d_]+", name))
    w = words[index]
    if w.group().isupper():
        new = new.upper()
    elif w.group()[0].isupper():
        new = new[:1].upper() + new[1:].lower()
    return name[: w.start()] + new + name[w.end() :]


def content_words(name: str) -> list[int]:
    """Indexes of a name's words that can identify it: 3+ letters, not a particle."""
    words = [w.group().lower() for w in re.finditer(r"[^\W\d_]+", name)]
    skip = {"al", "el", "bin", "ibn", "abu", "abd", "bint", "ben", "the", "and", "of", "de"}
    return [i for i, w in enumerate(words) if len(w) >= 3 and w not in skip]
