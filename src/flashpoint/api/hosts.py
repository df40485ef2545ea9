"""Which Host headers the server answers: the guard against DNS rebinding.

Reads carry no token, so a server on 127.0.0.1 is safe only if nothing but the user's own
programs can reach it. A web page on a hostile site can: its name first resolves to the
attacker, then to 127.0.0.1, and the browser sends the page's requests to our port as "the
same origin", with `Host: attacker.example:8000`. Refusing every Host that is not ours closes
that door. Bound to a loopback address the server answers only `127.0.0.1:PORT`,
`localhost:PORT` and `[::1]:PORT` (and the user's `--allowed-host` names); bound elsewhere it
answers the `--allowed-host` names only, or any Host when none is given (a warning says so).

Starlette's TrustedHostMiddleware does the same, but it cuts the port from the header (so
`[::1]:8000` reads as `[`) and answers in plain text; this one compares the port too, and
answers in the API's JSON error shape.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from flashpoint.api.errors import error_response
from flashpoint.errors import API_BAD_HOST

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
ANY = "*"


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address, IPv6 with or without brackets) is this machine
    only: localhost, 127.0.0.0/8 or ::1."""
    name = host.strip().lower().strip("[]")
    if name in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def split_host(value: str) -> tuple[str, int | None] | None:
    """A Host header as (name, port or None), lower case, IPv6 in brackets; None when it is
    not a host at all (empty, a path, a port that is not a number)."""
    value = value.strip().lower()
    if value.startswith("["):
        name, bracket, rest = value.partition("]")
        name, port = name + bracket, rest[1:] if rest.startswith(":") else rest
        if not bracket or (rest and not rest.startswith(":")):
            return None
    else:
        name, _, port = value.partition(":")
    if not name or any(c in name for c in "/\\@ ?#") or (port and not port.isdigit()):
        return None
    if ":" in value and not port:
        return None
    return name, int(port) if port else None


def trusted_hosts(bind: str, port: int, allowed: Iterable[str] = ()) -> tuple[str, ...] | None:
    """The Host values a server bound to `bind`:`port` answers (see the module docstring);
    None means any. An `allowed` entry `name` matches that name at any port, `name:port`
    only at that port, and `*` matches every Host."""
    extra = tuple(a.strip().lower() for a in allowed if a.strip())
    if ANY in extra:
        return None
    if not is_loopback(bind):
        return extra or None
    own = f"[{bind.strip('[]')}]" if ":" in bind else bind.lower()  # 127.0.0.2, ::1
    names = list(dict.fromkeys([*LOOPBACK_NAMES, own]))
    ours = [f"{name}:{port}" for name in names] if port else names  # port 0: the system's
    if port == 80:  # a browser leaves the default port out
        ours += names
    return tuple(dict.fromkeys([*ours, *extra]))


def host_allowed(value: str, trusted: Iterable[str]) -> bool:
    """Whether a Host header `value` is one of `trusted` (as `trusted_hosts` returns them)."""
    asked = split_host(value)
    if asked is None:
        return False
    for entry in trusted:
        wanted = split_host(entry)
        if wanted is None:
            continue
        if wanted[0] == asked[0] and (wanted[1] is None or wanted[1] == asked[1]):
            return True
    return False


class HostCheck:
    """ASGI middleware: a request whose Host header is not trusted gets 400 (E806) before
    anything else reads it."""

    def __init__(self, app: ASGIApp, trusted: Iterable[str]):
        self.app = app
        self.trusted = tuple(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = Headers(scope=scope).get("host", "")
            if not host_allowed(host, self.trusted):
                shown = host[:100].encode("ascii", "backslashreplace").decode()
                response = error_response(
                    400,
                    API_BAD_HOST,
                    f"this server does not answer for host {shown!r}; start it with "
                    "--allowed-host NAME to add a name it is reached by",
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
