"""Importing, activating and reading list versions (the logic behind :class:`Store`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from sanctions_screen.exceptions import (
    ListSanityError,
    NoActiveListError,
    StoreError,
    VersionNotFoundError,
)
from sanctions_screen.store.gate import MAX_LOSS, check_list
from sanctions_screen.store.tables import (
    HttpValidatorRow,
    ListEntryRow,
    ListPayloadRow,
    ListVersionRow,
)
from sanctions_screen.unlist.models import ListEntry, SanctionsList
from sanctions_screen.unlist.parser import DEFAULT_MAX_BYTES, parse_list

SourceKind = Literal["file", "url"]


NO_ACTIVE_HINT = (
    "no UN list has been imported yet: run `sanctions-screen lists update` to download it, "
    "or `sanctions-screen lists import FILE` to import a local copy"
)


class ListVersionInfo(BaseModel):
    """What the store knows about one version (without its entries)."""

    model_config = ConfigDict(frozen=True)

    id: int
    source_kind: str
    source: str
    date_generated: dt.datetime
    sha256: str
    size_bytes: int
    fetched_at: dt.datetime | None
    imported_at: dt.datetime
    activated_at: dt.datetime | None
    is_active: bool
    individuals: int
    entities: int
    counts: dict[str, dict[str, int]]
    """``{UN_LIST_TYPE: {"individuals": n, "entities": m}}``."""

    @property
    def total(self) -> int:
        return self.individuals + self.entities


class ImportResult(BaseModel):
    """The outcome of an import: the version, and whether it is new and now active."""

    model_config = ConfigDict(frozen=True)

    version: ListVersionInfo
    created: bool
    activated: bool
    message: str


def utc(value: dt.datetime) -> dt.datetime:
    """Aware UTC datetime (SQLite hands back naive values)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def fingerprint(entry: ListEntry) -> str:
    """sha256 of the entry's canonical JSON; equal fingerprints mean equal parsed records."""
    payload = entry.model_dump(mode="json", exclude_defaults=True)
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def to_info(row: ListVersionRow) -> ListVersionInfo:
    return ListVersionInfo(
        id=row.id,
        source_kind=row.source_kind,
        source=row.source,
        date_generated=utc(row.date_generated),
        sha256=row.sha256,
        size_bytes=row.size_bytes,
        fetched_at=utc(row.fetched_at) if row.fetched_at else None,
        imported_at=utc(row.imported_at),
        activated_at=utc(row.activated_at) if row.activated_at else None,
        is_active=row.is_active,
        individuals=row.individuals,
        entities=row.entities,
        counts=row.counts,
    )


def active_row(session: Session) -> ListVersionRow | None:
    # ordered so that, should two racing imports both end active, the later one wins
    query = (
        select(ListVersionRow)
        .where(ListVersionRow.is_active)
        .order_by(ListVersionRow.activated_at.desc(), ListVersionRow.id.desc())
    )
    return session.scalars(query).first()


def version_row(session: Session, version_id: int) -> ListVersionRow:
    row = session.get(ListVersionRow, version_id)
    if row is None:
        raise VersionNotFoundError(
            f"list version {version_id} does not exist (see `sanctions-screen lists versions`)"
        )
    return row


def check_sanity(new: SanctionsList, active: ListVersionInfo | None, *, force: bool) -> None:
    """Refuse a list that must not become active (the checks of ``store/gate.py``);
    ``force`` overrides the judgement calls."""
    check_list(
        new,
        active.total if active else None,
        active.counts if active else None,
        active.date_generated if active else None,
        active_id=active.id if active else None,
        force=force,
    )


def check_activation(
    target: ListVersionInfo, active: ListVersionInfo | None, *, force: bool
) -> None:
    """The import's judgement calls, for a stored version made active again
    (``lists activate``): not older than the active version, not drastically smaller."""
    if active is None or force or active.id == target.id:
        return
    label = f"version {target.id}"
    if target.date_generated < active.date_generated:
        raise ListSanityError(
            f"{label} (generated {target.date_generated:%Y-%m-%d %H:%M} UTC) is older than the "
            f"active version {active.id} ({active.date_generated:%Y-%m-%d %H:%M} UTC): "
            "refused by the older check; use --force to roll back to it"
        )
    if target.total < active.total * (1 - MAX_LOSS):
        raise ListSanityError(
            f"{label} has {target.total} entries against {active.total} in the active version "
            f"{active.id} (more than {MAX_LOSS:.0%} fewer): refused by the shrink check; use "
            "--force to activate it anyway"
        )


