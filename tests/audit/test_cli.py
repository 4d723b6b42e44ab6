"""The runs, review, rescreen and report commands over a real SQLite store."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sanctions_screen.audit.observer import AuditObserver
from sanctions_screen.audit.queries import list_runs, run_alerts
from sanctions_screen.cli.main import cli, main
from sanctions_screen.report import render_report
from sanctions_screen.store.db import open_store
from sanctions_screen.tabular.batch import screen_file
from tests.conftest import UN_DIR

NAMES = "name,country\nJo Yong-Won,North Korea\nAcme Trading Sdn Bhd,Malaysia\nJane Doe,Kenya\n"


@pytest.fixture
def screened(tmp_path: Path) -> tuple[str, int, Path]:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    source, output = tmp_path / "names.csv", tmp_path / "out.csv"
    source.write_text(NAMES, encoding="utf-8")
    with open_store(url) as store:
        store.import_file(UN_DIR / "consolidated-2026-01-28.xml")
        sanctions = store.load_version()
        observer = AuditObserver(store, sanctions, excel=True)
        screen_file([source], output, sanctions, observer=observer, excel=True)
    assert observer.run_id is not None
    return url, observer.run_id, output


def _run(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", url, *args], catch_exceptions=False)
    return result.exit_code, result.output


def test_runs_list_show_and_byte_identical_export(
    screened: tuple[str, int, Path], tmp_path: Path
) -> None:
    url, run_id, output = screened
    code, text = _run(url, "runs", "list")
    assert code == 0 and f"run {run_id}" in text and "names.csv" in text
    code, text = _run(url, "runs", "show", str(run_id))
    assert code == 0 and "KPi.043" in text and "sha256 c6a354e9" in text
    exported = tmp_path / "again.csv"
    code, _ = _run(url, "runs", "export", str(run_id), "-o", str(exported))
    assert code == 0
    assert exported.read_bytes() == output.read_bytes()
    assert output.read_bytes().startswith(b"\xef\xbb\xbf")  # the --excel BOM, kept


def test_review_from_a_script(screened: tuple[str, int, Path]) -> None:
    url, run_id, _ = screened
    code, text = _run(url, "review", "--no-input")
    assert code == 0 and "pending" in text and "KPi.043" in text
    with open_store(url) as store:
        alert = next(a for a in run_alerts(store, run_id) if a.reference_number == "KPi.043")
    args = ["review", "--alert", str(alert.id), "--reviewer", "ana"]
    code, text = _run(url, *args, "--decision", "false_positive", "--reason", "born 1990")
    assert code == 0 and "false_positive by ana" in text
    code, text = _run(url, *args, "--decision", "escalate", "--reason", "second look")
    assert code == 0 and "supersedes decision" in text
    code, text = _run(url, "review", "--history", str(alert.id))
    assert text.count("decision ") == 2 and "born 1990" in text and "second look" in text
    code, text = _run(url, "review", "--no-input")
    assert f"alert {alert.id} " not in text
    code, text = _run(url, "review", "--no-input", "--escalated")
    assert f"alert {alert.id} " in text


def test_review_usage_and_data_errors(screened: tuple[str, int, Path]) -> None:
    url, _, _ = screened
    assert main(["--db", url, "review", "--alert", "1", "--decision", "escalate"]) == 2
    assert (
        main(
            [
                "--db",
                url,
                "review",
                "--alert",
                "999",
                "--decision",
                "escalate",
                "--reviewer",
                "a",
                "--reason",
                "r",
            ]
        )
        == 3
    )
    assert main(["--db", url, "runs", "show", "77"]) == 3


def test_rescreen_and_report_commands(
    screened: tuple[str, int, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, run_id, _ = screened
    with open_store(url) as store:
        alert = next(a for a in run_alerts(store, run_id) if a.reference_number == "KPi.043")
    _run(
        url,
        "review",
        "--alert",
        str(alert.id),
        "--decision",
        "false_positive",
        "--reviewer",
        "ana",
        "--reason",
        "different person",
    )
    _run(url, "lists", "import", str(UN_DIR / "consolidated-2026-04-17.xml"))
    with pytest.raises(SystemExit) as exited:  # what the console script exits with
        main(["--db", url, "rescreen"])
    assert exited.value.code == 1
    code, text = _run(url, "rescreen", "--json")
    assert code == 0 and '"hits": []' in text

    printed = capsys.readouterr().out
    assert "re-opened false positives: 1" in printed
    assert "KPi.043: entry amended (documents)" in printed

    report = tmp_path / "report.html"
    code, text = _run(url, "report", str(run_id), "-o", str(report))
    assert code == 0 and report.read_text(encoding="utf-8").count("KPi.043") >= 1


def test_review_asks_on_a_terminal(
    screened: tuple[str, int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sanctions_screen.audit.review import history
    from sanctions_screen.cli import audit as audit_cli

    url, run_id, _ = screened
    monkeypatch.setattr(audit_cli, "on_terminal", lambda: True)
    with open_store(url) as store:
        first, second = run_alerts(store, run_id)[:2]
    answers = "bo\nf\nnot the listed person\ns\nq\n"
    result = CliRunner().invoke(cli, ["--db", url, "review"], input=answers)
    assert result.exit_code == 0, result.output
    assert "[1/" in result.output and "recorded decision" in result.output
    with open_store(url) as store:
        (made,) = history(store, first.id)
        assert (made.decision.value, made.reviewer, made.reason) == (
            "false_positive",
            "bo",
            "not the listed person",
        )
        assert history(store, second.id) == []


@pytest.mark.parametrize(
    "options", [["--excel"], ["--format", "jsonl", "--only-alerts"], ["--workers", "2"]]
)
def test_screen_command_wired_to_the_audit_trail(
    screened: tuple[str, int, Path], tmp_path: Path, options: list[str]
) -> None:
    """The wiring proposed for cli/main.py: the screen command's output comes back byte
    for byte from `runs export`, and a false positive comes back as suppressed."""
    import click

    from sanctions_screen.cli import audit as audit_cli

    url, first_run, _ = screened
    with open_store(url) as store:
        alert = next(a for a in run_alerts(store, first_run) if a.reference_number == "KPi.043")
    _run(url, "review", "--alert", str(alert.id), "--decision", "false_positive",
         "--reviewer", "ana", "--reason", "different person")  # fmt: skip

    def factory(**kwargs: object) -> object:
        return audit_cli.observer_factory(click.get_current_context())(**kwargs)

    source, output = tmp_path / "names.csv", tmp_path / "screened.out"
    source.write_text(NAMES, encoding="utf-8")
    args = ["--db", url, "screen", str(source), "-o", str(output), "-q", *options]
    result = CliRunner().invoke(cli, args, obj={"observer_factory": factory})
    assert result.exit_code in (0, 1), result.output

    run_id = first_run + 1
    with open_store(url) as store:
        statuses = {a.reference_number: a.status for a in run_alerts(store, run_id)}
    assert statuses["KPi.043"] == "suppressed"
    again = tmp_path / "again.out"
    _run(url, "runs", "export", str(run_id), "-o", str(again))
    assert again.read_bytes() == output.read_bytes()
    assert b"KPi.043 suppressed: false positive" in output.read_bytes()


def test_runs_list_counts_add_up_and_decided_alerts_show_their_decision(
    tmp_path: Path,
) -> None:
    """Rows by status plus bad rows make the rows read; alerts by state make the alerts;
    an alert with a decision shows the decision, not ``open``."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    source = tmp_path / "names.csv"
    source.write_text(
        "name,country\nJo Yong-Won,North Korea\n,Kenya\nAcme Trading Sdn Bhd,Malaysia\n"
        'Jane Doe,Kenya\nKim Jong Un,DPRK\n"broken,x\n',
        encoding="utf-8",
    )
    with open_store(url) as store:
        store.import_file(UN_DIR / "consolidated-2026-01-28.xml")
    code, _ = _run(url, "screen", str(source), "-o", str(tmp_path / "out.csv"))
    assert code != 0  # alerts, and bad rows
    with open_store(url) as store:
        (run,) = list_runs(store)
        alerts = run_alerts(store, run.id)
    assert run.rows_skipped == 2 and run.rows_read == 6
    assert sum(run.rows_by_status.values()) + run.rows_skipped == run.rows_read
    assert run.alert_count == len(alerts) == sum(run.alerts_by_state.values())
    assert run.rows_with_alerts == len({a.row_position for a in alerts})

    decided = alerts[0]
    _, _ = _run(
        url,
        "review",
        "--alert",
        str(decided.id),
        "--decision",
        "true_match",
        "--reviewer",
        "ana",
        "--reason",
        "same person",
    )
    code, text = _run(url, "runs", "list")
    assert code == 0
    match = re.search(
        r"(\d+) rows: (\d+) alert, (\d+) review, (\d+) suppressed, (\d+) clear, (\d+) bad; "
        r"(\d+) alerts on (\d+) rows: (.*)",
        text,
    )
    assert match is not None, text
    numbers = [int(n) for n in match.groups()[:8]]
    assert numbers[0] == sum(numbers[1:6]) == 6
    states = dict(reversed(part.split(" ", 1)) for part in match.group(9).split(", "))
    assert sum(int(n) for n in states.values()) == numbers[6] == len(alerts)
    assert states["true_match"] == "1" and int(states["open"]) == len(alerts) - 1

    code, text = _run(url, "runs", "show", str(run.id))
    line = next(x for x in text.splitlines() if f"alert {decided.id} " in x)
    assert "true_match" in line and " open " not in line and "ana: same person" in line
    code, text = _run(url, "runs", "show", str(run.id), "--json")
    shown = json.loads(text)
    state = {a["id"]: a["state"] for a in shown["alerts"]}
    assert state[decided.id] == "true_match"
    assert shown["run"]["alerts_by_state"] == states | {"true_match": 1, "open": len(alerts) - 1}
    with open_store(url) as store:
        html = render_report(store, run.id)
    row = html[html.index(f'id="alert-{decided.id}"') :]
    assert ">true_match</span>" in row[: row.index("</article>")]


def test_review_shows_listed_details_in_text_and_json(screened: tuple[str, int, Path]) -> None:
    url, _, _ = screened
    code, text = _run(url, "review", "--no-input")
    assert code == 0
    block = text[text.index("~ KPi.043 JO YONG-WON") :].split("\n  alert ", 1)[0]
    for expected in (
        "reference      KPi.043 (https://scsanctions.un.org/search/)",
        "regime         DPRK (KP)",
        "listed on      2017-06-02",
        "date of birth  1957-10-24",
        "nationality    Democratic People's Republic of Korea",
        "passport       108210124 (Expiration date: 2023-06-04.)",
        "from list      version 1, 2026-01-28",
    ):
        assert expected in block, expected
    code, text = _run(url, "review", "--json")
    listed = next(a["listed"] for a in json.loads(text) if a["reference_number"] == "KPi.043")
    assert listed["dates_of_birth"] == ["1957-10-24"]
    assert listed["passports"] == ["108210124 (Expiration date: 2023-06-04.)"]
    assert listed["listed_on"] == "2017-06-02" and listed["list_version_id"] == 1
    assert listed["un_url"] == "https://scsanctions.un.org/search/"
