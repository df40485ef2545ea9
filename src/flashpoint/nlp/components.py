"""Custom spaCy components, registered in one place (imported by `load_pipeline`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPH_BREAK = "paragraph_boundaries"


@Language.component(PARAGRAPH_BREAK, assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence: news text puts headlines, datelines and quoted
    blocks on lines of their own, and the statistical parser often runs them together."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        blank_line = previous.is_space and "\n" in previous.text
        ends_paragraph = not previous.is_space and "\n\n" in previous.whitespace_
        if blank_line or ends_paragraph:
            token.is_sent_start = True
    return doc
