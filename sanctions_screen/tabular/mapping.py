"""Which input columns hold the names, parties and evidence to screen.

A :class:`ColumnMapping` says what the user told us (``--name-column``, ``--party``,
``--country-column`` ...); :meth:`ColumnMapping.bind` resolves it against one file's
header, filling the gaps from the common header names in :mod:`.headers`, and returns a
:class:`BoundMapping` that turns a row's values into screening inputs keyed by canonical
field name.

Three record types:

``names``
    a plain list of names, one party per row (``name`` plus optional ``kind``,
    ``country``, ``nationality``, ``dob``, ``passport``, ``imo``);
``trade`` / ``diplomatic``
    one shipment or meeting per row, several parties, handed to the records layer as a
    row of canonical column names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import sanctions_screen.tabular.headers as H
from sanctions_screen.exceptions import InputError
from sanctions_screen.tabular.sniff import normalise_header

RecordType = Literal["trade", "diplomatic", "names"]
RECORD_TYPES: tuple[RecordType, ...] = ("trade", "diplomatic", "names")
Kind = Literal["person", "organization"]
EVIDENCE_FIELDS = H.EVIDENCE_FIELDS


@dataclass(frozen=True)
class ColumnMapping:
    """The user's column choices; anything left out is recognised from the header.

    >>> ColumnMapping(name_columns=("Name 1", "Name 2"), kind="person")  # doctest: +SKIP
    """

    record_type: RecordType | None = None
    """``None``: trade if the header names trade parties, diplomatic if it names a
    delegation, else names."""
    name_columns: tuple[str, ...] = ()
    """Name columns, each screened on its own (``("Name", "Alias")``); ``+`` joins columns
    into one name, with spaces (``"First+Last"``)."""
    parties: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Party role -> columns joined into that party's name, e.g. ``consignee``. Roles are
    the records layer's (shipper, consignee, notify_party, buyer, seller, end_user, agent,
    beneficiary, applicant, ordering_party, carrier, forwarder, manufacturer, vessel_owner,
    *_bank, member1..., host_official1...) or any other word (``broker``), normalised to
    lower case with underscores."""
    ignore: tuple[str, ...] = ()
    """Columns the user chose not to screen: never screened, never warned about, and
    recorded as ignored (run summary, audit trail)."""
    columns: Mapping[str, str] = field(default_factory=dict)
    """Canonical field -> input column: for names lists ``country``, ``dob``,
    ``nationality``, ``passport``, ``imo``, ``kind``; for records any records-layer column
    (``hs_codes``, ``imo_number``, ``consignee_country``...)."""
    kind: Kind | None = None

    @staticmethod
    def parse_party(text: str) -> tuple[str, tuple[str, ...]]:
        """``'consignee=Consignee Name'`` -> ``('consignee', ('Consignee Name',))``.

        Several columns may be joined with ``+``: ``'shipper=Name 1+Name 2'``.
        """
        role, sep, columns = text.partition("=")
        role = normalise_role(role)
        if not sep or not role or not columns.strip():
            raise InputError(f"--party expects ROLE=COLUMN, got {text!r}")
        return role, tuple(c.strip() for c in columns.split("+") if c.strip())

    def bind(self, header: Sequence[str], source: str = "") -> BoundMapping:
        """Resolve against ``header``; :class:`InputError` names any column not found."""
        index = _Index(header, source)
        record_type = self._record_type(header)
        ignored = {index.find(c) for c in self.ignore}
        fields: dict[str, tuple[int, ...]] = {}
        for canonical, column in self.columns.items():
            fields[_field(canonical, record_type, source)] = (index.find(column),)
        parties: set[str] = set()
        if record_type == "names":
            names = self._bind_names(index, fields, ignored)
        else:
            names = ()
            self._bind_record(index, record_type, fields, parties, ignored)
        screened = {i for group in names for i in group}
        # a column read as a known field (shipper_address, hs_codes, a --column) is handled;
        # one that rides along under its own header is checked for names
        screened |= {
            i for f, ix in fields.items() for i in ix if f in parties or f != header[i].strip()
        }
        return BoundMapping(
            record_type,
            tuple(fields.items()),
            self.kind,
            names=names,
            parties=frozenset(parties),
            ignored=tuple(header[i] for i in sorted(ignored)),
            unscreened=tuple(
                name
                for i, name in enumerate(header)
                if i not in screened and i not in ignored and H.looks_like_name_column(name)
            ),
        )

    def _bind_names(
        self, index: _Index, fields: dict[str, tuple[int, ...]], ignored: set[int]
    ) -> tuple[tuple[int, ...], ...]:
        if self.name_columns:
            names = tuple(
                tuple(index.find(c.strip()) for c in spec.split("+") if c.strip())
                for spec in self.name_columns
            )
        else:
            found = tuple(i for i in H.name_columns(index.header) if i not in ignored)
            names = (found,) if found else ()
        if not any(names):
            raise InputError(
                f"{index.source or 'input'}: no name column found among {index.header}; "
                "use --name-column"
            )
        for canonical, position in H.recognise(index.header, "names").items():
            if position not in ignored:
                fields.setdefault(canonical, (position,))
        return names

    def _bind_record(
        self,
        index: _Index,
        record_type: RecordType,
        fields: dict[str, tuple[int, ...]],
        parties: set[str],
        ignored: set[int],
    ) -> None:
        for role, columns in self.parties.items():
            # a role the records layer has no field for is a party all the same
            name_column = H.party_column(record_type, role) or f"{role}_name"
            fields[name_column] = tuple(index.find(c) for c in columns)
            parties.add(name_column)
        taken = {i for indices in fields.values() for i in indices} | ignored
        for position, name in enumerate(index.header):
            if position not in taken and name.strip():
                canonical = H.record_column(name, record_type) or name.strip()
                if canonical in fields and H.is_party_name(canonical):
                    # a second column of one role (Agent, Broker Name): a party of its own
                    canonical = normalise_role(name).removesuffix("_name") + "_name"
                    parties.add(canonical)
                fields.setdefault(canonical, (position,))
        parties.update(f for f in fields if H.is_party_name(f))
        if not parties:
            raise InputError(
                f"{index.source or 'input'}: no party column found among {index.header}; "
                "use --party ROLE=COLUMN"
            )

    def _record_type(self, header: Sequence[str]) -> RecordType:
        if self.record_type is not None:
            return self.record_type
        if self.name_columns:
            return "names"
        detected = H.detect_record_type(header)
        return "trade" if detected == "names" and self.parties else detected


