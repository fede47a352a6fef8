"""A throwaway PostgreSQL server for the tests, made on demand.

- $FRONTWATCH_TEST_PG (a URL such as postgresql+psycopg://user:pw@host/db) uses a
  server you already run; each test gets a fresh database on it.
- Otherwise the server binaries are looked for (/usr/lib/postgresql/*/bin, PATH);
  when missing and running as root, Debian's ``postgresql`` package is installed.
  A cluster is made in a temporary folder (initdb as the ``postgres`` user when
  running as root, which PostgreSQL requires) and started on a Unix socket only,
  so it clashes with no other server; it is stopped and deleted at exit.
- Where PostgreSQL cannot be had, the tests skip with the reason; under CI
  (CI=true) they fail instead.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shlex
import shutil
import subprocess
import tempfile
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ENV_URL = "FRONTWATCH_TEST_PG"
PORT = 5432


@dataclass
class PgServer:
    base_url: str  # a URL without the database name's effect: we swap it per test
    folder: Path | None = None
    bindir: Path | None = None
    user: str | None = None

    def url(self, database: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.base_url).set(database=database).render_as_string(False)

    def create_database(self, prefix: str = "fw") -> str:
        """A new empty database; its SQLAlchemy URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        from sqlalchemy import create_engine, text

        engine = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(sql))
        engine.dispose()

    def stop(self) -> None:
        if self.folder is None or self.bindir is None:
            return
        data = self.folder / "data"
        _as_user(
            self.user, [str(self.bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]
        )
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


_lock = threading.Lock()
_server: PgServer | None = None
_unavailable: str | None = None


def server() -> PgServer:
    """The session's server, started on first use; skips (or fails under CI) without one."""
    global _server, _unavailable
    with _lock:
        if _server is None and _unavailable is None:
            try:
                _server = _start()
                atexit.register(_server.stop)
            except _Unavailable as exc:
                _unavailable = str(exc)
    if _server is None:
        message = f"PostgreSQL not available: {_unavailable}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message + " (CI=true: PostgreSQL tests must run)", pytrace=False)
        pytest.skip(message)
    return _server


def database(kind: str, tmp_path: Path) -> Iterator[str]:
    """A fresh database for one test (a SQLite file, or a PostgreSQL database that is
    dropped afterwards); use from a fixture: ``yield from database(kind, tmp_path)``."""
    if kind == "sqlite":
        yield str(tmp_path / "frontwatch.db")
        return
    srv = server()
    url = srv.create_database()
    yield url
    srv.drop_database(url)


class _Unavailable(Exception):
    pass


def _start() -> PgServer:
    if os.environ.get(ENV_URL):
        return PgServer(base_url=os.environ[ENV_URL])
    bindir = _find_bindir() or _install()
    user = _server_user()
    folder = Path(tempfile.mkdtemp(prefix="frontwatch-pg-"))
    data = folder / "data"
    if user:
        account = pwd.getpwnam(user)
        os.chown(folder, account.pw_uid, account.pw_gid)
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]
    _run_or_fail(_as_user(user, [*initdb, "-E", "UTF8", "--locale=C", "--no-sync"]), "initdb")
    options = f"-k {folder} -c listen_addresses='' -p {PORT} -c fsync=off -c max_connections=50"
    start = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w"]
    _run_or_fail(_as_user(user, [*start, "-o", options, "start"]), "pg_ctl start", folder)
    url = f"postgresql+psycopg://postgres@/postgres?host={folder}&port={PORT}"
    return PgServer(base_url=url, folder=folder, bindir=bindir, user=user)


def _find_bindir() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _install() -> Path:
    """Debian's PostgreSQL server, installed when running as root on a Debian-like system."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise _Unavailable("no server binaries (initdb) and not root with apt-get to install them")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "postgresql"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:  # the package lists may be missing on a fresh machine
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, timeout=600)
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    bindir = _find_bindir()
    if done.returncode != 0 or bindir is None:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
        raise _Unavailable(f"apt-get install postgresql failed: {tail[0]}")
    return bindir


def _server_user() -> str | None:
    """PostgreSQL refuses to run as root: run it as ``postgres`` (or ``nobody``)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise _Unavailable("running as root and no 'postgres' or 'nobody' user to run the server")


def _as_user(user: str | None, command: list[str]) -> subprocess.CompletedProcess[str]:
    if user:
        if shutil.which("runuser"):
            command = ["runuser", "-u", user, "--", *command]
        else:
            command = ["su", user, "-s", "/bin/sh", "-c", shlex.join(command)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd="/")


def _run_or_fail(
    done: subprocess.CompletedProcess[str], what: str, folder: Path | None = None
) -> None:
    if done.returncode == 0:
        return
    detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
    if folder and (folder / "log").exists():
        detail = (folder / "log").read_text(errors="replace").strip().splitlines()[-1:] or detail
    raise _Unavailable(f"{what} failed: {detail[0]}")
