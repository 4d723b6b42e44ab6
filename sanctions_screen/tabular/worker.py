"""The screening side of a batch run: what each worker process does with a chunk of rows.

A worker holds one :class:`Job` (the screener built once per process) and turns each row's
screening inputs into a light :class:`~sanctions_screen.tabular.results.Outcome`. Outcomes
of identical inputs are not recomputed: the parent sends each distinct input once
(:mod:`.dispatch`).
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import multiprocessing.pool
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sanctions_screen.exceptions import BadRowError, InvalidQueryError
from sanctions_screen.matching import Query
from sanctions_screen.matching.config import ScreeningConfig, default_config
from sanctions_screen.matching.screener import Screener
from sanctions_screen.tabular.headers import normalise_kind
from sanctions_screen.tabular.results import Outcome, PartyOutcome
from sanctions_screen.unlist.models import SanctionsList

if TYPE_CHECKING:  # the records layer reads files with this package: import it lazily
    from sanctions_screen.records import RecordResult, Rules


@dataclass
class Job:
    """Everything a worker needs; pickled once per worker when processes are spawned."""

    sanctions_list: SanctionsList
    config: ScreeningConfig | None
    record_type: str
    detail: bool
    rules: Rules | None = None
    screener: Screener | None = None
    """A screener already built for this list and config (a DataFrame caller's, or a
    cluster worker's cached one): used as it is instead of building another."""


class _State:
    def __init__(self, job: Job) -> None:
        self.job = job
        self.screener = job.screener or Screener(job.sanctions_list, job.config)

    def outcome(self, inputs: dict[str, str]) -> Outcome | str:
        try:
            if self.job.record_type == "names":
                outcome: Outcome | str = _name_outcome(self.screener, inputs, self.job.detail)
            else:
                outcome = _record_outcome(self.screener, self.job, inputs)
        except BadRowError as exc:
            outcome = exc.reason
        return outcome


_state: _State | None = None
_pending_job: Job | None = None


def install(job: Job) -> None:
    """Build the screener for this process (the parent, or a worker's initializer)."""
    global _state
    _state = _State(job)


def _init_worker(job: Job | None = None) -> None:
    # Ctrl-C is the parent's to handle (it stops the pool); a worker printing its own
    # KeyboardInterrupt traceback would only bury the message.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    job = job or _pending_job
    assert job is not None
    install(job)


def screen_chunk(inputs: Sequence[dict[str, str]]) -> list[Outcome | str]:
    """Outcomes in input order; a row the records layer rejects comes back as its reason."""
    assert _state is not None, "worker not initialised"
    return [_state.outcome(row) for row in inputs]


def start_pool(job: Job, workers: int) -> multiprocessing.pool.Pool:
    """A process pool whose workers each hold a screener for ``job``.

    With ``fork`` the job is inherited (the list is not pickled); elsewhere it is pickled
    once per worker. Each worker builds its own screener: one built here and inherited
    saved nothing, as workers soon copy the index pages they touch (measured).
    """
    global _pending_job
    if "fork" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context().Pool(workers, _init_worker, (job,))
    _pending_job = job  # kept: the pool re-forks a worker that dies
    # Without freeze, the first garbage collection in each worker writes to the header of
    # every object inherited from the parent, copying every page: each worker would end
    # up with a private copy of the parent's whole heap.
    gc.freeze()
    try:
        return multiprocessing.get_context("fork").Pool(workers, _init_worker)
    finally:
        gc.unfreeze()


def _name_query(inputs: dict[str, str]) -> Query:
    """What a names row screens: the same :class:`Query` the screener builds."""
    identifiers = _identifiers(inputs)
    return Query(
        inputs["name"] or "",
        normalise_kind(inputs.get("kind")),
        inputs.get("country") or inputs.get("nationality"),
        inputs.get("dob"),
        identifiers,
    )


def _identifiers(inputs: dict[str, str]) -> tuple[str, ...]:
    """The passport and IMO columns; a bare IMO column value is written ``IMO 9074729``, so
    the screener knows to check it as an IMO number."""
    passport, imo = inputs.get("passport"), (inputs.get("imo") or "").strip()
    if imo.isdigit():
        imo = f"IMO {imo}"
    return tuple(v for v in (passport, imo) if v)


def clear_detail(inputs: dict[str, str]) -> dict[str, Any]:
    """The ``detail`` of a names row that matched nothing, rebuilt from its inputs alone:
    ``ScreeningResult(query).to_dict()``, built directly (this runs for most rows).

    The dispatcher keeps such outcomes as one shared marker and rebuilds the detail on
    each repeat: 40,000 distinct names' details would otherwise hold about 30 MB. It
    checks the rebuilt detail against the screener's own before relying on it."""
    identifiers = list(_identifiers(inputs))
    query = {
        "name": inputs["name"] or "",
        "kind": _kind(inputs.get("kind")),
        "country": inputs.get("country") or inputs.get("nationality"),
        "birth_date": inputs.get("dob"),
        "identifiers": identifiers,
    }
    return {"query": query, "status": "clear", "is_alert": False, "matches": []}


def _kind(value: str | None) -> str | None:
    found = _KINDS.get(value, _KINDS)
    if found is _KINDS:
        found = normalise_kind(value)
        if len(_KINDS) < 1000:  # a file's kind column holds a few words
            _KINDS[value] = found
    return found if isinstance(found, str) else None


_KINDS: dict[str | None, object] = {}


def _name_outcome(screener: Screener, inputs: dict[str, str], detail: bool) -> Outcome:
    query = _name_query(inputs)
    try:
        result = screener.screen(
            query.name,
            kind=query.kind,
            country=query.country,
            birth_date=query.birth_date,
            identifiers=query.identifiers or None,
        )
    except InvalidQueryError as exc:  # a name of punctuation or symbols: a bad row
        raise BadRowError(f"empty name: {exc}") from exc
    best = result.best
    status = result.status
    data = result.to_dict() if detail else None
    if best is None:
        return Outcome(status, detail=data, warnings=result.warnings)
    flags: tuple[str, ...] = ()
    if status == "alert":
        flags = ("LISTED_PARTY", "DPRK_LISTED_PARTY") if best.regime == "KP" else ("LISTED_PARTY",)
    return Outcome(
        status=status,
        score=round(best.score, 4),
        reference=best.reference_number,
        matched_name=best.matched_name,
        list_type=best.list_type,
        regime=best.regime,
        flags=flags,
        explanation=best.explanation.summary,
        regimes=(best.regime,) if status == "alert" else (),
        detail=data,
        warnings=result.warnings,
    )


def _record_outcome(screener: Screener, job: Job, inputs: dict[str, str]) -> Outcome:
    from sanctions_screen.records import record_from_row, screen_record

    record_type: Literal["trade", "diplomatic"] = (
        "diplomatic" if job.record_type == "diplomatic" else "trade"
    )
    record = record_from_row(inputs, record_type)
    return record_outcome(screen_record(screener, record, rules=job.rules), job.detail)


def record_outcome(result: RecordResult, detail: bool) -> Outcome:
    """Summarise a records-layer result: the best party match and every flag code."""
    scored = [(p.best, p) for p in result.parties if p.best is not None]
    best = max(scored, key=lambda pair: pair[0].score)[0] if scored else None
    regimes: tuple[str, ...] = ()
    if result.status == "alert":
        regimes = tuple(
            dict.fromkeys(
                [m.regime for m, p in scored if p.is_alert]
                + [f.regime for f in result.flags if f.regime and f.status == "alert"]
            )
        )
    parties = tuple(
        PartyOutcome(p.role, p.field, p.status)
        if p.best is None
        else PartyOutcome(
            p.role,
            p.field,
            p.status,
            round(p.best.score, 4),
            p.best.reference_number,
            p.best.matched_name,
        )
        for p in result.parties
    )
    return Outcome(
        parties=parties,
        status=result.status,
        score=None if best is None else round(best.score, 4),
        reference="" if best is None else best.reference_number,
        matched_name="" if best is None else best.matched_name,
        list_type="" if best is None else best.list_type,
        regime="" if best is None else best.regime,
        flags=tuple(dict.fromkeys(result.flag_codes)),
        explanation=result.summary,
        regimes=regimes,
        detail=result.to_dict() if detail else None,
        warnings=tuple(
            f"{p.role}: {w}" for p in result.parties if p.result for w in p.result.warnings
        ),
    )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def config_dict(config: ScreeningConfig | None) -> dict[str, Any]:
    """The configuration as plain data (what the audit stores and hashes)."""
    return (config or default_config()).model_dump(mode="json")
