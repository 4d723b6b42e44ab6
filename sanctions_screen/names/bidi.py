"""The order in which a name with bidirectional controls is *displayed*.

``"\\u202eNOW GNOY OJ\\u202c"`` is stored as ``NOW GNOY OJ`` but a right-to-left override
shows it as ``JO YONG WON``: an analyst reading the file sees a listed name, while the
characters spell something else. Folding drops the controls and screens the stored order;
:func:`displayed` gives the order a reader sees, so that it can be screened as well.

This is the Unicode Bidirectional Algorithm (UAX #9) cut down to what decides the order of
letters in one line: paragraph direction (P2-P3), explicit embeddings, overrides and
isolates (X1-X10, isolates handled as embeddings), neutrals between strong letters (N1-N2),
implicit levels (I1-I2) and reversal (L2). Numbers count as left-to-right letters and
mirrored brackets are not mirrored: neither changes which letters a name spells.
Only names holding a control or mark are reordered (:func:`has_controls`), so plain names
never pay for it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

CONTROLS: Final = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Bidi marks (ALM, LRM, RLM), embeddings, overrides, isolates and their terminators."""
_OPENERS: Final = {
    "\u202a": ("L", ""),  # LRE
    "\u202b": ("R", ""),  # RLE
    "\u202d": ("L", "L"),  # LRO
    "\u202e": ("R", "R"),  # RLO
    "\u2066": ("L", ""),  # LRI
    "\u2067": ("R", ""),  # RLI
    "\u2068": ("", ""),  # FSI: direction of its first strong letter
}
_ISOLATES: Final = frozenset("\u2066\u2067\u2068")
_MAX_DEPTH: Final = 125


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a bidi control or mark (never true of ASCII)."""
    return not text.isascii() and CONTROLS.search(text) is not None


def _strong(char: str) -> str:
    """``L``, ``R`` or ``""`` (neutral) for one character, as far as letter order goes."""
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL"):
        return "R"
    if kind in ("L", "EN", "AN"):
        return "L"
    return ""


def _first_strong(text: str, start: int = 0) -> str:
    """P2: the first strong letter's direction, skipping isolates (``""`` if none)."""
    depth = 0
    for char in text[start:]:
        if char in _ISOLATES:
            depth += 1
        elif char == "\u2069":
            if depth == 0:
                return ""
            depth -= 1
        elif depth == 0 and char not in _OPENERS and char != "\u202c":
            strong = _strong(char)
            if strong:
                return strong
    return ""


def displayed(text: str) -> str:
    """``text`` in the order it is displayed, its controls and marks removed.

    >>> displayed("\\u202eNOW GNOY OJ\\u202c")
    'JO YONG WON'
    >>> displayed("\\u200fWON\\u200f YONG\\u200f JO")
    'JO YONG WON'
    """
    paragraph = 1 if _first_strong(text) == "R" else 0
    # (level, override, isolate) of each open embedding
    stack: list[tuple[int, str, bool]] = [(paragraph, "", False)]
    chars: list[str] = []
    levels: list[int] = []
    kinds: list[str] = []
    for i, char in enumerate(text):
        opener = _OPENERS.get(char)
        if opener is not None:
            direction, override = opener
            if not direction:
                direction = _first_strong(text, i + 1) or "L"
            level = stack[-1][0]
            level = (level + 1) | 1 if direction == "R" else (level + 2) & ~1
            if level <= _MAX_DEPTH and len(stack) <= _MAX_DEPTH:
                stack.append((level, override, char in _ISOLATES))
            continue
        if char == "\u202c":  # PDF closes the innermost embedding that is not an isolate
            if len(stack) > 1 and not stack[-1][2]:
                stack.pop()
            continue
        if char == "\u2069":  # PDI closes the innermost isolate and what it holds
            while len(stack) > 1:
                if stack.pop()[2]:
                    break
            continue
        level, override, _ = stack[-1]
        if char in "\u200e\u200f\u061c":  # marks: strong, invisible
            kind = "L" if char == "\u200e" else "R"
            char = ""
        else:
            kind = override or _strong(char)
        if not kind and unicodedata.category(char).startswith("M") and kinds:
            kind = kinds[-1]  # a combining mark goes with its letter
        chars.append(char)
        levels.append(level)
        kinds.append(kind)
    _resolve_neutrals(levels, kinds)
    for i, kind in enumerate(kinds):  # I1-I2
        if (levels[i] % 2 == 0) != (kind == "L"):
            levels[i] += 1
    return "".join(_reorder(chars, levels))


def _resolve_neutrals(levels: list[int], kinds: list[str]) -> None:
    """N1-N2: a run of neutrals between letters of one direction takes it, else the
    direction of its own level."""
    i = 0
    while i < len(kinds):
        if kinds[i]:
            i += 1
            continue
        j = i
        while j < len(kinds) and not kinds[j] and levels[j] == levels[i]:
            j += 1
        own = "R" if levels[i] % 2 else "L"
        before = kinds[i - 1] if i > 0 and levels[i - 1] == levels[i] else own
        after = kinds[j] if j < len(kinds) and levels[j] == levels[i] else own
        resolved = before if before == after else own
        for k in range(i, j):
            kinds[k] = resolved
        i = j


def _reorder(chars: list[str], levels: list[int]) -> list[str]:
    """L2: from the highest level down to the lowest odd one, reverse every run at or
    above it."""
    if not levels:
        return chars
    order = list(range(len(chars)))
    lowest_odd = min(level for level in levels if level % 2) if any(lv % 2 for lv in levels) else 0
    if not lowest_odd:
        return chars
    for floor in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < floor:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= floor:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return [chars[k] for k in order]
