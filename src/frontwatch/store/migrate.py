"""Schema migrations: the Store brings every database it opens to the newest schema.

Opening a database at the newest revision costs one query. Otherwise the
upgrade runs in one transaction under a lock (PostgreSQL advisory lock, SQLite
write lock), so concurrent processes opening a fresh database migrate it once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision (a test checks it against the migration scripts): opening an
# up-to-date database then needs neither Alembic nor the scripts, only one query.
HEAD = "0007"
# The schema that databases made before migrations existed (by create_all) have.
BASELINE = "0001"
# Any constant: serialises migrations across processes on one PostgreSQL database.
_PG_LOCK_KEY = 0x66_77_6D_69_67  # "fwmig"


class SchemaError(Exception):
    """The database's schema cannot be brought to this version's."""


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return HEAD


def script_head() -> str | None:
    """The newest revision according to the migration scripts themselves."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
    return ",".join(sorted(versions)) or None


def upgrade(engine: Engine) -> bool:
    """Bring the schema to the newest revision; True when a migration ran."""
    head = head_revision()
    with engine.connect() as conn:
        if current_revision(conn) == head:
            return False
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        current = current_revision(conn)  # again: another process may have migrated
        if current == head:
            return False
        from alembic import command
        from alembic.util import CommandError

        if current is None and inspect(conn).has_table("articles"):
            command.stamp(alembic_config(conn), BASELINE)
        try:
            command.upgrade(alembic_config(conn), "head")
        except CommandError as exc:
            raise SchemaError(
                f"database schema revision {current} is unknown to this version of "
                f"frontwatch (newest known: {head}); upgrade frontwatch ({exc})"
            ) from None
    return True
