"""API keys and scopes over HTTP; loopback without keys; the CLI's key commands."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sanctions_screen.cli.main import main
from sanctions_screen.store.apikeys import create_key, hash_key, list_keys, revoke_key
from sanctions_screen.store.db import open_store
from sanctions_screen.store.tables import ApiKeyRow
from tests.conftest import NEWEST
from tests.service.conftest import Running, import_list, start_service


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Running, dict[str, str]]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('keyed') / 'store.db'}"
    import_list(url, NEWEST)
    with open_store(url) as store:
        keys = {
            "screen": create_key(store, "gateway", "screen").key,
            "review": create_key(store, "analyst", "review").key,
            "admin": create_key(store, "ops", ["admin", "screen"]).key,
        }
    running = start_service(url, record="off", key_refresh=0.2)
    yield running, keys
    running.stop()


def test_without_keys_loopback_is_served_and_forwarded_clients_are_not(service: Running) -> None:
    with service.client() as http:
        assert http.post("/screen", json={"name": "Ri Won Ho"}).status_code == 200
        # uvicorn trusts X-Forwarded-For from 127.0.0.1: a proxied remote client
        remote = http.post(
            "/screen", json={"name": "Ri Won Ho"}, headers={"X-Forwarded-For": "203.0.113.9"}
        )
    assert remote.status_code == 403
    assert "keys create" in remote.json()["detail"]


def test_keys_and_scopes(keyed: tuple[Running, dict[str, str]]) -> None:
    running, keys = keyed
    name = {"name": "Ri Won Ho"}
    with running.client() as anonymous:
        missing = anonymous.post("/screen", json=name)
        malformed = anonymous.post("/screen", json=name, headers={"Authorization": "Basic abc"})
        wrong = anonymous.post("/screen", json=name, headers={"Authorization": "ApiKey ssk_nope"})
        assert anonymous.get("/healthz").status_code == 200
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "ApiKey"
    assert malformed.status_code == 401 and wrong.status_code == 401
    with running.client(keys["screen"]) as gateway:
        assert gateway.post("/screen", json=name).status_code == 200
        assert gateway.post("/match/un", json={"queries": {}}).status_code == 200
        assert gateway.get("/alerts").status_code == 403
        assert gateway.post("/admin/reload").status_code == 403
    with running.client(keys["review"]) as analyst:
        assert analyst.get("/alerts").status_code == 200
        denied = analyst.post("/screen", json=name)
        assert denied.status_code == 403 and "'screen' scope" in denied.json()["detail"]
    with running.client(keys["admin"]) as ops:
        reload = ops.post("/admin/reload")
        assert reload.status_code == 200 and reload.json()["changed"] is False
    # loopback is no pass once keys exist
    with running.client(headers={"Authorization": "bearer " + keys["screen"]}) as bearer:
        assert bearer.post("/screen", json=name).status_code == 200


def test_a_new_key_works_at_once_and_a_revoked_one_stops(
    keyed: tuple[Running, dict[str, str]],
) -> None:
    running, _ = keyed
    with open_store(running.db_url) as store:
        key = create_key(store, "temporary", "screen").key
    import time

    with running.client(key) as http:
        # an unknown key re-reads the store at most once a second: a key made right after
        # another client's miss works from the next read (0.2 s here), not always at once
        deadline = time.monotonic() + 15
        status = http.post("/screen", json={"name": "x y"}).status_code
        while status == 401 and time.monotonic() < deadline:
            time.sleep(0.2)
            status = http.post("/screen", json={"name": "x y"}).status_code
        assert status == 200
        with open_store(running.db_url) as store:
            revoke_key(store, "temporary")

        # the service re-reads keys every 0.2 s here; a loaded machine may take longer
        deadline = time.monotonic() + 15
        status = 200
        while status == 200 and time.monotonic() < deadline:
            time.sleep(0.2)
            status = http.post("/screen", json={"name": "x y"}).status_code
        assert status == 401


def test_store_keeps_only_the_hash(db_url: str) -> None:
    with open_store(db_url) as store:
        made = create_key(store, "gateway", "screen,review")
        with store.session() as session:
            (row,) = session.query(ApiKeyRow).all()
            stored = (row.key_hash, row.scopes)
        (info,) = list_keys(store)
    assert made.key.startswith("ssk_") and len(made.key) > 40
    assert stored == (hash_key(made.key), "screen,review")
    assert made.key not in repr(info)
    assert info.scopes == ("screen", "review") and info.active


def test_keys_cli(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--db", sqlite_url, "keys", "create", "--name", "gw", "--scope", "screen,admin"]) == 0
    )
    created = capsys.readouterr()
    key = created.out.strip()
    assert key.startswith("ssk_") and "printed above once" in created.err
    assert main(["--db", sqlite_url, "keys", "list"]) == 0
    listed = capsys.readouterr().out
    assert "gw" in listed and "screen,admin" in listed and key not in listed
    assert main(["--db", sqlite_url, "keys", "create", "--name", "gw"]) == 3
    assert "exists already" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "keys", "create", "--name", "x", "--scope", "root"]) == 3
    assert main(["--db", sqlite_url, "keys", "revoke", "gw"]) == 0
    assert "revoked" in capsys.readouterr().out


def test_serve_refuses_a_public_address_without_keys(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", sqlite_url, "serve", "--host", "0.0.0.0", "--port", "9"]) == 2
    assert "loopback only" in capsys.readouterr().err
