"""Download the official UN list and import it into the store.

A download never becomes active by itself: it goes through
:meth:`~sanctions_screen.store.db.Store.import_list` (parse and sanity checks) first, and
its ETag/Last-Modified are remembered only once that succeeded, so a refused download is
fetched again next time rather than answered "not modified". The HTTP side (retries, the
size cap) is :func:`sanctions_screen.unlist.fetch.download`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
from pydantic import BaseModel, ConfigDict

from sanctions_screen.exceptions import DownloadError
from sanctions_screen.store.db import Store
from sanctions_screen.store.versions import ImportResult
from sanctions_screen.unlist.fetch import (
    BACKOFF,
    DEFAULT_DEADLINE,
    DEFAULT_URL,
    RETRIES,
    Progress,
    download,
)
from sanctions_screen.unlist.parser import DEFAULT_MAX_BYTES


class UpdateResult(BaseModel):
    """What ``lists update`` did: nothing new (304), or an import."""

    model_config = ConfigDict(frozen=True)

    url: str
    not_modified: bool
    bytes_received: int
    attempts: int
    imported: ImportResult | None = None
    message: str


def update_list(
    store: Store,
    url: str = DEFAULT_URL,
    *,
    force: bool = False,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    retries: int = RETRIES,
    backoff: float = BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
    deadline: float = DEFAULT_DEADLINE,
) -> UpdateResult:
    """Download the list and import it; it becomes active only if it passes the checks.

    Sends the ETag/Last-Modified of the last successful download, so an unchanged list
    costs a 304 and no transfer. ``force`` downloads unconditionally and overrides the
    sanity checks (e.g. a large drop in entries). The whole download must end within
    ``deadline`` seconds. Any failure raises a ``ListError`` subclass and leaves the active
    version as it was; so does a 304 answer when no version is stored.
    """
    etag = last_modified = None
    if not force and store.active_version() is not None:
        etag, last_modified = store.http_validators(url)
    result = download(
        url,
        client=client,
        etag=etag,
        last_modified=last_modified,
        max_bytes=max_bytes,
        progress=progress,
        retries=retries,
        backoff=backoff,
        sleep=sleep,
        deadline=deadline,
    )
    if result.not_modified:
        active = store.active_version()
        if active is None:
            raise DownloadError(
                f"{url}: the server answered 304 Not Modified but no list version is stored: "
                "there is no list to keep (refused by the not_modified check). Download "
                "unconditionally with --force"
            )
        where = f"; version {active.id} stays active" if active else ""
        return UpdateResult(
            url=url,
            not_modified=True,
            bytes_received=0,
            attempts=result.attempts,
            message=f"not modified{where}",
        )
    imported = store.import_list(
        result.data,
        source_kind="url",
        source=url,
        fetched_at=result.fetched_at,
        force=force,
        max_bytes=max_bytes,
    )
    store.remember_http_validators(url, result.etag, result.last_modified, imported.version.id)
    return UpdateResult(
        url=url,
        not_modified=False,
        bytes_received=len(result.data),
        attempts=result.attempts,
        imported=imported,
        message=f"downloaded {len(result.data)} bytes: {imported.message}",
    )
