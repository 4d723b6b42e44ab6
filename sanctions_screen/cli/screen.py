"""``sanctions-screen screen``: a thin shell over :mod:`sanctions_screen.tabular`.

The root group (cli/main.py) loads it, and ``search`` (cli/search.py), when they are run.
"""

from __future__ import annotations

import codecs
import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console

from sanctions_screen.cli import progress as progress_ui
from sanctions_screen.cli.common import EXIT_ALERTS, EXIT_OK, EXIT_PROBLEMS, db_url
from sanctions_screen.cli.loading import (
    EXIT_HELP,
    LIST_HELP,
    exit_with,
    load_sanctions_list,
    stderr_console,
)
from sanctions_screen.exceptions import BadRowError, InputError, OutputError
from sanctions_screen.matching.config import default_config
from sanctions_screen.tabular.batch import (
    NO_LISTED_PARTY,
    BatchRun,
    BatchSummary,
    ScreeningObserver,
    write_parquet,
    write_results,
)
from sanctions_screen.tabular.interrupt import sigterm_interrupts
from sanctions_screen.tabular.mapping import RECORD_TYPES, ColumnMapping
from sanctions_screen.tabular.writer import open_output
from sanctions_screen.unlist.freshness import list_age
from sanctions_screen.unlist.models import SanctionsList

if TYPE_CHECKING:
    from sanctions_screen.store.resolve import ResolvedList

_FIELD_OPTIONS = {
    "country": "country_column",
    "dob": "dob_column",
    "nationality": "nationality_column",
    "passport": "passport_column",
    "imo": "imo_column",
    "hs_codes": "hs_column",
    "date": "date_column",
}
"""Canonical field -> the ``--...-column`` option that names its column."""


def _check_encoding(name: str | None) -> str | None:
    if name is not None:
        try:
            codecs.lookup(name)
        except LookupError as exc:
            raise click.BadParameter(f"unknown encoding {name!r}") from exc
    return name


def _mapping(
    record_type: str | None,
    name_columns: tuple[str, ...],
    parties: tuple[str, ...],
    kind: str | None,
    columns: dict[str, Any],
    ignore: tuple[str, ...] = (),
) -> ColumnMapping:
    party_map: dict[str, tuple[str, ...]] = {}
    for text in parties:
        try:
            role, cols = ColumnMapping.parse_party(text)
        except InputError as exc:
            raise click.BadParameter(
                str(exc).replace("--party", "it"), param_hint="--party"
            ) from exc
        party_map[role] = cols
    fields = {
        canonical: column
        for canonical, option in _FIELD_OPTIONS.items()
        if (column := columns.get(option))
    }
    for text in columns.get("extra_columns") or ():
        field_name, sep, column = str(text).partition("=")
        if not sep or not field_name.strip() or not column.strip():
            raise click.BadParameter(f"expects FIELD=COLUMN, got {text!r}", param_hint="--column")
        fields[field_name.strip()] = column.strip()
    if record_type == "names" and parties:
        raise click.UsageError("--party applies to trade and diplomatic records, not names")
    return ColumnMapping(
        record_type=None if record_type in (None, "auto") else record_type,  # type: ignore[arg-type]
        name_columns=name_columns,
        parties=party_map,
        columns=fields,
        kind=kind,  # type: ignore[arg-type]
        ignore=tuple(c.strip() for c in ignore if c.strip()),
    )


def _size(_ctx: click.Context, param: click.Parameter, value: str) -> int:
    """``64K`` -> 65536, ``1M`` -> 1048576, ``500`` -> 500."""
    text = value.strip().upper().removesuffix("B").removesuffix("I")
    scale = {"K": 1024, "M": 1024 * 1024}.get(text[-1:], 1)
    digits = text[:-1] if scale > 1 else text
    if not digits.isdigit() or int(digits) < 1:
        raise click.BadParameter(f"expects a size such as 500, 64K or 1M, got {value!r}")
    return int(digits) * scale


