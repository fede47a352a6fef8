"""Alembic environment: migrations run on the connection the Store hands over.

Run from the command line (``alembic -c src/frontwatch/store/alembic.ini ...``)
the database comes from $FRONTWATCH_DB (a SQLite path or a SQLAlchemy URL).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from frontwatch.store.schema import Base

config = context.config


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_on(connection)
else:
    from frontwatch.store import db_url

    engine = create_engine(db_url(config.get_main_option("sqlalchemy.url") or None))
    with engine.begin() as conn:
        run_on(conn)
    engine.dispose()
