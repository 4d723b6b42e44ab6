"""Issue 13, finding 8: the list checks counted entries only. A list with every FIRST_NAME
emptied became active (281 entries without a name, KOMID unmatched), ``2099-01-01`` was
accepted (and every genuine list after it refused), a server trickling bytes kept
``lists update`` running forever, and a 304 on an empty store ended with exit 0 and no
list. Every refusal now names its check and the flag that overrides it, and random
damage to a real snapshot never becomes active (hypothesis)."""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sanctions_screen.cli.main import main
from sanctions_screen.exceptions import DownloadError, ListError, ListSanityError
from sanctions_screen.store.db import Store, open_store
from sanctions_screen.store.update import update_list
from tests.conftest import NEWEST, UN_DIR

NEWEST_TEXT = NEWEST.read_text(encoding="utf-8")
PREVIOUS = UN_DIR / "consolidated-2026-04-17.xml"
RECORD = re.compile(r"<(INDIVIDUAL|ENTITY)>.*?</\1>\s*", re.S)
NAME_PART = re.compile(r"<(FIRST|SECOND|THIRD|FOURTH)_NAME>[^<]*</\1_NAME>")


def blank_first_names(text: str) -> str:
    return re.sub(r"<FIRST_NAME>[^<]*</FIRST_NAME>", "<FIRST_NAME></FIRST_NAME>", text)


def dated(text: str, when: str) -> str:
    return re.sub(r'dateGenerated="[^"]*"', f'dateGenerated="{when}"', text, count=1)


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    with open_store(sqlite_url) as opened:
        opened.import_file(PREVIOUS)
        yield opened


def _refused(store: Store, text: str, check: str) -> ListSanityError:
    before = store.active_version()
    with pytest.raises(ListSanityError) as caught:
        store.import_list(text.encode("utf-8"), source_kind="file", source="mutated.xml")
    assert caught.value.check == check
    assert f"refused by the {check} check" in str(caught.value)
    assert "--force" in str(caught.value)
    assert store.active_version() == before
    return caught.value


def test_a_list_without_names_is_refused_even_as_the_first(sqlite_url: str) -> None:
    text = blank_first_names(NEWEST_TEXT)
    with open_store(sqlite_url) as empty:
        with pytest.raises(ListSanityError, match=r"names check: 281 of 1009 entries have no name"):
            empty.import_list(text.encode(), source_kind="file", source="blank.xml")
        assert empty.active_version() is None


def test_a_list_without_names_is_refused_by_import_and_update(
    store: Store, sqlite_url: str, tmp_path: os.PathLike[str], capsys: pytest.CaptureFixture[str]
) -> None:
    text = blank_first_names(NEWEST_TEXT)
    _refused(store, text, "names")
    path = f"{tmp_path}/blank.xml"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    assert main(["--db", sqlite_url, "lists", "import", path]) == 3
    assert "refused by the names check" in capsys.readouterr().err
    served = httpx.MockTransport(lambda _: httpx.Response(200, content=text.encode()))
    with pytest.raises(ListSanityError, match="names check"), httpx.Client(transport=served) as c:
        update_list(store, "http://127.0.0.1:9/list.xml", client=c)
    assert store.active_version() is not None
    assert store.active_version().source.endswith(PREVIOUS.name)  # type: ignore[union-attr]


def test_a_date_in_the_future_is_refused_and_does_not_block_genuine_lists(store: Store) -> None:
    _refused(store, dated(NEWEST_TEXT, "2099-01-01T00:00:00Z"), "date_generated")
    assert store.import_file(NEWEST).activated  # the genuine list after it goes in


def test_a_regime_dropped_whole_is_refused(store: Store) -> None:
    text = RECORD.sub(lambda m: "" if "<UN_LIST_TYPE>Somalia<" in m.group(0) else m.group(0),
                      NEWEST_TEXT)  # fmt: skip
    error = _refused(store, text, "regime_shrink")
    assert "Somalia" in str(error)


def test_a_repeated_reference_is_refused(store: Store) -> None:
    first = RECORD.search(NEWEST_TEXT)
    assert first is not None
    text = NEWEST_TEXT[: first.end()] + first.group(0) + NEWEST_TEXT[first.end() :]
    _refused(store, text, "references")


