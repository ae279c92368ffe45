"""A throw-away PostgreSQL server for the registry tests (a pytest plugin
module: import the ``pg_url`` fixture into a test module).

Finds Debian's binaries (/usr/lib/postgresql/*/bin), runs initdb into a temp
dir as the ``postgres`` user when we are root, starts the server on a free
loopback port with its socket in the same dir, creates a database and yields
its URL. Skips when the binaries are absent, except under CI (CI set), where a
missing server fails the run: install it with ``make`` (Makefile $(STAMP)).
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

PG_GLOB = "/usr/lib/postgresql/*/bin/initdb"
PG_USER = "postgres"
DATABASE = "reestr_test"
START_TIMEOUT_S = 60


def pg_bindir() -> Path | None:
    found = sorted(glob.glob(PG_GLOB), key=lambda p: int(Path(p).parts[-3].split(".")[0]))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_server_user(args: list[str]) -> list[str]:
    """initdb refuses to run as root: run the server as ``postgres``."""
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", PG_USER, "--", *args]


def run(args: list[str]) -> None:
    done = subprocess.run(as_server_user(args), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


@pytest.fixture(scope="session")
def pg_url():
    bindir = pg_bindir()
    if bindir is None:
        reason = f"PostgreSQL binaries not found ({PG_GLOB}); `make` installs them"
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI is set: a missing server is an error)")
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="reestr-pg-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam(PG_USER)
        os.chown(root, user.pw_uid, user.pw_gid)
    data, port = root / "data", free_port()
    run([str(bindir / "initdb"), "-D", str(data), "-U", PG_USER, "-A", "trust",
         "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"])
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
    run([str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "server.log"),
         "-w", "-t", str(START_TIMEOUT_S), "start"])
    try:
        run([str(bindir / "createdb"), "-h", str(root), "-p", str(port), "-U", PG_USER, DATABASE])
        yield f"postgresql+psycopg://{PG_USER}@127.0.0.1:{port}/{DATABASE}"
    finally:
        subprocess.run(as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                       "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
