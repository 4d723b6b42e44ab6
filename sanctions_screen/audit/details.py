"""An alert's listed details: what the UN list said about the entry, in the list version
the alert was screened against.

The recorder keeps a snapshot of every matched entry with its alert (``entry_json``); an
alert recorded without one is read from the stored list version of its run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from sanctions_screen.unlist.models import (
    DateOfBirth,
    DateType,
    Document,
    DocumentKind,
    ListEntry,
)

UN_SEARCH_URL = "https://scsanctions.un.org/search/"
"""The UN Security Council's search of the Consolidated List. The UN publishes no
per-entry address that can be built from a reference number (narrative summaries are
addressed by name, and only for some regimes), so an alert links here and shows the
reference number to search for (see docs/audit.md)."""


class ListedDetails(BaseModel):
    """What the list says about one entry, as an analyst reads it."""

    model_config = ConfigDict(frozen=True)

    reference_number: str
    name: str
    kind: str
    """``individual`` or ``entity``."""
    regime: str
    """Two-letter code from the reference number (``KP``)."""
    un_list_type: str
    """The UN's name for the regime (``DPRK``, ``Al-Qaida``...)."""
    listed_on: dt.date | None = None
    dates_of_birth: list[str] = []
    nationalities: list[str] = []
    passports: list[str] = []
    national_ids: list[str] = []
    other_documents: list[str] = []
    un_url: str = UN_SEARCH_URL
    """Where the UN publishes the entry: its consolidated list search (search for
    :attr:`reference_number`)."""
    list_version_id: int | None = None
    list_date_generated: str | None = None
    """The list version these details come from: the one the alert was screened against."""

    @property
    def regime_label(self) -> str:
        return f"{self.un_list_type} ({self.regime})"

    def lines(self) -> list[tuple[str, str]]:
        """``(label, text)`` for each detail the entry has, in reading order."""
        found = [
            ("Reference", f"{self.reference_number} ({self.un_url})"),
            ("Regime", self.regime_label),
            ("Listed on", self.listed_on.isoformat() if self.listed_on else ""),
            ("Date of birth", "; ".join(self.dates_of_birth)),
            ("Nationality", "; ".join(self.nationalities)),
            ("Passport", "; ".join(self.passports)),
            ("National ID", "; ".join(self.national_ids)),
            ("Other document", "; ".join(self.other_documents)),
        ]
        if self.list_date_generated or self.list_version_id:
            version = f"version {self.list_version_id}, " if self.list_version_id else ""
            found.append(("From list", f"{version}{(self.list_date_generated or '?')[:10]}"))
        return [(label, text) for label, text in found if text]


def listed_details(
    entry: ListEntry,
    *,
    list_version_id: int | None = None,
    list_date_generated: str | None = None,
) -> ListedDetails:
    """The details of ``entry`` an analyst compares with the screened party.

    >>> from sanctions_screen.unlist.models import ListEntry
    >>> listed_details(ListEntry(kind="entity", reference_number="KPe.075",
    ...     un_list_type="DPRK", first_name="YUK TUNG ENERGY PTE LTD")).regime_label
    'DPRK (KP)'
    """
    documents = [d for d in entry.documents if d.number or d.type_of_document]
    return ListedDetails(
        reference_number=entry.reference_number,
        name=entry.name,
        kind=entry.kind,
        regime=entry.regime,
        un_list_type=entry.un_list_type,
        listed_on=entry.listed_on,
        dates_of_birth=[t for t in (birth_text(b) for b in entry.dates_of_birth) if t],
        nationalities=_distinct(n.strip() for n in entry.nationalities),
        passports=_documents(documents, DocumentKind.PASSPORT),
        national_ids=_documents(documents, DocumentKind.NATIONAL_ID),
        other_documents=_documents(documents, DocumentKind.OTHER, with_type=True),
        list_version_id=list_version_id,
        list_date_generated=list_date_generated,
    )


def birth_text(birth: DateOfBirth) -> str:
    """``1957-10-24``, ``1960``, ``about 1960``, ``between 1958 and 1962``, with its note."""
    if birth.date is not None:
        text = birth.date.isoformat()
    elif birth.year is not None:
        text = str(birth.year)
    elif birth.from_year is not None or birth.to_year is not None:
        text = f"between {birth.from_year or '?'} and {birth.to_year or '?'}"
    else:
        text = ""
    if text and birth.type_of_date is DateType.APPROXIMATELY:
        text = f"about {text}"
    note = " ".join((birth.note or "").split())
    if note:
        text = f"{text} ({note})" if text else note
    return text


_EVIDENCE_LABELS = {
    "date_of_birth": "Date of birth",
    "country": "Country",
    "identifier": "Identifier",
    "alias_quality": "Alias quality",
    "kind": "Kind",
    "name": "Name",
}


