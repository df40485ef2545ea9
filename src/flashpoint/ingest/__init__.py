"""ingest stage: one article from a file, standard input, a URL or a string, as a clean Document."""

from flashpoint.ingest.clean import Boilerplate, clean_text, load_boilerplate
from flashpoint.ingest.load import (
    DEFAULT_MAX_BYTES,
    document_from_html,
    document_from_text,
    load_document,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Boilerplate",
    "clean_text",
    "document_from_html",
    "document_from_text",
    "load_boilerplate",
    "load_document",
]
