"""The HTML report: self-contained, escaped, and showing the alerts in a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sanctions_screen.audit.observer import AuditObserver
from sanctions_screen.audit.queries import run_alerts
from sanctions_screen.report import render_report, write_report
from sanctions_screen.store.db import Store, open_store
from sanctions_screen.tabular.batch import screen_file
from tests.conftest import UN_DIR

TRADE = "\n".join(
    [
        "shipment_id,date,shipper_name,shipper_country,consignee_name,consignee_country,"
        "port_of_loading,port_of_discharge,hs_codes,goods_description",
        "S1,2026-02-03,Yuk Tung Energy Pte. Ltd.,Singapore,Petro Vina JSC,"
        "Viet Nam,Singapore,Haiphong,2710,Refined petroleum products",
        "S2,2026-02-04,Acme Sdn Bhd,Malaysia,Siam Foods Co. Ltd,Thailand,Port Klang,Laem Chabang,"
        "0803,Bananas",
        "S3,2026-02-05,Korea Mining Development Trading Corporation,DPRK,Golden Star Minerals PT,"
        "Indonesia,Nampo,Tanjung Priok,,Iron ore <script>alert(1)</script>",
        "",
    ]
)


@pytest.fixture(scope="module")
def screened(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, int]:
    tmp = tmp_path_factory.mktemp("report")
    store = open_store(f"sqlite:///{tmp / 'store.db'}")
    store.import_file(UN_DIR / "consolidated-2026-01-28.xml")
    source = tmp / "trade.csv"
    source.write_text(TRADE, encoding="utf-8")
    sanctions = store.load_version()
    observer = AuditObserver(store, sanctions)
    screen_file([source], tmp / "out.csv", sanctions, observer=observer)
    assert observer.run_id is not None
    return store, observer.run_id


def test_report_is_self_contained_and_escaped(screened: tuple[Store, int]) -> None:
    store, run_id = screened
    html = render_report(store, run_id)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert html.count("<svg") == 3
    for reference in ("KPe.075", "KPe.001"):
        assert f"<b>{reference}</b>" in html
    assert "ASEAN_DPRK_NEXUS" in html and "DPRK_SANCTIONED_GOODS" in html


def _chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("SANCTIONS_SCREEN_REQUIRE_CHROMIUM") == "1":
            pytest.fail("headless Chromium required (SANCTIONS_SCREEN_REQUIRE_CHROMIUM=1)")
        pytest.skip("chromium is not installed")
    return found


def _headless(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)


def test_chromium_renders_the_alerts(screened: tuple[Store, int], tmp_path: Path) -> None:
    binary = _chromium()
    assert binary is not None
    store, run_id = screened
    report = write_report(store, run_id, tmp_path / "report.html")
    url = report.resolve().as_uri()

    dom = _headless(binary, tmp_path / "profile", "--dump-dom", url).stdout
    alerts = run_alerts(store, run_id)
    assert f"Alerts ({len(alerts)})" in dom
    for alert in alerts:
        assert f'id="alert-{alert.id}"' in dom
    assert "KOREA MINING DEVELOPMENT TRADING CORPORATION" in dom
    assert "ASEAN–DPRK flags" in dom

    shot = tmp_path / "report.png"
    _headless(binary, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000", url)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