def evidence_lines(evidence: dict[str, Any], listed: ListedDetails | None = None) -> list[str]:
    """An alert's evidence as sentences, e.g. ``Date of birth: birth date 1957-10-24
    matches; listed 1957-10-24 (+0.08)``: the name's token alignment, each piece of
    evidence that moved the score with what the list says, and each flag with its source.

    >>> evidence_lines({"flags": [{"code": "DPRK_NEXUS", "severity": "medium",
    ...     "message": "DPRK phone number (+850)", "field": "phone", "value": "+850 2"}]})
    ['DPRK_NEXUS (medium): DPRK phone number (+850); phone = +850 2']
    """
    lines: list[str] = []
    explanation = evidence.get("explanation")
    if isinstance(explanation, str):  # a review outcome kept as its summary
        lines.extend(part.strip() for part in explanation.split("; ") if part.strip())
    elif isinstance(explanation, dict):
        lines.extend(_explanation_lines(explanation, listed))
    for flag in evidence.get("flags") or ():
        if isinstance(flag, dict):
            lines.append(_flag_line(flag))
    known = {"explanation", "flags", "kind", "list_type", "matched_name", "name", "list_name",
             "reference_number", "regime", "score"}  # fmt: skip
    for key, value in sorted(evidence.items()):
        if key not in known and value not in (None, "", [], {}):
            lines.append(f"{key.replace('_', ' ').capitalize()}: {_plain(value)}")
    return lines


def _explanation_lines(explanation: dict[str, Any], listed: ListedDetails | None) -> list[str]:
    lines: list[str] = []
    pairs = []
    for a in explanation.get("alignments") or ():
        similarity = float(a.get("similarity") or 0.0)
        same = similarity >= 0.999
        sign = "=" if same else "~"
        pairs.append(
            f"{a.get('query_token')} {sign} {a.get('list_token')}"
            + ("" if same else f" {similarity:.2f}")
        )
    name_score = explanation.get("name_score")
    if pairs or name_score is not None:
        score = f" {float(name_score):.2f}" if name_score is not None else ""
        lines.append(f"Name{score}: {', '.join(pairs) or 'no word aligned'}")
    if explanation.get("unmatched_query"):
        lines.append(f"Party's words not listed: {', '.join(explanation['unmatched_query'])}")
    if explanation.get("unmatched_list"):
        lines.append(f"Listed words not in the party: {', '.join(explanation['unmatched_list'])}")
    for adjustment in explanation.get("adjustments") or ():
        kind = str(adjustment.get("evidence") or "")
        label = _EVIDENCE_LABELS.get(kind, kind.replace("_", " ").capitalize() or "Evidence")
        text = f"{label}: {adjustment.get('reason', '')}"
        listed_values = _listed_values(kind, listed)
        if listed_values:
            text += f"; listed {listed_values}"
        lines.append(f"{text} ({float(adjustment.get('delta') or 0.0):+.2f})")
    return lines


def _listed_values(kind: str, listed: ListedDetails | None) -> str:
    if listed is None:
        return ""
    values = {
        "date_of_birth": listed.dates_of_birth,
        "country": listed.nationalities,
        "identifier": listed.passports + listed.national_ids,
    }.get(kind, [])
    return "; ".join(values)


def _flag_line(flag: dict[str, Any]) -> str:
    code = flag.get("code") or "flag"
    severity = f" ({flag['severity']})" if flag.get("severity") else ""
    text = f"{code}{severity}: {flag.get('message') or ''}".rstrip(": ")
    if flag.get("field"):
        text += f"; {flag['field']} = {flag.get('value') or ''}".rstrip(" =")
    if flag.get("resolution"):
        text += f"; {flag['resolution']}"
    if flag.get("source"):
        text += f"; source: {flag['source']}"
    return text


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} {_plain(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def _documents(
    documents: Iterable[Document], kind: DocumentKind, *, with_type: bool = False
) -> list[str]:
    out: list[str] = []
    for doc in documents:
        if doc.kind is not kind:
            continue
        parts = [" ".join((doc.number or "no number").split())]
        if with_type and doc.type_of_document:
            parts.insert(0, " ".join(doc.type_of_document.split()) + ":")
        about = [
            doc.country or "",
            f"issued {doc.date_of_issue}" if doc.date_of_issue else "",
            f"expires {doc.date_of_expiry}" if doc.date_of_expiry else "",
            " ".join((doc.note or "").split()),
        ]
        about = [a.strip() for a in about if a and a.strip()]
        if about:
            parts.append(f"({'; '.join(about)})")
        out.append(" ".join(parts))
    return _distinct(out)


def _distinct(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


__all__ = ["UN_SEARCH_URL", "ListedDetails", "birth_text", "evidence_lines", "listed_details"]
