"""The HTTP API (`flashpoint serve`): FastAPI over the same functions the CLI calls.

>>> app = create_app(Settings(db_url="sqlite:///flashpoint.db"))
"""

from flashpoint.api.app import create_app
from flashpoint.api.settings import Settings

__all__ = ["Settings", "create_app"]