@click.command("screen", epilog=EXIT_HELP)
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "-o",
    "--output",
    type=click.Path(),  # a file, or the folder a --dask-scheduler job writes to
    metavar="FILE",
    help="Write results here (default: standard output).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "parquet", "xlsx"]),
    default=None,
    help="csv: input columns + screen_* columns; jsonl: one "
    "object per row with the full explanation and evidence; parquet: the csv columns, "
    "typed (also chosen by an -o FILE.parquet); xlsx: the csv columns as a workbook, alert "
    "rows highlighted (also chosen by an -o FILE.xlsx).  [default: csv]",
)
@click.option("--only-alerts", is_flag=True, help="Write only alert (and suppressed) rows.")
@click.option(
    "--excel",
    is_flag=True,
    help="Write a UTF-8 byte-order mark so Excel shows non-Latin names correctly.",
)
@click.option(
    "--excel-safe/--no-excel-safe",
    default=True,
    show_default=True,
    help="Escape CSV cells a spreadsheet would run as formulas (=, +, -, @ first, also "
    "after spaces; signed numbers and phone numbers are left as they are).",
)
@click.option(
    "--list",
    "list_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=LIST_HELP.format(verb="Screen against"),
)
@click.option(
    "--record-type",
    type=click.Choice(["auto", *RECORD_TYPES]),
    default="auto",
    show_default=True,
    help="trade/diplomatic: one record per row with several "
    "parties; names: one name per row. auto decides from the header.",
)
@click.option(
    "--name-column",
    "name_columns",
    multiple=True,
    metavar="COLUMN",
    help="Column holding a name (names records). Repeat it to screen each column as a "
    "name of its own (--name-column Name --name-column Alias); join columns into one name "
    "with + (--name-column 'First+Last').",
)
@click.option(
    "--party",
    "parties",
    multiple=True,
    metavar="ROLE=COLUMN",
    help="A party column of a trade/diplomatic record, e.g. "
    "--party consignee='Consignee Name' or --party broker='Customs Broker': any role name "
    "(known roles: shipper, consignee, notify_party, buyer, seller, end_user, agent, "
    "beneficiary, applicant, ordering_party, carrier, forwarder, manufacturer, "
    "vessel_owner, *_bank, member1.., host_official1..). Join columns with +. Repeatable.",
)
@click.option(
    "--ignore-column",
    "ignore_columns",
    multiple=True,
    metavar="COLUMN",
    help="A column not to screen and not to warn about, although it looks like names; "
    "recorded in the summary and the audit trail. Repeatable.",
)
@click.option(
    "--kind",
    type=click.Choice(["person", "organization"]),
    help="Every name in the file is this kind.",
)
@click.option("--country-column", metavar="COLUMN", help="Country column (names lists).")
@click.option("--dob-column", metavar="COLUMN", help="Date-of-birth column (names lists).")
@click.option("--nationality-column", metavar="COLUMN", help="Nationality column (names lists).")
@click.option("--passport-column", metavar="COLUMN", help="Passport number column (names lists).")
@click.option("--imo-column", metavar="COLUMN", help="IMO number column.")
@click.option("--hs-column", metavar="COLUMN", help="HS code column (trade records).")
@click.option("--date-column", metavar="COLUMN", help="Record date column (trade/diplomatic).")
@click.option(
    "--column",
    "extra_columns",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Any canonical field, e.g. --column consignee_country='Cnee Ctry' or "
    "--column member1_passport='Passport 1' (see docs/records.md). Repeatable.",
)
@click.option(
    "--delimiter", metavar="CHAR", help="Input delimiter (default: sniffed; 'tab' for TSV)."
)
@click.option(
    "--encoding",
    metavar="NAME",
    callback=lambda _ctx, _param, value: _check_encoding(value),
    help="Input encoding (default: detected: UTF-8, "
    "UTF-8/16 with BOM, else cp1252 per line with a warning). When given, lines it "
    "cannot decode are bad rows.",
)
@click.option(
    "--skip-rows",
    type=click.IntRange(min=0),
    metavar="N",
    help="Lines before the header (default: detected).",
)
@click.option(
    "--sheet",
    "sheets",
    multiple=True,
    metavar="NAME",
    help="Screen only this sheet of .xlsx inputs (repeatable; default: every sheet).",
)
@click.option(
    "--max-field-size",
    "max_field",
    callback=_size,
    default="64K",
    show_default=True,
    metavar="SIZE",
    help="Longest field (characters; K and M suffixes); a longer one is a bad row.",
)
@click.option(
    "--max-line-size",
    "max_line",
    callback=_size,
    default="1M",
    show_default=True,
    metavar="SIZE",
    help="Longest input line (bytes; K and M suffixes); a longer one is a bad row, "
    "and one at or before the header stops the run.",
)
@click.option("--strict", is_flag=True, help="Stop at the first bad row (exit 3).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes (use the number of cores for large files).",
)
@click.option(
    "--dask-scheduler",
    "dask_scheduler",
    metavar="ADDRESS",
    help="Screen Parquet inputs on this Dask cluster (tcp://HOST:PORT) and write a folder "
    "of Parquet files to -o (needs the dask extra; see docs/cluster.md).",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="No progress bar, no summary (bad rows and warnings about the list are still reported).",
)
@click.pass_context
def screen_command(
    ctx: click.Context,
    /,
    files: tuple[str, ...],
    output: str | None,
    fmt: str | None,
    only_alerts: bool,
    excel: bool,
    excel_safe: bool,
    list_file: Path | None,
    record_type: str,
    name_columns: tuple[str, ...],
    parties: tuple[str, ...],
    ignore_columns: tuple[str, ...],
    kind: str | None,
    delimiter: str | None,
    encoding: str | None,
    skip_rows: int | None,
    sheets: tuple[str, ...],
    max_field: int,
    max_line: int,
    strict: bool,
    workers: int,
    dask_scheduler: str | None,
    quiet: bool,
    **columns: Any,
) -> None:
    """Screen CSV/TSV files or .xlsx workbooks (FILE may be '-' for standard input).

    Every input column is kept; screen_status (clear/review/alert/suppressed),
    screen_score, screen_reference, screen_matched_name, screen_list_type, screen_flags,
    screen_explanation, screen_source, screen_line and screen_parties (every party of the
    row: role, column, status, score, reference, matched name) are appended; -o FILE.xlsx
    writes a workbook with alert rows highlighted. Bad rows are reported
    on standard error with their line number and skipped. A progress bar (on a terminal)
    and a summary go to standard error.
    """
    console = stderr_console()
    if output and not dask_scheduler and Path(output).is_dir():
        raise click.BadParameter(f"File {output!r} is a directory.", param_hint="'-o' / '--output'")
    fmt = _format(fmt, output)
    mapping = _mapping(record_type, name_columns, parties, kind, columns, ignore_columns)
    if files.count("-") > 1:
        raise click.UsageError("'-' (standard input) can be given once")
    if (
        output
        and output != "-"
        and any(
            f != "-" and Path(f).exists() and Path(f).resolve() == Path(output).resolve()
            for f in files
        )
    ):
        raise click.UsageError(f"--output {output} is also an input file")
    config = default_config()

    def load() -> ResolvedList:
        return load_sanctions_list(
            list_file, db_url(ctx), console, max_age_days=config.max_list_age_days
        )

    if dask_scheduler:
        from sanctions_screen.cli.cluster import screen_on_cluster

        screen_on_cluster(
            ctx,
            address=dask_scheduler,
            files=files,
            output=output,
            list_file=list_file,
            load_list=lambda: load().sanctions_list,
            mapping=mapping,
            record=_observer_factory(ctx) is not None,
            quiet=quiet,
            console=console,
        )
        return
    resolved = load()
    sanctions_list = resolved.sanctions_list

    def report_bad_row(error: BadRowError) -> None:
        console.print(f"skipped {error}", markup=False)

    run = BatchRun(
        list(files),
        sanctions_list,
        mapping=mapping,
        config=config,
        delimiter=delimiter,
        encoding=encoding,
        skip_rows=skip_rows,
        strict=strict,
        max_field=max_field,
        max_line=max_line,
        sheets=sheets,
        workers=workers,
        detail=fmt == "jsonl",
        observed=_observer_factory(ctx) is not None,
        on_bad_row=report_bad_row,
    )
    show = not quiet and console.is_terminal
    try:
        # fork the workers before the progress bar starts its thread, and before the audit
        # trail imports SQLAlchemy and opens its database: the workers never use them, and
        # pages they shared with the parent would be copied as the parent uses them
        run.start()
        run.observer = _observer(ctx, sanctions_list, fmt=fmt, only_alerts=only_alerts, excel=excel)
        with sigterm_interrupts(), progress_ui.track(run, console, enabled=show) as tick:
            if fmt == "parquet":
                write_parquet(run, str(output), only_alerts=only_alerts, on_result=tick)
            else:
                with _output(output, excel, run, binary=fmt == "xlsx") as out:
                    write_results(
                        run,
                        out,
                        fmt=fmt,
                        only_alerts=only_alerts,
                        on_result=tick,
                        excel_safe=excel_safe,
                    )
    except OSError as exc:  # a full disk is a data error (3), never "alerts" (1)
        target = output if output and output != "-" else "standard output"
        raise OutputError(
            f"cannot write {target}: {exc.strerror or exc}; the output is incomplete "
            f"({run.summary.rows_screened:,} rows screened before it failed)" + _recorded_hint(run)
        ) from exc
    finally:
        run.close()
    if not quiet:
        print_summary(run.summary, resolved, console)
    else:  # what was not screened is said even then
        for warning in run.summary.warnings:
            console.print(f"warning: {warning}", markup=False)
    summary = run.summary
    exit_with(EXIT_ALERTS if summary.alerts else EXIT_PROBLEMS if summary.has_problems else EXIT_OK)


