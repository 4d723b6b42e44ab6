"""Screening Dask DataFrames on a cluster.

>>> from distributed import Client
>>> from sanctions_screen.dask import screen_dask
>>> client = Client("tcp://scheduler:8786")                        # doctest: +SKIP
>>> screened = screen_dask(dd.read_parquet("s3://bucket/shipments/"))  # doctest: +SKIP
>>> screened.to_parquet("s3://bucket/screened/")                   # doctest: +SKIP

Each partition is screened by :func:`~sanctions_screen.frames.screen_frame` through
``map_partitions``, so a cluster gives the answers one process gives. Tasks carry only a
:class:`ListPin` (where to load the list from, and its sha256): each worker process builds
its screener once, on first use or at start with :class:`ScreenerPlugin`, and keeps it.
Every worker checks the list it loaded against the client's sha256, and a mismatch fails
the job (:class:`~sanctions_screen.exceptions.ListVersionMismatchError`): a cluster never
mixes two list versions in one result.

Dask comes as an extra: ``pip install "sanctions-screen[dask]"``.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sanctions_screen.exceptions import InputError, ListVersionMismatchError
from sanctions_screen.frames import Columns, append_screen_columns, screen_columns_for_dask
from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.matching.screener import Screener
from sanctions_screen.tabular.arrow import screen_type
from sanctions_screen.tabular.dispatch import AnswerCache
from sanctions_screen.tabular.writer import SCREEN_COLUMNS
from sanctions_screen.unlist.models import SanctionsList
from sanctions_screen.unlist.parser import parse_list_file

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BUNDLED",
    "ClusterResult",
    "ListPin",
    "ScreenerPlugin",
    "pin_list",
    "pin_list_file",
    "screen_dask",
    "screen_parquet_files",
]


BUNDLED = "bundled:"
""":attr:`ListPin.source` of the UN snapshot shipped inside the package."""


@dataclass(frozen=True)
class ListPin:
    """Which list every worker must screen against.

    ``source`` is a list file path every worker can read (plain or compressed XML),
    :data:`BUNDLED` (the snapshot shipped in the package), or a database URL prefixed
    ``db:`` whose store holds the version;
    ``sha256`` is the uncompressed XML's, as the client loaded it.
    """

    source: str
    sha256: str
    date_generated: str = ""


def pin_list(
    list_file: str | Path | None = None,
    *,
    db_url: str | None = None,
    loaded: SanctionsList | None = None,
) -> ListPin:
    """Pin the list ``screen`` would use: ``list_file``, else the store's active
    version, else the snapshot bundled with the package. ``loaded`` is ``list_file``
    as the caller already parsed it (not parsed again)."""
    if list_file is not None:
        return _pin(str(Path(list_file).resolve()), loaded or parse_list_file(list_file))
    from sanctions_screen.store.resolve import resolve_list

    resolved = resolve_list(db_url=db_url)
    source = BUNDLED if resolved.origin == "bundled" else f"db:{db_url or ''}"
    return _pin(source, resolved.sanctions_list)


def pin_list_file(list_file: str | Path) -> ListPin:
    """The pin :func:`pin_list` gives ``list_file``, from its bytes alone (no parsing):
    workers can start building their screeners while the client parses its own copy.
    ``date_generated`` is left empty."""
    from sanctions_screen.unlist.files import read_list_bytes
    from sanctions_screen.unlist.parser import DEFAULT_MAX_BYTES

    data = read_list_bytes(list_file, max_bytes=DEFAULT_MAX_BYTES)
    return ListPin(str(Path(list_file).resolve()), hashlib.sha256(data).hexdigest())


def _pin(source: str, loaded: SanctionsList) -> ListPin:
    return ListPin(source, _sha256(loaded), loaded.date_generated.date().isoformat())


def _sha256(loaded: SanctionsList) -> str:
    if loaded.sha256 is None:  # a list built in memory, not read from XML bytes
        raise ListVersionMismatchError("a list without a sha256 cannot be pinned")
    return loaded.sha256


_lock = threading.Lock()
_screeners: dict[tuple[str, str], Screener] = {}
_answers: dict[tuple[str, str], AnswerCache] = {}


def worker_answers(pin: ListPin, config: ScreeningConfig | None = None) -> AnswerCache:
    """This process's outcomes of the distinct names it screened for ``pin`` and
    ``config``: a worker's partitions share them, as the rows of one file do in a
    single process (a name repeated across partitions is screened once per worker)."""
    key = (pin.sha256, "" if config is None else config.model_dump_json())
    with _lock:
        return _answers.setdefault(key, AnswerCache())


def worker_screener(pin: ListPin, config: ScreeningConfig | None = None) -> Screener:
    """This process's screener for ``pin`` and ``config``, built on first use.

    Raises :class:`ListVersionMismatchError` when the list found at ``pin.source`` is
    not the pinned one (the file was replaced, the store moved on).
    """
    key = (pin.sha256, "" if config is None else config.model_dump_json())
    with _lock:
        screener = _screeners.get(key)
        if screener is None:
            loaded = _load(pin)
            if loaded.sha256 != pin.sha256:
                raise ListVersionMismatchError(
                    f"this worker found list {(loaded.sha256 or '?')[:12]} at {pin.source}, "
                    f"the job is pinned to {pin.sha256[:12]}: every worker must screen "
                    "against the same list version"
                )
            screener = _screeners[key] = Screener(loaded, config)
    return screener


def _load(pin: ListPin) -> SanctionsList:
    if pin.source == BUNDLED:
        from sanctions_screen.unlist.bundled import bundled_list

        return bundled_list()
    if pin.source.startswith("db:"):
        from sanctions_screen.store.db import open_store

        with open_store(pin.source[3:] or None) as store:
            found = [v.id for v in store.versions() if v.sha256 == pin.sha256]
            if not found:
                raise ListVersionMismatchError(
                    f"the store at {pin.source[3:] or 'the default database'} holds no list "
                    f"version {pin.sha256[:12]}, the one the job is pinned to"
                )
            return store.load_version(found[0])
    return parse_list_file(pin.source)


def _plugin_base() -> Any:
    try:
        from distributed.diagnostics.plugin import WorkerPlugin
    except ImportError:  # the plugin is optional; screen_dask works without it
        return object
    return WorkerPlugin


class ScreenerPlugin(_plugin_base()):  # type: ignore[misc]
    """A worker plugin that builds each worker's screener when the worker starts.

    >>> client.register_plugin(ScreenerPlugin(pin_list()))   # doctest: +SKIP

    Optional: without it, each worker builds its screener for its first task.
    """

    name = "sanctions-screen-screener"

    def __init__(self, pin: ListPin, config: ScreeningConfig | None = None) -> None:
        self.pin = pin
        self.config = config

    def setup(self, worker: Any) -> None:
        worker_screener(self.pin, self.config)


def screen_dask(
    ddf: Any,
    *,
    record_type: str = "auto",
    columns: Columns = None,
    config: ScreeningConfig | None = None,
    pin: ListPin | None = None,
    list_file: str | Path | None = None,
    db_url: str | None = None,
) -> Any:
    """``ddf`` with the ``screen_*`` columns appended, partition by partition.

    The options are :func:`~sanctions_screen.frames.screen_frame`'s; the list is
    ``pin``, else pinned here from ``list_file`` / ``db_url`` as :func:`pin_list` does.
    Nothing is computed until the result is.
    """
    try:
        import dask.dataframe as dd
    except ImportError as exc:
        raise InputError('screen_dask needs dask: pip install "sanctions-screen[dask]"') from exc
    if not isinstance(ddf, dd.DataFrame):
        raise InputError(f"screen_dask expects a dask DataFrame, not {type(ddf).__name__}")
    pin = pin or pin_list(list_file, db_url=db_url)
    meta = _meta(ddf._meta, record_type, columns, config)
    return ddf.map_partitions(  # type: ignore[no-untyped-call]
        _screen_partition,
        pin,
        record_type,
        columns,
        config,
        meta=meta,
        enforce_metadata=False,
        align_dataframes=False,
    )


def _meta(empty: pd.DataFrame, record_type: str, columns: Columns, config: Any) -> Any:
    """The result's columns and dtypes, from screening the empty frame."""
    return screen_columns_for_dask(
        empty, record_type=record_type, columns=columns, config=config, screener=None, name=""
    )


