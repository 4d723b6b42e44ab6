"""The screener: a list, indexed once, and queries screened against it.

>>> screener = Screener(parse_list_file("consolidated.xml"))        # doctest: +SKIP
>>> screener.screen("Yuk Tung Energy Pte. Ltd.").best.reference_number  # doctest: +SKIP
'KPe.075'
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import multiprocessing
import pickle
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, cast

from sanctions_screen.exceptions import InputError, InvalidQueryError
from sanctions_screen.matching.candidates import (
    Candidate,
    best_name,
    name_candidates,
    query_cut,
    query_has_words,
)
from sanctions_screen.matching.config import ScreeningConfig, default_config
from sanctions_screen.matching.evidence import (
    BirthDate,
    common_name_evidence,
    country_evidence,
    dob_evidence,
    entry_countries,
    entry_identifiers,
    identifier_keys,
    name_country_evidence,
    parse_birth_date,
    resolve_country,
    weak_alias_evidence,
)
from sanctions_screen.matching.explain import explain
from sanctions_screen.matching.index import DERIVED_ACRONYM, NameIndex
from sanctions_screen.matching.kinds import QUERY_KINDS, query_kind
from sanctions_screen.matching.result import Adjustment, Match, Query, ScreeningResult
from sanctions_screen.names.analysis import PLACE, NameKind
from sanctions_screen.places.gazetteer import gazetteer
from sanctions_screen.unlist.imo import ship_number_problem, written_imo
from sanctions_screen.unlist.models import AliasQuality, ListEntry, SanctionsList

_CHUNK = 2000
_NAME_CACHE_SIZE = 30_000
"""Names whose candidates are kept; when full, the older half goes (a batch repeats names, often
far apart: on the throughput benchmark's 100,000 names, 12,351 repeats are served from it
against 7,803 when all 20,000 went at once; about 5 MB when full)."""


class Screener:
    """Screens names (and what else a record knows) against one sanctions list."""

    # The public methods take ``object`` and check each argument themselves: compiled, a
    # typed parameter would be checked by mypyc first and raise a bare TypeError instead of
    # the InvalidQueryError/InputError that says which argument is wrong.
    def __init__(self, sanctions_list: object, config: object = None) -> None:
        """``sanctions_list`` is a :class:`SanctionsList`; ``config`` a
        :class:`ScreeningConfig` or ``None`` (the defaults)."""
        if not isinstance(sanctions_list, SanctionsList):
            raise InputError(
                "Screener needs a SanctionsList (from load_list), not "
                + type(sanctions_list).__name__
            )
        if config is not None and not isinstance(config, ScreeningConfig):
            raise InputError(f"config must be a ScreeningConfig, not {type(config).__name__}")
        self.sanctions_list: SanctionsList = sanctions_list
        self.config: ScreeningConfig = (
            config if isinstance(config, ScreeningConfig) else default_config()
        )
        self._entries: tuple[ListEntry, ...] = sanctions_list.entries
        with _few_full_collections():
            self._index = NameIndex(self._entries, self.config)
        self._by_entry: dict[int, list[int]] = {}
        for nid, indexed in enumerate(self._index.names):
            self._by_entry.setdefault(indexed.entry_index, []).append(nid)
        self._identifiers: dict[str, list[tuple[int, str]]] = {}
        for i, entry in enumerate(self._entries):
            for key, description in entry_identifiers(entry):
                self._identifiers.setdefault(key, []).append((i, description))
        # The list's IMO numbers are companies' numbers, which have no check digit.
        self._company_imos = frozenset(imo for e in self._entries for imo in e.imo_numbers)
        self._countries: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        gazetteer()  # read now (once a process), not by the first query that meets an entry
        # The best a name can be lifted by evidence other than an identifier.
        lift = self.config.dob_exact_bonus + self.config.country_match_bonus
        self._name_floor = max(0.0, self.config.review_threshold - lift)
        # The index estimates the hand score: its floor is on that scale.
        self._estimate_floor = self.config.candidate_floor - self.config.estimate_margin
        self._lifted_estimate_floor = self._estimate_floor - lift
        # Read for every query: kept here rather than asked of the (frozen) pydantic config.
        self._threshold = self.config.threshold
        self._review_threshold = self.config.review_threshold
        self._name_cache: dict[tuple[str, NameKind | None, bool], tuple[Candidate, ...]] = {}

    # -- public API -------------------------------------------------------------------------

    def screen(
        self,
        name: object,
        *,
        kind: object = None,
        country: object = None,
        birth_date: object = None,
        identifiers: object = None,
    ) -> ScreeningResult:
        """Screen one party: ``name`` a string; ``country`` a string; ``birth_date`` a
        date or an ISO string; ``identifiers`` a string or strings; ``kind`` is ``person``,
        ``organization``, ``vessel``, a word the
        CSV ``Type`` column takes for one of them (``individual``, ``organisation``,
        ``company``, ``entity``...) or ``None``.

        Raises :class:`~sanctions_screen.exceptions.InvalidQueryError` for a name that is not
        a string, or is empty or folds to nothing (``""``, ``"  "``, ``"!!"``) when no
        identifier is given: such a query was never screened, so it cannot be "clear".
        """
        return self._screen(_query(name, kind, country, birth_date, identifiers))

    def screen_many(self, queries: object, *, workers: object = 1) -> list[ScreeningResult]:
        """Screen a batch, results in input order; ``workers > 1`` screens on that many
        processes (this one and ``workers - 1`` forked ones).

        Each query is a name or a mapping with keys name/kind/country/birth_date/identifiers,
        checked as :meth:`screen` checks its arguments; a bare string is refused (it would
        be screened one character at a time).
        """
        if isinstance(queries, (str, bytes)) or not isinstance(queries, Iterable):
            raise InvalidQueryError(
                f"screen_many takes an iterable of names or mappings, not a bare "
                f"{type(queries).__name__}: screen_many([name]) or screen(name)"
            )
        if isinstance(workers, bool) or not isinstance(workers, int):
            raise InvalidQueryError(f"workers must be an int, not {workers!r}")
        with _frozen_heap():  # the queries too: 100,000 of them set off full collections
            items = [self._coerce(q) for q in queries]
            if workers <= 1 or len(items) < 2 * workers:
                return [self._screen(q) for q in items]
            return [_screened(r) for r in self._screen_shared(items, workers)]

    # -- internals --------------------------------------------------------------------------

    def _coerce(self, item: str | Mapping[str, Any]) -> Query:
        if isinstance(item, str):
            return _query(item, None, None, None, None)
        if not isinstance(item, Mapping):
            raise InvalidQueryError(
                f"each query must be a name or a mapping, not {type(item).__name__}: {item!r:.80}"
            )
        unknown = set(item) - _QUERY_KEYS
        if unknown:
            raise InvalidQueryError(
                f"unknown query key(s) {sorted(map(str, unknown))}; keys: {sorted(_QUERY_KEYS)}"
            )
        return _query(
            item.get("name"),
            item.get("kind") or None,
            item.get("country") or None,
            item.get("birth_date") or None,
            item.get("identifiers") or None,
        )

    def _screen(self, query: Query) -> ScreeningResult:
        return _screened(self._rehydrate(query, self._find(query)))

    def _screen_shared(self, items: list[Query], workers: int) -> list[ScreeningResult]:
        """Screen ``items`` on this process and ``workers - 1`` forked ones, results in order.

        The batch is cut into chunks that every process claims one at a time from a shared
        counter, so a process slowed by the machine or by harder names takes fewer chunks
        and all finish together (fixed shares left one idle while the other caught up). This
        process takes part: one fork fewer to copy the pages it touches and warm its caches.

        What is left once the last chunk is screened is kept small: this process builds its
        results chunk by chunk, and the workers pickle theirs chunk by chunk, so the work is
        shared like the screening rather than left, serial, to the end of the batch.
        """
        global _BATCH
        size = max(1, min(_CHUNK, -(-len(items) // (workers * 8))))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        context = multiprocessing.get_context("fork")
        _BATCH = (self, chunks, context.Value("l", 0))  # forked workers inherit it
        try:
            with context.Pool(workers - 1) as pool:
                pending = [pool.apply_async(_screen_claimed) for _ in range(workers - 1)]
                out: list[ScreeningResult | None] = [None] * len(items)
                for k, results in _screen_claimed(rebuild=True):
                    out[k * size : k * size + len(results)] = results
                for theirs in pending:
                    for k, found in theirs.get():
                        part = pickle.loads(found)
                        out[k * size : k * size + len(part)] = map(self._rehydrate, chunks[k], part)
        finally:
            _BATCH = None
        assert all(r is not None for r in out), "a chunk was not screened"
        return cast(list[ScreeningResult], out)

    def _rehydrate(self, query: Query, found: list[tuple[int, float, str, Any]]) -> ScreeningResult:
        """The result of ``query`` around what :meth:`_find` found for it."""
        cut = query_cut(query.name)
        warnings: tuple[str, ...] = (cut,) if cut else ()
        if query.identifiers:
            warnings += self._unusable_imos(query)
        if not found:  # most queries
            return ScreeningResult(query, (), self._threshold, self._review_threshold, warnings)
        entries = self._entries
        matches = tuple(
            Match(entries[i].reference_number, score, name, entries[i], expl)
            for i, score, name, expl in found
        )
        return ScreeningResult(query, matches, self._threshold, self._review_threshold, warnings)

    def _find(self, query: Query) -> list[tuple[int, float, str, Any]]:
        """(entry index, score, matched name, explanation) of each reportable match."""
        cfg = self.config
        name_kind = _name_kind(query.kind)
        # Only a birth date or country can lift a name score: without them, names below
        # the review threshold need not be scored at all.
        lifted = bool(query.birth_date or query.country)
        floor = self._name_floor if lifted else self._review_threshold
        cache_key = (query.name, name_kind, lifted)
        hits = self._name_cache.get(cache_key)
        if hits is None:
            if len(self._name_cache) >= _NAME_CACHE_SIZE:
                _drop_older_half(self._name_cache)
            estimate = self._lifted_estimate_floor if lifted else self._estimate_floor
            hits = name_candidates(
                self._index, query.name, name_kind, cfg, floor, estimate, self._name_floor
            )
            self._name_cache[cache_key] = hits
        if not hits and not query.identifiers:  # most queries: nothing to weigh
            return []
        candidates = {c.entry_index: c for c in hits}
        id_hits: dict[int, str] = {}
        for value in query.identifiers:
            if self._unusable_imo(value) is not None:
                continue
            for key in identifier_keys(value):
                for i, description in self._identifiers.get(key, ()):
                    id_hits.setdefault(i, description)
        for i in id_hits:
            if i not in candidates:
                candidates[i] = best_name(
                    self._index, self._by_entry[i], query.name, name_kind, cfg
                )
        if not candidates:
            return []
        dob = parse_birth_date(query.birth_date) if query.birth_date else None
        iso = resolve_country(query.country) if query.country else None
        scored: list[tuple[float, int, Candidate, list[Adjustment]]] = []
        for i, cand in candidates.items():
            score, adjustments = self._evidence(query, cand, dob, iso, id_hits.get(i))
            if score >= cfg.review_threshold:
                scored.append((score, i, cand, adjustments))
        best = sorted(scored, key=_best_first)[: cfg.max_matches]
        return [
            (
                i,
                score,
                cand.name.name,
                explain(
                    query,
                    self._entries[i],
                    cand,
                    adjustments,
                    score,
                    cfg,
                ),
            )
            for score, i, cand, adjustments in best
        ]

    def _entry_countries(self, i: int) -> tuple[frozenset[str], frozenset[str]]:
        countries = self._countries.get(i)
        if countries is None:
            countries = self._countries[i] = entry_countries(self._entries[i])
        return countries

    def _unusable_imo(self, value: str) -> str | None:
        """Why an identifier written as an IMO number is not compared, or None: a number
        that is neither a ship's (its check digit) nor a listed company's is a slip."""
        digits = written_imo(value)
        if digits is None or digits in self._company_imos:
            return None
        problem = ship_number_problem(digits)
        return f"{problem}: not compared with the list" if problem else None

    def _unusable_imos(self, query: Query) -> tuple[str, ...]:
        return tuple(p for v in query.identifiers if (p := self._unusable_imo(v)) is not None)

    def _evidence(
        self,
        query: Query,
        cand: Candidate,
        dob: BirthDate | None,
        iso: str | None,
        identifier: str | None,
    ) -> tuple[float, list[Adjustment]]:
        cfg = self.config
        entry = self._entries[cand.entry_index]
        score = cand.name_score.score
        adjustments: list[Adjustment] = []
        if (
            dob is not None
            and entry.kind == "individual"
            and (adj := dob_evidence(entry, dob, cfg)) is not None
        ):
            adjustments.append(adj)
        if iso is not None:
            countries = self._entry_countries(cand.entry_index)
            if (adj := country_evidence(countries, iso, cfg)) is not None:
                adjustments.append(adj)
        if cand.name_score.unmatched_query and PLACE in cand.query.roles:
            adj = name_country_evidence(
                cand.query, cand.query_weights, cand.name_score, cand.name.analysis,
                cand.name.weights, self._entry_countries(cand.entry_index)[1], cfg,
            )  # fmt: skip
            if adj is not None:
                adjustments.append(adj)
        corroborated = identifier is not None or any(
            a.delta > 0 and a.evidence != "country" for a in adjustments
        )
        generic_alias = False
        if cand.name.quality is AliasQuality.LOW and not corroborated:
            adj, generic_alias = weak_alias_evidence(cand.name.analysis, cand.name.weights, cfg)
            adjustments.append(adj)
        if (
            (generic_alias or cand.name_score.features.common_name)
            and identifier is None
            and entry.kind == "individual"
            and (
                adj := common_name_evidence(
                    score + sum(a.delta for a in adjustments),
                    adjustments,
                    cfg,
                    _GENERIC_ALIAS if generic_alias else "a very common name",
                )
            )
            is not None
        ):
            adjustments.append(adj)
        if cand.name.derived == DERIVED_ACRONYM:
            adjustments.append(
                Adjustment("name", "matched the initials of the name", -cfg.acronym_penalty)
            )
        if query.kind is not None and (query.kind == "person") != (entry.kind == "individual"):
            adjustments.append(
                Adjustment(
                    "kind",
                    f"query is a {query.kind}, entry an {entry.kind}",
                    -cfg.kind_mismatch_penalty,
                )
            )
        elif (
            query.kind is None
            and cand.query.legal_forms
            and len(cand.query.tokens) == 1
            and entry.kind == "individual"
        ):
            # Ahmed Inc against a person: the legal form, set aside, leaves one word, and
            # says what kind of party the query is. (A listed person's full name with a
            # legal form, a company named after them, still alerts on the name.)
            form = " ".join(cand.query.legal_forms)
            adjustments.append(
                Adjustment(
                    "kind", f"query has legal form {form!r}, entry an individual",
                    -cfg.kind_mismatch_penalty,
                )
            )  # fmt: skip
        score += sum(a.delta for a in adjustments)
        if identifier is not None:
            lift = max(0.0, cfg.identifier_score - score)
            adjustments.append(Adjustment("identifier", f"{identifier} matches", lift))
            score += lift
        return max(0.0, min(1.0, score)), adjustments


def _screened(result: ScreeningResult) -> ScreeningResult:
    """``result``, unless its name held nothing to screen: a name that folds to nothing
    (``"!!"``, an emoji, invisible characters) met nothing, and must not pass as clear.
    Asked only of results without a match, to keep it off the path of those that alert."""
    query = result.query
    if not result.matches and not query.identifiers and not query_has_words(query.name):
        raise InvalidQueryError(f"name {query.name!r:.80} has no letters or digits to screen")
    return result


_GENERIC_ALIAS = "a low-quality alias of common words"
_QUERY_KEYS = frozenset({"name", "kind", "country", "birth_date", "identifiers"})


def _query(
    name: object,
    kind: object,
    country: object,
    birth_date: object,
    identifiers: object,
) -> Query:
    """The :class:`Query` of :meth:`Screener.screen`'s arguments, each checked: a bad one
    raises :class:`InvalidQueryError` saying which and why."""
    if kind is not None and kind not in QUERY_KINDS:
        if not isinstance(kind, str):
            raise InvalidQueryError(f"kind must be a string or None, not {kind!r:.80}")
        kind = query_kind(kind)  # the words a CSV Type column takes: "organisation"...
    if country is not None and not isinstance(country, str):
        raise InvalidQueryError(f"country must be a string or None, not {country!r:.80}")
    if isinstance(birth_date, dt.date):
        birth_date = birth_date.isoformat()
    elif birth_date is not None and not isinstance(birth_date, str):
        raise InvalidQueryError(
            f"birth_date must be a date, a string or None, not {birth_date!r:.80}"
        )
    if identifiers is None:
        ids: tuple[str, ...] = ()
    elif isinstance(identifiers, str):
        ids = (identifiers,) if identifiers.strip() else ()
    elif isinstance(identifiers, Iterable) and not isinstance(identifiers, (bytes, Mapping)):
        ids = tuple(str(i) for i in identifiers if i is not None and str(i).strip())
    else:
        raise InvalidQueryError(
            f"identifiers must be a string or a list of strings, not {identifiers!r:.80}"
        )
    if name is None:
        name = ""
    if not isinstance(name, str):
        raise InvalidQueryError(f"name must be a string, not {type(name).__name__}: {name!r:.80}")
    if not ids and not name.strip():
        raise InvalidQueryError("empty name: give a name (or an identifier) to screen")
    return Query(name, kind, country, birth_date, ids)


def _best_first(scored: tuple[float, int, Candidate, list[Adjustment]]) -> tuple[float, int]:
    """Highest score first, then list order (a compiled key: heapq.nlargest and a lambda
    ran interpreted)."""
    return -scored[0], scored[1]


def _drop_older_half(cache: dict[Any, Any]) -> None:
    """Forget the half of a cache inserted first (dicts keep insertion order)."""
    for key in list(itertools.islice(cache, len(cache) // 2)):
        del cache[key]


def _name_kind(kind: str | None) -> NameKind | None:
    if kind == "person":
        return "person"
    if kind in ("organization", "vessel"):
        return "organization"
    return None


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Keep the cyclic collector out of a batch: off the objects alive when it starts, and
    off altogether while it runs.

    A batch allocates results fast enough to trigger full collections, each of which would
    walk the index's million small objects (in forked workers it would also touch, and so
    copy, every page they inherited). ``gc.freeze()`` exempts what exists now; the objects are
    handed back to the collector (``gc.unfreeze()``) when the batch ends. A host that froze
    its heap itself is left alone.

    Screening makes no reference cycles (a test holds it to that: a collection after a batch
    finds nothing), so what a batch allocates is freed by reference counting alone and the
    collector, which would only walk the caches and results again and again, is switched off
    until the batch ends (then put back as it was).

    For the same reason, what the batch made (results, cache entries: hundreds of thousands
    of objects for a large batch) goes straight to the oldest generation when it ends, with
    the heap frozen at the start. Left young, it would be walked, to find nothing, by the
    first allocation after the batch.

    Whether the host froze its heap is asked until the answer is yes, then known (see
    ``_HOST_FROZE``): the count walks the frozen objects.
    """
    global _HOST_FROZE, _OWN_FREEZES
    frozen_here = False
    if not _HOST_FROZE:
        if not gc.get_freeze_count():
            frozen_here = True
        elif not _OWN_FREEZES:  # frozen, and not by a batch of this process now running
            _HOST_FROZE = True
    if frozen_here:
        _OWN_FREEZES += 1
        gc.freeze()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if frozen_here:
            _OWN_FREEZES -= 1
            gc.freeze()  # what the batch made joins the frozen heap (no walk: a list splice)
            gc.unfreeze()  # and all of it goes to the oldest generation, as before the batch
        if enabled:
            gc.enable()


