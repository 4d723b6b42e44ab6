"""Docstrings for the public classes that mypyc compiles.

mypyc keeps only a signature where a compiled class or method had its docstring, so
``help(Screener)`` showed nothing in the compiled build. A compiled class's ``__doc__`` can
still be set, so :func:`restore` gives each class back the docstring of its source, and
adds the docstrings of its public methods and properties (theirs cannot be set). The
``.py`` source ships beside the compiled module; it is read with a pattern, not parsed, so
this costs well under a millisecond. In the pure-Python build there is nothing to do.
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

_MEMBER = re.compile(
    r'^    def (?P<name>[a-z]\w*)\((?:(?!\n    (?:def |@)).)*?:\n        """(?P<doc>.*?)"""',
    re.MULTILINE | re.DOTALL,
)


def restore(*classes: type) -> None:
    """Give compiled ``classes`` the docstrings of their source (no-op when not compiled)."""
    sources: dict[str, str | None] = {}
    for cls in classes:
        if cls.__doc__:
            continue  # not compiled: its docstring is there
        if cls.__module__ not in sources:
            sources[cls.__module__] = _source(cls.__module__)
        source = sources[cls.__module__]
        if source is not None and (doc := class_doc(source, cls.__name__)):
            cls.__doc__ = doc


def class_doc(source: str, name: str) -> str | None:
    """The docstring of class ``name`` in ``source``, with its public members' docstrings."""
    found = re.search(
        rf'^class {name}\b[^\n]*:\n(?:    [^\n]*\n|\n)*?    """(.*?)"""', source, re.M | re.S
    )
    if found is None:
        return None
    body_end = re.search(r"^\S", source[found.end() :], re.M)
    body = source[found.end() : found.end() + body_end.start() if body_end else None]
    parts = [inspect.cleandoc(found.group(1))]
    members = [
        f"{m['name']}(...)\n    " + inspect.cleandoc(m["doc"]).replace("\n", "\n    ")
        for m in _MEMBER.finditer(body)
    ]
    if members:
        parts.append("Methods and properties:\n\n" + "\n\n".join(members))
    return "\n\n".join(parts)


def _source(module: str) -> str | None:
    path = getattr(sys.modules.get(module), "__file__", None)
    if not path:
        return None
    source = Path(path).with_name(module.rsplit(".", 1)[-1] + ".py")
    try:
        return source.read_text(encoding="utf-8")
    except OSError:
        return None
