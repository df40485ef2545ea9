"""Strip the boilerplate that scrapers leave in plain-text articles, keeping the reporting intact.

Repeated headlines, republishers' disclaimers and "Paid content" / "Related stories" tails would
otherwise reach the extractors as if the author had written them. The patterns live in
`data/lexicons/boilerplate.yaml`; users add their own files with `load_boilerplate`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import ftfy
import yaml

from flashpoint.errors import LEXICON_INVALID, FlashpointError

_SECTIONS = ("lines", "tails", "sentences")
# Horizontal white space other than the plain space (NBSP, thin spaces, ideographic space, tab).
_HSPACE = re.compile(r"[\t\x0b\x0c\xa0\u1680\u2000-\u200a\u202f\u205f\u3000 ]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
# A matched sentence must start a line or follow the end of another sentence.
_SENTENCE_START = r"(?:^|(?<=[.!?] )|(?<=[.!?][\"'”’)] ))"
_CLOSERS = "\"'”’)]»"
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 20
HEADLINE_MAX_CHARS = 200


@dataclass(frozen=True)
class Boilerplate:
    """Compiled boilerplate patterns: whole lines, tails of links, and sentences."""

    lines: tuple[re.Pattern[str], ...] = ()
    tails: tuple[re.Pattern[str], ...] = ()
    sentences: tuple[re.Pattern[str], ...] = ()

    def is_line(self, line: str) -> bool:
        return any(p.fullmatch(line) for p in self.lines)

    def starts_tail(self, line: str) -> bool:
        return any(p.fullmatch(line) for p in self.tails)

    def strip_sentences(self, line: str) -> str:
        for pattern in self.sentences:
            line = pattern.sub("", line)
        return _HSPACE.sub(" ", line).strip()


def _read_patterns(text: str, origin: str) -> dict[str, list[str]]:
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise FlashpointError(LEXICON_INVALID, f"{origin}: not valid YAML ({exc})") from exc
    if not isinstance(raw, dict) or set(raw) - set(_SECTIONS):
        raise FlashpointError(
            LEXICON_INVALID, f"{origin}: expected only the keys {', '.join(_SECTIONS)}"
        )
    out: dict[str, list[str]] = {}
    for key in _SECTIONS:
        items = raw.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise FlashpointError(LEXICON_INVALID, f"{origin}: '{key}' must be a list of strings")
        out[key] = items
    return out


def _compile(pattern: str, section: str, origin: str) -> re.Pattern[str]:
    source = _SENTENCE_START + "(?:" + pattern + r")\s*" if section == "sentences" else pattern
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as exc:
        message = f"{origin}: bad pattern {pattern!r} ({exc})"
        raise FlashpointError(LEXICON_INVALID, message) from exc


def load_boilerplate(extra_paths: Iterable[str | Path] = ()) -> Boilerplate:
    """The shipped patterns plus those in `extra_paths` (YAML files with the same keys)."""
    sources = [(_default_text(), "boilerplate.yaml")]
    for path in extra_paths:
        try:
            sources.append((Path(path).read_text(encoding="utf-8"), str(path)))
        except (OSError, UnicodeDecodeError) as exc:
            raise FlashpointError(LEXICON_INVALID, f"cannot read {path}: {exc}") from exc
    merged: dict[str, list[re.Pattern[str]]] = {key: [] for key in _SECTIONS}
    for text, origin in sources:
        for key, patterns in _read_patterns(text, origin).items():
            merged[key].extend(_compile(p, key, origin) for p in patterns)
    return Boilerplate(**{key: tuple(value) for key, value in merged.items()})


def _default_text() -> str:
    path = resources.files("flashpoint") / "data" / "lexicons" / "boilerplate.yaml"
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def default_boilerplate() -> Boilerplate:
    """The shipped patterns, compiled once per process."""
    return load_boilerplate()


def normalise_whitespace(text: str) -> str:
    """Light clean-up: mojibake fixed, one space between words, paragraphs split by a blank line."""
    text = ftfy.fix_encoding(text)
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_HSPACE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n\n".join("\n".join(block) for block in _blocks(lines))


def _blocks(lines: list[str]) -> list[list[str]]:
    """Group lines into paragraphs at blank lines."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _short_line(line: str) -> bool:
    """Short and not ending like a sentence: the shape of headlines and of link lines."""
    if len(line.split()) > HEADLINE_MAX_WORDS or len(line) > HEADLINE_MAX_CHARS:
        return False
    return line.rstrip(_CLOSERS)[-1:] not in {".", ",", ";", ":"}


def looks_like_headline(line: str) -> bool:
    """Short, capitalised, mostly words, and not ending like a sentence ('?' and '!' may end it).

    A dateline such as "Wed 05 Apr 2017" or a lone word is not taken for a headline.
    """
    words = line.split()
    if len(words) < HEADLINE_MIN_WORDS or not _short_line(line) or line[0].islower():
        return False
    wordy = sum(1 for w in words if not any(c.isdigit() for c in w) and any(map(str.isalpha, w)))
    return wordy * 2 > len(words)


def _key(line: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", line.casefold()).split())


def _ends_tail(line: str) -> bool:
    """A tail of links ends at the first line that reads as prose."""
    return not _short_line(line)


def clean_text(
    text: str, *, boilerplate: Boilerplate | None = None, title: str | None = None
) -> tuple[str, str | None]:
    """Drop boilerplate from plain text; return the cleaned body and the title found, if any.

    The first line becomes the title when it looks like a headline and more text follows; it
    stays in the body, and later repeats of it are dropped. Pass `title` when it is known
    already (e.g. from HTML metadata) to drop its repeats without guessing.

        >>> clean_text("Raid on Idlib\\n\\nShells fell.\\n\\nRaid on Idlib\\n\\nSponsored")
        ('Raid on Idlib\\n\\nShells fell.', 'Raid on Idlib')
    """
    patterns = boilerplate or default_boilerplate()
    blocks = _blocks(normalise_whitespace(text).split("\n"))
    lines = [line for block in blocks for line in block]
    found = None
    if len(lines) > 1 and looks_like_headline(lines[0]) and not patterns.is_line(lines[0]):
        found = lines[0]
    title_key = _key(title or found or "")
    seen_title = False
    in_tail = False
    kept_blocks: list[list[str]] = []
    for block in blocks:
        kept: list[str] = []
        for line in block:
            if in_tail and _ends_tail(line) and not patterns.is_line(line):
                in_tail = False
            if in_tail:
                continue
            if patterns.starts_tail(line):
                in_tail = True
                continue
            if patterns.is_line(line):
                continue
            if title_key and _key(line) == title_key:
                if seen_title:
                    continue
                seen_title = True
            line = patterns.strip_sentences(line)
            if line:
                kept.append(line)
        if kept:
            kept_blocks.append(kept)
    return "\n\n".join("\n".join(block) for block in kept_blocks), found
