"""Parse long texts in parts, so an article of several megabytes is analysed, not refused,
and a run of characters without white space costs linear time, not quadratic.

spaCy refuses a text over `nlp.max_length` (a million characters, error E088) because the
parser and NER hold the whole text in memory at once. A loaded pipeline here parses a text
longer than `PART_CHARS` in parts cut at paragraph breaks (else at a line break, a sentence
end, any white space, and for a text without any, anywhere), then joins the parts into one
`Doc` whose text is the original text, character for character, so every offset holds.

    >>> nlp = allow_long_texts(spacy.blank("en"))
    >>> nlp("word " * 300_000).text == "word " * 300_000
    True
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is slow to import, and the CLI reads PART_CHARS at start-up
    from spacy.language import Language
    from spacy.tokens import Doc

PART_CHARS = 100_000
_CUTS = ("\n\n", "\n", ". ", " ", "\t")
# spaCy's tokenizer strips affixes off a run without white space one at a time, in time
# quadratic in its length: 87,000 dots took a minute. A longer run is cut into pieces of
# this many characters, each tokenised alone; no word is this long.
MAX_RUN_CHARS = 1_000
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")


def needs_parts(text: str, part_chars: int = PART_CHARS) -> bool:
    """Whether `text` is parsed in parts: longer than a part, or with a run too long to
    tokenise whole."""
    return len(text) > part_chars or _LONG_RUN.search(text) is not None


def split_points(text: str, part_chars: int = PART_CHARS) -> list[int]:
    """Offsets at which to cut `text`: no part longer than `part_chars`, each cut right after
    a separator where the text allows it, and runs without white space longer than
    `MAX_RUN_CHARS` cut before, every `MAX_RUN_CHARS` within, and after."""
    cuts = set(length_cuts(text, part_chars))
    for run in _LONG_RUN.finditer(text):
        cuts.update(range(run.start(), run.end(), MAX_RUN_CHARS))
        cuts.add(run.end())
    return sorted(cuts - {0, len(text)})


def length_cuts(text: str, part_chars: int) -> list[int]:
    cuts: list[int] = []
    start = 0
    while len(text) - start > part_chars:
        low, high = start + part_chars // 2, start + part_chars
        cut = high
        for separator in _CUTS:
            found = text.rfind(separator, low, high)
            if found >= 0:
                cut = found + len(separator)
                break
        cuts.append(cut)
        start = cut
    return cuts


def parts(text: str, part_chars: int = PART_CHARS) -> list[str]:
    """`text` cut at `split_points`; the parts joined give `text` back."""
    bounds = [0, *split_points(text, part_chars), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


class LongTexts:
    """Mixin for a loaded `Language`: `__call__` and `pipe` parse long texts in parts."""

    part_chars: int = PART_CHARS

    def __call__(self, text: str | Doc, **kwargs: Any) -> Doc:
        base = super()
        if not isinstance(text, str) or not needs_parts(text, self.part_chars):
            return base.__call__(text, **kwargs)
        from spacy.tokens import Doc

        docs = [base.__call__(part, **kwargs) for part in parts(text, self.part_chars)]
        doc = Doc.from_docs(docs, ensure_whitespace=False)
        if doc.text != text:  # pragma: no cover - from_docs keeps text; guard the offsets
            raise RuntimeError("parsing in parts changed the text")
        return doc

    def pipe(self, texts: Iterable[Any], **kwargs: Any) -> Iterator[Any]:
        """Short texts go through spaCy's batched `pipe`; a long one is parsed alone, in parts,
        in its place, so the order of the results is the order of the texts."""
        as_tuples = kwargs.get("as_tuples", False)
        per_call = {k: kwargs[k] for k in ("disable", "component_cfg") if k in kwargs}
        batch = max(kwargs.get("batch_size") or 0, 1) * 4
        base_pipe = super().pipe
        buffer: list[Any] = []
        for item in texts:
            text, context = item if as_tuples else (item, None)
            if isinstance(text, str) and needs_parts(text, self.part_chars):
                yield from base_pipe(buffer, **kwargs) if buffer else ()
                buffer = []
                doc = self(text, **per_call)
                yield (doc, context) if as_tuples else doc
                continue
            buffer.append(item)
            if len(buffer) >= batch:
                yield from base_pipe(buffer, **kwargs)
                buffer = []
        if buffer:
            yield from base_pipe(buffer, **kwargs)


def allow_long_texts(nlp: Language) -> Language:
    """Give a loaded pipeline the `LongTexts` behaviour (its class gains the mixin; the
    class is named in this module, so the pipeline still pickles)."""
    base = type(nlp)
    if issubclass(base, LongTexts):
        return nlp
    name = f"LongText{base.__name__}"
    module = sys.modules[__name__]
    cls = getattr(module, name, None)
    if cls is None:
        cls = type(name, (LongTexts, base), {"__module__": __name__})
        setattr(module, name, cls)
    nlp.__class__ = cls
    return nlp
