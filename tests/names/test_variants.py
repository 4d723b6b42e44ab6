"""Spelling variants of name words (lists/name_variants.yaml): every spelling of a canonical
name is kept, so that a typo of one still meets it (issue 14, class 5)."""

from __future__ import annotations

from sanctions_screen.names.variants import canonical_words, spelled_words, spellings


def test_a_canonical_name_keeps_every_spelling_it_folds() -> None:
    assert spellings("muhammad")[0] == "muhammad"
    assert {"mohammed", "mohamed", "muhamad", "mohd"} <= set(spellings("muhammad"))
    assert spellings("umar") == ("umar", "omar", "omer", "oumar", "umer")
    for canon in spelled_words():
        for spelling in spellings(canon):
            assert canonical_words([spelling]) == [canon], spelling


def test_words_without_variants_and_particles_have_no_spellings() -> None:
    assert spellings("mohammed") == ()  # a spelling, not the canonical form
    assert spellings("smith") == ()
    assert spellings("al") == () and spellings("bin") == ()  # particles: a slip is another word
