"""Issue 13, finding 9: eight analysts deciding on one alert at once forked its history
(several decisions superseding the same one). Each writer here has its own engine, as
separate processes or service workers would."""

from __future__ import annotations

import threading

from sanctions_screen.audit.queries import run_alerts
from sanctions_screen.audit.review import decide, history
from sanctions_screen.store.db import Store, open_store
from sanctions_screen.unlist.models import SanctionsList
from tests.audit.helpers import match_row, record_run

WRITERS = 8
ROUNDS = 3


def test_parallel_decisions_keep_one_alert_history_linear(
    store: Store, db_url: str, list_jan: SanctionsList
) -> None:
    entry = list_jan.by_reference["KPi.043"]
    run_id, _ = record_run(store, list_jan, [match_row("JO YONG WON", entry)])
    (alert,) = run_alerts(store, run_id)
    # a second alert with the same key (a later run): its decisions share the history
    run2, _ = record_run(store, list_jan, [match_row("Jo Yong-Won", entry, score=0.95)])
    (later,) = run_alerts(store, run2)
    assert later.status != "suppressed"

    stores = [open_store(db_url) for _ in range(WRITERS)]
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def analyst(number: int) -> None:
        try:
            for round_ in range(ROUNDS):
                barrier.wait()
                target = alert.id if number % 2 else later.id
                decide(
                    stores[number],
                    target,
                    "escalate",
                    reviewer=f"analyst{number}",
                    reason=f"round {round_}",
                )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=analyst, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for opened in stores:
        opened.close()
    assert errors == []

    decisions = history(store, alert.id)
    assert len(decisions) == WRITERS * ROUNDS
    assert decisions[0].supersedes_id is None
    assert [d.supersedes_id for d in decisions[1:]] == [d.id for d in decisions[:-1]]
    assert history(store, later.id) == decisions
