"""Errors as JSON: `{"error": {"code": "E405", "message": "..."}}` with a 4xx status for a
`FlashpointError`, 422 for a parameter that does not parse, and a bare 500 for a bug; a
response never carries a traceback (the server log does)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from flashpoint import errors as codes
from flashpoint.errors import FlashpointError

log = logging.getLogger("flashpoint.api")

STATUS = {
    codes.DB_NOT_FOUND: 404,
    codes.ANALYSIS_STORE_EMPTY: 404,
    codes.ANALYSIS_REGION_UNKNOWN: 422,
    codes.API_BAD_REQUEST: 422,
    codes.API_UNAUTHORIZED: 401,
    codes.API_WRITES_OFF: 403,
    codes.INPUT_TOO_LARGE: 413,
    codes.URL_UNREACHABLE: 422,
    codes.DB_UNREACHABLE: 503,
    codes.DB_CORRUPT: 503,
    codes.DB_WRITE_FAILED: 503,
}
HTTP_CODES = {404: codes.DB_NOT_FOUND, 405: codes.API_BAD_REQUEST, 413: codes.INPUT_TOO_LARGE}


def error_response(status: int, code: str, message: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for item in exc.errors()[:3]:
        where = ".".join(str(x) for x in item.get("loc", ()) if x not in ("query", "body"))
        parts.append(f"{where or 'request'}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the JSON error shape."""

    @app.exception_handler(FlashpointError)
    async def _flashpoint(_request: Request, exc: FlashpointError) -> JSONResponse:
        return error_response(STATUS.get(exc.code, 400), exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, codes.API_BAD_REQUEST, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = HTTP_CODES.get(exc.status_code, codes.API_BAD_REQUEST)
        return error_response(exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, codes.API_INTERNAL, "internal error; see the server log")
