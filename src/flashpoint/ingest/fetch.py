"""Fetch one article over HTTP(S), bounded in time and size; every failure is one error line."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from flashpoint import __version__
from flashpoint.errors import INPUT_TOO_LARGE, URL_UNREACHABLE, FlashpointError
from flashpoint.ingest.checks import too_large_message

TIMEOUT_SECONDS = 20.0
USER_AGENT = f"flashpoint/{__version__} (conflict news reader)"


@dataclass(frozen=True)
class Fetched:
    """The body of a response and what its headers say about it."""

    url: str
    content: bytes
    content_type: str | None
    charset: str | None


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def fetch(url: str, *, max_bytes: int, timeout: float = TIMEOUT_SECONDS) -> Fetched:
    """GET `url`, following redirects, reading at most `max_bytes` + 1 bytes."""
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9, */*;q=0.5"}
    try:
        with (
            httpx.Client(follow_redirects=True, timeout=timeout, headers=headers) as client,
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
