"""Compare two names directly, on the same scale as ``Match.score`` (name evidence only)."""

from __future__ import annotations

from functools import cache

from sanctions_screen.matching.config import ScreeningConfig, default_config
from sanctions_screen.matching.index import reading_texts, split_parenthetical
from sanctions_screen.matching.scoring import NO_MATCH, NameScore, role_factor, score_names
from sanctions_screen.names.analysis import (
    INITIAL,
    NameAnalysis,
    NameKind,
    analyse,
)


@cache
def _config() -> ScreeningConfig:
    return default_config()


def _weights(analysis: NameAnalysis, config: ScreeningConfig) -> tuple[float, ...]:
    plain = not analysis.distinctive
    return tuple(
        config.initial_weight if role == INITIAL else 1.0 if plain else role_factor(role, config)
        for role in analysis.roles
    )


def compare_names(a: str, b: str, kind: NameKind | None = None) -> float:
    """Similarity of two names on 0..1 (symmetric: either may be the listed name).

    Without a list there are no word frequencies, so every ordinary word weighs 1; a
    :class:`~sanctions_screen.matching.screener.Screener` also weighs words by their rarity
    on the list.

    >>> compare_names("LEE Jong-un", "Ri Jong Un")
    1.0
    """
    return best_alignment(a, b, kind).score


def best_alignment(a: str, b: str, kind: NameKind | None = None) -> NameScore:
    """The best-scoring alignment of the two names, either way round, with its features."""
    best = NO_MATCH
    for x in _forms(a, kind):
        for y in _forms(b, kind):
            for ns in _compare(x, y, kind):
                if ns.score > best.score:
                    best = ns
    return best


def _forms(name: str, kind: NameKind | None) -> list[str]:
    """The name, and without a bracketed acronym the name and the acronym on their own
    (``Doostan International Co (DICO)``), and its other readings (a pinyin name in
    Wade-Giles, a Cyrillic one in other romanisations), as the screener indexes list names."""
    main, acronyms = split_parenthetical(name)
    forms = [name, main, *acronyms] if acronyms else [name]
    return [*forms, *reading_texts(analyse(name, kind), kind)]


def _compare(a: str, b: str, kind: NameKind | None) -> tuple[NameScore, ...]:
    config = _config()
    qa, la = analyse(a, kind), analyse(b, kind)
    if not qa.tokens or not la.tokens:
        return ()
    wa, wb = _weights(qa, config), _weights(la, config)
    return score_names(qa, wa, la, wb, config), score_names(la, wb, qa, wa, config)