def _observer(
    ctx: click.Context, sanctions_list: SanctionsList, **output: Any
) -> ScreeningObserver | None:
    """The run's observer, if the root command installed a factory for one.

    ``ctx.obj["observer_factory"](sanctions_list=..., fmt=..., only_alerts=..., excel=...)``
    (the audit trail needs the output settings to store the exact bytes written).
    """
    factory = _observer_factory(ctx)
    if factory is None:
        return None
    observer: ScreeningObserver = factory(sanctions_list=sanctions_list, **output)
    return observer


def _observer_factory(ctx: click.Context) -> Any:
    obj = ctx.find_root().obj
    return obj.get("observer_factory") if isinstance(obj, dict) else None


def _format(fmt: str | None, output: str | None) -> str:
    """``--format``, else parquet for an ``-o *.parquet``, xlsx for ``*.xlsx``, else csv."""
    if fmt is None:
        suffix = Path(output).suffix.lower() if output else ""
        fmt = {".parquet": "parquet", ".parq": "parquet", ".pq": "parquet", ".xlsx": "xlsx",
               ".xlsm": "xlsx"}.get(suffix, "csv")  # fmt: skip
    if fmt in ("parquet", "xlsx") and (not output or output == "-"):
        raise click.UsageError(f"--format {fmt} writes a file: give -o FILE.{fmt}")
    return fmt


