"""Reading a list file's bytes: plain XML, or XML compressed with xz or gzip.

The project ships its UN snapshots compressed (``lists/un/*.xml.xz``), and users keep
archived copies as ``.xml.gz``; both are read transparently, by their magic bytes rather
than their names. The size cap applies to the uncompressed XML, and decompression stops as
soon as it is passed, so a small compressed bomb cannot fill memory.
"""

from __future__ import annotations

import gzip
import lzma
import zlib
from pathlib import Path

from sanctions_screen.exceptions import ListParseError, ListTooLargeError

XZ_MAGIC = b"\xfd7zXZ\x00"
GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


def read_list_bytes(path: str | Path, *, max_bytes: int) -> bytes:
    """The uncompressed bytes of a list file, refusing more than ``max_bytes`` of XML."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(6)
            handle.seek(0)
            if head.startswith(XZ_MAGIC) or head.startswith(GZIP_MAGIC):
                return _decompress(handle.read(), path, head, max_bytes)
            size = path.stat().st_size
            if size > max_bytes:
                raise ListTooLargeError(f"{path}: {size} bytes is over the {max_bytes}-byte cap")
            return handle.read()
    except OSError as exc:
        raise ListParseError(f"{path}: cannot read file: {exc.strerror or exc}") from exc


def _decompress(data: bytes, path: Path, head: bytes, max_bytes: int) -> bytes:
    """Decompress ``data`` in bounded steps; past ``max_bytes`` of output, refuse it."""
    decompressor: lzma.LZMADecompressor | zlib._Decompress
    if head.startswith(XZ_MAGIC):
        decompressor = lzma.LZMADecompressor()
    else:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    try:
        if isinstance(decompressor, lzma.LZMADecompressor):
            chunk = decompressor.decompress(data, max_length=max_bytes + 1)
            out += chunk
            while not decompressor.eof and not decompressor.needs_input and len(out) <= max_bytes:
                out += decompressor.decompress(b"", max_length=max_bytes + 1 - len(out))
            complete = decompressor.eof
        else:
            out += decompressor.decompress(data, max_bytes + 1)
            complete = decompressor.eof
    except (lzma.LZMAError, zlib.error, gzip.BadGzipFile, EOFError) as exc:
        raise ListParseError(f"{path}: not a readable compressed file: {exc}") from exc
    if len(out) > max_bytes:
        raise ListTooLargeError(f"{path}: more than {max_bytes} bytes once decompressed")
    if not complete:
        raise ListParseError(f"{path}: the compressed file is truncated")
    return bytes(out)
