"""Turning the bytes of a CSV export into text lines, whatever encoding it came in.

Exports from trade and CRM systems arrive as UTF-8, UTF-8 with a BOM, UTF-16 (Excel's
"Unicode text") or Windows-1252. The line source decides per file and, when the encoding
was not given, per line: a line that is not UTF-8 is read as cp1252 (latin-1 for the five
bytes cp1252 leaves undefined) and the file is named in a warning. When the encoding was
given explicitly, a line it cannot decode is marked undecodable and its row is reported.

Lines are counted as they are read, so rows can be reported by physical line number even
when a quoted field spans several lines. A line longer than ``max_line`` bytes is never
held in memory: it is read past in blocks, marked ``oversized`` and handed on as an empty
line, so its row is reported rather than screened.
"""

from __future__ import annotations

import codecs
import hashlib
import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from sanctions_screen.exceptions import InputError

AUTO = "auto"
UNDECODABLE = "\ufffd"
MAX_LINE = 1024 * 1024
"""Default longest physical line, in bytes (characters for UTF-16/32 input)."""
_BLOCK = 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")


class CountingReader(io.RawIOBase):
    """Wraps a binary stream; counts and hashes every byte read (progress and audit)."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.bytes_read = 0
        self._sha = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.bytes_read += n
        self._sha.update(data)
        return n

    @property
    def sha256(self) -> str:
        return self._sha.hexdigest()

    def close(self) -> None:
        self._raw.close()
        super().close()


def sniff_bom(head: bytes) -> str | None:
    """The encoding a byte-order mark announces, or a guess for BOM-less UTF-16."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if len(head) >= 4 and head[0] != 0 and head[1] == 0 and head[3] == 0:
        return "utf-16-le"
    if len(head) >= 4 and head[0] == 0 and head[2] == 0 and head[1] != 0:
        return "utf-16-be"
    return None


class LineSource:
    """Iterates decoded physical lines of one input and remembers what it had to do.

    ``line_no`` is the number of the last line read; ``undecodable`` holds the
    numbers of lines that could not be decoded (their text carries U+FFFD instead);
    ``oversized`` those longer than ``max_line`` (handed on as empty lines);
    ``fallback_lines`` the lines read as cp1252 in auto mode.
    """

    def __init__(
        self, stream: io.BufferedReader[Any], encoding: str = AUTO, max_line: int = MAX_LINE
    ) -> None:
        self._stream = stream
        self.requested = encoding
        self.max_line = max_line
        self.oversized: set[int] = set()
        bom = sniff_bom(stream.peek(4)[:4])
        if encoding == AUTO:
            self.encoding = bom or "utf-8"
        else:
            try:
                self.encoding = codecs.lookup(encoding).name
            except LookupError as exc:
                raise InputError(f"unknown encoding {encoding!r}") from exc
            if self.encoding == "utf-8" and bom == "utf-8-sig":
                self.encoding = "utf-8-sig"
        self.line_no = 0
        self.undecodable: set[int] = set()
        self.fallback_lines: list[int] = []
        self.fallback_count = 0
        self._lines = self._wide() if self.encoding.startswith(_WIDE) else self._narrow()

    def __iter__(self) -> Iterator[str]:
        return self._lines

    def _wide(self) -> Iterator[str]:
        text = io.TextIOWrapper(self._stream, encoding=self.encoding, errors="replace", newline="")
        limit = self.max_line
        while line := text.readline(limit + 1):
            self.line_no += 1
            if len(line) > limit and not line.endswith(("\n", "\r")):
                while (rest := text.readline(_BLOCK)) and not rest.endswith(("\n", "\r")):
                    pass
                self.oversized.add(self.line_no)
                yield "\n"
                continue
            if UNDECODABLE in line:
                self.undecodable.add(self.line_no)
            yield line

    def _narrow(self) -> Iterator[str]:
        encoding = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        auto = self.requested == AUTO
        for raw in self._raw_lines():
            self.line_no += 1
            if raw is None:
                self.oversized.add(self.line_no)
                yield "\n"
                continue
            try:
                yield raw.decode(encoding)
            except UnicodeDecodeError:
                if auto:
                    yield self._fallback(raw)
                else:
                    self.undecodable.add(self.line_no)
                    yield raw.decode(encoding, errors="replace")

    def _raw_lines(self) -> Iterator[bytes | None]:
        """The file's lines as bytes (BOM dropped); ``None`` for a line over the limit,
        which is skipped in blocks rather than read whole."""
        readline = self._stream.readline
        limit = self.max_line
        bom = codecs.BOM_UTF8
        if self.encoding in ("utf-8", "utf-8-sig") and self._stream.peek(3)[:3] == bom:
            self._stream.read(len(bom))
        raw = readline(limit + 1)
        while raw:
            if len(raw) > limit and not raw.endswith(b"\n"):
                while (rest := readline(_BLOCK)) and not rest.endswith(b"\n"):
                    pass
                yield None
            else:
                yield raw
            raw = readline(limit + 1)

    def _fallback(self, raw: bytes) -> str:
        self.fallback_count += 1
        if len(self.fallback_lines) < 20:
            self.fallback_lines.append(self.line_no)
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")

    @property
    def description(self) -> str:
        """The encoding as a user would name it, e.g. ``utf-8 + cp1252 fallback``."""
        if self.fallback_count:
            return f"{self.encoding} + cp1252 fallback"
        return self.encoding
