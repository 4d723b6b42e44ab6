"""Decisions are kept in full; a false positive suppresses the same alert until the entry
changes (KPi.043 was really amended between 2026-01-28 and 2026-04-17)."""

from __future__ import annotations

import pytest

from sanctions_screen.audit.models import Decision
from sanctions_screen.audit.queries import get_alert, pending_alerts, run_alerts
from sanctions_screen.audit.review import decide, history
from sanctions_screen.exceptions import AuditError
from sanctions_screen.store.db import Store
from sanctions_screen.unlist.models import SanctionsList
from tests.audit.helpers import clear_row, match_row, record_run


def test_decisions_are_superseded_never_overwritten(store: Store, list_jan: SanctionsList) -> None:
    entry = list_jan.by_reference["KPe.075"]
    run_id, _ = record_run(store, list_jan, [match_row("Yuk Tung Energy Pte. Ltd.", entry)])
    (alert,) = run_alerts(store, run_id)
    assert [a.id for a in pending_alerts(store)] == [alert.id]

    first = decide(store, alert.id, "escalate", reviewer="ana", reason="needs L2")
    second = decide(store, alert.id, Decision.TRUE_MATCH, reviewer="bo", reason="same address")

    assert second.supersedes_id == first.id
    assert [(d.decision, d.reviewer) for d in history(store, alert.id)] == [
        (Decision.ESCALATE, "ana"),
        (Decision.TRUE_MATCH, "bo"),
    ]
    assert get_alert(store, alert.id).decision == second
    assert pending_alerts(store) == []


def test_false_positive_suppresses_same_party_and_entry_in_later_runs(
    store: Store, list_jan: SanctionsList
) -> None:
    entry = list_jan.by_reference["KPi.043"]
    run1, _ = record_run(store, list_jan, [match_row("JO YONG WON", entry), clear_row("Acme")])
    (alert,) = run_alerts(store, run1)
    decide(store, alert.id, "false_positive", reviewer="ana", reason="born 1990, not 1957")

    # Same party written differently (case, hyphen, spacing): same fingerprint.
    run2, statuses = record_run(store, list_jan, [match_row("Jo  Yong-Won", entry)])
    (later,) = run_alerts(store, run2)
    assert statuses == ["suppressed"]
    assert later.status == "suppressed" and later.suppressed_by is not None
    assert pending_alerts(store) == []

    # Another party against the same entry is a different alert.
    run3, statuses = record_run(store, list_jan, [match_row("Jo Yong Chol", entry)])
    assert statuses == ["alert"]


def test_amended_entry_reopens_the_alert_with_the_change(
    store: Store, list_jan: SanctionsList, list_apr: SanctionsList
) -> None:
    jan, apr = list_jan.by_reference["KPi.043"], list_apr.by_reference["KPi.043"]
    run1, _ = record_run(store, list_jan, [match_row("JO YONG WON", jan)])
    (alert,) = run_alerts(store, run1)
    decide(store, alert.id, "false_positive", reviewer="ana", reason="different person")

    run2, statuses = record_run(store, list_apr, [match_row("JO YONG WON", apr)])
    (reopened,) = run_alerts(store, run2)
    assert statuses == ["alert"]
    assert reopened.status == "reopened"
    assert [c.field for c in reopened.changes] == ["documents"]
    (change,) = reopened.changes
    assert change.old[0]["note"] == "Expiration date: 2023-06-04."
    assert change.new[0]["note"] is None  # moved to DATE_OF_EXPIRY, an element Jan never had
    assert [a.id for a in pending_alerts(store)] == [reopened.id]


def test_entry_only_reserialised_stays_suppressed(
    store: Store, list_jan: SanctionsList, list_apr: SanctionsList
) -> None:
    # KPe.075 gained HAS_INTERPOL_LINK/INTERPOL_LINK in April: new elements, no amendment.
    run1, _ = record_run(store, list_jan, [match_row("YUK TUNG", list_jan.by_reference["KPe.075"])])
    decide(store, run_alerts(store, run1)[0].id, "false_positive", reviewer="a", reason="r")
    assert list_jan.by_reference["KPe.075"] != list_apr.by_reference["KPe.075"]
    later = list_apr.by_reference["KPe.075"]
    _, statuses = record_run(store, list_apr, [match_row("YUK TUNG", later)])
    assert statuses == ["suppressed"]


def test_later_true_match_lifts_the_suppression(store: Store, list_jan: SanctionsList) -> None:
    entry = list_jan.by_reference["KPi.043"]
    run1, _ = record_run(store, list_jan, [match_row("JO YONG WON", entry)])
    alert_id = run_alerts(store, run1)[0].id
    decide(store, alert_id, "false_positive", reviewer="ana", reason="r1")
    decide(store, alert_id, "true_match", reviewer="lead", reason="overruled")
    _, statuses = record_run(store, list_jan, [match_row("JO YONG WON", entry)])
    assert statuses == ["alert"]


@pytest.mark.parametrize(
    ("decision", "reviewer", "reason", "message"),
    [
        ("maybe", "ana", "r", "unknown decision"),
        ("true_match", " ", "r", "reviewer"),
        ("true_match", "ana", "", "reason"),
    ],
)
def test_bad_decisions_are_refused(
    store: Store, list_jan: SanctionsList, decision: str, reviewer: str, reason: str, message: str
) -> None:
    entry = list_jan.by_reference["KPi.043"]
    run_id, _ = record_run(store, list_jan, [match_row("JO YONG WON", entry)])
    with pytest.raises(AuditError, match=message):
        decide(store, run_alerts(store, run_id)[0].id, decision, reviewer=reviewer, reason=reason)
    with pytest.raises(AuditError, match="no alert 999"):
        decide(store, 999, "true_match", reviewer="a", reason="r")


def test_change_text_shows_only_what_differs() -> None:
    from sanctions_screen.audit.changes import change_text
    from sanctions_screen.unlist.diff import FieldChange

    old = "Review concluded. " * 20 + "Notice: /View-UN-Notices-Individuals"
    text = change_text(FieldChange(field="comments", old=old, new=old[:-11] + "Entities"))
    assert text == 'comments: …N-Notices-Individuals" -> …N-Notices-Entities"'
    gender = FieldChange(field="gender", old=None, new="Male")
    assert change_text(gender) == 'gender: null -> "Male"'
