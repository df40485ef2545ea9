"""`flashpoint serve`: the HTTP API over the store (flashpoint.api), run by uvicorn.

The store is opened and the settings checked before the server binds, so a missing or
corrupt store, or `--allow-writes` without FLASHPOINT_TOKEN, is one line and a non-zero exit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flashpoint.cli import app
from flashpoint.cli.store import DbOption


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", help="Address to bind (loopback unless told)."),
    port: int = typer.Option(8000, min=0, max=65535, help="Port to listen on."),
    allow_writes: bool = typer.Option(
        False,
        "--allow-writes",
        help="Accept POST /api/documents from clients with Authorization: Bearer "
        "$FLASHPOINT_TOKEN (refused to start without the token).",
    ),
    registry: Annotated[list[Path], typer.Option(help="Extra actor registry YAML files.")] = [],  # noqa: B006 - typer reads the default
    max_body: int = typer.Option(
        2_000_000, min=1_000, help="Largest request body in bytes (413 above it)."
    ),
    log_level: str = typer.Option("info", help="uvicorn's log level."),
    allowed_host: Annotated[
        list[str],
        typer.Option(
            help="A Host header to answer besides the loopback names (repeatable; NAME for "
            "any port, NAME:PORT, or * for any Host). Others get 400: the guard against DNS "
            "rebinding."
        ),
    ] = [],  # noqa: B006 - typer reads the default
) -> None:
    """Serve the page at /, the read API (and, with --allow-writes, the write endpoint) under
    /api/, and its docs at /docs.

    Example: flashpoint serve --db sqlite:///corpus.db --port 8000
    """
    import uvicorn

    from flashpoint.api import Settings, create_app
    from flashpoint.api.hosts import is_loopback, trusted_hosts
    from flashpoint.api.web import page_built
    from flashpoint.store.database import DEFAULT_URL

    settings = Settings.from_env(
        db or DEFAULT_URL,
        allow_writes=allow_writes,
        registry_paths=tuple(str(p) for p in registry),
        max_body_bytes=max_body,
        trusted_hosts=trusted_hosts(host, port, allowed_host),
    )
    application = create_app(settings)
    if not page_built():
        typer.echo(
            "warning: the web page was not built (the install step builds it from web/ with "
            "npm); serving the API only: run `pip install -e .` again with node and npm",
            err=True,
        )
    if not is_loopback(host):
        typer.echo(f"warning: listening on {host}, reachable from other machines", err=True)
        if settings.trusted_hosts is None:
            typer.echo(
                "warning: any Host header is answered; name this server's hosts with "
                "--allowed-host to refuse the others",
                err=True,
            )
    uvicorn.run(application, host=host, port=port, log_level=log_level, server_header=False)