_BUILD_FULL_COLLECTION_EVERY = 10_000
"""Younger collections between full ones while an index is built (Python's default is 10)."""


@contextmanager
def _few_full_collections() -> Iterator[None]:
    """Keep full collections out of an index build; the younger ones still run.

    A build makes half a million lasting objects and no reference cycles, so by Python's
    default thresholds it set off two full collections, each walking the whole heap (the
    index half built, the list, the host's objects, a screener being replaced) to free
    nothing: a quarter of the build's CPU time. Only the third threshold is raised: the
    younger collections, and the callbacks a host gets from them (``service.lists``), go on
    as before. The thresholds are put back unless someone changed them meanwhile.
    """
    before = gc.get_threshold()
    held = (before[0], before[1], max(before[2], _BUILD_FULL_COLLECTION_EVERY))
    gc.set_threshold(*held)
    try:
        yield
    finally:
        if gc.get_threshold() == held:
            gc.set_threshold(*before)


_HOST_FROZE = False
"""Whether a batch found the heap frozen by its host (not by another batch running): such a
host is then left alone for good, without asking ``gc.get_freeze_count()`` again. The count
walks the frozen objects (28 to 36 ms a call with a list's million objects frozen), and
while nothing is frozen it costs nothing. Never unset: a host that thaws its heap later only
has its batches' objects left young, as before the fix; a host that froze is never thawed."""
_OWN_FREEZES = 0
"""Batches of this process (other threads') running with the heap frozen by them."""


_BATCH: tuple[Screener, list[list[Query]], Any] | None = None
"""The batch being screened on several processes: the screener, its chunks and the shared
counter of the next chunk to claim (set before the workers fork, so they inherit it)."""


def _screen_claimed(*, rebuild: bool = False) -> list[tuple[int, Any]]:
    """Claim chunks until none is left. A worker returns what each chunk found, pickled as
    soon as it is screened (the parent rebuilds the results around it); with ``rebuild``
    (the parent itself), the results."""
    assert _BATCH is not None, "worker started without a batch"
    screener, chunks, counter = _BATCH
    done: list[tuple[int, Any]] = []
    while True:
        with counter.get_lock():
            k = counter.value
            counter.value = k + 1
        if k >= len(chunks):
            return done
        found = [screener._find(q) for q in chunks[k]]
        if rebuild:
            done.append((k, list(map(screener._rehydrate, chunks[k], found))))
        else:
            done.append((k, pickle.dumps(found, pickle.HIGHEST_PROTOCOL)))
