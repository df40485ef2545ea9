"""What every request reads: the open store, the actor registry, the settings; opened once
when the app is built, so that a bad store fails the start, not the first request."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from flashpoint.api.settings import Settings
from flashpoint.resolve.registry import ActorRegistry
from flashpoint.store.database import Database


@dataclass
class AppState:
    settings: Settings
    db: Database
    registry: ActorRegistry
    analyzer: Any = None  # the pipeline, loaded by the first write (see write.py)
    lock: threading.Lock = field(default_factory=threading.Lock)


def get_state(request: Request) -> AppState:
    return request.app.state.flashpoint
