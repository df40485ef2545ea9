"""Hostile HTTP requests for `flashpoint serve`, made from a seed: what anyone who can reach the
address could send. Each case is the bytes of one HTTP/1.1 request, well framed (so that the
app, not the HTTP parser, has to answer it), with `@HOST@` where the server's own host:port
goes. The same seed gives the same requests.

Read requests: every endpoint, with page sizes and offsets past every bound, dates outside the
calendar, names that are SQL, wildcards, markup or escapes, non-UTF-8 and NUL percent-encodings,
huge values, unknown filters, odd methods and paths. Write requests (POST /api/documents): no,
a wrong or a mangled bearer token, every content type, broken or binary or deeply nested JSON,
bodies over the limit (also chunked), wrong fields, and URLs to loopback, private, link-local
and otherwise internal addresses in every spelling.
"""

from __future__ import annotations

import json
import random
from urllib.parse import quote

from hardening import generate

TOKEN = "fuzz-token-0123456789abcdef"  # the token the fuzzed servers run with
READ_PATHS = (
    "/api/documents", "/api/events", "/api/actors", "/api/relations", "/api/places",
    "/api/flashpoints", "/api/coalitions", "/api/path", "/api/brief",
)  # fmt: skip
ODD_PATHS = (
    "/", "/docs", "/openapi.json", "/api/", "/api", "/api/nope", "//api//events",
    "/api/../../etc/passwd", "/api/%2e%2e/%2e%2e/etc/passwd", "/static/../../pyproject.toml",
    "/static/%2e%2e/%2e%2e/pyproject.toml", "/static/nothing.js", "/api/events/",
    "/api/documents/%00", "/api/actors/%ff%fe", "/api/actors/sdf", "/api/actors/%25",
)  # fmt: skip
PARAMS = (
    "limit", "offset", "since", "until", "at", "actor", "place", "outlet", "type", "min_outlets",
    "window", "region", "by", "radius", "a", "b", "max", "foo", "limit[]", "",
)  # fmt: skip
NUMBERS = (
    "-1", "0", "1", "50", "500", "501", "100000000000000000000", "9223372036854775808",
    "1e9", "nan", "inf", "-inf", "0x10", " 5", "5 ", "\u0663", "1_000", "+3", "1.5",
)  # fmt: skip
DATES = (
    "2017-09-18", "2017-02-30", "0001-01-01", "9999-12-31", "1799-12-31", "2201-01-01",
    "2017-9-1", "20170901", "2017-09-01T00:00:00", "-2017-01-01", "today", "",
)  # fmt: skip
WORDS = (
    "sdf", "Syrian Democratic Forces", "usa", "rus", "Raqqa", "Deir ez-Zor", "SY", "ASSAULT",
    "patron_of", "admin1", "radius", "30d", "1y", "0d", "99999999y", "-3d",
    "' OR 1=1 --", "%", "_", "*", "\\", "%%_%", "NULL", "()", "sdf' --", "\u202eFDS",
)  # fmt: skip
RAW_ESCAPES = ("%ff", "%fe%ff", "%c0%af", "%ed%a0%80", "%00", "%0d%0a", "+", "%2B", "%", "%zz")
PRIVATE_URLS = (
    "http://127.0.0.1/", "http://127.0.0.1:8000/api/documents", "http://localhost/",
    "http://localhost./", "http://127.1/", "http://2130706433/", "http://0x7f000001/",
    "http://017700000001/", "http://0/", "http://0.0.0.0/", "http://[::1]/",
    "http://[::ffff:127.0.0.1]/", "http://[fe80::1]/", "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/", "http://192.168.1.1/", "http://172.16.0.1/", "http://100.64.0.1/",
    "http://224.0.0.1/", "http://user:pass@127.0.0.1/", "http://example.invalid/",
    "http://[::1", "http://a b/", "file:///etc/passwd", "gopher://127.0.0.1/", "ftp://10.0.0.1/",
    "javascript:alert(1)", "http://\u0000/", "https://127.0.0.1:443/",
)  # fmt: skip
CONTENT_TYPES = (
    "application/json", "application/json", "application/json; charset=latin-1",
    "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
    "application/xml", "", None,
)  # fmt: skip


