"""Looking at the first lines of an export: its delimiter and where its header is.

Exports put report titles, dates and blank lines above the header. The header is the
first line that has the file's usual number of fields (the most common count in the first
lines) and, if any line does, names a known column; the delimiter is the one that gives
the most lines that usual count.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable

DELIMITERS = (",", "\t", ";", "|")
SAMPLE_LINES = 200
SAMPLE_CHARS = 256 * 1024


def normalise_header(name: str) -> str:
    """``"Date of Birth "`` -> ``"dateofbirth"``: the form header names are compared in."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def take_sample(lines: Iterable[str], skip: int = 0) -> tuple[list[str], bool]:
    """The first lines (``skip`` lines, then up to ``SAMPLE_LINES`` or ``SAMPLE_CHARS``)
    and whether that was all."""
    sample: list[str] = []
    chars = 0
    for line in lines:
        sample.append(line)
        if len(sample) <= skip:
            continue
        chars += len(line)
        if len(sample) - skip >= SAMPLE_LINES or chars >= SAMPLE_CHARS:
            return sample, False
    return sample, True


def _parse_sample(sample: list[str], delimiter: str) -> list[tuple[int, list[str]]]:
    """(start line index, fields) of each record in the sample; stops at a CSV error."""
    reader = csv.reader(iter(sample), delimiter=delimiter)
    out: list[tuple[int, list[str]]] = []
    end = 0
    try:
        for values in reader:
            out.append((end, values))
            end = reader.line_num
    except csv.Error:
        pass
    return out


def _modal_width(records: list[tuple[int, list[str]]]) -> tuple[int, float]:
    widths = Counter(len(v) for _, v in records if any(x.strip() for x in v))
    if not widths:
        return 1, 0.0
    width, count = max(widths.items(), key=lambda kv: (kv[1], kv[0]))
    return width, count / sum(widths.values())


def choose_delimiter(sample: list[str], given: str | None, name: str) -> str:
    if given:
        return "\t" if given.lower() in ("tab", "\\t") else given
    preferred = "\t" if name.lower().endswith((".tsv", ".tab")) else ","
    order = [preferred] + [d for d in DELIMITERS if d != preferred]
    best, best_score = preferred, 0.0
    for delimiter in order:
        records = _parse_sample(sample, delimiter)
        width, share = _modal_width(records)
        score = share if width >= 2 else 0.0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def find_header(
    sample: list[str], delimiter: str, skip_rows: int | None, is_known: Callable[[str], bool]
) -> tuple[list[str], int, int]:
    """(header fields, header line number, index of the first line after the header)."""
    if skip_rows is not None:
        records = _parse_sample(sample[skip_rows:], delimiter)
        if not records:
            return [], skip_rows + 1, len(sample)
        after = records[1][0] if len(records) > 1 else len(sample) - skip_rows
        return records[0][1], skip_rows + 1, skip_rows + after
    records = _parse_sample(sample, delimiter)
    if not records:
        return [], 1, len(sample)
    width, _ = _modal_width(records)
    candidates = [i for i, (_, v) in enumerate(records) if len(v) == width and any(v)]
    if not candidates:
        candidates = [0]
    chosen = candidates[0]
    for i in candidates:
        if any(is_known(v) for v in records[i][1] if v.strip()):
            chosen = i
            break
    line_index, header = records[chosen]
    after = records[chosen + 1][0] if chosen + 1 < len(records) else len(sample)
    return header, line_index + 1, after
