"""The list ``screen`` and ``search`` use when no ``--list`` is given, and how its age is
reported: at the start, in the run summary, in ``runs show`` and in the HTML report."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from sanctions_screen.report.html import render_report
from sanctions_screen.store.db import open_store
from sanctions_screen.unlist.freshness import list_age
from tests.conftest import NEWEST, ROOT, UN_DIR

EXAMPLE = ROOT / "examples" / "trade_shipments.csv"
BUNDLED_DATE = "2026-05-08T23:00:06.922+00:00"
DEAD_PROXY = {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}


def cli(db: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sanctions_screen.cli.main", "--db", db, *args],
        capture_output=True, text=True, timeout=300, env={**os.environ, **DEAD_PROXY, **env},
    )  # fmt: skip


def _ages_now(generated: str) -> set[int]:
    """The list's age today in days, allowing for a midnight passing during the test."""
    now = dt.datetime.now(dt.UTC)
    return {list_age(generated, now=now + dt.timedelta(minutes=m)).days for m in (0, 10)}


def test_empty_store_offline_screens_at_once_against_the_bundled_snapshot(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    source = tmp_path / "a.csv"
    source.write_text("Name\nYuk Tung Energy Pte Ltd\nJohn Smith\n", encoding="utf-8")
    proc = cli(db, "screen", str(source))
    assert proc.returncode == 1, proc.stderr
    first = proc.stderr.splitlines()[0]
    assert first.startswith(f"warning: no list version is stored in {db}: screening against ")
    assert "bundled with sanctions-screen (" in first and "generated 2026-05-08, " in first
    assert "`sanctions-screen lists update`" in first
    assert "`sanctions-screen lists import FILE` offline" in first
    assert "download" not in proc.stderr.lower()
    assert "KPe.075" in proc.stdout
    with open_store(db) as store:
        assert store.versions() == []  # nothing was fetched or imported

    found = cli(db, "search", "Yuk Tung Energy", "--json")
    assert found.returncode == 1 and "bundled with sanctions-screen" in found.stderr
    assert json.loads(found.stdout)["matches"][0]["reference_number"] == "KPe.075"


def test_stale_list_in_summary_runs_show_and_report(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    with open_store(db) as store:
        version = store.import_file(UN_DIR / "consolidated-2026-04-17.xml").version
    generated = "2026-04-17T23:00:06.464+00:00"
    days = _ages_now(generated)
    assert all(d > 30 for d in days)  # the test computes, not assumes, that it is stale
    proc = cli(db, "screen", str(EXAMPLE), "-o", str(tmp_path / "out.csv"),
               SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS="30")  # the default  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith(f"warning: the UN list in use (version {version.id}) is stale")
    line = next(x for x in proc.stderr.splitlines() if x.startswith("  list "))
    shown = re.fullmatch(
        rf"  list +version {version.id}, generated 2026-04-17, (\d+) days old: STALE, over the "
        r"30-day limit \(update with `sanctions-screen lists update`, or `lists import FILE` "
        r"offline\)",
        line,
    )
    assert shown and int(shown.group(1)) in days, line

    show = cli(db, "runs", "show", "1", "--json")
    recorded = json.loads(show.stdout)["run"]["list_age"]
    started = dt.datetime.fromisoformat(json.loads(show.stdout)["run"]["started_at"])
    expected = list_age(generated, now=started)
    assert recorded["days"] == expected.days and recorded["days"] in days
    assert recorded["stale"] is True and recorded["max_days"] == 30
    text = cli(db, "runs", "show", "1").stdout
    age_line = f"  list age  {expected.days} days at the start of the run: STALE, over the 30-day"
    assert f"{age_line} limit" in text

    with open_store(db) as store:
        html = render_report(store, 1)
    banner = re.search(r'<section id="stale-list"[^>]*>(.*?)</section>', html)
    assert banner and f"generated 2026-04-17, {expected.days} days old" in banner.group(1)
    assert html.index('id="stale-list"') < html.index('id="summary"')


def test_a_fresh_enough_list_is_not_called_stale(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    days = _ages_now(BUNDLED_DATE)
    limit = str(max(days) + 1)
    proc = cli(db, "screen", str(EXAMPLE), "--list", str(NEWEST), "-o", str(tmp_path / "o.csv"),
               SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS=limit)  # fmt: skip
    assert proc.returncode == 1 and "warning" not in proc.stderr and "STALE" not in proc.stderr
    show = json.loads(cli(db, "runs", "show", "1", "--json").stdout)["run"]
    assert show["config"]["max_list_age_days"] == int(limit)
    assert show["list_age"]["stale"] is False
    with open_store(db) as store:
        assert 'id="stale-list"' not in render_report(store, 1)


def test_quiet_still_warns_of_a_stale_list(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    proc = cli(db, "--no-record", "screen", str(EXAMPLE), "--list", str(NEWEST), "-q",
               "-o", str(tmp_path / "o.csv"), SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS="1")  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"warning: the UN list in use (file {NEWEST}) is stale")
    assert len(proc.stderr.splitlines()) == 1
