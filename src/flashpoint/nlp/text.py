"""The text of a parsed document, joined once.

spaCy's `Doc.text` joins every token's text anew on each read (one Python Token object per
token); the extraction stages read it a score of times per document. The first read is kept
in `doc.user_data`, which travels with the Doc and dies with it.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "flashpoint.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per Doc (tokens never change their text after parsing)."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
