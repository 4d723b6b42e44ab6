"""Download the official UN list: retries, conditional requests, a size cap.

Only the HTTP side: it hands back bytes and validators and knows nothing of the store.
:func:`sanctions_screen.store.update.update_list` imports what it downloads.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import time
from collections.abc import Callable

import httpx
from pydantic import BaseModel, ConfigDict

from sanctions_screen.exceptions import DownloadError, ListTooLargeError
from sanctions_screen.unlist.parser import DEFAULT_MAX_BYTES

DEFAULT_URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=15.0)
DEFAULT_DEADLINE = 600.0
"""Seconds the whole download may take, retries included. The timeouts above apply to
each read: a server trickling 64 bytes every 2 s met them for ever."""
RETRIES = 3
BACKOFF = 1.0
"""Seconds before the first retry; doubled for each further one."""
MAX_RETRY_AFTER = 60.0

Progress = Callable[[int, int | None], None]
"""Called with (bytes received so far, total bytes if the server said)."""


class Download(BaseModel):
    """The outcome of one conditional GET."""

    model_config = ConfigDict(frozen=True)

    url: str
    not_modified: bool
    data: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: dt.datetime
    attempts: int = 1


class _Transient(Exception):
    """A failure worth retrying (connection trouble, 5xx, 429)."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


def download(
    url: str = DEFAULT_URL,
    *,
    client: httpx.Client | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    retries: int = RETRIES,
    backoff: float = BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
    deadline: float = DEFAULT_DEADLINE,
) -> Download:
    """GET ``url`` (conditionally when ``etag``/``last_modified`` are given).

    Retries connection errors, 5xx and 429 up to ``retries`` times with exponential backoff
    (or the server's Retry-After). The whole download, retries included, must end within
    ``deadline`` seconds. Raises :class:`DownloadError` or :class:`ListTooLargeError`.
    """
    ends = time.monotonic() + deadline
    headers = {"User-Agent": _user_agent()}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = client is None
    http = client or httpx.Client(timeout=DEFAULT_TIMEOUT, follow_redirects=True)
    try:
        for attempt in range(1, retries + 2):
            try:
                return _get(http, url, headers, max_bytes, progress, attempt, (ends, deadline))
            except _Transient as exc:
                if attempt > retries:
                    raise DownloadError(f"{url}: {exc} (gave up after {attempt} attempts)") from exc
                delay = (
                    exc.retry_after if exc.retry_after is not None else backoff * 2 ** (attempt - 1)
                )
                if time.monotonic() + min(delay, MAX_RETRY_AFTER) > ends:
                    raise _late(url, deadline, f"{attempt} attempts, the last: {exc}") from exc
                sleep(min(delay, MAX_RETRY_AFTER))
    finally:
        if own:
            http.close()
    raise AssertionError("unreachable")  # pragma: no cover


def _user_agent() -> str:
    try:
        return f"sanctions-screen/{importlib.metadata.version('sanctions-screen')}"
    except importlib.metadata.PackageNotFoundError:
        return "sanctions-screen"


def _get(
    http: httpx.Client,
    url: str,
    headers: dict[str, str],
    max_bytes: int,
    progress: Progress | None,
    attempt: int,
    deadline: tuple[float, float],
) -> Download:
    try:
        with http.stream("GET", url, headers=headers) as response:
            now = dt.datetime.now(dt.UTC)
            if response.status_code == 304:
                return Download(
                    url=url,
                    not_modified=True,
                    fetched_at=now,
                    attempts=attempt,
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                )
            _check_status(url, response)
            data = _read_capped(url, response, max_bytes, progress, deadline)
            return Download(
                url=url,
                not_modified=False,
                data=data,
                fetched_at=now,
                attempts=attempt,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
    except httpx.UnsupportedProtocol as exc:
        raise DownloadError(f"{url}: unsupported URL ({exc})") from exc
    except httpx.InvalidURL as exc:
        raise DownloadError(f"{url}: invalid URL ({exc})") from exc
    except httpx.TransportError as exc:
        raise _Transient(f"{type(exc).__name__}: {exc or 'connection failed'}") from exc
    except httpx.HTTPError as exc:
        raise DownloadError(f"{url}: {exc}") from exc


def _check_status(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if status == 429 or status >= 500:
        raise _Transient(f"HTTP {status} {response.reason_phrase}", _retry_after(response))
    if status != 200:
        raise DownloadError(f"{url}: HTTP {status} {response.reason_phrase}")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _late(url: str, deadline: float, failed: str | None = None) -> DownloadError:
    """The deadline passed: while reading (a slow or stalled server), or before the next
    retry (``failed`` says how the attempts failed: an HTTP 500 is no slow server)."""
    why = f"stopped after {failed}" if failed else "stopped (a slow or stalled server)"
    return DownloadError(
        f"{url}: the download did not finish within its deadline of {deadline:g} s; "
        f"{why}. Raise it with --deadline SECONDS"
    )


def _read_capped(
    url: str,
    response: httpx.Response,
    max_bytes: int,
    progress: Progress | None,
    deadline: tuple[float, float],
) -> bytes:
    declared = response.headers.get("Content-Length")
    total = int(declared) if declared and declared.isdigit() else None
    if total is not None and total > max_bytes:
        raise ListTooLargeError(f"{url}: {total} bytes announced, over the {max_bytes}-byte cap")
    chunks: list[bytes] = []
    received = 0
    ends, seconds = deadline
    for chunk in response.iter_bytes():
        if time.monotonic() > ends:
            raise _late(url, seconds)
        received += len(chunk)
        if received > max_bytes:
            raise ListTooLargeError(f"{url}: more than {max_bytes} bytes received; stopped")
        chunks.append(chunk)
        if progress is not None:
            progress(received, total)
    return b"".join(chunks)
