"""Refuse input that would make the analysis meaningless, each with one clear error line.

Checks run on the raw bytes first (empty, binary, size), then on the decoded text (encoding,
language), so that a PDF or a 50 MB log file never reaches the parser.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from typing import BinaryIO

from flashpoint.errors import (
    INPUT_BINARY,
    INPUT_EMPTY,
    INPUT_ENCODING,
    INPUT_NOT_ENGLISH,
    INPUT_TOO_LARGE,
    FlashpointError,
)

SNIFF_BYTES = 8192
DECODE_CHUNK = 1 << 20  # bytes read at a time when a corpus file is decoded as a stream
MAX_CONTROL_SHARE = 0.10
# Control bytes that plain text legitimately holds: tab, newline, vertical tab, form feed, CR, ESC.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

LANGUAGE_SAMPLE_CHARS = 20_000
MIN_WORDS_TO_JUDGE = 15
MIN_LETTERS_TO_JUDGE = 40
MIN_LATIN_SHARE = 0.5
# Below this share of English function words, a text must look foreign to be refused ...
ENGLISH_DOUBT = 0.12
# ... and below this one, it is refused outright once it has MIN_WORDS_FOR_FLOOR words.
ENGLISH_FLOOR = 0.03
MIN_WORDS_FOR_FLOOR = 30


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


ENGLISH_WORDS = _wordset(
    """the of and to a an in is are was were be been being has have had it its this that these
    those which who whom whose what when where while with without for from by at as on into onto
    over under after before between against about during through than then there their they them
    he she his her him we our us you your not no nor or but if so also would will could can may
    might should must shall do does did said says say told according other some any all more most
    such only just very up out off one two new own both each few many much same since until"""
)
# Function words of other Latin-script languages, leaving out those that are also English words.
FOREIGN_WORDS = _wordset(
    """le la les des du un une et est sont dans pour par sur avec qui que ne pas au aux ce cette ces
    il elle ils elles nous vous leur leurs été être mais ou où sa ses son plus selon contre après
    el los las del y en es por con para una como pero sus más fue según entre ha han
    der die das und ist nicht ein eine einen dem den des mit von zu auf für sich wird wurde hat
    auch nach bei aus oder wie über sind
    il lo gli della delle degli che di è sono nel nella alla dalla questo anche
    os um uma não com dos das na nos pelo pela ao foi são mais
    het een van op te zijn niet met voor dat ook bij wordt werd"""
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_bytes(data: bytes, origin: str, max_bytes: int) -> None:
    """Empty, too large, or binary input is refused before anything tries to decode it."""
    if len(data) > max_bytes:
        raise FlashpointError(INPUT_TOO_LARGE, too_large_message(origin, max_bytes))
    if not data.strip():
        raise FlashpointError(INPUT_EMPTY, f"{origin} is empty")
    head = data[:SNIFF_BYTES]
    if head.startswith(_UTF16_BOMS):
        return  # UTF-16 text holds NUL bytes by design; decoding decides.
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    # A NUL byte anywhere (not only in the sniffed head): text never holds one, and a file
    # that is text for 8 KiB and binary after would otherwise reach the parser.
    nul = data.find(b"\x00")
    if nul >= 0 or controls > MAX_CONTROL_SHARE * len(head):
        where = f" (a NUL byte at offset {nul:,})" if nul >= SNIFF_BYTES else ""
        raise FlashpointError(INPUT_BINARY, f"{origin} looks like a binary file, not text{where}")


def too_large_message(origin: str, max_bytes: int) -> str:
    return f"{origin} is larger than {max_bytes:,} bytes; split it or raise the size limit"


def _check_utf16(head: bytes, origin: str, encoding: str | None) -> None:
    if encoding is None and head.startswith(_UTF16_BOMS):
        raise FlashpointError(
            INPUT_ENCODING, f"{origin} is UTF-16; convert it to UTF-8 or pass --encoding utf-16"
        )


def _not_valid(origin: str, encoding: str | None, offset: int) -> FlashpointError:
    hint = "pass --encoding latin-1 (or the file's real encoding)"
    if encoding:
        hint = "check the --encoding you gave"
    return FlashpointError(
        INPUT_ENCODING, f"{origin} is not valid {encoding or 'UTF-8'} (byte {offset}); {hint}"
    )


def decode(data: bytes, origin: str, encoding: str | None) -> str:
    """Decode strictly: UTF-8 (a BOM is fine) unless the user names another encoding."""
    _check_utf16(data, origin, encoding)
    codec = encoding or "utf-8-sig"
    try:
        text = data.decode(codec)
    except LookupError as exc:
        raise FlashpointError(INPUT_ENCODING, f"unknown encoding {encoding!r}") from exc
    except UnicodeDecodeError as exc:
        raise _not_valid(origin, encoding, exc.start) from exc
    return text.lstrip("\ufeff")


def decode_stream(
    handle: BinaryIO, origin: str, encoding: str | None, chunk: int | None = None
) -> Iterator[str]:
    """`decode` a file a chunk at a time, with the same checks and errors, so a corpus of
    several GB is never held whole: the text comes out in pieces of about `chunk` characters
    (a character split between two reads is held back by the incremental decoder)."""
    chunk = chunk or DECODE_CHUNK
    head = handle.read(chunk)
    _check_utf16(head, origin, encoding)
    try:
        decoder = codecs.getincrementaldecoder(encoding or "utf-8-sig")("strict")
    except LookupError as exc:
        raise FlashpointError(INPUT_ENCODING, f"unknown encoding {encoding!r}") from exc
    offset, data, first = 0, head, True
    while True:
        final = len(data) < chunk
        held = len(decoder.getstate()[0])  # bytes of a character begun in the last read
        try:
            text = decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            raise _not_valid(origin, encoding, max(0, offset - held + exc.start)) from exc
        offset += len(data)
        if first and text:
            text, first = text.lstrip("\ufeff"), False
        if text:
            yield text
        if final:
            return
        data = handle.read(chunk)


def check_unicode(text: str, origin: str, what: str = "text") -> None:
    """Refuse a lone surrogate (JSON may spell one, `\\ud800`): it is not a character, and
    every later step that encodes the text (ids, the store, JSON output) would fail on it."""
    match = _SURROGATE.search(text)
    if match is not None:
        raise FlashpointError(
            INPUT_ENCODING,
            f"{origin}: the {what} holds a lone surrogate (U+{ord(match.group()):04X} at "
            f"character {match.start():,}), which is not valid Unicode",
        )


def check_not_empty(text: str, origin: str) -> None:
    if not text.strip():
        raise FlashpointError(INPUT_EMPTY, f"{origin} holds only white space")


def english_scores(text: str) -> tuple[int, float, float, float]:
    """Word count, share of Latin letters, English and foreign function-word shares."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    latin = sum(1 for ch in letters if ch.isascii() or _is_latin(ch))
    words = [w.casefold().replace("’", "'") for w in _WORD.findall(sample)]
    if not words:
        return 0, 1.0, 0.0, 0.0
    english = sum(1 for w in words if w in ENGLISH_WORDS) / len(words)
    foreign = sum(1 for w in words if w in FOREIGN_WORDS) / len(words)
    return len(words), latin / max(len(letters), 1), english, foreign


def _is_latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")


def check_english(text: str, origin: str) -> None:
    """Refuse text that is clearly not English; short texts and name-heavy texts pass.

    The test is cheap on purpose: the script of the letters, then the share of common English
    function words against those of French, Spanish, German, Italian, Portuguese and Dutch.
    """
    n_words, latin, english, foreign = english_scores(text)
    letters = sum(1 for ch in text[:LANGUAGE_SAMPLE_CHARS] if ch.isalpha())
    if letters >= MIN_LETTERS_TO_JUDGE and latin < MIN_LATIN_SHARE:
        raise FlashpointError(
            INPUT_NOT_ENGLISH,
            f"{origin} is mostly in a non-Latin script; flashpoint reads English only "
            "(use --no-language-check to force)",
        )
    if n_words < MIN_WORDS_TO_JUDGE:
        return
    foreign_looking = english < ENGLISH_DOUBT and foreign > english
    if foreign_looking or (n_words >= MIN_WORDS_FOR_FLOOR and english < ENGLISH_FLOOR):
        raise FlashpointError(
            INPUT_NOT_ENGLISH,
            f"{origin} does not look like English ({english:.0%} common English words); "
            "flashpoint reads English only (use --no-language-check to force)",
        )
