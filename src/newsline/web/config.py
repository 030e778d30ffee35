"""The server's settings: where the store is, who may write, how large an upload may be."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsline.errors import ConfigError
from newsline.ingest.fetch import folder_beside
from newsline.web.paths import PathView


def _setting(default: Any, help: str) -> Any:  # noqa: A002 - "help" reads best here
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """How ``newsline serve`` runs. Every field has a default and help text."""

    db: str = _setting("newsline.db", "Store file the API reads and writes.")
    host: str = _setting("127.0.0.1", "Address to listen on; beyond loopback a token is required.")
    port: int = _setting(8000, "TCP port to listen on.")
    token: str | None = _setting(
        None, "Secret that writes (POST /api/ingest) must send as 'Authorization: Bearer T'."
    )
    max_upload_bytes: int = _setting(
        20 * 1024 * 1024, "Largest request body accepted by POST /api/ingest (413 beyond)."
    )
    upload_dir: str | None = _setting(
        None, "Where uploaded files are kept (their provenance); default STORE.uploads/ beside it."
    )
    allowed_hosts: tuple[str, ...] = _setting(
        (),
        "Host names the server answers for besides its own address (a proxy's public name);"
        " requests naming any other Host are refused (DNS rebinding).",
    )

    def uploads(self) -> Path:
        """The folder for uploaded files."""
        if self.upload_dir:
            return Path(self.upload_dir)
        return folder_beside(self.db, "uploads")

    def paths(self) -> PathView:
        """How answers show file paths: relative to the uploads, fetched copies, store folder."""
        base = Path(self.db).resolve().parent if "://" not in self.db else Path.cwd()
        copies = (self.uploads(), folder_beside(self.db, "fetched"))
        return PathView(tuple(folder.resolve() for folder in copies), base)

    def check(self) -> ServerConfig:
        """Itself, or ConfigError when it cannot run safely."""
        if not is_loopback(self.host) and not self.token:
            raise ConfigError(
                f"listening on {self.host} exposes the store beyond this machine: give a token"
                " (writes then need it), or listen on a loopback address such as 127.0.0.1",
                setting="token",
            )
        if self.max_upload_bytes < 1:
            raise ConfigError("the upload limit must be a positive number of bytes")
        return self


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def config_help() -> dict[str, str]:
    """Each setting's name and help text."""
    return {f.name: f.metadata.get("help", "") for f in fields(ServerConfig)}