def _screen_partition(
    part: pd.DataFrame,
    pin: ListPin,
    record_type: str,
    columns: Columns,
    config: ScreeningConfig | None,
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    number = (partition_info or {}).get("number", 0)
    return screen_columns_for_dask(
        part,
        record_type=record_type,
        columns=columns,
        config=config,
        screener=worker_screener(pin, config),
        name=f"partition-{number}",
        answer_cache=worker_answers(pin, config),
    )


@dataclass
class ClusterResult:
    """What a cluster run of Parquet files gives back to the client: the counts, the rows
    that were not clear (with their ``screen_*`` columns), and the files written."""

    inputs: list[tuple[str, int]]
    """(path, rows) of each input file, in order."""
    statuses: dict[str, int]
    flagged: pd.DataFrame
    """Every row whose status is not ``clear``: alerts, reviews, rows not screened."""
    outputs: list[tuple[str, str]]
    """(path, sha256) of each Parquet file written."""
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.statuses.values())


def screen_parquet_files(
    files: list[Path],
    output_dir: str | Path,
    *,
    pin: ListPin,
    record_type: str = "auto",
    columns: Columns = None,
    config: ScreeningConfig | None = None,
) -> ClusterResult:
    """Screen Parquet ``files`` on the current Dask client, one task per row group, and
    write ``output_dir/part.N.parquet``. Only the flagged rows and the counts come back.

    Each task reads its row group where it runs (the files must be reachable from every
    worker: a shared file system), screens it as Arrow, writes its
    own output file and hashes it, and returns its counts and its flagged rows: a
    worker holds one row group at a time, and nothing is screened twice. Rows are named
    by file and row number, so ``screen_source``/``screen_line`` are each row's source
    row id.
    """
    import dask

    started = time.perf_counter()
    groups, inputs = _row_groups(files)
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("part.*.parquet"):  # a folder of an earlier, larger run
        stale.unlink()
    tasks = [
        dask.delayed(_screen_row_group, pure=False)(  # type: ignore[attr-defined]
            group,
            str(out / f"part.{number}.parquet"),
            pin=pin,
            record_type=record_type,
            mapping=columns,
            config=config,
        )
        for number, group in enumerate(groups)
    ]
    parts: tuple[_Part, ...] = dask.compute(*tasks)  # type: ignore[attr-defined,no-untyped-call]
    statuses: Counter[str] = Counter()
    for part in parts:
        statuses.update(part.statuses)
    return ClusterResult(
        inputs=inputs,
        statuses=dict(statuses),
        flagged=_flagged_frame([p.flagged for p in parts], files),
        outputs=[(p.path, p.sha256) for p in parts],
        seconds=time.perf_counter() - started,
    )


