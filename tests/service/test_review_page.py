"""The review page in a real headless Chromium: sign in, open the queue, decide an alert,
and find the decision in the audit trail."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

from sanctions_screen.audit import pending_alerts
from sanctions_screen.audit.review import history
from sanctions_screen.store.apikeys import create_key
from sanctions_screen.store.db import open_store
from tests.conftest import NEWEST
from tests.report.cdp import FLAGS
from tests.service.conftest import Running, import_list, start_service, wait_for

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("SANCTIONS_SCREEN_REQUIRE_CHROMIUM"):
            pytest.fail(f"chromium not found at {CHROMIUM}")
        pytest.skip("chromium is not installed")
    if os.environ.get("SANCTIONS_SCREEN_REQUIRE_CHROMIUM"):
        import playwright.sync_api as sync_api  # the dev extra has it: no silent skip in CI
    else:
        sync_api = pytest.importorskip("playwright.sync_api")
    profile = tempfile.mkdtemp(prefix="review-chromium-")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=list(FLAGS)
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Running, str, str]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('page') / 'store.db'}"
    import_list(url, NEWEST)
    with open_store(url) as store:
        review_key = create_key(store, "ana", "review").key
        screen_key = create_key(store, "gateway", "screen").key
    running = start_service(url, record="request", reload_interval=0)
    yield running, review_key, screen_key
    running.stop()


def test_decide_an_alert_in_chromium(browser: object, keyed: tuple[Running, str, str]) -> None:
    running, review_key, screen_key = keyed
    with running.client(screen_key) as http:
        http.post("/screen", json={"name": "Yuk Tung Energy Pte Ltd", "kind": "organization"})
        http.post("/screen", json={"name": "Ri Won Ho", "birth_date": "1964-07-17"})
    with open_store(running.db_url) as store:
        wait_for(lambda: len(pending_alerts(store)) == 2)
        target = next(a for a in pending_alerts(store) if a.reference_number == "KPe.075")

    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{running.url}/review")
    assert page.url.endswith("/review/login")  # no key yet: the sign-in form
    page.fill("input[name=key]", "ssk_wrong")
    page.click("main form button")
    assert "Unknown or revoked key" in page.content()
    page.fill("input[name=key]", review_key)
    page.click("main form button")
    page.wait_for_url(f"{running.url}/review")
    assert "Review queue: 2 alerts" in page.inner_text("h1")
    assert "signed in as ana" in page.inner_text("header")

    page.select_option("select[name=status]", "open")
    page.fill("input[name=regime]", "KP")
    page.click("form.filters button")
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    page.click(f"a[href='/review/alerts/{target.id}']")
    page.wait_for_url(f"**/review/alerts/{target.id}")
    body = page.inner_text("main")
    assert "YUK TUNG ENERGY PTE LTD" in body and "KPe.075" in body
    assert "Listed entry (as when the alert was raised)" in body
    assert "80 Raffles Place" in body  # the entry's address, from its snapshot
    evidence = page.inner_text("#evidence")
    assert "yuk = yuk" in evidence
    assert "No decision yet." in body

    page.check("input[value=false_positive]")
    page.fill("textarea[name=reason]", "Different company: registered 2019 in Hong Kong")
    page.click("#decide button")
    page.wait_for_url(f"**/review/alerts/{target.id}?decided=*")
    assert "recorded" in page.inner_text("#notice")
    history_text = page.inner_text("#history")
    assert "false_positive" in history_text and "ana" in history_text

    with open_store(running.db_url) as store:
        (decision,) = history(store, target.id)
        assert decision.decision.value == "false_positive" and decision.reviewer == "ana"
        assert decision.reason == "Different company: registered 2019 in Hong Kong"
        assert [a.reference_number for a in pending_alerts(store)] == ["KPi.033"]

    page.goto(f"{running.url}/review?status=decided")  # decided needs a run: said on the page
    assert "needs run=RUN" in page.content()
    page.goto(f"{running.url}/review?status=decided&run={target.run_id}")
    assert page.locator("tbody tr").count() == 1
    page.close()


def test_page_refuses_without_a_review_key(keyed: tuple[Running, str, str]) -> None:
    running, _, screen_key = keyed
    with running.client(screen_key) as http:
        response = http.get("/review", follow_redirects=False)
        assert response.status_code == 403  # a key, but not one for review
    with running.client() as http:
        response = http.get("/review", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/review/login"
        posted = http.post(
            "/review/alerts/1/decision", data={"decision": "true_match"}, follow_redirects=False
        )
        assert posted.status_code == 303
