"""Showing what changed in a list entry, briefly: only the part of a value that differs."""

from __future__ import annotations

import json
from typing import Any

from sanctions_screen.unlist.diff import FieldChange


def change_text(change: FieldChange, context: int = 40) -> str:
    """``field: old -> new``, long values cut down to the part that differs::

    >>> old = "Review concluded in 2020. Notice: /View-UN-Notices-Individuals"
    >>> change_text(FieldChange(field="comments", old=old, new=old[:-11] + "Entities"))
    'comments: …N-Notices-Individuals" -> …N-Notices-Entities"'
    """
    old, new = _text(change.old), _text(change.new)
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return f"{change.field}: {_cut(old, start, end, context)} -> {_cut(new, start, end, context)}"


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _cut(text: str, start: int, end: int, context: int) -> str:
    lo = max(0, start - context // 4)
    hi = len(text) - max(0, end - context // 4)
    middle = text[lo:hi]
    if len(middle) > 4 * context:
        middle = middle[: 2 * context] + "…" + middle[-2 * context :]
    return ("…" if lo > 0 else "") + middle + ("…" if hi < len(text) else "")
