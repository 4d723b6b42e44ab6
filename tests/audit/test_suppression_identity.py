"""Issue 13, finding 1: a false positive covered every party of the same name against the
entry. It now covers the identity the analyst saw (name, date of birth, nationality,
identifiers) and that entry's state; stronger evidence re-opens the alert, citing it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sanctions_screen.audit.queries import get_run, list_runs, pending_alerts, run_alerts
from sanctions_screen.audit.recorder import RowInput
from sanctions_screen.audit.review import decide
from sanctions_screen.cli.main import cli
from sanctions_screen.store.db import Store, open_store
from sanctions_screen.unlist.models import ListEntry, SanctionsList
from tests.audit.helpers import match_row, record_run
from tests.conftest import NEWEST

HEADER = "name,dob,nationality,passport\n"
COLUMNS = ["--dob-column", "dob", "--nationality-column", "nationality"]
COLUMNS += ["--passport-column", "passport"]


def _screen(url: str, tmp_path: Path, row: str) -> tuple[int, str]:
    source = tmp_path / f"in{len(list(tmp_path.glob('in*.csv')))}.csv"
    source.write_text(HEADER + row + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--db", url, "screen", str(source), *COLUMNS, "-q"], catch_exceptions=False
    )
    return result.exit_code, result.output


@pytest.fixture
def cleared(tmp_path: Path) -> str:
    """The repro's first half: JO YONG WON born 1990 in Singapore, cleared (listed 1957)."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with open_store(url) as store:
        store.import_file(NEWEST)
    code, out = _screen(url, tmp_path, "JO YONG WON,1990-01-01,Singapore,")
    assert code == 0 and ",review,0.800,KPi.043," in out
    with open_store(url) as store:
        (alert,) = pending_alerts(store)
        decide(store, alert.id, "false_positive", reviewer="ana", reason="DOB 1990, listed 1957")
    return url


def test_listed_party_with_matching_passport_is_not_suppressed(
    cleared: str, tmp_path: Path
) -> None:
    code, out = _screen(cleared, tmp_path, "Jo Yong-Won,1957-10-24,DPRK,108210124")
    assert code == 1  # was: suppressed, exit 0
    assert ",alert,1.000,KPi.043," in out and "suppressed" not in out
    assert "re-opened despite false positive (decision 1)" in out
    assert "passport number 108210124 matches" in out
    assert "date of birth matches" in out and "above the cleared 0.80 (review)" in out
    with open_store(cleared) as store:
        run = list_runs(store, limit=1)[0]
        (alert,) = run_alerts(store, run.id)
        assert alert.status == "reopened" and alert.suppressed_by == 1
        assert alert.note and "decision 1" in alert.note
        assert [a.id for a in pending_alerts(store)] == [alert.id]


def test_the_same_identity_stays_suppressed(cleared: str, tmp_path: Path) -> None:
    # written differently (case, spacing): the same identity as given
    code, out = _screen(cleared, tmp_path, "Jo  Yong Won , 1990-01-01 ,SINGAPORE,")
    assert code == 0
    assert ",suppressed,0.800,KPi.043," in out
    assert "[KPi.043 suppressed: false positive (decision 1)]" in out


def test_another_identity_of_the_same_name_is_not_covered(cleared: str, tmp_path: Path) -> None:
    code, out = _screen(cleared, tmp_path, "JO YONG WON,1985-03-02,Malaysia,")
    assert code == 0  # a review, not an alert: but pending, and it says why
    assert ",review,0.800,KPi.043," in out
    assert "not covered by false positive (decision 1): it cleared another identity" in out
    with open_store(cleared) as store:
        run = list_runs(store, limit=1)[0]
        (alert,) = run_alerts(store, run.id)
        assert alert.status == "open" and alert in pending_alerts(store)
        assert get_run(store, run.id).status == "completed"


def test_name_alone_scores_higher_and_reopens(cleared: str, tmp_path: Path) -> None:
    code, out = _screen(cleared, tmp_path, "JO YONG WON,,,")
    assert code == 1
    assert "re-opened despite false positive (decision 1)" in out
    assert "(alert) above the cleared 0.80 (review)" in out


@pytest.mark.parametrize(
    ("first", "later", "why"),
    [
        ({"score": 0.78}, {"score": 0.93}, "score 0.93 (alert) above the cleared 0.78"),
        ({}, {"identifier": "passport number 108210124 matches"}, "identifier: passport"),
        ({}, {"birth": "birth date 1957-10-24 matches"}, "date of birth matches"),
        ({}, {"birth": "birth year 1957 is listed"}, "birth year listed"),
        (
            {"birth": "birth year 1957 is listed"},
            {"birth": "birth date 1957-10-24 matches"},
            "date of birth matches",
        ),
    ],
)
def test_each_kind_of_stronger_evidence_reopens(
    store: Store,
    list_jan: SanctionsList,
    first: dict[str, object],
    later: dict[str, object],
    why: str,
) -> None:
    entry = list_jan.by_reference["KPi.043"]
    run1, _ = record_run(store, list_jan, [_row(entry, **first)])
    (alert,) = run_alerts(store, run1)
    decide(store, alert.id, "false_positive", reviewer="ana", reason="not him")
    run2, statuses = record_run(store, list_jan, [_row(entry, **later)])
    (again,) = run_alerts(store, run2)
    assert statuses == ["alert"] and again.status == "reopened"
    assert again.note is not None and why in again.note and "decision" in again.note
    # weaker or equal evidence stays suppressed
    run3, statuses = record_run(store, list_jan, [_row(entry, **first)])
    assert statuses == ["suppressed"]


def _row(
    entry: ListEntry, *, score: float = 0.8, identifier: str = "", birth: str = ""
) -> RowInput:
    row = match_row("JO YONG WON", entry, score=score)
    adjustments = []
    if identifier:
        adjustments.append({"evidence": "identifier", "reason": identifier, "delta": 0.0})
    if birth:
        adjustments.append({"evidence": "date_of_birth", "reason": birth, "delta": 0.05})
    row.alerts[0].evidence = {"explanation": {"adjustments": adjustments}}
    return row