def import_bytes(
    session: Session,
    data: bytes,
    *,
    source_kind: SourceKind,
    source: str,
    fetched_at: dt.datetime | None = None,
    force: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ImportResult:
    """Parse, check and store ``data``, then make it the active version.

    The same bytes twice add no version: the stored one is returned (and left as it is).
    Any failure raises before anything is written, so the active version stays.
    """
    digest = hashlib.sha256(data).hexdigest()
    query = select(ListVersionRow).where(ListVersionRow.sha256 == digest)
    existing = session.scalars(query).first()
    if existing is not None:
        return _already_stored(session, existing, force=force)
    parsed = parse_list(data, source=source, max_bytes=max_bytes)
    current = active_row(session)
    check_sanity(parsed, to_info(current) if current else None, force=force)

    now = dt.datetime.now(dt.UTC)
    row = _version_row(parsed, data, source_kind, source, fetched_at, now)
    session.add(row)
    session.flush()
    session.add(ListPayloadRow(version_id=row.id, compression="zlib", data=zlib.compress(data, 6)))
    session.execute(insert(ListEntryRow), [_entry_values(row.id, e) for e in parsed.entries])
    session.execute(
        update(ListVersionRow).where(ListVersionRow.id != row.id).values(is_active=False)
    )
    session.flush()
    return ImportResult(
        version=to_info(row),
        created=True,
        activated=True,
        message=f"imported as version {row.id} and made active",
    )


def _already_stored(session: Session, row: ListVersionRow, *, force: bool) -> ImportResult:
    if force and not row.is_active:
        return ImportResult(
            version=activate(session, row.id),
            created=False,
            activated=True,
            message=f"already stored as version {row.id}; made active again (--force)",
        )
    state = "the active version" if row.is_active else "not the active version"
    return ImportResult(
        version=to_info(row),
        created=False,
        activated=False,
        message=f"already stored as version {row.id} ({state}); nothing imported",
    )


def _version_row(
    parsed: SanctionsList,
    data: bytes,
    source_kind: str,
    source: str,
    fetched_at: dt.datetime | None,
    now: dt.datetime,
) -> ListVersionRow:
    return ListVersionRow(
        source_kind=source_kind,
        source=source,
        date_generated=utc(parsed.date_generated),
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
        fetched_at=fetched_at,
        imported_at=now,
        activated_at=now,
        is_active=True,
        individuals=len(parsed.individuals),
        entities=len(parsed.entities),
        counts=parsed.counts_by_list_type(),
    )


def _entry_values(version_id: int, entry: ListEntry) -> dict[str, Any]:
    return {
        "version_id": version_id,
        "reference_number": entry.reference_number,
        "kind": entry.kind,
        "un_list_type": entry.un_list_type,
        "name": entry.name,
        "fingerprint": fingerprint(entry),
    }


def activate(session: Session, version_id: int) -> ListVersionInfo:
    """Make a stored version the active one (e.g. to roll back)."""
    row = version_row(session, version_id)
    session.execute(update(ListVersionRow).values(is_active=False))
    row.is_active = True
    row.activated_at = dt.datetime.now(dt.UTC)
    session.flush()
    return to_info(row)


def load(session: Session, version_id: int | None) -> SanctionsList:
    """Parse the stored bytes of a version (the active one when ``version_id`` is None)."""
    if version_id is None:
        row = active_row(session)
        if row is None:
            raise NoActiveListError(NO_ACTIVE_HINT)
    else:
        row = version_row(session, version_id)
    payload = session.get(ListPayloadRow, row.id)
    if payload is None or payload.compression != "zlib":
        raise StoreError(f"list version {row.id} has no readable stored payload")
    data = zlib.decompress(payload.data)
    return parse_list(
        data, source=f"version {row.id} ({row.source})", max_bytes=max(len(data), DEFAULT_MAX_BYTES)
    )


def http_validators(session: Session, url: str) -> tuple[str | None, str | None]:
    """``(etag, last_modified)`` remembered for ``url``."""
    row = session.get(HttpValidatorRow, url)
    return (row.etag, row.last_modified) if row else (None, None)


def remember_http_validators(
    session: Session,
    url: str,
    etag: str | None,
    last_modified: str | None,
    version_id: int | None,
) -> None:
    row = session.get(HttpValidatorRow, url)
    if row is None:
        row = HttpValidatorRow(url=url)
        session.add(row)
    row.etag, row.last_modified, row.version_id = etag, last_modified, version_id
    row.updated_at = dt.datetime.now(dt.UTC)
    session.flush()
