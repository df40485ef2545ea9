"""Fetch one article over HTTP(S), bounded in time and size; every failure is one error line.

A URL may come from a feed or a scraper's list, so the fetcher refuses loopback, private,
link-local and other non-public addresses (at every redirect hop) unless the user named that
host (`--allow-host`, or `FLASHPOINT_ALLOW_HOSTS`, comma-separated). The whole fetch has one
deadline, so a server that trickles a byte every few seconds cannot hold a run.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass

import httpx

from flashpoint import __version__
from flashpoint.errors import INPUT_TOO_LARGE, URL_UNREACHABLE, FlashpointError
from flashpoint.ingest.checks import too_large_message

TIMEOUT_SECONDS = 20.0  # per connect or read
TOTAL_SECONDS = 60.0  # for the whole fetch, redirects and body included
MAX_REDIRECTS = 5
USER_AGENT = f"flashpoint/{__version__} (conflict news reader)"
ALLOW_HOSTS_ENV = "FLASHPOINT_ALLOW_HOSTS"


@dataclass(frozen=True)
class Fetched:
    """The body of a response and what its headers say about it."""

    url: str
    content: bytes
    content_type: str | None
    charset: str | None


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def allowed_hosts(extra: Iterable[str] = ()) -> frozenset[str]:
    """Hosts the user allows even when they are not public: given ones plus the environment's."""
    from_env = os.environ.get(ALLOW_HOSTS_ENV, "").split(",")
    return frozenset(h.strip().lower().strip("[]") for h in [*extra, *from_env] if h.strip())


def _non_public(address: str) -> str | None:
    """Why an address is not on the public internet, or None when it is."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for test, what in (
        (ip.is_loopback, "a loopback"),
        (ip.is_link_local, "a link-local"),
        (ip.is_private, "a private"),
        (ip.is_multicast, "a multicast"),
        (ip.is_unspecified, "an unspecified"),
        (ip.is_reserved, "a reserved"),
        (not ip.is_global, "a non-public"),
    ):
        if test:
            return what
    return None


def check_host(host: str, port: int | None, allow: frozenset[str]) -> None:
    """Refuse a host that resolves to any non-public address, unless the user allowed it."""
    name = host.lower().strip("[]")
    if name in allow:
        return
    try:
        infos = socket.getaddrinfo(name, port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FlashpointError(URL_UNREACHABLE, f"cannot resolve host {host}: {exc}") from exc
    for info in infos:
        address = str(info[4][0])
        why = _non_public(address)
        if why:
            raise FlashpointError(
                URL_UNREACHABLE,
                f"refusing to fetch from {host}: {address} is {why} address "
                f"(pass --allow-host {name} if you mean it)",
            )


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float = TIMEOUT_SECONDS,
    total: float = TOTAL_SECONDS,
    allow_hosts: Iterable[str] = (),
) -> Fetched:
    """GET `url`, following redirects, reading at most `max_bytes` + 1 bytes in `total` s."""
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9, */*;q=0.5"}
    allow = allowed_hosts(allow_hosts)
    deadline = time.monotonic() + total

    def before_request(request: httpx.Request) -> None:  # every hop, redirects included
        check_host(request.url.host, request.url.port, allow)

    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=timeout,
                headers=headers,
                event_hooks={"request": [before_request]},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                raise FlashpointError(URL_UNREACHABLE, f"could not fetch {url}: {reason}")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise FlashpointError(INPUT_TOO_LARGE, too_large_message(url, max_bytes))
                if time.monotonic() > deadline:
                    raise FlashpointError(
                        URL_UNREACHABLE, f"could not fetch {url}: no full answer in {total:g} s"
                    )
            content_type = response.headers.get("content-type")
            return Fetched(
                url=str(response.url),
                content=b"".join(chunks),
                content_type=content_type.split(";")[0].strip().lower() if content_type else None,
                charset=response.charset_encoding,
            )
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        reason = str(exc) or type(exc).__name__
        raise FlashpointError(URL_UNREACHABLE, f"could not fetch {url}: {reason}") from exc
