"""Issue 13's acceptance table: bad inputs tried, and what became of each.

Every bad input the tests hold, and more (the issue's findings 1 to 12 each reproduced,
stray quotes, huge fields and lines, symbols, bidi controls, zero-width runs, unmapped
columns, bad configuration, library misuse, damaged lists), is run on this build as a
user or an integrating engineer would run it: the CLI in this process (``main(argv)``,
the same code as the console script), a few runs in a child process to be killed, and
the library called directly. Each outcome is checked, not assumed:

- **rejected or reported clearly**: the run did what the issue asks: alerted on the
  listed party, or refused or reported the input with its own exit code and a message
  naming the problem (each case says which exit code and which words);
- **silently mishandled**: anything else that exited 0 (or returned) without a word
  (must be 0);
- **mishandled but not silently**: anything else (an unexpected exit code or message);
- **listed parties cleared silently**: a case whose input holds a listed party that came
  back clear or suppressed with exit 0 and no warning (must be 0).

    python benchmarks/trust_table.py            # the table, one line per input with -v

It takes two to three minutes on two busy cores; it writes only to a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import lzma
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LISTS = ROOT / "lists" / "un"
LISTED = ["JO YONG WON", "PAK TO CHUN", "KOREA MINING DEVELOPMENT TRADING CORPORATION"]
"""Parties on every snapshot used here (KPi.043, KPi.002 and KPe.001)."""


@dataclass
class Outcome:
    """What a run did: its exit code (None: the library returned), what it said, and the
    status of each output row."""

    code: int | None
    err: str = ""
    out: str = ""
    statuses: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    raised: str = ""
    """For a library call: ``ExceptionType: message``."""
    warned: list[str] = field(default_factory=list)

    @property
    def said(self) -> str:
        """Everything the run told its user (a screen run writes its rows to a file)."""
        return "\n".join([self.err, self.out, self.raised, *self.warned])


@dataclass
class Case:
    group: str
    name: str
    run: Callable[[], Outcome]
    check: Callable[[Outcome], str | None]
    """None when the outcome is the one asked for, else what is wrong."""
    listed: bool = False
    """The input holds a listed party."""


@dataclass
class Verdict:
    case: Case
    outcome: Outcome | None
    problem: str | None
    seconds: float

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def silent(self) -> bool:
        """Mishandled without a word: exit 0 (or a return), nothing said."""
        if self.ok or self.outcome is None:
            return False
        o = self.outcome  # the summary's "not screened ... 0" line says nothing
        said = re.search(r"^(warning|error|skipped|interrupted)\b|refused", o.said, re.I | re.M)
        return o.code in (0, None) and not o.raised and said is None

    @property
    def cleared_silently(self) -> bool:
        if not self.case.listed or self.ok or self.outcome is None:
            return False
        o = self.outcome
        cleared = not any(s == "alert" for s in o.statuses) and not o.raised
        return cleared and o.code in (0, None) and self.silent


# -- expectations -----------------------------------------------------------------------


def alerts(count: int = 1) -> Callable[[Outcome], str | None]:
    """Exit 1, at least ``count`` rows alerting."""

    def check(o: Outcome) -> str | None:
        got = o.statuses.count("alert")
        if o.code == 1 and got >= count:
            return None
        return f"exit {o.code}, {got} alert rows (wanted exit 1 and {count}): {_tail(o)}"

    return check


def reported(code: int, *words: str) -> Callable[[Outcome], str | None]:
    """Exit ``code`` and every one of ``words`` said (case-insensitive, regexes)."""

    def check(o: Outcome) -> str | None:
        missing = [w for w in words if not re.search(w, o.said, re.I | re.S)]
        if o.code == code and not missing:
            return None
        return f"exit {o.code} (wanted {code}), missing {missing}: {_tail(o)}"

    return check


def alerts_or_reported(count: int, *words: str) -> Callable[[Outcome], str | None]:
    """The listed parties alert (exit 1), or the run exits 4 saying what it could not
    screen."""
    first, second = alerts(count), reported(4, *words)

    def check(o: Outcome) -> str | None:
        a = first(o)
        return None if a is None else (None if second(o) is None else a)

    return check


def raises(kind: str, *words: str) -> Callable[[Outcome], str | None]:
    def check(o: Outcome) -> str | None:
        missing = [w for w in words if not re.search(w, o.raised, re.I)]
        if o.raised.startswith(kind + ":") and not missing:
            return None
        return f"raised {o.raised!r} (wanted {kind} saying {words})"

    return check


def _tail(o: Outcome) -> str:
    said = " | ".join(line for line in o.said.splitlines() if line.strip())
    return said[-300:]


# -- running ----------------------------------------------------------------------------


class Bench:
    """A temporary folder with a store (the 2026-04-17 list active) and the snapshots."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.newest = self._unpack("consolidated-2026-05-08.xml")
        self.previous = self._unpack("consolidated-2026-04-17.xml")
        self.db = f"sqlite:///{work / 'store.db'}"
        self._count = 0
        assert self.cli("lists", "import", str(self.previous)).code == 0

    def _unpack(self, name: str) -> Path:
        path = self.work / name
        path.write_bytes(lzma.decompress((LISTS / f"{name}.xz").read_bytes()))
        return path

    def path(self, suffix: str) -> Path:
        self._count += 1
        return self.work / f"case{self._count}{suffix}"

    def cli(self, *args: str, db: str | None = None, record: bool = True) -> Outcome:
        """``sanctions-screen ARGS`` in this process (the console script's ``main``)."""
        from sanctions_screen.cli.main import main

        argv = ["--db", db or self.db, *(() if record else ("--no-record",)), *args]
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")  # has .buffer
        err = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        out.flush()
        written = out.buffer.getvalue().decode("utf-8", "replace")  # type: ignore[attr-defined]
        return Outcome(code, err.getvalue(), written)

    def screen(
        self,
        content: str | bytes,
        *options: str,
        suffix: str = ".csv",
        record: bool = False,
        fmt: str = "jsonl",
    ) -> Outcome:
        """``screen`` one input file into JSON Lines (or ``fmt``), with its statuses."""
        source = self.path(suffix)
        if isinstance(content, str):
            source.write_text(content, encoding="utf-8", newline="")
        else:
            source.write_bytes(content)
        output = self.path(f".{fmt}")
        args = ["screen", "--format", fmt, "-o", str(output), *options, str(source)]
        outcome = self.cli(*args, record=record)
        if fmt == "jsonl" and output.exists():
            outcome.rows = [json.loads(line) for line in output.read_text("utf-8").splitlines()]
            outcome.statuses = [row["status"] for row in outcome.rows]
        elif fmt == "csv" and output.exists():
            with output.open(encoding="utf-8-sig", newline="") as handle:
                outcome.rows = list(csv.DictReader(handle))
            outcome.statuses = [row["screen_status"] for row in outcome.rows]
        return outcome

    def child(self, *args: str) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "sanctions_screen.cli.main", "--db", self.db, *args]
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def library(call: Callable[[], Any]) -> Outcome:
    """A library call: what it raised or warned, or the statuses it returned."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what is checked
            return Outcome(None, raised=f"{type(exc).__name__}: {exc}", warned=_texts(caught))
    statuses = [getattr(v, "status", "?") for v in (value if isinstance(value, list) else [value])]
    return Outcome(None, statuses=statuses, warned=_texts(caught))


def _texts(caught: list[warnings.WarningMessage]) -> list[str]:
    return [f"warning: {w.message}" for w in caught]


# -- the cases --------------------------------------------------------------------------


def cases(b: Bench) -> Iterator[Case]:
    yield from _findings_files(b)
    yield from _names(b)
    yield from _columns(b)
    yield from _files(b)
    yield from _limits(b)
    yield from _excel(b)
    yield from _library(b)
    yield from _lists(b)
    yield from _runs(b)


def _findings_files(b: Bench) -> Iterator[Case]:
    g = "2 stray quotes"
    one = "name\nAcme Ltd\n\"Bad Quote Co\n" + "\n".join(LISTED) + "\nJohn Smith\n"
    yield Case(g, "one column, quote opened and never closed (finding 2)",
               lambda: b.screen(one), alerts_or_reported(3, "quote"), listed=True)
    multi = ("name,country\nAcme Ltd,SG\n\"Bad Quote Co,SG\nJO YONG WON,KP\n"
             "PAK TO CHUN,KP\nJohn Smith,GB\"\nJane Doe,GB\n")  # fmt: skip
    yield Case(g, "two columns, merged lines give the right field count (finding 2)",
               lambda: b.screen(multi), alerts_or_reported(2, "quote"), listed=True)
    three = ("id,name,country\n1,Acme Ltd,SG\n2,\"Bad Quote Co,SG\n3,JO YONG WON,KP\n"
             "4,PAK TO CHUN,KP\n5,John Smith,GB\n")  # fmt: skip
    yield Case(g, "three columns, quote left open to the end",
               lambda: b.screen(three), alerts_or_reported(2, "quote"), listed=True)
    inner = 'name,country\nAcme "Best" Ltd,SG\nJO YONG WON,KP\n'
    yield Case(g, "quotes inside an unquoted field",
               lambda: b.screen(inner), alerts(1), listed=True)
    closing = 'name,country\n"Acme Ltd"x,SG\nJO YONG WON,KP\n'
    yield Case(g, "text after a closing quote",
               lambda: b.screen(closing), alerts(1), listed=True)
    semi = 'name;country\n"Acme;SG\nJO YONG WON;KP\nPAK TO CHUN;KP\nJohn Smith;GB\n'
    yield Case(g, "semicolon file, stray quote",
               lambda: b.screen(semi), alerts_or_reported(2, "quote"), listed=True)


def _names(b: Bench) -> Iterator[Case]:
    g = "3-4 names"
    disguised = {
        "ten long aliases, then the name (finding 3)":
            "; ".join(["ABCDEFGHIJ KLMNOPQRSTU VWXYZ ABCDEF GHIJKLMNOP"] * 10) + "; JO YONG WON",
        "1,000 combining accents inside the name (finding 3)": "J" + "\u0301" * 1000 + "O YONG WON",
        "300 zero-width spaces, then the name (finding 3)": "\u200b" * 300 + "JO YONG WON",
        "an emoji after the name (finding 4)": "JO YONG WON\U0001f600",
        "a bidi override, displayed as the name (finding 4)": "\u202eNOW GNOY OJ\u202c",
        "an override inside an isolate, displayed as the name": "\u2066\u202eNOW GNOY OJ"
        "\u202c\u2069",
        "right-to-left marks reversing the word order": "\u200fWON\u200f YONG\u200f JO",
        "emoji between the words": "JO\U0001f600YONG WON",
        "a flag and a trade mark sign": "\U0001f1f0\U0001f1f5 JO YONG WON\u2122",
        "zero-width joiners and non-joiners inside words": "J\u200dO YO\u200cNG WON",
        "soft hyphens and word joiners": "JO YO\u00adNG W\u2060ON",
        "a byte-order mark inside the field": "\ufeffJO YONG WON",
        "full-width letters": "\uff2a\uff2f \uff39\uff2f\uff2e\uff27 \uff37\uff2f\uff2e",
        "mathematical bold letters": "\U0001d409\U0001d40e \U0001d418\U0001d40e\U0001d40d"
        "\U0001d406 \U0001d416\U0001d40e\U0001d40d",
        "left-to-right marks between the words": "JO\u200e YONG\u200e WON",
        "tabs and no-break spaces between the words": "JO\tYONG\u00a0WON",
        "the entity with its name cut by 200 pipes of noise": "|" * 200
        + " KOREA MINING DEVELOPMENT TRADING CORPORATION",
    }
    for title, name in disguised.items():
        content = "name\n" + _quoted(name) + "\n"
        yield Case(g, title, lambda c=content: b.screen(c, "--delimiter", ","), alerts(1),
                   listed=True)  # fmt: skip
    for title, name in {
        "a name of symbols only": "\U0001f600!!",
        "a name of zero-width characters only": "\u200b\u200c\u200d",
        "a name of bidi controls only": "\u202e\u202c",
    }.items():
        content = "name\nJohn Smith\n" + _quoted(name) + "\n"
        yield Case(g, title, lambda c=content: b.screen(c, "--delimiter", ","),
                   reported(4, "empty name|no letters", "rows skipped 1"))  # fmt: skip
    many = ";".join(f"Trading Company Number {i}" for i in range(60))
    yield Case(g, "sixty aliases: names truncated",
               lambda: b.screen(f"name\n{many};John Smith\n", "--delimiter", ","),
               reported(4, "names truncated 1"))  # fmt: skip


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if re.search(r'[",\r\n]', value) else value


def _columns(b: Bench) -> Iterator[Case]:
    g = "5-6 columns"
    yield Case(g, "payments file, listed bank under Beneficiary Bank (finding 5)",
               lambda: b.screen("TxnID,Beneficiary,Beneficiary Bank,Amount\n"
                                "T1,Acme Ltd,Foreign Trade Bank,1000\n"),
               alerts(1), listed=True)  # fmt: skip
    for role in ("End User", "Agent", "Manufacturer", "Forwarder", "Applicant",
                 "Ordering Party", "Carrier", "Vessel Owner"):  # fmt: skip
        content = f"Shipment ID,Shipper,{role},HS Code\nS1,Acme Ltd,JO YONG WON,8471\n"
        yield Case(g, f"trade file, listed party as {role} (finding 5)",
                   lambda c=content: b.screen(c), alerts(1), listed=True)  # fmt: skip
    yield Case(g, "--party end_user='End User' (finding 5: 'no such role')",
               lambda: b.screen("Ref,Shipper,Cnee 2\nS1,Acme Ltd,JO YONG WON\n",
                                "--party", "end_user=Cnee 2"),
               alerts(1), listed=True)  # fmt: skip
    yield Case(g, "two --name-column options (finding 5: joined into one name)",
               lambda: b.screen("First,Alias\nJohn Smith,PAK TO CHUN\nJO YONG WON,Jane Doe\n",
                                "--name-column", "First", "--name-column", "Alias"),
               alerts(2), listed=True)  # fmt: skip
    yield Case(g, "a name-like column the reader does not map",
               lambda: b.screen("Name,Director,Customer ID\nAcme Ltd,JO YONG WON,17\n"),
               reported(4, "Director: looks like names but is not screened",
                        "columns unscreened 1"), listed=True)  # fmt: skip
    yield Case(g, "a row with too many fields (finding 6: exit 0)",
               lambda: b.screen('name,dob\nJohn Smith,1990-01-01\n"x",1,2\n'),
               reported(4, r"\.csv:3", "rows skipped 1"))  # fmt: skip
    yield Case(g, "a row with too few fields shifting the name",
               lambda: b.screen("id,name,country\n1,John Smith,GB\nJO YONG WON,KP\n"),
               alerts_or_reported(1, r":3", "rows skipped 1"), listed=True)  # fmt: skip
    yield Case(g, "--ignore-column naming no column",
               lambda: b.screen("name,Agent\nAcme,JO YONG WON\n", "--ignore-column", "Nope"),
               reported(3, "no column 'Nope'"))  # fmt: skip
    yield Case(g, "--name-column naming no column",
               lambda: b.screen("name\nJO YONG WON\n", "--name-column", "Nme"),
               reported(3, "Nme"))  # fmt: skip
    yield Case(g, "no column that holds names",
               lambda: b.screen("id,amount\n1,100\n2,200\n"),
               _any(reported(3, "name"), reported(4, "name")))  # fmt: skip


def _any(*checks: Callable[[Outcome], str | None]) -> Callable[[Outcome], str | None]:
    def check(o: Outcome) -> str | None:
        problems = [c(o) for c in checks]
        return None if any(p is None for p in problems) else " / ".join(map(str, problems))

    return check


def _files(b: Bench) -> Iterator[Case]:
    g = "files"
    yield Case(g, "an empty file", lambda: b.screen(""), reported(3, "empty|no header"))
    yield Case(g, "a PNG image named .csv",
               lambda: b.screen(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
               _any(reported(3, "error"), reported(4, "skipped")))  # fmt: skip
    yield Case(g, "a missing input file",
               lambda: b.cli("screen", str(b.work / "nope.csv"), record=False),
               _any(reported(2, "nope.csv"), reported(3, "nope.csv")))  # fmt: skip
    yield Case(g, "UTF-16 with a byte-order mark",
               lambda: b.screen("name\nJohn Smith\nJO YONG WON\n".encode("utf-16")),
               alerts(1), listed=True)  # fmt: skip
    yield Case(g, "UTF-16 without a byte-order mark",
               lambda: b.screen("name\nJohn Smith\nJO YONG WON\n".encode("utf-16-le")),
               _any(alerts(1), reported(3, "encoding|decode|utf")), listed=True)  # fmt: skip
    yield Case(g, "cp1252 bytes in a file read as UTF-8",
               lambda: b.screen("name\nCaf\u00e9 Ltd\nJO YONG WON\n".encode("cp1252")),
               _all(alerts(1), reported(1, "cp1252|latin|encoding")), listed=True)  # fmt: skip
    yield Case(g, "undecodable bytes under --encoding utf-8",
               lambda: b.screen(b"name\nCaf\xe9 Ltd\nJO YONG WON\n", "--encoding", "utf-8"),
               _any(reported(1, "skipped 1|decode"), reported(4, "decode|skipped 1"))
               , listed=True)  # fmt: skip
    yield Case(g, "NUL bytes inside a row",
               lambda: b.screen("name\nAcme\x00 Ltd\nJO YONG WON\n"),
               _any(alerts(1), reported(4, "NUL|skipped")), listed=True)  # fmt: skip
    yield Case(g, "a header over several lines",
               lambda: b.screen('"Shipment\nID",name\nS1,JO YONG WON\n'),
               _any(reported(3, "header"), alerts(1)), listed=True)  # fmt: skip
    yield Case(g, "a preamble before the header",
               lambda: b.screen("Export of 2026-12-01\nname,country\nJO YONG WON,KP\n"),
               alerts(1), listed=True)  # fmt: skip
    yield Case(g, "a listed party on the second sheet of a workbook",
               lambda: b.screen(_workbook(), suffix=".xlsx"), alerts(1), listed=True)
    yield Case(g, "a damaged workbook", lambda: b.screen(b"PK\x03\x04 not a zip", suffix=".xlsx"),
               reported(3, "xlsx|workbook|zip"))  # fmt: skip
    yield Case(g, "a Parquet file with a listed party",
               lambda: b.screen(_parquet(), suffix=".parquet"), alerts(1), listed=True)
    yield Case(g, "a damaged Parquet file",
               lambda: b.screen(b"PAR1 not parquet PAR1", suffix=".parquet"),
               reported(3, "parquet"))  # fmt: skip
    yield Case(g, "the output named as an input too",
               lambda: _same_file(b), reported(2, "also an input"))


def _all(*checks: Callable[[Outcome], str | None]) -> Callable[[Outcome], str | None]:
    def check(o: Outcome) -> str | None:
        problems = [p for p in (c(o) for c in checks) if p is not None]
        return " / ".join(problems) if problems else None

    return check


def _same_file(b: Bench) -> Outcome:
    path = b.path(".csv")
    path.write_text("name\nJO YONG WON\n", encoding="utf-8")
    return b.cli("screen", "-o", str(path), str(path), record=False)


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Customers"
    first.append(["name", "country"])
    first.append(["Acme Ltd", "SG"])
    second = book.create_sheet("Suppliers")
    second.append(["name", "country"])
    second.append(["JO YONG WON", "KP"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _parquet() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = io.BytesIO()
    pq.write_table(pa.table({"name": ["Acme Ltd", "JO YONG WON"], "amount": [1.5, 2.0]}), out)
    return out.getvalue()


def _limits(b: Bench) -> Iterator[Case]:
    g = "11 limits"

    def header() -> Outcome:
        path = b.path(".csv")
        with path.open("w", encoding="utf-8") as handle:
            handle.write("name" + ",x" * (25 * 1024 * 1024) + "\nJO YONG WON\n")
        started = time.perf_counter()
        outcome = b.cli("screen", "-o", str(b.path(".csv")), str(path), record=False)
        outcome.err += f"\n(took {time.perf_counter() - started:.1f} s)"
        return outcome

    yield Case(g, "a 50 MB header line (finding 11: 57 s, 1.6 GB)", header,
               _all(reported(3, "line|header"), _faster(10)))  # fmt: skip
    big = "x" * (3 * 1024 * 1024)
    yield Case(g, "a 3 MB field in a row",
               lambda: b.screen(f'name,notes\nJohn Smith,"{big}"\nJO YONG WON,ok\n'),
               _all(alerts(1), reported(1, "skipped 1|field")), listed=True)  # fmt: skip
    yield Case(g, "a 3 MB line without quotes",
               lambda: b.screen(f"name,notes\nJohn Smith,{big}\nJO YONG WON,ok\n"),
               _all(alerts(1), reported(1, "skipped 1|line|field")), listed=True)  # fmt: skip
    yield Case(g, "a field over --max-field-size",
               lambda: b.screen("name\nJohn Smith\n" + "A" * 5000 + "\n",
                                "--max-field-size", "1K"),
               reported(4, "skipped 1"))  # fmt: skip
    yield Case(g, "--strict and a bad row",
               lambda: b.screen('name,dob\nJohn Smith,1\n"x",1,2\n', "--strict"),
               reported(3, r":3"))  # fmt: skip


def _faster(limit: float) -> Callable[[Outcome], str | None]:
    def check(o: Outcome) -> str | None:
        found = re.search(r"took ([\d.]+) s", o.err)
        took = float(found.group(1)) if found else limit + 1
        return None if took <= limit else f"took {took:.1f} s (limit {limit} s)"

    return check


def _excel(b: Bench) -> Iterator[Case]:
    g = "12 excel"
    formulas = {
        "a formula after a leading space (finding 12)": " =1+1",
        "a full-width equals sign (finding 12)": "\uff1d1+1",
        "a bare CR before a formula (finding 12)": "\r=1+1",
        "a formula after a tab": "\t=HYPERLINK(\"http://x\")",
        "@SUM": "@SUM(A1:A9)",
        "a DDE payload": "=cmd|' /C calc'!A0",
        "a plus sign and text": "+1 555 CALL",
    }
    for title, cell in formulas.items():
        content = "name,notes\nAcme Ltd," + _quoted(cell) + "\n"
        yield Case(g, title, lambda c=content: b.screen(c, fmt="csv"), _escaped(cell, True))
    for title, cell in {"an amount -2500.00 (finding 12: quoted)": "-2500.00",
                        "a phone number +65 6741 2200 (finding 12: quoted)": "+65 6741 2200"
                        }.items():  # fmt: skip
        content = "name,notes\nAcme Ltd," + _quoted(cell) + "\n"
        yield Case(g, title, lambda c=content: b.screen(c, fmt="csv"), _escaped(cell, False))


def _escaped(cell: str, formula: bool) -> Callable[[Outcome], str | None]:
    def check(o: Outcome) -> str | None:
        if o.code != 0 or not o.rows:
            return f"exit {o.code}, {len(o.rows)} rows: {_tail(o)}"
        got = o.rows[0]["notes"]
        wanted = "'" + cell if formula else cell
        return None if got == wanted else f"wrote {got!r}, wanted {wanted!r}"

    return check


def _library(b: Bench) -> Iterator[Case]:
    from sanctions_screen import Screener, ScreeningConfig, load_list

    g = "10 library"
    screener = Screener(load_list(b.newest))
    bad_names: list[tuple[str, Any, str]] = [
        ("screen(None) (finding 10: TypeError)", None, "empty name"),
        ("screen(123) (finding 10: TypeError)", 123, "must be a string"),
        ("screen('') (finding 10: clear)", "", "empty name"),
        ("screen('   ')", "   ", "empty name"),
        ("screen(b'JO YONG WON')", b"JO YONG WON", "must be a string"),
        ("screen(['JO YONG WON'])", ["JO YONG WON"], "must be a string"),
        ("screen('!!')", "!!", "no letters or digits"),
    ]
    for title, value, words in bad_names:
        yield Case(g, title, lambda v=value: library(lambda: screener.screen(v)),
                   raises("InvalidQueryError", words))  # fmt: skip
    yield Case(g, "screen_many('JO YONG WON') (finding 10: 11 characters)",
               lambda: library(lambda: screener.screen_many("JO YONG WON")),
               raises("InvalidQueryError", "bare str"))  # fmt: skip
    yield Case(g, "screen_many([{'nmae': ...}])",
               lambda: library(lambda: screener.screen_many([{"nmae": "JO YONG WON"}])),
               raises("InvalidQueryError", "unknown query key"))  # fmt: skip
    yield Case(g, "screen(kind='spaceship')",
               lambda: library(lambda: screener.screen("JO YONG WON", kind="spaceship")),
               raises("InvalidQueryError", "kind"))  # fmt: skip
    yield Case(g, "Screener(None)", lambda: library(lambda: Screener(None)),  # type: ignore[arg-type]
               raises("InputError", "SanctionsList"))  # fmt: skip
    yield Case(g, "ScreeningConfig(thresold=0.5) (finding 10: ignored)",
               lambda: library(lambda: ScreeningConfig(thresold=0.5)),
               raises("ConfigError", "did you mean 'threshold'"))  # fmt: skip
    yield Case(g, "ScreeningConfig(threshold=2) (finding 10: pydantic's error)",
               lambda: library(lambda: ScreeningConfig(threshold=2)),
               raises("ConfigError", "threshold"))  # fmt: skip
    yield Case(g, "ScreeningConfig(threshold='high')",
               lambda: library(lambda: ScreeningConfig(threshold="high")),
               raises("ConfigError", "threshold"))  # fmt: skip
    yield Case(g, "review_threshold above threshold",
               lambda: library(lambda: ScreeningConfig(threshold=0.5, review_threshold=0.9)),
               raises("ConfigError", "must not exceed"))  # fmt: skip
    yield Case(g, "SANCTIONS_SCREEN_THRESOLD set (finding 10: ignored)",
               lambda: _environment("SANCTIONS_SCREEN_THRESOLD", "0.5"),
               _warned("SANCTIONS_SCREEN_THRESHOLD"))  # fmt: skip
    yield Case(g, "SANCTIONS_SCREEN_REVIEW_THRESHOLD=lots",
               lambda: _environment("SANCTIONS_SCREEN_REVIEW_THRESHOLD", "lots"),
               raises("ConfigError", "SANCTIONS_SCREEN_REVIEW_THRESHOLD"))  # fmt: skip
    yield Case(g, "the CLI with SANCTIONS_SCREEN_THRESHOLD=abc",
               lambda: _cli_environment(b, "SANCTIONS_SCREEN_THRESHOLD", "abc"),
               reported(3, "SANCTIONS_SCREEN_THRESHOLD"))  # fmt: skip
    yield Case(g, "the CLI writing to a full disk (finding 10: traceback, exit 1)",
               lambda: b.cli("screen", "-o", "/dev/full", str(_rows(b, 3000)), record=False),
               _all(reported(3, "cannot write /dev/full"), _no_traceback))  # fmt: skip


def _no_traceback(o: Outcome) -> str | None:
    return "a traceback" if "Traceback" in o.err else None


def _warned(*words: str) -> Callable[[Outcome], str | None]:
    def check(o: Outcome) -> str | None:
        text = "\n".join(o.warned)
        return None if all(w in text for w in words) else f"warned {o.warned}, raised {o.raised}"

    return check


def _environment(name: str, value: str) -> Outcome:
    from sanctions_screen.matching.config import default_config

    os.environ[name] = value
    try:
        return library(default_config)
    finally:
        del os.environ[name]


def _cli_environment(b: Bench, name: str, value: str) -> Outcome:
    os.environ[name] = value
    try:
        return b.screen("name\nJO YONG WON\n")
    finally:
        del os.environ[name]


def _rows(b: Bench, count: int, listed_every: int = 0) -> Path:
    path = b.path(".csv")
    lines = ["name"]
    for i in range(count):
        lines.append("JO YONG WON" if listed_every and i % listed_every == 0 else f"Party {i} Ltd")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _lists(b: Bench) -> Iterator[Case]:
    g = "8 list gate"
    text = b.newest.read_text(encoding="utf-8")
    record = re.compile(r"<(INDIVIDUAL|ENTITY)>.*?</\1>\s*", re.S)
    first = record.search(text)
    assert first is not None
    mutations: dict[str, tuple[str, str]] = {
        "every FIRST_NAME emptied (finding 8: imported and active)": (
            re.sub(r"<FIRST_NAME>[^<]*</FIRST_NAME>", "<FIRST_NAME></FIRST_NAME>", text), "names"),
        "one entry's names emptied": (
            text.replace(first.group(0), re.sub(r"<(FIRST|SECOND|THIRD|FOURTH)_NAME>[^<]*",
                                                r"<\1_NAME>", first.group(0))), "names"),
        "dateGenerated 2099-01-01 (finding 8: accepted)": (
            re.sub(r'dateGenerated="[^"]*"', 'dateGenerated="2099-01-01T00:00:00Z"', text,
                   count=1),
            "date_generated"),
        "a regime dropped whole (Somalia)": (
            record.sub(lambda m: "" if "<UN_LIST_TYPE>Somalia<" in m.group(0) else m.group(0),
                       text), "regime_shrink"),
        "15% of the entries dropped": (_every(record, text, 7), "shrink"),
        "a record repeated": (
            text[: first.end()] + first.group(0) + text[first.end():], "references"),
        "an older list (2025-08-02) after the active one": (
            lzma.decompress((LISTS / "consolidated-2025-08-02.xml.xz").read_bytes()).decode(),
            "older"),
        "every entry removed": (record.sub("", text), "entries"),
    }  # fmt: skip
    for title, (mutated, check) in mutations.items():
        yield Case(g, title, lambda m=mutated: _import(b, m),
                   _all(reported(3, f"refused by the {check} check", "--force|No flag"),
                        _active_kept(b)))  # fmt: skip
    broken = {
        "the document cut short": (text[: len(text) // 2], "ends early|truncated|cut"),
        "not XML at all": ("name,country\nJO YONG WON,KP\n", "not|XML"),
        "an entity declaration (billion laughs)": (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><CONSOLIDATED_LIST '
            'dateGenerated="2026-05-08T00:00:00Z">&a;</CONSOLIDATED_LIST>',
            "DTD|entit|unsafe"),
        "another XML document": ('<?xml version="1.0"?><rss><channel/></rss>',
                                 "CONSOLIDATED_LIST|not a"),
    }  # fmt: skip
    for title, (mutated, words) in broken.items():
        yield Case(g, title, lambda m=mutated: _import(b, m),
                   _all(reported(3, words), _active_kept(b)))  # fmt: skip
    yield Case(g, "lists update from a server that trickles 64 bytes a second (finding 8)",
               lambda: _served(b, _Trickle, "--deadline", "1.5"),
               _all(reported(3, "deadline"), _active_kept(b)))  # fmt: skip
    yield Case(g, "a 304 answer on an empty store (finding 8: exit 0, no list)",
               lambda: _served(b, _NotModified, fresh=True), reported(3, "304"))
    blank = mutations["every FIRST_NAME emptied (finding 8: imported and active)"][0].encode()
    yield Case(g, "lists update serving a list without names (finding 8)",
               lambda: _served(b, _serving(blank)),
               _all(reported(3, "refused by the names check"), _active_kept(b)))  # fmt: skip
    yield Case(g, "lists update answering 500",
               lambda: _served(b, _serving(b"oops", 500), "--deadline", "5"),
               _all(reported(3, "500"), _active_kept(b)))  # fmt: skip


def _every(record: re.Pattern[str], text: str, nth: int) -> str:
    """``text`` without every ``nth`` record."""
    seen = iter(range(10**6))
    return record.sub(lambda m: "" if next(seen) % nth == 0 else m.group(0), text)


def _import(b: Bench, text: str) -> Outcome:
    path = b.path(".xml")
    path.write_text(text, encoding="utf-8")
    return b.cli("lists", "import", str(path))


def _active_kept(b: Bench) -> Callable[[Outcome], str | None]:
    def check(_o: Outcome) -> str | None:
        shown = json.loads(b.cli("lists", "show", "--json").out or "{}")
        found = str(shown.get("source", ""))
        return None if found.endswith(b.previous.name) else f"active list is now {found!r}"

    return check


class _Trickle(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.end_headers()
        with contextlib.suppress(OSError):
            for _ in range(600):
                self.wfile.write(b"<!-- slow -->".ljust(64))
                self.wfile.flush()
                time.sleep(1)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _NotModified(_Trickle):
    def do_GET(self) -> None:  # noqa: N802
        self.send_response(304)
        self.end_headers()


def _serving(body: bytes, status: int = 200) -> type[BaseHTTPRequestHandler]:
    class Serve(_Trickle):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Serve


def _served(
    b: Bench, handler: type[BaseHTTPRequestHandler], *options: str, fresh: bool = False
) -> Outcome:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/consolidated.xml"
    db = f"sqlite:///{b.path('.db')}" if fresh else None
    try:
        return b.cli("lists", "update", "--url", url, *options, db=db)
    finally:
        httpd.shutdown()
        httpd.server_close()


def _runs(b: Bench) -> Iterator[Case]:
    g = "1, 7, 9 audit"
    yield Case(g, "a false positive decision, then the same name with a matching passport "
               "(finding 1: suppressed, exit 0)", lambda: _suppression(b), alerts(1),
               listed=True)  # fmt: skip
    yield Case(g, "SIGTERM during a recorded run (finding 7: left running)",
               lambda: _killed(b, signal.SIGTERM),
               reported(143, "status interrupted", "prefix of the trail"))  # fmt: skip
    yield Case(g, "kill -9 during a recorded run (finding 7: running for ever)",
               lambda: _killed(b, signal.SIGKILL),
               reported(-9, "status interrupted", "prefix of the trail"))  # fmt: skip
    yield Case(g, "rescreen after interrupted runs (finding 7: skipped silently)",
               lambda: _rescreen(b), _any(reported(0, NAMED_INCOMPLETE),
                                          reported(1, NAMED_INCOMPLETE)))  # fmt: skip
    yield Case(g, "the report of an interrupted run (finding 7: looked normal)",
               lambda: _report(b), reported(0, "did not complete"))
    yield Case(g, "eight parallel decisions on one alert (finding 9: forked history)",
               lambda: _parallel_decisions(b), reported(0, "linear"))


def _suppression(b: Bench) -> Outcome:
    options = ("--dob-column", "dob", "--nationality-column", "nationality",
               "--passport-column", "passport")  # fmt: skip
    first = b.screen("name,dob,nationality,passport\nJO YONG WON,1990-01-01,Singapore,\n",
                     *options, record=True)  # fmt: skip
    pending = json.loads(b.cli("review", "--no-input", "--json").out or "[]")
    alert = next(a for a in pending if a.get("reference_number") == "KPi.043")
    decided = b.cli("review", "--alert", str(alert["id"]), "--decision", "false_positive",
                    "--reviewer", "trust", "--reason", "DOB 1990, listed 1957")  # fmt: skip
    if first.code not in (0, 1) or decided.code != 0:  # 0.80: a review, exit 0
        return Outcome(99, err=f"setup failed: {first.err} {decided.err}")
    return b.screen("name,dob,nationality,passport\nJo Yong-Won,1957-10-24,DPRK,108210124\n",
                    *options, record=True)  # fmt: skip


def _killed(b: Bench, signum: int) -> Outcome:
    source = _rows(b, 60_000, listed_every=997)
    output = b.path(".csv")
    before = _last_run(b)
    process = b.child("screen", "-q", "-o", str(output), str(source))
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if _last_run(b) > before and _rows_recorded(b) >= 3000:
            break
        time.sleep(0.05)
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    run_id = _last_run(b)
    shown = json.loads(b.cli("runs", "show", str(run_id), "--json").out)["run"]
    trail = b.cli("runs", "export", str(run_id)).out.encode("utf-8")
    written = output.read_bytes() if output.exists() else b""
    lines = max(0, written.count(b"\n") - 1)
    said = [err.decode("utf-8", "replace"), f"status {shown['status']}",
            f"rows written {lines}, in the trail {shown['row_count']}"]  # fmt: skip
    if trail.startswith(written):
        said.append("the output is a prefix of the trail")
    return Outcome(process.returncode, err="\n".join(said))


def _last_run(b: Bench) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(b.db)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT coalesce(max(id), 0) FROM audit_runs")).scalar())
    finally:
        engine.dispose()


def _rows_recorded(b: Bench) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(b.db)
    try:
        with engine.connect() as conn:
            found = conn.execute(
                text("SELECT row_count FROM audit_runs ORDER BY id DESC LIMIT 1")
            ).scalar()
            return int(found or 0)
    finally:
        engine.dispose()


NAMED_INCOMPLETE = r"runs that did not complete, covered for the rows they recorded only: \d"


def _rescreen(b: Bench) -> Outcome:
    """A newer list, then ``rescreen``: the killed runs are covered for what they
    recorded, and named."""
    imported = b.cli("lists", "import", str(b.newest))
    if imported.code != 0:
        return Outcome(99, err=f"setup failed: {imported.err}")
    return b.cli("rescreen")


def _report(b: Bench) -> Outcome:
    runs = json.loads(b.cli("runs", "list", "--json").out)
    stopped = next(r for r in runs if r["status"] == "interrupted")
    page = b.path(".html")
    done = b.cli("report", str(stopped["id"]), "-o", str(page))
    text = page.read_text("utf-8") if page.exists() else ""
    found = re.search(r'<p class="stopped"[^>]*>(.*?)</p>', text, re.S)
    done.err += "\n" + (re.sub(r"<[^>]+>", "", found.group(1)) if found else "(no notice)")
    return done


def _parallel_decisions(b: Bench) -> Outcome:
    from sanctions_screen.audit.review import decide, history
    from sanctions_screen.store.db import open_store

    pending = json.loads(b.cli("review", "--no-input", "--json").out or "[]")
    if not pending:
        return Outcome(99, err="no pending alert to decide on")
    alert_id = int(pending[0]["id"])
    stores = [open_store(b.db) for _ in range(8)]
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def analyst(number: int) -> None:
        try:
            barrier.wait()
            decide(stores[number], alert_id, "escalate", reviewer=f"a{number}", reason="x")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=analyst, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for opened in stores:
        opened.close()
    with open_store(b.db) as store:
        decisions = history(store, alert_id)
    superseded = [d.supersedes_id for d in decisions if d.supersedes_id is not None]
    linear = len(superseded) == len(set(superseded)) and len(decisions) >= 8
    return Outcome(0 if not errors else 3,
                   err=f"{len(decisions)} decisions, errors {errors}, "
                   + ("linear" if linear else "FORKED"))  # fmt: skip


# -- the table ------------------------------------------------------------------------------


def reuse_built_lists() -> None:
    """Parse each stored list version once and build its screener once in this process
    (as ``serve`` does), not once per command: a command spent two to five seconds on
    them, which would make the table take ten minutes. Versions never change and a
    screener is fixed by its list and config, so every check of an input, and every
    output, is the console script's."""
    from sanctions_screen.matching.screener import Screener
    from sanctions_screen.store import db as store_db
    from sanctions_screen.tabular import worker

    parse = store_db._versions.load
    parsed: dict[tuple[str, int], Any] = {}

    def load(session: Any, version_id: int) -> Any:
        key = (str(session.get_bind().url), version_id)
        if key not in parsed:
            parsed[key] = parse(session, version_id)
        return parsed[key]

    built: dict[tuple[str | None, str], Screener] = {}

    def screener(sanctions_list: Any, config: Any = None) -> Screener:
        key = (sanctions_list.sha256, repr(config))
        if key not in built:
            built[key] = Screener(sanctions_list, config)
        return built[key]

    store_db._versions.load = load  # type: ignore[assignment]
    worker.Screener = screener  # type: ignore[assignment,misc]