def _value(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.25:
        return quote(rng.choice(NUMBERS), safe="")
    if roll < 0.45:
        return quote(rng.choice(DATES), safe="")
    if roll < 0.7:
        return quote(rng.choice(WORDS), safe="")
    if roll < 0.85:
        hostile = rng.choice(generate.HOSTILE_STRINGS)
        return quote(hostile.encode("utf-8", errors="surrogatepass"), safe="")
    if roll < 0.95:
        return "".join(rng.choice(RAW_ESCAPES) for _ in range(rng.randint(1, 6)))
    return quote(rng.choice("A%_x") * rng.randint(600, 70_000), safe="")  # huge


def _query(rng: random.Random) -> str:
    pairs = []
    for _ in range(rng.randint(0, 5)):
        name = rng.choice(PARAMS)
        pairs.append(name if rng.random() < 0.05 else f"{name}={_value(rng)}")
    if rng.random() < 0.1:
        pairs += ["", "&", "=", "=="]
    return "&".join(pairs)


def _target(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.7:
        path = rng.choice(READ_PATHS)
    elif roll < 0.85:
        path = rng.choice(("/api/documents/", "/api/actors/")) + _value(rng)
    else:
        path = rng.choice(ODD_PATHS)
    query = _query(rng)
    return f"{path}?{query}" if query else path


def _request(
    method: str,
    target: str,
    headers: list[tuple[str, bytes]],
    body: bytes = b"",
    chunked: bool = False,
) -> bytes:
    lines = [f"{method} {target} HTTP/1.1".encode("ascii"), b"Host: @HOST@"]
    lines += [name.encode("ascii") + b": " + value for name, value in headers]
    if chunked:
        lines.append(b"Transfer-Encoding: chunked")
        pieces = [body[i : i + 65_536] for i in range(0, len(body), 65_536)]
        body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
    elif body or method in ("POST", "PUT", "PATCH"):
        lines.append(b"Content-Length: %d" % len(body))
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def read_request(rng: random.Random) -> bytes:
    """One request to a read endpoint (or an odd path, or an odd method)."""
    method = rng.choice(("GET",) * 12 + ("HEAD", "OPTIONS", "POST", "PUT", "DELETE", "TRACE"))
    headers: list[tuple[str, bytes]] = []
    if rng.random() < 0.15:
        headers.append(("Authorization", rng.choice(_authorizations())))
    if rng.random() < 0.1:
        headers.append(("Origin", b"https://elsewhere.example"))
    body = rng.randbytes(rng.randint(0, 200)) if method in ("POST", "PUT") else b""
    return _request(method, _target(rng), headers, body)


def _authorizations() -> tuple[bytes, ...]:
    token = TOKEN.encode()
    return (
        b"Bearer " + token,
        b"Bearer " + token,
        b"Bearer " + token,
        b"bearer " + token,
        b"Bearer  " + token + b"  ",
        b"Bearer wrong",
        b"Bearer",
        b"Bearer " + token[:-1],
        b"Bearer " + token + b"x",
        b"Basic ZnV6ejpmdXp6",
        token,
        b"Bearer \xff\xfe" + token,
        b"Bearer " + b"A" * 8000,
        b"",
    )


def _article_json(rng: random.Random) -> dict:
    text = generate._attack(rng, generate._article(rng), heavy=False)
    decoded = text.decode("utf-8", errors="surrogateescape")
    kind = rng.random()
    if kind < 0.6:
        body: dict = {"text": decoded}
    elif kind < 0.75:
        body = {"html": generate._html(rng, generate._article(rng))}
    else:
        body = {"url": rng.choice(PRIVATE_URLS)}
    for key, values in (
        ("title", (None, "A title", "<script>x</script>", "\x1b[2J", 5, ["list"])),
        ("outlet", (None, "Levant Wire", "=HYPERLINK(1)", "")),
        ("published", (None, "2017-09-18", "2017-02-30", "0001-01-01", "x", 20170918)),
        ("check_language", (None, False, "no", 0)),
    ):
        value = rng.choice(values) if rng.random() < 0.3 else None
        if value is not None:
            body[key] = value
    if rng.random() < 0.1:
        body[rng.choice(("text", "html", "url", "extra", "__proto__"))] = rng.choice(
            ("also", 1, None, {"a": 1})
        )
    return body


def _body(rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.55:
        data = json.dumps(_article_json(rng), ensure_ascii=rng.random() < 0.5)
        return data.encode("utf-8", errors="surrogateescape")
    if roll < 0.65:  # broken JSON
        data = json.dumps(_article_json(rng)).encode()
        return data[: rng.randint(0, len(data))]
    if roll < 0.72:  # binary
        return rng.randbytes(rng.randint(1, 5000))
    if roll < 0.8:  # deep nesting
        depth = rng.choice((100, 5_000, 200_000))
        return rng.choice((b"[" * depth + b"]" * depth, b'{"text":' * depth))
    if roll < 0.87:  # over the body limit
        return b'{"text": "' + b"x" * rng.randint(2_000_001, 2_600_000) + b'"}'
    if roll < 0.94:  # not an object
        return json.dumps(rng.choice(([], "text", 5, None, [{"text": "x"}]))).encode()
    return b""


def write_request(rng: random.Random) -> bytes:
    """One POST /api/documents, with or without the right token."""
    headers: list[tuple[str, bytes]] = []
    if rng.random() < 0.5:
        headers.append(("Authorization", b"Bearer " + TOKEN.encode()))
    elif rng.random() < 0.8:
        headers.append(("Authorization", rng.choice(_authorizations())))
    content_type = rng.choice(CONTENT_TYPES)
    if content_type is not None:
        headers.append(("Content-Type", content_type.encode()))
    target = "/api/documents" + (f"?{_query(rng)}" if rng.random() < 0.1 else "")
    return _request("POST", target, headers, _body(rng), chunked=rng.random() < 0.15)