@contextmanager
def _output(path: str | None, excel: bool, run: BatchRun, *, binary: bool = False) -> Iterator[Any]:
    """The output stream (binary for a workbook); a write that fails (a full disk, a
    closed pipe) becomes an :class:`OutputError` naming the file and how far the run got."""
    if binary and path:
        try:
            stream: Any = open(path, "wb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    else:
        stream = open_output(path, excel=excel)
    try:
        yield stream
        if stream is not sys.stdout:
            stream.close()
        else:
            stream.flush()
    except OSError as exc:
        if exc.errno not in _WRITE_ERRNOS:
            raise
        name = path if path and path != "-" else "standard output"
        screened = run.summary.rows_screened
        raise OutputError(
            f"cannot write {name}: {exc.strerror or exc}; the output is incomplete: of the "
            f"{screened:,} rows screened, those still buffered when the write failed were "
            "not written" + _recorded_hint(run)
        ) from exc
    finally:
        if stream is not sys.stdout:
            with suppress(OSError):  # reported above
                stream.close()


_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO, errno.EPIPE})


def _recorded_hint(run: BatchRun) -> str:
    run_id = getattr(run.observer, "run_id", None)
    if run_id is None:
        return " (nothing was recorded: --no-record)"
    return f" (the audit trail holds them: `sanctions-screen runs export {run_id}`)"


