"""Shared fixtures: the real UN snapshots shipped in ``lists/un/``, parsed once per session."""

from __future__ import annotations

import hashlib
import lzma
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings as hypothesis_settings

from sanctions_screen.unlist.models import SanctionsList
from sanctions_screen.unlist.parser import parse_list_file

if TYPE_CHECKING:
    from sanctions_screen.matching import Screener

# CI (CI=true) runs the property tests with a fixed seed: a red CI then names a case anyone can
# rerun. Elsewhere each run explores new examples; a failure it finds becomes a fixed test.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_UN_DIR = ROOT / "lists" / "un"


def _unpacked_snapshots() -> Path:
    """The shipped ``lists/un/*.xml.xz`` decompressed once into a cache directory.

    Tests hand plain XML paths to the CLI and the store, as a user would; the cache is keyed
    by the compressed files' hashes, written atomically, and shared by later runs.
    """
    shipped = sorted(SHIPPED_UN_DIR.glob("consolidated-*.xml.xz"))
    assert len(shipped) == 6, f"expected six UN snapshots in {SHIPPED_UN_DIR}"
    digest = hashlib.sha256()
    for path in [*shipped, SHIPPED_UN_DIR / "PROVENANCE.md"]:
        digest.update(path.name.encode() + path.read_bytes())
    target = Path(tempfile.gettempdir()) / f"sanctions-screen-un-{digest.hexdigest()[:16]}"
    if not (target / "PROVENANCE.md").exists():
        staging = Path(tempfile.mkdtemp(prefix="sanctions-screen-un-"))
        for path in shipped:
            (staging / path.name.removesuffix(".xz")).write_bytes(
                lzma.decompress(path.read_bytes())
            )
        shutil.copy(SHIPPED_UN_DIR / "PROVENANCE.md", staging / "PROVENANCE.md")
        try:
            staging.rename(target)
        except OSError:  # another process made it first
            shutil.rmtree(staging, ignore_errors=True)
    return target


UN_DIR = _unpacked_snapshots()
SNAPSHOTS = sorted(UN_DIR.glob("consolidated-*.xml"))
NEWEST = UN_DIR / "consolidated-2026-05-08.xml"

_cache: dict[Path, SanctionsList] = {}


def load_snapshot(path: Path) -> SanctionsList:
    """Parse a snapshot once per test session."""
    if path not in _cache:
        _cache[path] = parse_list_file(path)
    return _cache[path]


@pytest.fixture(autouse=True)
def _private_default_database(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never let a test write to the user's real database: the CLI records every run."""
    if "SANCTIONS_SCREEN_DB" not in os.environ:
        db = tmp_path_factory.mktemp("default-db") / "sanctions.sqlite"
        monkeypatch.setenv("SANCTIONS_SCREEN_DB", f"sqlite:///{db}")


@pytest.fixture(autouse=True)
def _no_list_age_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A list's staleness depends on the day the tests run: turn the warning off, so that
    output does not change with the date. The tests of staleness set a limit themselves."""
    monkeypatch.setenv("SANCTIONS_SCREEN_MAX_LIST_AGE_DAYS", "0")


@pytest.fixture(scope="session")
def newest_list() -> SanctionsList:
    return load_snapshot(NEWEST)


@pytest.fixture(scope="session")
def screener(newest_list: SanctionsList) -> Screener:
    """The real matcher over the newest snapshot, built once per session. Tests only read it:
    its caches fill as they screen, which changes no answer. A test that needs another list
    or configuration, or that watches what building one does, builds its own."""
    from sanctions_screen.matching import Screener

    return Screener(newest_list)


@pytest.fixture(scope="session")
def snapshot_paths() -> list[Path]:
    assert len(SNAPSHOTS) == 6, f"expected six UN snapshots in {UN_DIR}"
    return SNAPSHOTS


# --- Databases: SQLite files and a real PostgreSQL server -------------------------------
#
# ``pg_server_url`` is $SANCTIONS_SCREEN_TEST_PG_URL (.ci/run starts a server and sets it),
# else a throwaway server started here with initdb/pg_ctl (as the ``postgres`` system user
# when running as root), stopped at session end. When neither works the PostgreSQL tests
# skip, unless SANCTIONS_SCREEN_REQUIRE_PG=1, which makes them fail instead.
# ``db_url`` runs a test once per backend, each test with its own fresh database.


def _pg_unavailable(reason: str) -> None:
    if os.environ.get("SANCTIONS_SCREEN_REQUIRE_PG") == "1":
        pytest.fail(f"PostgreSQL required (SANCTIONS_SCREEN_REQUIRE_PG=1) but {reason}")
    pytest.skip(f"PostgreSQL unavailable: {reason}")


def _pg_binaries() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return candidates[-1].parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """URL of a PostgreSQL server's maintenance database (``postgres``)."""
    env = os.environ.get("SANCTIONS_SCREEN_TEST_PG_URL", "").strip()
    if env:
        yield env
        return
    bindir = _pg_binaries()
    if bindir is None:
        _pg_unavailable("initdb/pg_ctl are not on PATH; set SANCTIONS_SCREEN_TEST_PG_URL")
    assert bindir is not None
    as_postgres: list[str] = []
    workdir = Path(tempfile.mkdtemp(prefix="sanctions-pg-"))
    pgdata = workdir / "data"
    pgdata.mkdir()
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            _pg_unavailable("running as root and runuser is missing")
        as_postgres = ["runuser", "-u", "postgres", "--"]
        shutil.chown(workdir, "postgres")
        shutil.chown(pgdata, "postgres")
    port = _free_port()
    pg_ctl = [*as_postgres, str(bindir / "pg_ctl"), "-D", str(pgdata)]
    try:
        subprocess.run(
            [
                *as_postgres,
                str(bindir / "initdb"),
                "-D",
                str(pgdata),
                "-A",
                "trust",
                "-U",
                "postgres",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            [
                *pg_ctl,
                "-l",
                str(workdir / "pg.log"),
                "-w",
                "-o",
                f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1",
                "start",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(workdir, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        _pg_unavailable(f"could not start a server: {exc} {detail.decode(errors='replace')}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "stop"], capture_output=True, timeout=120)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def postgresql_url(pg_server_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001  (any connection failure means no server)
        admin.dispose()
        _pg_unavailable(f"cannot create a database on {pg_server_url}: {exc}")
    url = make_url(pg_server_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite file for one test."""
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh database URL, once per backend (ids ``sqlite`` and ``postgresql``)."""
    name = "sqlite_url" if request.param == "sqlite" else "postgresql_url"
    return str(request.getfixturevalue(name))
