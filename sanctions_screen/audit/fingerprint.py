"""Stable fingerprints: of a party, a list entry, an input file and a configuration.

A fingerprint is what makes "the same alert" recognisable across runs: the same party
(by its normalised name) against the same list entry (by reference number), the party's
identity as given (date of birth, country, identifiers), and whether that entry's content
has changed since an analyst looked at it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sanctions_screen.names.text import fold
from sanctions_screen.unlist.models import ListEntry


@functools.lru_cache(maxsize=1 << 16)
def fold_name(name: str) -> str:
    """The matcher's own normaliser (:func:`sanctions_screen.names.text.fold`): any script,
    case, punctuation and spacing folded to lower-case ASCII words::

        >>> fold_name("  Kim  Jong-Un ")
        'kim jong un'
    """
    return fold(name)


def sha256_hex(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace: equal data, equal bytes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


@functools.lru_cache(maxsize=1 << 16)
def party_fingerprint(name: str) -> str:
    """The identity of a screened party: its folded name, hashed.

    Party role and row are deliberately left out: the same consignee named on two invoices,
    or shipper on one and buyer on the other, is the same party.
    """
    return sha256_hex(fold_name(name))[:32]


def party_identity(query: Mapping[str, Any]) -> dict[str, Any]:
    """A party's identity as it was given: folded name, date of birth, country or
    nationality (folded), and identifiers (letters and digits only, upper-case, sorted).
    A false positive covers this identity, not every party of the same name::

        >>> party_identity({"name": "Jo Yong-Won", "birth_date": "1957-10-24",
        ...                 "country": "DPRK", "identifiers": ["108-210 124"]})["identifiers"]
        ['108210124']
    """
    ids = query.get("identifiers") or ()
    if isinstance(ids, str):
        ids = (ids,)
    return {
        "name": fold_name(str(query.get("name") or "")),
        "birth_date": str(query.get("birth_date") or "").strip(),
        "country": fold_name(str(query.get("country") or "")),
        "identifiers": sorted({_ID_CHARS.sub("", str(i)).upper() for i in ids} - {""}),
    }


_ID_CHARS = re.compile(r"[^0-9A-Za-z]+")


def identity_fingerprint(query: Mapping[str, Any]) -> str:
    """Hash of :func:`party_identity`."""
    return sha256_hex(canonical_json(party_identity(query)))[:32]


def alert_key(subject_fingerprint: str, target: str) -> str:
    """The key that links alerts across runs: a party (or record) and an entry (or flag)."""
    return sha256_hex(f"{subject_fingerprint}|{target}")[:32]


def entry_fingerprint(entry: ListEntry) -> str:
    """Content hash of a list entry, ignoring empty values."""
    return sha256_hex(canonical_json(_prune(entry.model_dump(mode="json"))))


def record_fingerprint(fields: Mapping[str, Any]) -> str:
    """Content hash of an input record's values (keys sorted, values whitespace-folded).

    Files repeat their counterparties, so the hash is cached by the record's ``repr``
    (which, unlike equality, tells ``1``, ``1.0`` and ``True`` apart)."""
    key = repr(fields) if isinstance(fields, dict) else repr(dict(fields))
    found = _RECORD_FINGERPRINTS.get(key)
    if found is None:
        folded = {
            str(k): " ".join(str(v).split()) for k, v in fields.items() if v not in (None, "")
        }
        found = sha256_hex(canonical_json(folded))[:32]
        if len(_RECORD_FINGERPRINTS) >= _CACHE_SIZE:
            _RECORD_FINGERPRINTS.clear()
        _RECORD_FINGERPRINTS[key] = found
    return found


_CACHE_SIZE = 1 << 16
_RECORD_FINGERPRINTS: dict[str, str] = {}


def config_hash(config_json: str) -> str:
    """Hash of a configuration serialised as JSON (``model_dump_json``), key order ignored."""
    return sha256_hex(canonical_json(json.loads(config_json)))


def file_sha256(path: str | Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


def combined_sha256(hashes: Iterable[str]) -> str:
    """One fingerprint for several input files, in the order given."""
    return sha256_hex("\n".join(hashes))


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value
