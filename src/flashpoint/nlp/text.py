"""The text and the noun chunks of a parsed document, computed once.

spaCy's `Doc.text` joins every token's text anew on each read (one Python Token object per
token), and `Doc.noun_chunks` walks the whole parse anew on each read (about 1 ms for a news
article); the extraction stages read the text a score of times per document and the noun
chunks four times. The first read is kept in `doc.user_data`, which travels with the Doc and
dies with it. What is kept is plain data (a string, token offsets), so the Doc still
serialises as spaCy's own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_KEY = "flashpoint.text"
_CHUNKS = "flashpoint.noun_chunks"


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per Doc (tokens never change their text after parsing)."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def noun_chunks(doc: Doc) -> list[Span]:
    """`list(doc.noun_chunks)`, the parse walked once per Doc (the parse never changes after
    the pipeline has run); each call gets its own list of the same spans."""
    kept = doc.user_data.get(_CHUNKS)
    if kept is None:
        kept = doc.user_data[_CHUNKS] = tuple((c.start, c.end, c.label) for c in doc.noun_chunks)
    return [Span(doc, start, end, label=label) for start, end, label in kept]
