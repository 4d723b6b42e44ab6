"""Short write transactions that survive a busy database.

Two screening runs may write to one SQLite file at once. SQLite allows one writer at a
time: with WAL and a busy timeout the second writer waits, and if it still finds the
database locked (or PostgreSQL reports a serialisation failure or deadlock) the whole
short transaction is retried with backoff.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import SingletonThreadPool, StaticPool

from sanctions_screen.exceptions import AuditError

T = TypeVar("T")

RETRIES = 12
"""About 40 s of waiting in total before a write gives up."""

_RETRYABLE = (
    "database is locked",
    "database table is locked",
    "busy",
    "deadlock",
    "could not serialize",
    "serialization failure",
)


class HasEngine(Protocol):
    """Anything with an SQLAlchemy engine, such as the :class:`~sanctions_screen.store.db.Store`."""

    @property
    def engine(self) -> Engine: ...


StoreLike = HasEngine | Engine


def engine_of(store: StoreLike) -> Engine:
    engine = store if isinstance(store, Engine) else store.engine
    _configure_sqlite(engine)
    return engine


def thread_safe(store: StoreLike) -> bool:
    """Whether another thread may write to the store: not an in-memory SQLite database,
    whose pool gives each thread a database of its own."""
    return not isinstance(engine_of(store).pool, SingletonThreadPool | StaticPool)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes: they were written in UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def write(store: StoreLike, work: Callable[[Session], T], *, exclusive: bool = False) -> T:
    """Run ``work`` in its own short transaction, retried while the database is busy.

    ``exclusive``: on SQLite, take the write lock before ``work`` reads anything
    (``BEGIN IMMEDIATE``), so that what it read is still true when it writes. The Python
    driver otherwise runs the reads outside the transaction it opens for the first write,
    and two writers that both read "the latest decision" append two successors to it. On
    PostgreSQL ``work`` locks the rows it depends on itself (``SELECT ... FOR UPDATE``).
    """
    engine = engine_of(store)
    for attempt in range(RETRIES + 1):
        try:
            with Session(engine, expire_on_commit=False) as session, session.begin():
                if exclusive and engine.dialect.name == "sqlite":
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                return work(session)
        except (OperationalError, DBAPIError) as exc:
            if attempt == RETRIES or not _retryable(exc):
                where = engine.url.render_as_string(hide_password=True)
                raise AuditError(
                    f"could not write to the audit trail ({where}): {exc.orig}"
                ) from exc
            time.sleep(min(4.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def read(store: StoreLike, work: Callable[[Session], T]) -> T:
    with Session(engine_of(store), expire_on_commit=False) as session:
        return work(session)


def _retryable(exc: DBAPIError) -> bool:
    message = str(exc.orig).lower()
    return any(marker in message for marker in _RETRYABLE)


def _configure_sqlite(engine: Engine) -> None:
    """WAL and a busy timeout on every new SQLite connection (once per engine)."""
    if engine.dialect.name != "sqlite" or event.contains(engine, "connect", _pragmas):
        return
    event.listen(engine, "connect", _pragmas)
    engine.dispose()  # pooled connections were opened without them


def _pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.execute("PRAGMA journal_mode = WAL")  # a no-op ("memory") for :memory:
    cursor.close()
