"""Explanations: the structured story of one match, and its one-line summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sanctions_screen.matching.combiner import contributions
from sanctions_screen.matching.config import ScreeningConfig
from sanctions_screen.matching.result import Adjustment, Explanation, Query
from sanctions_screen.unlist.models import ListEntry

if TYPE_CHECKING:
    from sanctions_screen.matching.candidates import Candidate


def explain(
    query: Query,
    entry: ListEntry,
    cand: Candidate,
    adjustments: list[Adjustment],
    score: float,
    config: ScreeningConfig,
) -> Explanation:
    ns = cand.name_score
    query_name, query_weights = cand.query, cand.query_weights
    listed = cand.name.analysis
    alignments = ns.alignments(query_name, query_weights, listed, cand.name.weights)
    unmatched_query = tuple(query_name.tokens[i] for i in ns.unmatched_query)
    unmatched_list = tuple(listed.tokens[j] for j in ns.unmatched_list)
    verdict = (
        "alert"
        if score >= config.threshold
        else "review"
        if score >= config.review_threshold
        else "clear"
    )
    pairs = ", ".join(
        f"{a.query_token}={a.list_token}"
        if a.similarity >= 0.999
        else f"{a.query_token}~{a.list_token} {a.similarity:.2f}"
        for a in alignments
    )
    parts = [f"{query.name!r} ~ {cand.name.name!r} ({entry.reference_number})"]
    parts.append(f"name {ns.score:.2f}" + (f" [{pairs}]" if pairs else ""))
    if unmatched_query:
        parts.append("query only: " + " ".join(unmatched_query))
    if unmatched_list:
        parts.append("list only: " + " ".join(unmatched_list))
    if ns.generic_only:
        parts.append("only generic words matched")
    if config.score_model == "learned" and 0.0 < ns.score < 1.0:
        # Each feature's share of the name score's log-odds, largest first.
        parts.append(
            "log-odds "
            + ", ".join(f"{name} {v:+.2f}" for name, v in contributions(ns.features, config))
        )
    parts.extend(f"{a.reason} {a.delta:+.2f}" for a in adjustments)
    summary = "; ".join(parts) + f" -> {score:.2f} {verdict}"
    return Explanation(
        name_score=ns.score,
        alignments=alignments,
        unmatched_query=unmatched_query,
        unmatched_list=unmatched_list,
        adjustments=tuple(adjustments),
        summary=summary,
    )
