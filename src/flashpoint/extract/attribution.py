"""Who says so: quotes, reported speech, cited outlets and unnamed sources.

Every token of the document gets the attribution of the innermost claim it sits in: the
author by default; a quoted or reporting speaker ("Kholeh said ..."), a cited outlet
("Reuters reported", "According to the Guardian"), or an unnamed source ("activists say").
A speaker's words reported by an outlet keep both ("... told Reuters").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from flashpoint.extract.actor_table import ActorTable
from flashpoint.extract.lexicon import Lexicon
from flashpoint.model import Attribution, Quote

QUOTE_PAIRS = re.compile(r"“([^”“]{2,}?)”|\"([^\"]{2,}?)\"|«([^»]{2,}?)»", re.S)
PRONOUNS = {"he", "she", "they", "it", "we"}


@dataclass
class Claim:
    start: int  # character offsets
    end: int
    attribution: Attribution
    depth: int


@dataclass
class AttributionMap:
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def at(self, char: int) -> Attribution:
        """The attribution of the innermost claim covering a character offset."""
        best: Claim | None = None
        for claim in self.claims:
            if claim.start <= char < claim.end and (best is None or claim.depth >= best.depth):
                best = claim
        return best.attribution if best else Attribution(kind="author")

    def in_quote(self, char: int) -> bool:
        return any(q.start <= char < q.end for q in self.quotes if q.direct)


class Attributor:
    def __init__(self, lexicon: Lexicon):
        self.reporting = lexicon.cue("attribution", "reporting_verbs")
        self.accusing = lexicon.cue("attribution", "accusation_verbs")
        self.according = lexicon.cue("attribution", "according_to")
        self.unnamed = lexicon.cue("attribution", "unnamed_sources")

    def attribute(
        self, doc: Doc, table: ActorTable, affiliations: dict[str, str] | None = None
    ) -> AttributionMap:
        """Attribute every claim; `affiliations` maps a person to the organisation they speak for
        (from their role)."""
        self._affiliations = affiliations or {}
        self._text = text = doc.text  # Doc.text joins every token anew on each call
        result = AttributionMap()
        last_speaker: Attribution | None = None
        quote_spans = [
            (m.start(m.lastindex), m.end(m.lastindex)) for m in QUOTE_PAIRS.finditer(text)
        ]
        # direct quotes: the speaker comes from the nearest reporting clause around the quote
        for q_start, q_end in quote_spans:
            inner = text[q_start:q_end]
            if len(inner.split()) < 4:
                continue  # scare quotes ("an “Iranian corridor”") are not quotations
            source = self._speaker_near_quote(doc, q_start, q_end, table, result)
            result.claims.append(Claim(q_start, q_end, source, 3))
            result.quotes.append(
                Quote(
                    speaker=source.speaker or source.outlet,
                    speaker_id=source.speaker_id,
                    role=source.role,
                    text=inner,
                    start=q_start,
                    end=q_end,
                    via=source.outlet if source.kind == "speaker" else None,
                    direct=True,
                    affiliation=source.affiliation,
                )
            )
        # reported speech, sentence by sentence; inside a quote it nests ("activists say" in a
        # Navy Times passage is the activists, via Navy Times)
        for sent in doc.sents:
            for verb in sent:
                lemma = verb.lemma_.lower()
                if lemma not in self.reporting | self.accusing or verb.pos_ not in {"VERB", "AUX"}:
                    continue
                source = self._source_of(verb, table, last_speaker)
                if source is None:
                    continue
                if source.kind == "speaker":
                    last_speaker = source
                outer = result.at(verb.idx)
                if outer.kind != "author" and source.outlet is None:
                    source = source.model_copy(update={"outlet": outer.outlet or outer.speaker})
                claim_tokens = [
                    t
                    for c in verb.children
                    if c.dep_ in {"ccomp", "xcomp", "conj"} and c.pos_ in {"VERB", "AUX"}
                    for t in c.subtree
                ]
                if lemma in self.accusing:  # "accused Tehran of arming the Houthis"
                    claim_tokens = [
                        t for c in verb.children if c.dep_ == "prep" for t in c.subtree
                    ] + [verb]
                if not claim_tokens:
                    continue  # "X, head of Y, told Reuters": the claim is the quote itself
                else:
                    start = min(t.idx for t in claim_tokens)
                    end = max(t.idx + len(t) for t in claim_tokens)
                depth = 2 if verb.dep_ != "ROOT" else 1
                if any(qs <= verb.idx < qe for qs, qe in quote_spans):
                    depth = 4
                result.claims.append(Claim(start, end, source, depth))
                if not any(start <= qe and qs - 1 <= end for qs, qe in quote_spans):
                    claim = text[start:end].strip()
                    # the span of the stripped text: a claim ending in a paragraph break
                    # (a whitespace token) must still point at exactly its text
                    first = start + len(text[start:end]) - len(text[start:end].lstrip())
                    if claim_tokens and claim:
                        result.quotes.append(
                            Quote(
                                speaker=source.speaker or source.outlet,
                                speaker_id=source.speaker_id,
                                role=source.role,
                                text=claim,
                                start=first,
                                end=first + len(claim),
                                via=source.outlet if source.kind == "speaker" else None,
                                direct=False,
                                affiliation=source.affiliation,
                            )
                        )
            self._according_to(sent, table, result)
        result.quotes.sort(key=lambda q: q.start)
        return result

    # -- helpers ------------------------------------------------------------------------
    def _source_of(
        self, verb: Token, table: ActorTable, last_speaker: Attribution | None
    ) -> Attribution | None:
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects:
            return None
        subject = subjects[0]
        mention = table.at(subject.i)
        outlet = self._told_outlet(verb, table)
        if (
            mention is not None
            and not table.actors[mention.actor_id].known
            and (subject.lemma_.lower() in self.unnamed or subject.lower_ in self.unnamed)
        ):
            mention = None  # "activists say", "officials said": unnamed, whatever their side
        if mention is not None:
            actor = table.actors[mention.actor_id]
            if actor.kind == "media":
                return Attribution(kind="outlet", outlet=actor.name)
            affiliation = actor.id if actor.kind != "person" else self._affiliations.get(actor.id)
            return Attribution(
                kind="speaker",
                speaker=actor.name,
                speaker_id=actor.id,
                role=actor.role,
                outlet=outlet,
                affiliation=affiliation,
            )
        if subject.lower_ in PRONOUNS and last_speaker is not None and subject.lower_ != "it":
            if subject.lower_ in {"he", "she"}:
                return last_speaker.model_copy(update={"outlet": outlet or last_speaker.outlet})
            return None
        if subject.lemma_.lower() in self.unnamed or subject.lower_ in self.unnamed:
            words = [t.text for t in subject.subtree if t.dep_ != "punct"]
            org = next((table.at(t.i) for t in subject.subtree if table.at(t.i) is not None), None)
            return Attribution(
                kind="unnamed",
                speaker=" ".join(words),
                outlet=outlet,
                affiliation=org.actor_id if org else None,
            )
        return None

    @staticmethod
    def _told_outlet(verb: Token, table: ActorTable) -> str | None:
        """'told Reuters': the outlet a speaker spoke to."""
        for child in verb.children:
            if child.dep_ in {"dobj", "dative", "iobj", "pobj"}:
                mention = table.at(child.i)
                if mention and table.actors[mention.actor_id].kind == "media":
                    return table.actors[mention.actor_id].name
        return None

    def _according_to(self, sent, table: ActorTable, result: AttributionMap) -> None:  # noqa: ANN001
        """'according to X', 'quoted by X': phrases are tried in the order the sentence has them,
        as whole words ("per" is not the end of "newspaper"), never in the order of a set."""
        lower = sent.text.lower()
        hits = sorted(
            (m.start(), -len(phrase), phrase)
            for phrase in self.according
            for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"\s", lower)
        )
        for at, _, phrase in hits:
            after = sent.doc.char_span(
                sent.start_char + at + len(phrase) + 1, sent.end_char, alignment_mode="expand"
            )
            if after is None:
                continue
            for token in after:
                mention = table.at(token.i)
                if mention is not None and _stance_prefix(token, mention.token_start):
                    continue  # "the pro-Hezbollah newspaper Al-Akhbar": the newspaper
                if mention is None:
                    if token.lemma_.lower() in self.unnamed:
                        result.claims.append(
                            Claim(
                                sent.start_char,
                                sent.end_char,
                                Attribution(kind="unnamed", speaker=token.text),
                                1,
                            )
                        )
                        return
                    continue
                actor = table.actors[mention.actor_id]
                claim = Claim(sent.start_char, sent.end_char, Attribution(kind="author"), 1)
                if actor.kind == "media":
                    claim.attribution = Attribution(kind="outlet", outlet=actor.name)
                    _via_outlet(result, sent, claim)
                    return
                claim.attribution = Attribution(
                    kind="speaker", speaker=actor.name, speaker_id=actor.id, role=actor.role
                )
                result.claims.append(claim)
                return

    def _speaker_near_quote(
        self, doc: Doc, q_start: int, q_end: int, table: ActorTable, result: AttributionMap
    ) -> Attribution:
        # 1) a reporting clause right after the quote, in the sentence where the quote ends
        after = doc.char_span(q_end, min(len(self._text), q_end + 200), alignment_mode="expand")
        before = doc.char_span(max(0, q_start - 200), q_start, alignment_mode="expand")
        for region, forward in ((after, True), (before, False)):
            if region is None:
                continue
            tokens = list(region) if forward else list(reversed(list(region)))
            for token in tokens[:40]:
                if forward and token.is_sent_start and token.idx > q_end + 1:
                    break
                if token.lemma_.lower() in self.reporting and token.pos_ in {"VERB", "AUX"}:
                    source = self._source_of(token, table, None)
                    if source is not None:
                        return source
                    if token.pos_ == "VERB" and token.sent.text.rstrip().endswith(":"):
                        continue
            # "As Navy Times explained:" -> the sentence before the quote ends with a colon
        colon = self._text[max(0, q_start - 8) : q_start].rstrip(' \n\t“"«\u00a0')
        if colon.endswith(":") and before is not None:
            for token in reversed(list(before)):
                mention = table.at(token.i)
                if mention:
                    actor = table.actors[mention.actor_id]
                    if actor.kind == "media":
                        return Attribution(kind="outlet", outlet=actor.name)
                    return Attribution(
                        kind="speaker", speaker=actor.name, speaker_id=actor.id, role=actor.role
                    )
        return (
            result.at(q_start)
            if result.at(q_start).kind != "author"
            else Attribution(kind="unnamed", speaker=None)
        )


def _stance_prefix(token: Token, mention_start: int) -> bool:
    """'pro-Hezbollah', 'anti-Assad': the name describes a stance, it is not the source."""
    doc = token.doc
    i = mention_start
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in {"pro", "anti"}


def _via_outlet(result: AttributionMap, sent, claim: Claim) -> None:  # noqa: ANN001
    """'A senior official, quoted by Al-Akhbar, said ...': the official's words, via the outlet.
    The speakers' own claims in the sentence take the outlet and stay the innermost ones."""
    speakers = [
        i
        for i, c in enumerate(result.claims)
        if sent.start_char <= c.start < sent.end_char
        and c.attribution.kind in {"speaker", "unnamed"}
    ]
    for i in speakers:
        found = result.claims[i].attribution
        if found.outlet is None:
            result.claims[i].attribution = found.model_copy(
                update={"outlet": claim.attribution.outlet}
            )
    result.claims.insert(speakers[0] if speakers else len(result.claims), claim)
