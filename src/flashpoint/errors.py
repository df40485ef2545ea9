"""Every user-facing error in one place, with a stable code to grep for and test against.

A `FlashpointError` is a user error: the CLI prints `error[CODE]: message` on one line and exits
non-zero, never with a traceback. Anything else that escapes is a bug.
"""

from __future__ import annotations


class FlashpointError(Exception):
    """A problem with the user's input or environment, reported in one line."""

    exit_code = 2

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"error[{self.code}]: {self.message}"


# Codes by stage. Keep messages short, say what to do next where possible.
# ingest: E1xx · nlp: E2xx · resolve: E3xx · store: E4xx · eval/bench: E5xx · geo: E6xx
INPUT_NOT_FOUND = "E101"
INPUT_EMPTY = "E102"
INPUT_BINARY = "E103"
INPUT_TOO_LARGE = "E104"
INPUT_ENCODING = "E105"
INPUT_NOT_ENGLISH = "E106"
INPUT_BAD_HTML = "E107"
URL_UNREACHABLE = "E108"
INPUT_NO_TEXT = "E109"
MODEL_MISSING = "E201"
REGISTRY_INVALID = "E301"
REGISTRY_NOT_FOUND = "E302"
LEXICON_INVALID = "E303"
GAZETTEER_MISSING = "E304"
DB_CORRUPT = "E401"
DB_UNREACHABLE = "E402"
EVAL_DATA_INVALID = "E501"
GEO_DATA_INVALID = "E601"
EVAL_DATA_NOT_FOUND = "E502"
EVAL_OUTPUT_UNWRITABLE = "E503"
BENCH_CORPUS_INVALID = "E504"
DB_URL_INVALID = "E403"
DB_WORKER_FAILED = "E404"
DB_NOT_FOUND = "E405"
EXPORT_FAILED = "E406"
ANALYSIS_FAILED = "E407"
BENCH_DOCUMENT_FAILED = "E505"
DB_WRITE_FAILED = "E408"
VALUE_OUT_OF_BOUNDS = "E409"  # a day, count, window or name past what the store holds
DASK_UNREACHABLE = "E410"  # ingest --dask: no scheduler answers, or it has no worker
DASK_ADDRESS_INVALID = "E411"
# analyze (corpus analysis over the store): E7xx
ANALYSIS_STORE_EMPTY = "E701"
ANALYSIS_REGION_UNKNOWN = "E702"
# api (`flashpoint serve`): E8xx
API_WRITES_OFF = "E801"
API_UNAUTHORIZED = "E802"
API_TOKEN_MISSING = "E803"
API_BAD_REQUEST = "E804"
API_INTERNAL = "E805"
API_BAD_HOST = "E806"