@dataclass(frozen=True)
class BoundMapping:
    """A mapping resolved against one header: column indices per canonical field."""

    record_type: RecordType
    fields: tuple[tuple[str, tuple[int, ...]], ...]
    kind: Kind | None = None
    names: tuple[tuple[int, ...], ...] = ()
    """Names lists: the name columns, each group joined with spaces, the groups screened
    as separate names (``;``-joined in ``inputs["name"]``)."""
    parties: frozenset[str] = frozenset()
    """Records: the fields that hold a party's name (``shipper_name``, ``broker_name``)."""
    ignored: tuple[str, ...] = ()
    """Columns left out on request (``--ignore-column``)."""
    unscreened: tuple[str, ...] = ()
    """Columns whose header reads like names that nothing screens: each one a warning."""
    _singles: tuple[tuple[str, int], ...] = field(default=(), init=False, repr=False)
    _joined: tuple[tuple[str, tuple[int, ...]], ...] = field(default=(), init=False, repr=False)

    def __post_init__(self) -> None:
        singles = tuple((c, ix[0]) for c, ix in self.fields if len(ix) == 1)
        object.__setattr__(self, "_singles", singles)
        object.__setattr__(self, "_joined", tuple((c, ix) for c, ix in self.fields if len(ix) > 1))

    def inputs(self, values: Sequence[str]) -> dict[str, str]:
        """The row's screening inputs; empty fields are left out."""
        out = {c: text for c, i in self._singles if (text := values[i].strip())}
        for canonical, indices in self._joined:
            text = " ".join(p for p in (values[i].strip() for i in indices) if p)
            if text:
                out[canonical] = text
        names = self.names
        if len(names) == 1 and len(names[0]) == 1:  # most lists: one name column
            if text := values[names[0][0]].strip():
                out["name"] = text
        elif names:
            joined = (" ".join(p for p in (values[i].strip() for i in g) if p) for g in names)
            if text := "; ".join(n for n in joined if n):
                out["name"] = text
        if self.kind and self.record_type == "names" and "kind" not in out:
            out["kind"] = self.kind
        return out

    def missing_name(self, inputs: Mapping[str, str]) -> str:
        """Why the row has nothing to screen, or ``""``."""
        if self.record_type == "names":
            return "" if inputs.get("name") else "empty name"
        if any(f in self.parties for f in inputs):
            return ""
        return "empty name (no party in the row)"

    def describe(self, header: Sequence[str]) -> dict[str, str]:
        """Canonical field -> the column(s) it is read from, for messages and the audit;
        ``(ignored)`` and ``(not screened)`` list the columns left out."""
        out = {
            canonical: " + ".join(header[i] for i in indices) for canonical, indices in self.fields
        }
        if self.names:
            out["name"] = "; ".join(" + ".join(header[i] for i in g) for g in self.names)
        if self.ignored:
            out["(ignored)"] = "; ".join(self.ignored)
        if self.unscreened:
            out["(not screened)"] = "; ".join(self.unscreened)
        return out


def normalise_role(text: str) -> str:
    """A role as the records layer names it: ``"End User"`` -> ``end_user``."""
    return "_".join(re.findall(r"[0-9a-z]+", text.casefold()))


_RECORD_ALIASES = {"imo": "imo_number", "hs": "hs_codes", "hs_code": "hs_codes"}
_PER_PARTY = ("country", "dob", "nationality", "passport")


def _field(name: str, record_type: str, source: str) -> str:
    """A ``columns`` key as the record type needs it (``imo`` -> ``imo_number`` for trade)."""
    where = source or "input"
    if record_type == "names":
        if name in H.NAMES_FIELDS:
            return name
        raise InputError(
            f"{where}: a names list takes {', '.join(H.NAMES_FIELDS)} columns, not {name!r}"
        )
    name = _RECORD_ALIASES.get(name, name)
    if name in _PER_PARTY:
        raise InputError(
            f"{where}: in {record_type} records {name} belongs to a party: map it with "
            f"--column ROLE_{'birth_date' if name == 'dob' else name}=COLUMN "
            f"(e.g. consignee_country, member1_nationality)"
        )
    return name


class _Index:
    def __init__(self, header: Sequence[str], source: str) -> None:
        self.header = list(header)
        self.source = source
        self.exact = {name: i for i, name in reversed(list(enumerate(header)))}
        self.loose = {normalise_header(n): i for i, n in reversed(list(enumerate(header)))}

    def find(self, column: str) -> int:
        if column in self.exact:
            return self.exact[column]
        key = normalise_header(column)
        if key in self.loose:
            return self.loose[key]
        if column.isdigit() and 1 <= int(column) <= len(self.header):
            return int(column) - 1
        raise InputError(
            f"{self.source or 'input'}: no column {column!r}; the header has {self.header}"
        )
