"""API keys of the HTTP service: created once, shown once, kept as a sha256 only.

A key is ``ssk_`` and 32 random bytes (URL-safe base64). The store keeps its sha256, its
name (the client, as the audit trail records it) and its scopes; a stolen database does
not give the keys away. Revoking keeps the row, so the name stays taken and known.

>>> made = create_key(store, "payments-gateway", scopes=["screen"])   # doctest: +SKIP
>>> made.key          # printed once: 'ssk_...'                       # doctest: +SKIP
>>> verify_key(active_keys(store), made.key).name                    # doctest: +SKIP
'payments-gateway'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from sanctions_screen.exceptions import InputError, StoreError
from sanctions_screen.store.db import Store
from sanctions_screen.store.tables import ApiKeyRow
from sanctions_screen.store.versions import utc

SCOPES = ("screen", "review", "admin")
"""``screen``: screening, search and list reads; ``review``: alerts and decisions;
``admin``: reloading the list."""
KEY_PREFIX = "ssk_"
_NAME_MAX = 128


class ApiKeyInfo(BaseModel):
    """A key as the store knows it (never the secret)."""

    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    scopes: tuple[str, ...]
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class NewApiKey(BaseModel):
    """A key just created: ``key`` is the secret, shown this once."""

    model_config = ConfigDict(frozen=True)

    info: ApiKeyInfo
    key: str


def hash_key(key: str) -> str:
    """The sha256 (hex) the store keeps of a key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def parse_scopes(scopes: Iterable[str] | str) -> tuple[str, ...]:
    """Scopes in their canonical order; raises :class:`InputError` for an unknown one."""
    items = scopes.split(",") if isinstance(scopes, str) else list(scopes)
    wanted = {s.strip().lower() for s in items if s.strip()}
    unknown = sorted(wanted - set(SCOPES))
    if unknown:
        raise InputError(f"unknown scope {', '.join(unknown)}: use {', '.join(SCOPES)}")
    if not wanted:
        raise InputError(f"a key needs at least one scope: {', '.join(SCOPES)}")
    return tuple(s for s in SCOPES if s in wanted)


def create_key(store: Store, name: str, scopes: Iterable[str] | str = ("screen",)) -> NewApiKey:
    """Create a key named ``name`` (unique, revoked ones included) with ``scopes``."""
    name = name.strip()
    if not name or len(name) > _NAME_MAX or not name.isprintable():
        raise InputError(f"a key name is 1 to {_NAME_MAX} printable characters")
    granted = parse_scopes(scopes)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with store.session() as session:
        if session.scalar(select(ApiKeyRow.id).where(ApiKeyRow.name == name)) is not None:
            raise StoreError(f"a key named {name!r} exists already (revoked keys keep their name)")
        row = ApiKeyRow(
            name=name,
            key_hash=hash_key(key),
            scopes=",".join(granted),
            created_at=dt.datetime.now(dt.UTC),
            revoked_at=None,
        )
        session.add(row)
        session.flush()
        return NewApiKey(info=_info(row), key=key)


def list_keys(store: Store) -> list[ApiKeyInfo]:
    """Every key, revoked ones included, oldest first."""
    with store.session() as session:
        return [_info(row) for row in session.scalars(select(ApiKeyRow).order_by(ApiKeyRow.id))]


def revoke_key(store: Store, name: str) -> ApiKeyInfo:
    """Revoke the key named ``name``; the service refuses it from its next key refresh."""
    with store.session() as session:
        row = session.scalar(select(ApiKeyRow).where(ApiKeyRow.name == name.strip()))
        if row is None:
            raise StoreError(f"no key named {name!r}")
        if row.revoked_at is None:
            row.revoked_at = dt.datetime.now(dt.UTC)
            session.flush()
        return _info(row)


def active_keys(store: Store) -> dict[str, ApiKeyInfo]:
    """The keys not revoked, by the sha256 of the secret."""
    with store.session() as session:
        rows = session.scalars(select(ApiKeyRow).where(ApiKeyRow.revoked_at.is_(None)))
        return {row.key_hash: _info(row) for row in rows}


def verify_key(keys: Mapping[str, ApiKeyInfo], key: str) -> ApiKeyInfo | None:
    """The active key ``key`` is, or None.

    The digest of what was presented is compared with every stored digest in constant
    time (``hmac.compare_digest``): no early exit tells how much of a stored one matched.
    """
    digest = hash_key(key)
    found: ApiKeyInfo | None = None
    for stored, info in keys.items():
        if hmac.compare_digest(stored, digest):
            found = info
    return found


def _info(row: ApiKeyRow) -> ApiKeyInfo:
    return ApiKeyInfo(
        id=row.id,
        name=row.name,
        scopes=tuple(s for s in row.scopes.split(",") if s),
        created_at=utc(row.created_at),
        revoked_at=utc(row.revoked_at) if row.revoked_at else None,
    )
