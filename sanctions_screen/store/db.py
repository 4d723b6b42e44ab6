"""The database: where it is, its schema (Alembic), and the :class:`Store` over it.

A SQLite file in the user's data directory by default; ``$SANCTIONS_SCREEN_DB`` or an
explicit URL (SQLite or PostgreSQL) overrides it. :func:`open_store` brings the schema to
the newest Alembic revision, so a user's database survives upgrades of the package.
Alembic (and Mako, which it imports) is loaded only to upgrade an older schema:
checking that the schema is current reads one row, and a new, empty database gets the
tables of the models and is stamped with the newest revision (the schema the migrations
build; a test compares the two). Importing them would cost every recorded ``screen``
about 14 MB.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import platformdirs
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from sanctions_screen.exceptions import NoActiveListError, StoreError
from sanctions_screen.store import versions as _versions
from sanctions_screen.store.base import Base
from sanctions_screen.store.tables import ListVersionRow
from sanctions_screen.store.versions import ImportResult, ListVersionInfo, SourceKind
from sanctions_screen.unlist.diff import ListDiff, diff_lists
from sanctions_screen.unlist.files import read_list_bytes
from sanctions_screen.unlist.models import SanctionsList
from sanctions_screen.unlist.parser import DEFAULT_MAX_BYTES

__all__ = ["Base", "Store", "default_db_url", "normalise_url", "open_store"]

ENV_VAR = "SANCTIONS_SCREEN_DB"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0005"
"""The newest revision in ``migrations/versions`` (a test checks it against Alembic's)."""


def default_db_url() -> str:
    """``$SANCTIONS_SCREEN_DB``, else ``sanctions_screen.db`` in the user data directory."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    data_dir = Path(platformdirs.user_data_dir("sanctions-screen", appauthor=False))
    return f"sqlite:///{data_dir / 'sanctions_screen.db'}"


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgresql://`` URLs (psycopg2 is not a dependency)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _create_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database or "").expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database {parsed.render_as_string()}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision`` with Alembic (no alembic.ini needed)."""
    with _schema_transaction(engine) as connection:
        _run_alembic(connection, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` (``"base"``: drop every table)."""
    with _schema_transaction(engine) as connection:
        _run_alembic(connection, "downgrade", revision)


def _run_alembic(
    connection: Connection, action: Literal["upgrade", "downgrade"], revision: str
) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option(
        "sqlalchemy.url",
        connection.engine.url.render_as_string(hide_password=False).replace("%", "%%"),
    )
    config.attributes["connection"] = connection
    getattr(command, action)(config, revision)


@contextmanager
def _schema_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction that holds the database's write lock from the first look at the schema
    to its last change, so that processes opening one new database change it one at a time.

    SQLite: pysqlite sends no BEGIN before DDL, so each ``CREATE TABLE`` would be committed
    alone and another process could see half a schema; ``BEGIN IMMEDIATE`` makes the whole
    change one transaction and makes the others wait for it. PostgreSQL: its DDL is
    transactional already, and a transaction-scoped advisory lock makes the others wait.
    """
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        elif connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK_KEY}
            )
        yield connection


_SCHEMA_LOCK_KEY = 0x5A4E5C7105
"""The PostgreSQL advisory lock taken while the schema changes (any fixed 64-bit number)."""


def _revision(connection: Connection) -> str | None:
    """The revision stamped in ``alembic_version``, or None when there is no such table."""
    if "alembic_version" not in inspect(connection).get_table_names():
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return str(rows[0][0]) if len(rows) == 1 else None


def schema_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None (no schema yet, or unreadable)."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def open_store(url: str | None = None) -> Store:
    """Open (creating or upgrading as needed) the store at ``url`` or :func:`default_db_url`."""
    resolved = normalise_url(url or default_db_url())
    engine = _create_engine(resolved)
    for attempt in range(1, _MIGRATION_ATTEMPTS + 1):
        try:
            if schema_revision(engine) != HEAD_REVISION:
                _bring_schema_to_head(engine)
            break
        except SQLAlchemyError as exc:
            if attempt < _MIGRATION_ATTEMPTS and _lost_migration_race(exc):
                time.sleep(0.2 * attempt)  # the lock wait ran out while another process migrated
                continue
            engine.dispose()
            raise StoreError(f"cannot open database {engine.url!r}: {exc}") from exc
    return Store(engine)


def _bring_schema_to_head(engine: Engine) -> None:
    """Under the schema lock, look again (another process may have done it meanwhile), then
    create the tables of an empty database or upgrade an older schema."""
    with _schema_transaction(engine) as connection:
        revision = _revision(connection)
        if revision == HEAD_REVISION:
            return
        if revision is None and not inspect(connection).get_table_names():
            _create_tables(connection)
        else:
            _run_alembic(connection, "upgrade", "head")


def create_schema(engine: Engine) -> None:
    """Create every table in an empty database and stamp it with :data:`HEAD_REVISION`, as
    Alembic's ``stamp`` would (what ``migrate`` builds, without importing Alembic)."""
    with _schema_transaction(engine) as connection:
        _create_tables(connection)


def _create_tables(connection: Connection) -> None:
    from sanctions_screen.store import audit_tables  # noqa: F401  (registers them on Base)

    Base.metadata.create_all(connection)
    _ALEMBIC_VERSION.create(connection)
    connection.execute(_ALEMBIC_VERSION.insert().values(version_num=HEAD_REVISION))


_ALEMBIC_VERSION = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)
"""Alembic's own table, as Alembic creates it."""


_MIGRATION_ATTEMPTS = 4


def _lost_migration_race(exc: SQLAlchemyError) -> bool:
    """A process that waited on the schema lock longer than the driver's timeout (SQLite's
    five seconds) sees 'locked'; it finds the schema current on its next attempt. 'already
    exists' and 'duplicate' are kept for a database some other tool is changing."""
    text = str(exc).lower()
    return any(word in text for word in ("already exists", "duplicate", "locked", "unique"))


class Store:
    """Every stored version of the UN list, and the database the rest of the project uses."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._loaded: dict[int, SanctionsList] = {}

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success, rolled back on any error (database errors become
        :class:`StoreError`)."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise StoreError(f"database error: {exc}") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def import_list(
        self,
        data: bytes,
        *,
        source_kind: SourceKind,
        source: str,
        fetched_at: dt.datetime | None = None,
        force: bool = False,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> ImportResult:
        """Parse, sanity-check and store list bytes; the new version becomes active.

        Raises a ``ListError`` subclass (parse failure, :class:`ListSanityError`...) and leaves
        the active version untouched when the bytes must not become active.
        """
        with self.session() as session:
            return _versions.import_bytes(
                session,
                data,
                source_kind=source_kind,
                source=source,
                fetched_at=fetched_at,
                force=force,
                max_bytes=max_bytes,
            )

    def import_file(self, path: str | Path, *, force: bool = False) -> ImportResult:
        """Import a UN XML file from disk (the offline way to update)."""
        path = Path(path)
        return self.import_list(
            read_list_bytes(path, max_bytes=DEFAULT_MAX_BYTES),
            source_kind="file",
            source=str(path.resolve()),
            force=force,
        )

    def versions(self) -> list[ListVersionInfo]:
        """Every stored version, oldest first."""
        with self.session() as session:
            rows = session.scalars(select(ListVersionRow).order_by(ListVersionRow.id))
            return [_versions.to_info(row) for row in rows]

    def get_version(self, version_id: int) -> ListVersionInfo:
        """One version; raises :class:`VersionNotFoundError`."""
        with self.session() as session:
            return _versions.to_info(_versions.version_row(session, version_id))

    def active_version(self) -> ListVersionInfo | None:
        """The version screening uses, or None before the first import."""
        with self.session() as session:
            row = _versions.active_row(session)
            return _versions.to_info(row) if row else None

    def activate(self, version_id: int, *, force: bool = False) -> ListVersionInfo:
        """Make a stored version active again (roll back or forward).

        The import's checks apply: a version older than the active one, or with more than
        10% fewer entries, raises :class:`ListSanityError` unless ``force``.
        """
        with self.session() as session:
            target = _versions.to_info(_versions.version_row(session, version_id))
            current = _versions.active_row(session)
            active = _versions.to_info(current) if current else None
            _versions.check_activation(target, active, force=force)
            return _versions.activate(session, version_id)

    def load_version(self, version_id: int | None = None) -> SanctionsList:
        """The parsed list of a version, the active one by default.

        Raises :class:`NoActiveListError` (saying what to run) when nothing was imported.
        """
        if version_id is None:
            active = self.active_version()
            if active is None:
                raise NoActiveListError(_versions.NO_ACTIVE_HINT)
            version_id = active.id
        cached = self._loaded.get(version_id)
        if cached is None:
            with self.session() as session:
                cached = _versions.load(session, version_id)
            # versions never change; keep the last two (a diff's pair) and no more
            self._loaded = {k: v for k, v in list(self._loaded.items())[-1:]}
            self._loaded[version_id] = cached
        return cached

    def diff(self, old_id: int | None = None, new_id: int | None = None) -> ListDiff:
        """Changes from version ``old_id`` to ``new_id``.

        Both None: the two newest versions by dateGenerated. Only ``new_id`` None: the
        active version. Raises :class:`StoreError` when there are not two versions.
        """
        if old_id is None or new_id is None:
            old_id, new_id = self._default_pair(old_id)
        old, new = self.load_version(old_id), self.load_version(new_id)
        return diff_lists(old, new, old_version_id=old_id, new_version_id=new_id)

    def _default_pair(self, old_id: int | None) -> tuple[int, int]:
        if old_id is not None:
            active = self.active_version()
            if active is None:
                raise NoActiveListError(_versions.NO_ACTIVE_HINT)
            return old_id, active.id
        newest = sorted(self.versions(), key=lambda v: (v.date_generated, v.id))[-2:]
        if len(newest) < 2:
            raise StoreError(
                f"a diff needs two stored versions; there are {len(newest)}. Import another "
                "with `sanctions-screen lists update` or `sanctions-screen lists import FILE`"
            )
        return newest[0].id, newest[1].id

    def http_validators(self, url: str) -> tuple[str | None, str | None]:
        """``(etag, last_modified)`` of the last successful download from ``url``."""
        with self.session() as session:
            return _versions.http_validators(session, url)

    def remember_http_validators(
        self, url: str, etag: str | None, last_modified: str | None, version_id: int | None
    ) -> None:
        with self.session() as session:
            _versions.remember_http_validators(session, url, etag, last_modified, version_id)