def run_all(verbose: bool) -> list[Verdict]:
    os.environ.setdefault("SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS", "100000")
    reuse_built_lists()
    verdicts: list[Verdict] = []
    with tempfile.TemporaryDirectory(prefix="trust-") as work:
        bench = Bench(Path(work))
        for case in cases(bench):
            started = time.perf_counter()
            try:
                outcome: Outcome | None = case.run()
                problem = case.check(outcome) if outcome is not None else "no outcome"
            except Exception as exc:  # noqa: BLE001 - a crash of the harness is a finding
                outcome, problem = None, f"the case itself failed: {type(exc).__name__}: {exc}"
            verdict = Verdict(case, outcome, problem, time.perf_counter() - started)
            verdicts.append(verdict)
            if verbose or not verdict.ok:
                mark = "ok  " if verdict.ok else ("SILENT" if verdict.silent else "FAIL")
                print(f"{mark} [{case.group}] {case.name} ({verdict.seconds:.1f} s)"
                      + (f"\n      {problem}" if problem else ""), flush=True)  # fmt: skip
    return verdicts


def table(verdicts: list[Verdict]) -> str:
    tried = len(verdicts)
    ok = sum(v.ok for v in verdicts)
    silent = sum(v.silent for v in verdicts)
    listed = sum(v.case.listed for v in verdicts)
    cleared = sum(v.cleared_silently for v in verdicts)
    groups = sorted({v.case.group for v in verdicts})
    lines = [
        "| figure | count |",
        "| --- | ---: |",
        f"| bad inputs tried | {tried} |",
        f"| rejected or reported clearly | {ok} |",
        f"| silently mishandled (must be 0) | {silent} |",
        f"| mishandled, but not silently | {tried - ok - silent} |",
        f"| inputs holding a listed party | {listed} |",
        f"| listed parties cleared silently (must be 0) | {cleared} |",
        "",
        "by group: " + ", ".join(
            f"{g} {sum(v.ok for v in verdicts if v.case.group == g)}/"
            f"{sum(v.case.group == g for v in verdicts)}" for g in groups),
    ]  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per input")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    verdicts = run_all(args.verbose)
    print(table(verdicts))
    print(f"{time.perf_counter() - started:.0f} s; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    bad = sum(v.silent or v.cleared_silently for v in verdicts)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
