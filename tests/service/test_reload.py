"""Hot reload: a new active list version is swapped in while requests run; none fails."""

from __future__ import annotations

import threading
import time
from collections import Counter

import httpx
import pytest

from sanctions_screen.matching.screener import Screener
from sanctions_screen.service import lists
from tests.conftest import NEWEST
from tests.service.conftest import OLDER, Running, import_list, start_service, wait_for


def test_new_version_is_picked_up_under_load_without_a_failed_request(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    import_list(url, OLDER)
    running = start_service(url, reload_interval=0.3, record="batch")
    seen: list[tuple[int, str, str]] = []  # (client, header, field)
    failures: list[str] = []
    stop = threading.Event()

    def hammer(number: int) -> None:
        with httpx.Client(base_url=running.url, timeout=30) as http:
            names = ["Ri Won Ho", "Yuk Tung Energy", "Acme Trading Sdn Bhd", "Kim Chol"]
            k = 0
            while not stop.is_set():
                try:
                    response = http.post("/screen", json={"name": names[k % len(names)]})
                except httpx.HTTPError as exc:
                    failures.append(repr(exc))
                    continue
                k += 1
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {response.text}")
                    continue
                field = response.json()["list_version"]["date_generated"][:10]
                seen.append((number, response.headers["X-List-Version"], field))

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(4)]
    try:
        for thread in threads:
            thread.start()
        wait_for(lambda: len(seen) > 50)
        import_list(url, NEWEST)
        wait_for(lambda: any(f == "2026-05-08" for _, _, f in seen[-20:]), 60)
        count = len(seen)
        wait_for(lambda: len(seen) > count + 50)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
        running.stop()
    assert failures == []
    dates = Counter(f for _, _, f in seen)
    assert set(dates) == {"2026-04-17", "2026-05-08"}
    for number in range(4):  # each client sees the old version, then only the new one
        mine = [f for n, _, f in seen if n == number]
        switched = mine.index("2026-05-08")
        assert set(mine[:switched]) == {"2026-04-17"} and set(mine[switched:]) == {"2026-05-08"}
    for _, header, field in seen:
        assert header.split(" ", 1)[1].startswith(field)


def test_the_replaced_list_is_freed_while_requests_run_and_answers_stay_the_same(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch, screener: Screener
) -> None:
    monkeypatch.setattr(lists, "RETIRE_AFTER", 0.0)  # freed in slices at once, under load
    names = ["Ri Won Ho", "Yuk Tung Energy", "Acme Trading Sdn Bhd", "Kim Chol", "Jane Doe"]
    expected = {name: screener.screen(name).to_dict() for name in names}
    url = f"sqlite:///{tmp_path}/store.db"
    import_list(url, OLDER)
    running = start_service(url, reload_interval=0.3, record="off")
    holder = running.server.config.app.state.service.lists
    answers: list[tuple[str, str, dict[str, object]]] = []  # (name, list date, answer)
    failures: list[str] = []
    stop = threading.Event()

    def hammer(number: int) -> None:
        with httpx.Client(base_url=running.url, timeout=30) as http:
            k = number
            while not stop.is_set():
                name = names[k % len(names)]
                k += 1
                try:
                    response = http.post("/screen", json={"name": name})
                except httpx.HTTPError as exc:
                    failures.append(repr(exc))
                    continue
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {response.text}")
                    continue
                data = response.json()
                answers.append((name, data["list_version"]["date_generated"][:10], data))

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(4)]
    try:
        for thread in threads:
            thread.start()
        wait_for(lambda: len(answers) > 50)
        import_list(url, NEWEST)
        wait_for(lambda: holder.reloads == 2, 60)
        wait_for(lambda: not holder._retiring, 60)  # the old list freed, slice by slice
        count = len(answers)
        wait_for(lambda: len(answers) > count + 50)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
        running.stop()
    assert failures == []
    newer = [(name, data) for name, date, data in answers if date == "2026-05-08"]
    assert len(newer) > 50
    for name, data in newer:
        assert {k: data[k] for k in expected[name]} == expected[name], name


def test_admin_reload_swaps_at_once(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    import_list(url, OLDER)
    running = start_service(url, reload_interval=0, record="off")
    try:
        with running.client() as http:
            before = http.get("/lists").json()
            assert before["list_version"]["date_generated"].startswith("2026-04-17")
            import_list(url, NEWEST)
            time.sleep(0.5)
            assert http.get("/readyz").json()["list_version"] == before["list_version"]
            reloaded = http.post("/admin/reload").json()
            assert reloaded["changed"] is True
            assert reloaded["list_version"]["date_generated"].startswith("2026-05-08")
            after = http.get("/lists").json()
            assert after["active"]["sha256"] == after["list_version"]["sha256"]
            assert http.post("/admin/reload").json()["changed"] is False
    finally:
        running.stop()


def test_running_keeps_its_list_when_the_store_has_none_newer(service: Running) -> None:
    with service.client() as http:
        assert http.post("/admin/reload").json()["changed"] is False
