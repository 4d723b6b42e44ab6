"""The public classes keep their docstrings in the compiled build (mypyc drops them)."""

from __future__ import annotations

import pydoc
from pathlib import Path

import pytest

import sanctions_screen
from sanctions_screen._docstrings import class_doc
from sanctions_screen.matching import (
    Adjustment,
    Explanation,
    Match,
    Query,
    Screener,
    ScreeningResult,
    TokenAlignment,
)

PUBLIC_CLASSES = [Screener, ScreeningResult, Match, Query, Explanation, TokenAlignment, Adjustment]


@pytest.mark.parametrize("cls", PUBLIC_CLASSES, ids=lambda c: c.__name__)
def test_public_classes_have_their_docstring(cls: type) -> None:
    assert cls.__doc__ and len(cls.__doc__) > 10


def test_help_on_screener_documents_it_and_its_methods() -> None:
    text = pydoc.render_doc(Screener, renderer=pydoc.plaintext)
    assert "against one sanctions list" in text
    assert "Screen a batch, results in input order" in text  # screen_many


def test_class_doc_reads_the_source() -> None:
    source = Path(sanctions_screen.__file__).parent.joinpath("matching", "screener.py")
    doc = class_doc(source.read_text(encoding="utf-8"), "Screener")
    assert doc is not None
    assert doc.startswith("Screens names (and what else a record knows)")
    assert "screen_many(...)\n    Screen a batch" in doc
    assert class_doc("class Other:\n    pass\n", "Screener") is None
