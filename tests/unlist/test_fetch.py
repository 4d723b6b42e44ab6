"""lists update: a real loopback HTTP server, hostile payloads, and retries (MockTransport)."""

from __future__ import annotations

import re

import httpx
import pytest

from sanctions_screen.exceptions import (
    DownloadError,
    ListError,
    ListSanityError,
    ListTooLargeError,
    NotAListError,
    TruncatedListError,
    UnsafeXMLError,
)
from sanctions_screen.store.db import Store, open_store
from sanctions_screen.store.update import update_list
from sanctions_screen.unlist.fetch import download
from tests.conftest import NEWEST
from tests.unlist.conftest import ListServer

NEWEST_BYTES = NEWEST.read_bytes()
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<CONSOLIDATED_LIST dateGenerated="2026-06-01T00:00:00Z">&lol3;</CONSOLIDATED_LIST>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<CONSOLIDATED_LIST dateGenerated="2026-06-01T00:00:00Z"><INDIVIDUALS>&xxe;</INDIVIDUALS>
</CONSOLIDATED_LIST>
"""


def half_sized() -> bytes:
    """The newest list, dated a day later, with every other record dropped: well-formed."""
    text = NEWEST_BYTES.decode("utf-8")
    records = re.compile(r"<(INDIVIDUAL|ENTITY)>.*?</\1>\s*", re.S)
    count = 0

    def every_other(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return "" if count % 2 else match.group(0)

    text = records.sub(every_other, text)
    text = text.replace('dateGenerated="2026-05-08', 'dateGenerated="2026-05-09', 1)
    return text.encode("utf-8")


HOSTILE = {
    "truncated": (NEWEST_BYTES[: len(NEWEST_BYTES) // 2], TruncatedListError, "truncated"),
    "not-xml": (b"Service Unavailable. Please try again later.\n", NotAListError, "not XML"),
    "html": (
        b"<!-- maintenance --><html><body>Maintenance</body></html>",
        NotAListError,
        "root element is <html>",
    ),
    "billion-laughs": (BILLION_LAUGHS, UnsafeXMLError, "DTD"),
    "xxe": (XXE, UnsafeXMLError, "DTD"),
    "half-sized": (half_sized(), ListSanityError, "50% fewer"),
}


@pytest.fixture
def store(sqlite_url: str) -> Store:
    return open_store(sqlite_url)


def test_second_update_transfers_nothing(db_url: str, list_server: ListServer) -> None:
    list_server.routes["/consolidated.xml"] = NEWEST_BYTES
    url = list_server.url("/consolidated.xml")
    with open_store(db_url) as store:
        first = update_list(store, url)
        assert not first.not_modified and first.imported is not None
        assert first.imported.created and first.bytes_received == len(NEWEST_BYTES)
        version = first.imported.version
        assert (version.source_kind, version.source) == ("url", url)
        assert version.fetched_at is not None

        second = update_list(store, url)
        assert second.not_modified and second.bytes_received == 0
        assert second.message == f"not modified; version {version.id} stays active"
        assert [status for _, status, _ in list_server.log] == [200, 304]
        assert list_server.bytes_sent() == len(NEWEST_BYTES)
        assert store.versions() == [version]

        forced = update_list(store, url, force=True)  # unconditional; same bytes: no version
        assert forced.imported is not None and not forced.imported.created
        assert list_server.log[-1][1] == 200


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_download_leaves_active_version(
    name: str, store: Store, list_server: ListServer
) -> None:
    list_server.routes["/good.xml"] = NEWEST_BYTES
    active = update_list(store, list_server.url("/good.xml")).imported
    assert active is not None
    body, error, words = HOSTILE[name]
    list_server.routes[f"/{name}.xml"] = body
    bad_url = list_server.url(f"/{name}.xml")

    with pytest.raises(error) as info:
        update_list(store, bad_url)

    assert words in str(info.value)
    assert bad_url in str(info.value)  # the message names the source
    assert store.active_version() == active.version
    assert store.versions() == [active.version]
    assert store.http_validators(bad_url) == (None, None)  # so the next update retries


def test_half_sized_list_can_be_forced(store: Store, list_server: ListServer) -> None:
    list_server.routes["/good.xml"] = NEWEST_BYTES
    list_server.routes["/half.xml"] = HOSTILE["half-sized"][0]
    update_list(store, list_server.url("/good.xml"))
    with pytest.raises(ListSanityError, match="use --force"):
        update_list(store, list_server.url("/half.xml"))
    forced = update_list(store, list_server.url("/half.xml"), force=True)
    assert forced.imported is not None and forced.imported.activated
    assert forced.imported.version.total == 1009 // 2


def test_http_error_is_a_download_error(store: Store, list_server: ListServer) -> None:
    with pytest.raises(DownloadError, match="HTTP 404"):
        update_list(store, list_server.url("/missing.xml"))
    assert store.active_version() is None


def test_size_cap_stops_the_download(store: Store, list_server: ListServer) -> None:
    list_server.routes["/big.xml"] = NEWEST_BYTES
    with pytest.raises(ListTooLargeError, match="over the 1000000-byte cap"):
        update_list(store, list_server.url("/big.xml"), max_bytes=1_000_000)
    assert store.versions() == []


def _mock(responses: list[httpx.Response | Exception]) -> tuple[httpx.Client, list[str]]:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        item = responses.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    return httpx.Client(transport=httpx.MockTransport(handler)), seen


def test_retries_503_then_succeeds() -> None:
    client, seen = _mock([httpx.Response(503), httpx.Response(200, content=b"<x/>")])
    sleeps: list[float] = []
    result = download("https://un.test/list.xml", client=client, sleep=sleeps.append)
    assert (result.data, result.attempts, len(seen)) == (b"<x/>", 2, 2)
    assert sleeps == [1.0]


def test_backoff_doubles_and_honours_retry_after() -> None:
    client, _ = _mock(
        [
            httpx.ConnectError("refused"),
            httpx.Response(502),
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(200, content=b"ok"),
        ]
    )
    sleeps: list[float] = []
    result = download("https://un.test/l.xml", client=client, sleep=sleeps.append)
    assert result.attempts == 4 and sleeps == [1.0, 2.0, 7.0]


def test_gives_up_after_retries() -> None:
    client, seen = _mock([httpx.Response(503)] * 3)
    with pytest.raises(DownloadError, match=r"HTTP 503 .*gave up after 3 attempts"):
        download("https://un.test/l.xml", client=client, retries=2, sleep=lambda _: None)
    assert len(seen) == 3


def test_client_error_is_not_retried() -> None:
    client, seen = _mock([httpx.Response(403), httpx.Response(200)])
    with pytest.raises(DownloadError, match="HTTP 403 Forbidden"):
        download("https://un.test/l.xml", client=client, sleep=lambda _: None)
    assert len(seen) == 1


def test_progress_reports_bytes_and_total(list_server: ListServer) -> None:
    list_server.routes["/l.xml"] = NEWEST_BYTES
    calls: list[tuple[int, int | None]] = []
    download(list_server.url("/l.xml"), progress=lambda got, total: calls.append((got, total)))
    assert calls[-1] == (len(NEWEST_BYTES), len(NEWEST_BYTES))
    assert [got for got, _ in calls] == sorted(got for got, _ in calls)


def test_every_failure_is_a_list_error() -> None:
    for _, error, _ in HOSTILE.values():
        assert issubclass(error, ListError)
