"""The HTML report: self-contained, escaped, and showing the alerts in a real browser."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sanctions_screen.audit.details import UN_SEARCH_URL
from sanctions_screen.audit.models import AlertInfo
from sanctions_screen.audit.observer import AuditObserver
from sanctions_screen.audit.queries import run_alerts
from sanctions_screen.audit.review import decide
from sanctions_screen.report import render_report, write_report
from sanctions_screen.store.db import Store, open_store
from sanctions_screen.tabular.batch import screen_file
from tests.conftest import UN_DIR
from tests.report.cdp import FLAGS, Browser

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
    # One decided alert, so the report has more than one status to filter by.
    first = next(a for a in run_alerts(store, observer.run_id) if a.reference_number == "KPe.075")
    decide(store, first.id, "false_positive", reviewer="ana", reason="other company")
    return store, observer.run_id


def test_report_is_self_contained_and_escaped(screened: tuple[Store, int]) -> None:
    store, run_id = screened
    html = render_report(store, run_id)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # Nothing is fetched: no src, no stylesheet link; the only links are to the UN's pages.
    assert not re.search(r"""src\s*=\s*["']?(https?:|//)""", html)
    assert "<link" not in html and "@import" not in html
    hrefs = re.findall(r"""href\s*=\s*["']([^"']*)""", html)
    assert hrefs and all(h == UN_SEARCH_URL for h in hrefs)
    # One script, the report's own, allowed by its hash; the input's <script> is text.
    assert html.count("<script") == 1 and "&lt;script&gt;" in html
    script = html.split("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html
    assert "fetch(" not in script and "XMLHttpRequest" not in script
    assert html.count("<svg") == 3
    for reference in ("KPe.075", "KPe.001"):
        assert f"<b>{reference}</b>" in html
    assert "ASEAN_DPRK_NEXUS" in html and "DPRK_SANCTIONED_GOODS" in html


def _headless(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [binary, *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)


def test_chromium_renders_the_alerts(screened: tuple[Store, int], tmp_path: Path) -> None:
    binary = _chromium()
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


NAMES = (
    "name,dob,nationality,passport\n"
    "Jo Yong-Won,1957-10-24,North Korea,108210124\n"
    "Jo Yong Won,1990-01-01,Kenya,\n"
)


def test_listed_details_and_readable_evidence(tmp_path: Path) -> None:
    """Each match shows what the list says (from the version screened against) and its
    evidence as sentences, not JSON."""
    with open_store(f"sqlite:///{tmp_path / 'store.db'}") as store:
        store.import_file(UN_DIR / "consolidated-2026-01-28.xml")
        source = tmp_path / "names.csv"
        source.write_text(NAMES, encoding="utf-8")
        sanctions = store.load_version()
        observer = AuditObserver(store, sanctions)
        screen_file([source], tmp_path / "out.csv", sanctions, observer=observer)
        assert observer.run_id is not None
        store.import_file(UN_DIR / "consolidated-2026-05-08.xml")  # a newer version, unused
        html = render_report(store, observer.run_id)
    card = html[html.index("Listed entry <b>KPi.043</b>") :]
    card = card[: card.index("</article>")]
    for expected in (
        "<dt>Date of birth</dt><dd>1957-10-24</dd>",
        "<dt>Nationality</dt><dd>Democratic People&#x27;s Republic of Korea</dd>",
        "<dt>Passport</dt><dd>108210124 (Expiration date: 2023-06-04.)</dd>",
        "<dt>Listed on</dt><dd>2017-06-02</dd>",
        "<dt>Regime</dt><dd>DPRK (KP)</dd>",
        f'<a href="{UN_SEARCH_URL}" rel="noopener noreferrer" target="_blank">KPi.043</a>',
        "<dt>From list</dt><dd>version 1, 2026-01-28</dd>",
        "<li>Date of birth: birth date 1957-10-24 matches; listed 1957-10-24 (+0.08)</li>",
        "<li>Name 1.00: cho = cho, yong = yong, won = won</li>",
    ):
        assert expected in card, expected
    assert "birth year 1990 differs from listed 1957; listed 1957-10-24 (-0.15)" in html
    assert '"delta"' not in html and '"adjustments"' not in html  # no raw JSON left


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("SANCTIONS_SCREEN_REQUIRE_CHROMIUM") == "1":
            pytest.fail("headless Chromium required (SANCTIONS_SCREEN_REQUIRE_CHROMIUM=1)")
        pytest.skip("chromium is not installed")
    return found


def _open(browser: Browser, url: str) -> None:
    for domain in ("Page", "Runtime", "Log"):
        browser.call(f"{domain}.enable")
    browser.events.clear()
    browser.call("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")


def _problems(browser: Browser) -> list[str]:
    """Console errors, uncaught exceptions and CSP reports seen so far."""
    found = []
    for event in browser.events:
        params = event.get("params", {})
        if event["method"] == "Log.entryAdded" and params["entry"]["level"] in (
            "error",
            "warning",
        ):
            found.append(params["entry"]["text"])
        elif event["method"] == "Runtime.consoleAPICalled" and params["type"] in (
            "error",
            "warning",
        ):
            found.append(json.dumps(params["args"]))
        elif event["method"] == "Runtime.exceptionThrown":
            found.append(json.dumps(params["exceptionDetails"]))
    return found


_VISIBLE = (
    "Array.from(document.querySelectorAll('#alert-list article'))"
    ".filter(a => !a.hidden).map(a => a.id)"
)


def _choose(browser: Browser, name: str, value: str) -> list[str]:
    browser.evaluate(
        f"(() => {{ const f = document.getElementById('controls').elements.namedItem({name!r});"
        f" f.value = {value!r}; f.dispatchEvent(new Event('input', {{bubbles: true}})); }})()"
    )
    shown: list[str] = browser.evaluate(_VISIBLE)
    return shown


def _ids(alerts: list[AlertInfo]) -> list[str]:
    return [f"alert-{a.id}" for a in alerts]


def test_chromium_filters_sorts_and_prints_under_its_csp(
    screened: tuple[Store, int], tmp_path: Path
) -> None:
    binary = _chromium()
    store, run_id = screened
    alerts = run_alerts(store, run_id)
    report = write_report(store, run_id, tmp_path / "report.html")
    browser = Browser(binary, tmp_path / "profile")
    try:
        _open(browser, report.resolve().as_uri())
        assert browser.evaluate("document.documentElement.dataset.ready") == "1"
        assert browser.evaluate("document.getElementById('controls').hidden") is False
        assert browser.evaluate(_VISIBLE) == _ids(alerts)
        shown = f"{len(alerts)} of {len(alerts)} alerts shown"
        assert browser.evaluate("document.getElementById('shown').textContent") == shown

        decided = [a for a in alerts if a.state == "false_positive"]
        assert decided and _choose(browser, "state", "false_positive") == _ids(decided)
        _choose(browser, "state", "")
        goods = [a for a in alerts if a.flag == "DPRK_SANCTIONED_GOODS"]
        assert goods and _choose(browser, "flag", "DPRK_SANCTIONED_GOODS") == _ids(goods)
        _choose(browser, "flag", "")
        listed = [a for a in alerts if a.kind == "match" and a.regime == "KP"]
        assert set(_choose(browser, "regime", "KP")) >= set(_ids(listed))
        _choose(browser, "regime", "")
        found = _choose(browser, "q", "korea mining")
        komid = [a for a in alerts if a.reference_number == "KPe.001"]
        assert set(_ids(komid)) <= set(found) and len(found) < len(alerts)
        assert f"{len(found)} of {len(alerts)} alerts shown" == browser.evaluate(
            "document.getElementById('shown').textContent"
        )
        _choose(browser, "q", "")

        by_score = _choose(browser, "sort", "score")
        scored = sorted(
            (a for a in alerts if a.score is not None), key=lambda a: -(a.score or 0.0)
        )
        assert by_score[: len(scored)] == _ids(scored)
        by_name = _choose(browser, "sort", "name")
        names = browser.evaluate(
            "Array.from(document.querySelectorAll('#alert-list article'))"
            ".map(a => a.dataset.name)"
        )
        assert len(by_name) == len(alerts) and names[0] == min(names)
        assert [n[:1] for n in names] == sorted(n[:1] for n in names)
        _choose(browser, "sort", "line")
        assert browser.evaluate(_VISIBLE) == _ids(alerts)

        # In print: no controls, alerts and table rows never cut across pages.
        browser.call("Emulation.setEmulatedMedia", media="print")
        style = "getComputedStyle(document.querySelector({!r})).{}"
        assert browser.evaluate(style.format("#controls", "display")) == "none"
        assert browser.evaluate(style.format("article.alert-card", "breakInside")) == "avoid"
        assert browser.evaluate(style.format("#nexus tr", "breakInside")) == "avoid"
        pdf = base64.b64decode(browser.call("Page.printToPDF")["data"])
        assert pdf.startswith(b"%PDF")
        assert _problems(browser) == []

        # The check above can fail: a script the CSP does not name is refused, and said so.
        tampered = tmp_path / "tampered.html"
        tampered.write_text(
            report.read_text(encoding="utf-8").replace("alerts shown", "alerts visible"),
            encoding="utf-8",
        )
        browser.call("Emulation.setEmulatedMedia", media="screen")
        _open(browser, tampered.resolve().as_uri())
        assert browser.evaluate("document.documentElement.dataset.ready") is None
        assert any("Content Security Policy" in p for p in _problems(browser))
    finally:
        browser.close()
