"""Phonetic keys: spellings that sound alike share a key (Mohammed, Muhammad, mhmd -> MHMT)."""

from __future__ import annotations

from functools import lru_cache

import jellyfish


@lru_cache(maxsize=100_000)
def phonetic_key(token: str) -> str:
    """Metaphone key of a folded token; digits and one-letter tokens are their own key."""
    if len(token) < 2 or not token.isalpha():
        return token
    return str(jellyfish.metaphone(token)) or token