def test_force_overrides_every_check_but_an_empty_list(store: Store) -> None:
    text = dated(NEWEST_TEXT, "2099-01-01T00:00:00Z")
    done = store.import_list(text.encode(), source_kind="file", source="x", force=True)
    assert done.activated
    empty = RECORD.sub("", NEWEST_TEXT)
    with pytest.raises(ListSanityError, match="entries check.*No flag overrides") as caught:
        store.import_list(empty.encode(), source_kind="file", source="y", force=True)
    assert caught.value.override is None


def test_304_on_an_empty_store_is_an_error(sqlite_url: str) -> None:
    answer = httpx.MockTransport(lambda _: httpx.Response(304))
    with open_store(sqlite_url) as empty, httpx.Client(transport=answer) as client:
        with pytest.raises(DownloadError, match="304.*no list version is stored.*--force"):
            update_list(empty, "http://127.0.0.1:9/list.xml", client=client)
        assert empty.active_version() is None


class _Trickle(BaseHTTPRequestHandler):
    """64 bytes every 0.2 s, for ever (until the client hangs up)."""

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.end_headers()
        try:
            for _ in range(10_000):
                self.wfile.write(b"<!-- slow -->".ljust(64))
                self.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def test_a_trickling_server_meets_the_deadline(store: Store) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/consolidated.xml"
    try:
        started = time.monotonic()
        with pytest.raises(DownloadError, match=r"deadline of 1\.5 s.*--deadline"):
            update_list(store, url, deadline=1.5, retries=0)
        assert time.monotonic() - started < 10
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert store.active_version() is not None


# -- property: random damage never activates ------------------------------------------------

Mutation = Callable[[str], str]


def _blank_names(picks: list[int]) -> Mutation:
    def mutate(text: str) -> str:
        chosen = set(picks)
        count = -1

        def one(match: re.Match[str]) -> str:
            nonlocal count
            count += 1
            if count not in chosen:
                return match.group(0)
            return NAME_PART.sub(r"<\1_NAME></\1_NAME>", match.group(0))

        return RECORD.sub(one, text)

    return mutate


def _drop_regime(regime: str) -> Mutation:
    return lambda text: RECORD.sub(
        lambda m: "" if f"<UN_LIST_TYPE>{regime}<" in m.group(0) else m.group(0), text
    )


def _drop_share(seed: int) -> Mutation:
    def mutate(text: str) -> str:
        count = -1

        def one(match: re.Match[str]) -> str:
            nonlocal count
            count += 1
            return "" if (count * 7919 + seed) % 100 < 15 else match.group(0)

        return RECORD.sub(one, text)

    return mutate


def _future(days: int) -> Mutation:
    when = dt.datetime.now(dt.UTC) + dt.timedelta(days=days)
    return lambda text: dated(text, when.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _truncate(share: float) -> Mutation:
    return lambda text: text[: max(200, int(len(text) * share))]


def _duplicate(index: int) -> Mutation:
    def mutate(text: str) -> str:
        found = list(RECORD.finditer(text))
        if not found:  # an earlier cut left no whole record: that cut is the damage
            return text
        record = found[index % len(found)]
        return text[: record.end()] + record.group(0) + text[record.end() :]

    return mutate


REGIMES = sorted(set(re.findall(r"<UN_LIST_TYPE>([^<]+)<", NEWEST_TEXT)))
BAD = st.one_of(
    st.lists(st.integers(0, 1008), min_size=1, max_size=300).map(_blank_names),
    st.sampled_from(REGIMES).map(_drop_regime),
    st.integers(0, 99).map(_drop_share),
    st.integers(2, 30_000).map(_future),
    st.floats(0.0, 0.999).map(_truncate),
    st.integers(0, 1008).map(_duplicate),
)
EXAMPLES = int(os.environ.get("SANCTIONS_SCREEN_GATE_EXAMPLES", "40"))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutations=st.lists(BAD, min_size=1, max_size=3), neutral=st.sampled_from(["", "\n"]))
@example(mutations=[_truncate(0.0), _duplicate(0)], neutral="")  # found by a local run
def test_damaged_snapshots_never_become_active(
    store: Store, mutations: list[Mutation], neutral: str
) -> None:
    text = NEWEST_TEXT
    for mutate in mutations:
        text = mutate(text)
    before = store.active_version()
    versions = len(store.versions())
    with pytest.raises(ListError):
        store.import_list((text + neutral).encode("utf-8"), source_kind="file", source="m.xml")
    assert store.active_version() == before
    assert len(store.versions()) == versions
