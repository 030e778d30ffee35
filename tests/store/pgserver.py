"""A throwaway PostgreSQL server for the store tests: initdb in a temporary folder, trust auth,
listening on 127.0.0.1 only, on a free port, with its own socket folder; stopped at the end.

As root, the server runs as the ``postgres`` user (initdb refuses root) via ``runuser``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Server:
    """A running server: its data folder, port and the prefix that runs its commands."""

    folder: Path
    port: int
    bindir: Path
    prefix: list[str]

    def url(self, dbname: str = "postgres") -> str:
        """The URL of one database on this server."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def stop(self) -> None:
        """Stop the server fast and remove its folder."""
        pg_ctl = str(self.bindir / "pg_ctl")
        subprocess.run(
            [*self.prefix, pg_ctl, "-D", str(self.folder / "data"), "stop", "-m", "fast"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def find_bindir() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, or Debian's newest /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    return Path(versions[-1]).parent if versions else None


def _version(path: str) -> int:
    part = path.split("/")[-3]
    return int(part) if part.isdigit() else 0


def start() -> Server:
    """Start a server; raises RuntimeError with the reason when that is not possible."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (no initdb; apt-get install postgresql)")
    prefix: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="newsline-pg-"))
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            raise RuntimeError("running as root without runuser: cannot start PostgreSQL")
        prefix = ["runuser", "-u", "postgres", "--"]
        shutil.chown(folder, "postgres", "postgres")
    data, sockets = folder / "data", folder / "sockets"
    port = _free_port()
    _run([*prefix, "mkdir", "-p", str(sockets)])
    _run([*prefix, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
          "-E", "UTF8", "--locale=C", "--no-sync"])  # fmt: skip
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {sockets} -c fsync=off"
    _run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
          "-o", options, "-w", "start"])  # fmt: skip
    return Server(folder, port, bindir, prefix)


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:5])}: {done.stderr.strip()[-400:]}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
