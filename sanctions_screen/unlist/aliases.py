"""What an individual's alias string holds besides a name.

The UN writes notes into some alias strings (62 on the 2026-05-08 list): another script
(``Amir Khazmat (original script: Амир Хазмат)``), kinship (``Abdul Haq son of M. Anwar
Khan``), remarks (``Ezatullah Haqqani (previously listed as)``), spelling variants of a word
(``Lom-ali Butayev (Butaev)``) or several names (``حسن غول (Hassan Ghul; Hassan Gul)``).
:func:`parse_alias` takes them apart; the alias itself stays as the UN wrote it
(:attr:`~sanctions_screen.unlist.models.Alias.name`), and the index screens the names
found in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAREN = re.compile(r"\(([^()]*)\)")
_KINSHIP = re.compile(r"\s+(?:(son|daughter|wife|widow|brother) of|(s/o|d/o|w/o))\s+(.+)$", re.I)
_BORN = re.compile(r",?\s+born\b.*$", re.I)
_SCRIPT_NOTE = re.compile(r"^\s*original script\s*:\s*", re.I)
_NOTE_STARTS = frozenset(
    {"previously", "formerly", "birth", "combat", "false", "born", "true", "real", "maiden",
     "nom", "first", "second", "third", "fourth", "fifth", "alias"}
)  # fmt: skip
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f\u2010-\u2027’‘]")
_WORD = re.compile(r"[^\W\d_][^\s,;]*")


@dataclass(frozen=True, slots=True)
class AliasParts:
    """An alias string taken apart: the names it gives, in which script, and the rest."""

    raw: str
    names: tuple[str, ...]
    """Names to screen, in the alias's order (Latin or another script)."""
    scripts: tuple[str, ...]
    """Those of ``names`` written in another script than Latin."""
    relatives: tuple[str, ...]
    """Names of kin the alias gives (``son of M. Anwar Khan``): not this party's name."""
    notes: tuple[str, ...]
    """Remarks: ``previously listed as``, ``birth name``, a document, a date."""


def parse_alias(text: str) -> AliasParts:
    """Take an individual's alias string apart.

    >>> parse_alias("Amir Khazmat (original script: Амир Хазмат)").names
    ('Amir Khazmat', 'Амир Хазмат')
    >>> parse_alias("Lom-ali Butayev (Butaev)").names
    ('Lom-ali Butayev', 'Lom-ali Butaev')
    """
    names: list[str] = []
    notes: list[str] = []
    relatives: list[str] = []
    kept: list[str] = []  # bracketed text that belongs to the name

    def take(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        if not inner:
            return " "
        if _SCRIPT_NOTE.match(inner):
            names.append(_SCRIPT_NOTE.sub("", inner).strip())
        elif _is_note(inner):
            notes.append(inner)
        elif ";" in inner or _NON_LATIN.search(inner):
            names.extend(p.strip() for p in inner.split(";") if p.strip())
        else:
            kept.append(inner)
        return " "

    main = _PAREN.sub(take, text)
    if born := _BORN.search(main):
        notes.append(born.group().strip(" ,"))
        main = main[: born.start()]
    if kin := _KINSHIP.search(main):
        relatives.append(kin.group(3).strip(" ,"))
        main = main[: kin.start()]
    main = " ".join(main.split()).strip(" ,;")
    variants = []
    for inner in kept:
        variant = _variant(main, inner)
        if variant is not None:
            variants.append(variant)
        elif " " in inner.strip():
            names.append(inner)
        else:
            notes.append(inner)  # a bracketed title or qualifier: (Sheikh) Musa Hilal
    out = _unique([main, *variants, *names] if main else [*variants, *names])
    return AliasParts(
        text,
        tuple(out),
        tuple(n for n in out if _NON_LATIN.search(n)),
        tuple(relatives),
        tuple(notes),
    )


def screening_names(text: str) -> list[str]:
    """The names an individual's alias string gives to screen (the string itself when it
    holds nothing else)."""
    if "(" not in text and " of " not in text.lower() and "/o " not in text.lower():
        return [text]
    names = parse_alias(text).names
    return list(names) if names else [text]


def _is_note(inner: str) -> bool:
    words = inner.split()
    return (
        any(c.isdigit() for c in inner)
        or inner[0].islower()
        or words[0].lower().strip(".,:") in _NOTE_STARTS
    )


def _variant(main: str, word: str) -> str | None:
    """``main`` with the word ``word`` is a spelling of put in its place (same first letter,
    closest length), or None when no word of ``main`` is like it."""
    if " " in word.strip() or not _WORD.fullmatch(word.strip()):
        return None
    word = word.strip()
    options = [
        m for m in _WORD.finditer(main)
        if m.group()[0].lower() == word[0].lower() and m.group().lower() != word.lower()
        and len(m.group()) >= 3
    ]  # fmt: skip
    if not options:
        return None
    best = min(options, key=lambda m: abs(len(m.group()) - len(word)))
    return main[: best.start()] + word + main[best.end() :]


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        key = " ".join(name.lower().split())
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out
