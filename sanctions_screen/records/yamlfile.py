"""YAML that remembers where each value came from, so a bad rules file names its line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from sanctions_screen.exceptions import RulesFileError


class LineDict(dict[Any, Any]):
    """A mapping with the 1-based line of itself and of each key."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list[Any]):
    """A sequence with the 1-based line of itself and of each item."""

    line: int = 0
    item_lines: list[int]


class _LineLoader(yaml.SafeLoader):
    pass


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    out = LineDict(loader.construct_mapping(node, deep=True))
    out.line = node.start_mark.line + 1
    out.key_lines = {
        loader.construct_object(k, deep=True): k.start_mark.line + 1 for k, _ in node.value
    }
    return out


def _sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_sequence(node, deep=True))
    out.line = node.start_mark.line + 1
    out.item_lines = [item.start_mark.line + 1 for item in node.value]
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load_yaml(text: str, source: str) -> LineDict:
    """Parse ``text``; a syntax error or a non-mapping document raises :class:`RulesFileError`."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise RulesFileError(f"{source}:{line}: not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise RulesFileError(f"{source}: not valid YAML: {exc}") from exc
    if not isinstance(data, LineDict):
        raise RulesFileError(f"{source}:1: expected a mapping of rule sections at the top level")
    return data


def line_of(data: Any, loc: Sequence[int | str]) -> int:
    """The line of the deepest value along a pydantic error location (``1`` if unknown)."""
    line = getattr(data, "line", 1)
    for step in loc:
        if isinstance(data, LineDict) and step in data:
            line = data.key_lines.get(step, line)
            data = data[step]
        elif isinstance(data, LineList) and isinstance(step, int) and step < len(data):
            line = data.item_lines[step]
            data = data[step]
        else:
            break
    return line
