"""What one server runs with, checked before it starts: a bad store or a write switch
without a token is a one-line error at the command line, not a failing request later."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from flashpoint.errors import API_TOKEN_MISSING, FlashpointError

TOKEN_ENV = "FLASHPOINT_TOKEN"
MAX_PAGE = 500  # the largest page any list returns, whatever `limit` asks for
DEFAULT_PAGE = 50
MAX_BODY_BYTES = 2_000_000  # a submitted article (JSON body); larger is refused with 413
MIN_TOKEN_CHARS = 16


@dataclass(frozen=True)
class Settings:
    """`db_url`: the store; `allow_writes`: accept POST /api/documents (with `token`);
    `registry_paths`: extra actor registry YAML for the corpus analysis; `allow_hosts`:
    hosts a submitted URL may reach though they are not public (see ingest/fetch.py);
    `page_dir`: the built page to serve (default: the one the install step built);
    `trusted_hosts`: the Host headers answered (None: any; see api/hosts.py)."""

    db_url: str
    allow_writes: bool = False
    token: str | None = None
    registry_paths: tuple[str, ...] = ()
    max_body_bytes: int = MAX_BODY_BYTES
    allow_hosts: tuple[str, ...] = field(default=())
    page_dir: Path | None = None
    trusted_hosts: tuple[str, ...] | None = None

    @classmethod
    def from_env(cls, db_url: str, *, allow_writes: bool = False, **options: object) -> Settings:
        """Settings with the token read from FLASHPOINT_TOKEN; writes without one are refused."""
        token = os.environ.get(TOKEN_ENV) or None
        settings = cls(db_url=db_url, allow_writes=allow_writes, token=token, **options)  # type: ignore[arg-type]
        settings.check()
        return settings

    def check(self) -> None:
        if not self.allow_writes:
            return
        if not self.token:
            raise FlashpointError(
                API_TOKEN_MISSING,
                f"--allow-writes needs a bearer token: set {TOKEN_ENV} to a long random string",
            )
        if len(self.token) < MIN_TOKEN_CHARS:
            raise FlashpointError(
                API_TOKEN_MISSING,
                f"{TOKEN_ENV} is shorter than {MIN_TOKEN_CHARS} characters; use a long random one",
            )