def print_summary(summary: BatchSummary, resolved: ResolvedList, console: Console) -> None:
    """The end-of-run report on standard error."""
    sanctions_list = resolved.sanctions_list
    files = len(summary.inputs)
    console.print(
        f"Screened {summary.rows_screened:,} rows from {files} input{'s' * (files != 1)} in "
        f"{summary.seconds:.1f} s ({summary.rows_per_second:,.0f} rows/s) against the UN list "
        f"of {sanctions_list.date_generated:%Y-%m-%d}",
        markup=False,
    )
    age = list_age(
        sanctions_list.date_generated,
        max_days=resolved.age.max_days,
        now=summary.started_at,
    )
    state = (
        f": STALE, over the {age.max_days}-day limit (update with `sanctions-screen lists "
        "update`, or `lists import FILE` offline)"
        if age.stale
        else ""
    )
    console.print(f"  list              {resolved.label}, {age.describe()}{state}", markup=False)
    console.print(f"  rows read         {summary.rows_read:,}", markup=False)
    reasons = ", ".join(f"{k} {v:,}" for k, v in summary.skipped_by_reason.most_common())
    console.print(
        f"  rows skipped      {summary.rows_skipped:,}" + (f" ({reasons})" if reasons else ""),
        markup=False,
    )
    for info in summary.inputs:
        rows = info.rows_read + info.rows_skipped
        shape = (
            f"{_DELIMITERS.get(info.delimiter, repr(info.delimiter))}-separated, header on line"
            if info.delimiter
            else "sheet, header on row"
        )
        console.print(
            f"  input             {info.source}: {rows:,} rows, {info.encoding}, {shape} "
            f"{info.header_line}",
            markup=False,
        )
    missed = ", ".join(f"{k} {v:,}" for k, v in summary.not_screened.items())
    console.print(f"  not screened      {missed}", markup=False)
    for column in summary.ignored_columns:
        console.print(f"  ignored column    {column} (--ignore-column)", markup=False)
    statuses = ", ".join(f"{s} {summary.statuses[s]:,}" for s in _STATUS_ORDER)
    console.print(f"  results           {statuses}", markup=False)
    for label, counter in (("by flag", summary.alerts_by_flag),
                           ("by regime", summary.alerts_by_regime)):  # fmt: skip
        if counter:
            text = ", ".join(f"{_label(k)} {v:,}" for k, v in counter.most_common())
            console.print(f"  alerts {label:<10} {text}", markup=False)
    for warning in summary.warnings:
        console.print(f"warning: {warning}", markup=False)


_STATUS_ORDER = ("clear", "review", "alert", "suppressed")
_DELIMITERS = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}


def _label(key: str) -> str:
    return "no listed party (flags only)" if key in (NO_LISTED_PARTY, "") else key
