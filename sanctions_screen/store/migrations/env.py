"""Alembic environment: run by :func:`sanctions_screen.store.db.open_store`, no alembic.ini needed.

``open_store`` passes an open SQLAlchemy connection in ``config.attributes["connection"]``;
without one (e.g. ``alembic`` on the command line) the URL comes from the
``sqlalchemy.url`` option or ``$SANCTIONS_SCREEN_DB``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

import sanctions_screen.store.audit_tables  # noqa: F401  (registers the audit tables on Base)
import sanctions_screen.store.tables  # noqa: F401  (registers the list tables on Base)
from sanctions_screen.store.base import Base
from sanctions_screen.store.db import default_db_url, normalise_url

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if isinstance(connection, Connection):
        _run(connection)
        return
    url = normalise_url(config.get_main_option("sqlalchemy.url") or default_db_url())
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


run_migrations()