class _RowGroup(NamedTuple):
    path: str
    group: int
    first_line: int
    """The 1-based number in its file of the row group's first row."""


class _Part(NamedTuple):
    """What a task sends back: the written file stays where it is."""

    statuses: dict[str, int]
    flagged: Any
    """The rows not ``clear``, as a pyarrow Table."""
    path: str
    sha256: str


def _row_groups(files: list[Path]) -> tuple[list[_RowGroup], list[tuple[str, int]]]:
    import pyarrow.parquet as pq

    groups: list[_RowGroup] = []
    inputs: list[tuple[str, int]] = []
    for path in files:
        metadata = pq.ParquetFile(str(path)).metadata
        first = 1
        for group in range(metadata.num_row_groups):
            groups.append(_RowGroup(str(path), group, first))
            first += metadata.row_group(group).num_rows
        inputs.append((str(path), metadata.num_rows))
    return groups, inputs


def _screen_row_group(
    spec: _RowGroup,
    target: str,
    *,
    pin: ListPin,
    record_type: str,
    mapping: Columns,
    config: ScreeningConfig | None,
) -> _Part:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.ParquetFile(spec.path).read_row_group(spec.group)
    screened = append_screen_columns(
        table,
        record_type=record_type,
        columns=mapping,
        config=config,
        screener=worker_screener(pin, config),
        name=spec.path,
        first_line=spec.first_line,
        answer_cache=worker_answers(pin, config),
    )
    pq.write_table(screened, target)
    status = screened.column("screen_status")
    counts = pc.value_counts(status).to_pylist()
    return _Part(
        statuses={str(c["values"]): int(c["counts"]) for c in counts},
        flagged=screened.filter(pc.not_equal(status, "clear")),
        path=target,
        sha256=_file_sha256(Path(target)),
    )


def _flagged_frame(tables: list[Any], files: list[Path]) -> pd.DataFrame:
    """The flagged rows of every part as one pandas frame (flags an Arrow list column)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not tables:  # no row group at all: the columns a flagged row would have
        schema = pq.ParquetFile(str(files[0])).schema_arrow if files else pa.schema([])
        empty = schema.empty_table()
        for column in SCREEN_COLUMNS:
            kind = screen_type(column)
            empty = empty.append_column(pa.field(column, kind), pa.array([], kind))
        tables = [empty]
    joined = pa.concat_tables(tables, promote_options="default")
    return joined.to_pandas(
        types_mapper=lambda t: pd.ArrowDtype(t) if pa.types.is_list(t) else None
    )


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
