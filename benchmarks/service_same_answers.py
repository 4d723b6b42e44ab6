"""HTTP and the library give the same answers: every name screened both ways, compared.

    python -m benchmarks.service_same_answers --names 10000

Starts ``sanctions-screen serve`` on a free loopback port over a fresh SQLite store holding
the newest UN snapshot, sends the names through ``/screen/batch`` (and every tenth one
through ``/screen``), screens them with the library's ``Screener`` in this process, and
prints the number of differences (0 expected). tests/service/test_screening.py runs the
same comparison on 500 names against an in-process server.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.throughput import generate_names
from sanctions_screen.matching.screener import Screener
from sanctions_screen.unlist.models import SanctionsList

ROOT = Path(__file__).resolve().parent.parent
NEWEST = ROOT / "lists" / "un" / "consolidated-2026-05-08.xml.xz"


def sample_queries(
    sanctions_list: SanctionsList, count: int, seed: int = 7
) -> list[dict[str, Any]]:
    """Names as the throughput benchmark makes them; a third carry evidence as well (kind,
    country, birth date, a passport or IMO number), some of it a listed entry's own."""
    rng = random.Random(seed)
    entries = sanctions_list.entries
    out: list[dict[str, Any]] = []
    for name in generate_names(sanctions_list, count, seed):
        query: dict[str, Any] = {"name": name}
        if rng.random() < 0.33:
            entry = rng.choice(entries)
            query["kind"] = rng.choice(["person", "organization", "vessel"])
            if entry.nationalities:
                query["country"] = rng.choice(entry.nationalities)
            elif entry.addresses and entry.addresses[0].country:
                query["country"] = entry.addresses[0].country
            births = [d.date.isoformat() for d in entry.dates_of_birth if d.date]
            if births and rng.random() < 0.5:
                query["birth_date"] = births[0]
            numbers = [d.number for d in entry.documents if d.number]
            if numbers and rng.random() < 0.5:
                query["passport"] = numbers[0]
            if entry.imo_numbers:
                query["identifiers"] = [f"IMO {entry.imo_numbers[0]}"]
        out.append(query)
    return out


def library_answer(screener: Screener, query: dict[str, Any]) -> dict[str, Any]:
    identifiers = [i for i in (query.get("passport"), *query.get("identifiers", [])) if i]
    result = screener.screen(
        query["name"],
        kind=query.get("kind"),
        country=query.get("country"),
        birth_date=query.get("birth_date"),
        identifiers=identifiers,
    )
    data: dict[str, Any] = json.loads(json.dumps(result.to_dict()))
    return data


def compare(
    http: httpx.Client, screener: Screener, queries: list[dict[str, Any]], *, batch: int = 500
) -> list[str]:
    """Differences between HTTP answers and the library's, one line each."""
    differences: list[str] = []
    for start in range(0, len(queries), batch):
        part = queries[start : start + batch]
        response = http.post("/screen/batch", json={"items": part})
        if response.status_code != 200:
            differences.append(f"batch at {start}: HTTP {response.status_code} {response.text}")
            continue
        for k, (query, got) in enumerate(zip(part, response.json()["results"], strict=True)):
            if got != library_answer(screener, query):
                differences.append(f"item {start + k} {query!r}: batch answer differs")
    for k in range(0, len(queries), 10):
        response = http.post("/screen", json=queries[k])
        got = response.json()
        got.pop("list_version", None)
        got.pop("request_id", None)
        if response.status_code != 200 or got != library_answer(screener, queries[k]):
            differences.append(f"item {k} {queries[k]!r}: /screen answer differs")
    return differences


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from sanctions_screen import load_list
    from sanctions_screen.store.db import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/store.db"
        with open_store(db) as store:
            store.import_file(NEWEST)
        sanctions_list = load_list(NEWEST)
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sanctions_screen.cli.main",
                "--db",
                db,
                "serve",
                "--port",
                str(port),
                "--log-level",
                "warning",
                "--reload-interval",
                "0",
            ],
            env={**os.environ},
        )
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as http:
                _wait_ready(http, server)
                queries = sample_queries(sanctions_list, args.names, args.seed)
                started = time.perf_counter()
                differences = compare(http, Screener(sanctions_list), queries)
                seconds = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(60)
    for line in differences[:20]:
        print(line)
    singles = len(range(0, args.names, 10))
    print(
        f"{args.names} names through /screen/batch and {singles} through /screen: "
        f"{len(differences)} differences ({seconds:.1f} s; load {_loadavg()})"
    )
    return 1 if differences else 0


def _wait_ready(http: httpx.Client, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the service exited with {server.returncode}")
        try:
            if http.get("/readyz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the service did not become ready")


def _loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    sys.exit(main())
