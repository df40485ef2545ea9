"""flashpoint: rebuild armed conflict from news reporting as sourced, mapped data."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("flashpoint")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"
