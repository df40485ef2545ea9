# ruff: noqa: E501  (the patterns read best one per line)
"""Death and injury counts stated in a sentence ("killing at least 12", "three soldiers were
wounded", "the death toll rose to 40").

A count is read only next to a word that says killed or wounded, and only when the number is
written out (digits or number words): "dozens", "scores" and "many" give no figure, as ACLED
codes them. When a sentence states several counts, the largest is kept (a revised toll).
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass

_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "dozen": 12, "a dozen": 12, "hundred": 100, "a hundred": 100,
}  # fmt: skip
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|a dozen|a hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty|dozen|hundred)(?: hundred| thousand)?"
)
_HEDGE = r"(?:(?:at least|more than|over|some|about|around|nearly|almost|up to|as many as|an estimated|roughly|approximately)\s+)?"
_WHO = (
    r"(?:[\w'-]+\s+){0,3}?(?:people|persons|civilians|soldiers|troops|fighters|militants|"
    r"rebels|policemen|police officers|officers|men|women|children|villagers|worshippers|"
    r"protesters|demonstrators|students|members|personnel|residents|passengers|others|"
    r"pilgrims|miners|farmers|guards|insurgents|jihadists|gunmen|attackers|combatants|"
    r"bystanders|workers|staff|recruits|sailors|officials|militiamen|herders|traders|"
    r"servicemen|marines|commandos|contractors|family members|relatives|Palestinians|"
    r"Israelis|Ukrainians|Russians|Syrians|Iraqis|Afghans|Yemenis)"
)
_KILL_AFTER = r"(?:killed|dead|died|slain|killing|massacred|murdered|executed|lost their lives|perished|shot dead|beheaded|burned alive|burnt alive|neutralised|neutralized|sent to hell)"
_KILL_BEFORE = r"(?:killing|killed|kills|kill|leaving|left|burned alive|burnt alive|neutralised|neutralized|neutralising|neutralizing|claimed the lives of|claiming the lives of|massacred|executed|slaughtered|murdered|shot dead|death toll (?:\w+ ){0,6}?(?:to|at|of)|toll (?:\w+ ){0,3}?(?:to|at|of)|deaths of|dead:|killed:)"
_HURT_AFTER = r"(?:injured|wounded|hurt|injuring|wounding|maimed)"
_HURT_BEFORE = r"(?:injuring|wounding|injured|wounded|hurting|hurt|maiming|maimed|leaving|left)"

_KILL = [
    re.compile(
        rf"\b{_KILL_BEFORE}\s+{_HEDGE}(?P<n>{_NUMBER})\b(?!\s*(?:injured|wounded|hurt))", re.I
    ),
    re.compile(
        rf"\b{_HEDGE}(?P<n>{_NUMBER})\s+{_WHO}?\s*(?:(?:were|was|have been|had been|are|reported|been)\s+)?{_KILL_AFTER}\b",
        re.I,
    ),
    re.compile(rf"\b{_HEDGE}(?P<n>{_NUMBER})\s+(?:dead|deaths|fatalities|killed)\b", re.I),
    # "rescuers pulled four bodies from the rubble": the dead, counted where they are found
    re.compile(rf"\b{_HEDGE}(?P<n>{_NUMBER})\s+(?:[\w'-]+\s+)?(?:bodies|corpses)\b", re.I),
    re.compile(rf"\b(?:bodies|corpses|remains) of {_HEDGE}(?P<n>{_NUMBER})\b", re.I),
]
_HURT = [
    re.compile(
        rf"\b{_HURT_BEFORE}\s+{_HEDGE}(?P<n>{_NUMBER})\b(?=\s+{_WHO}|\s+(?:others|more)\b|\s*[,.;]|\s*$)",
        re.I,
    ),
    re.compile(
        rf"\b{_HEDGE}(?P<n>{_NUMBER})\s+{_WHO}?\s*(?:(?:were|was|have been|had been|are|others)\s+)?{_HURT_AFTER}\b",
        re.I,
    ),
    re.compile(rf"\b{_HEDGE}(?P<n>{_NUMBER})\s+(?:injured|wounded|injuries)\b", re.I),
]
_LEFT_HURT = re.compile(
    rf"\b(?:leaving|left)\s+{_HEDGE}(?P<n>{_NUMBER})\s+(?:{_WHO}\s+)?(?:injured|wounded|hurt)", re.I
)


def number_value(text: str) -> int | None:
    """The integer a written count stands for ("1,200", "twenty-three", "a dozen")."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    if words[0].replace(",", "").isdigit():
        value = int(words[0].replace(",", ""))
        rest = words[1:]
    else:
        joined = " ".join(words[:2])
        if joined in _UNITS:
            value, rest = _UNITS[joined], words[2:]
        elif words[0] in _UNITS:
            value, rest = _UNITS[words[0]], words[1:]
            if rest and rest[0] in _UNITS and _UNITS[rest[0]] < 10 and value >= 20:
                value, rest = value + _UNITS[rest[0]], rest[1:]
        else:
            return None
    for word in rest:
        if word == "hundred":
            value *= 100
        elif word == "thousand":
            value *= 1000
    return value


@dataclass(frozen=True)
class Casualties:
    killed: int | None
    injured: int | None


def _best(patterns: list[re.Pattern[str]], text: str) -> int | None:
    values = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            value = number_value(match.group("n"))
            if value is not None and value < 1_000_000 and not _is_year(match.group("n")):
                values.append(value)
    return max(values) if values else None


def _is_year(number: str) -> bool:
    return number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2100


_ANY_CASUALTY = re.compile(
    r"kill|dead|death|died|slain|lives|toll|massacr|execut|murder|behead|perish|wound|injur|"
    r"hurt|maim|alive|neutrali|sent to hell|bodies|corpses",
    re.I,
)


def read_casualties(sentence: str) -> Casualties:
    """The killed and injured counts a sentence states, each None when it states none."""
    if not _ANY_CASUALTY.search(sentence):
        return Casualties(None, None)
    injured = _best([*_HURT, _LEFT_HURT], sentence)
    killed = _best(_KILL, _LEFT_HURT.sub(" ", sentence))
    return Casualties(killed, injured)


# -- from the parse: the victims of a killing verb, counted ---------------------------------
KILL_VERBS = frozenset(
    [
        "kill",
        "murder",
        "execute",
        "behead",
        "slay",
        "massacre",
        "lynch",
        "assassinate",
        "slaughter",
        "martyr",
        "neutralise",
        "neutralize",
        "decapitate",
    ]
)
KILL_WITH_PARTICLE = {  # "shot dead", "gunned down", "hacked to death", "burned alive"
    "shoot": {"dead"}, "gun": {"down"}, "hack": {"death"}, "beat": {"death"},
    "stone": {"death"}, "burn": {"alive", "death"}, "stab": {"death"}, "club": {"death"},
    "bludgeon": {"death"}, "crush": {"death"},
}  # fmt: skip
DIE_VERBS = frozenset({"die", "perish"})
KILL_NOUNS = frozenset({"massacre", "murder", "killing", "execution", "assassination", "beheading"})
LOSE_NOUNS = frozenset({"men", "soldiers", "troops", "lives", "fighters", "officers", "life"})
HURT_VERBS = frozenset({"wound", "injure", "hurt", "maim"})
SINGULAR_PRONOUNS = frozenset({"him", "her", "he", "she"})
COUNT_NOUNS = frozenset({"family", "group", "crew", "unit", "couple"})


def np_count(token) -> int | None:  # noqa: ANN001  (a spaCy Token)
    """How many people a noun phrase names: '40 civilians' 40, 'a farmer' 1, 'a family of
    five' 5, 'two soldiers and a rebel' 3; None when it names no number ('villagers')."""
    total = _one_count(token)
    for conj in (c for c in token.children if c.dep_ == "conj"):
        more = np_count(conj)
        if more is None:
            return total
        total = (total or 0) + more
    return total


def _one_count(token) -> int | None:  # noqa: ANN001
    if token.lower_ in SINGULAR_PRONOUNS:
        return 1
    for child in token.children:
        if child.dep_ == "nummod" and child.like_num:
            words = [
                t.text for t in child.subtree if t.like_num or t.lower_ in {"hundred", "thousand"}
            ]
            value = number_value(" ".join(words))
            if value is not None and not _is_year(child.text):
                return value
    if token.lemma_.lower() in COUNT_NOUNS:
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                value = number_value(pobj.text)
                if value is not None:
                    return value
    if token.tag_ in {"NN", "NNP"} and any(
        c.dep_ == "det"
        and c.lower_ in {"a", "an", "the", "this", "that", "another"}
        or c.dep_ == "poss"
        for c in token.children
    ):
        return 1
    return None


def _victims(verb):  # noqa: ANN001, ANN202
    """The noun phrases a killing or wounding verb is done to."""
    out = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    if not out and verb.tag_ == "VBN":
        if verb.dep_ in {"acl", "relcl"}:
            out = [verb.head]  # "civilians killed in the raid"
        else:  # a headline's passive without its auxiliary: "two policemen martyred"
            out = [c for c in verb.children if c.dep_ == "nsubj"]
    return out


def _is_kill(verb) -> bool:  # noqa: ANN001
    lemma = verb.lemma_.lower()
    if lemma in KILL_VERBS:
        return True
    needs = KILL_WITH_PARTICLE.get(lemma)
    if needs:
        words = {c.lower_ for c in verb.children} | {
            g.lower_ for c in verb.children if c.dep_ == "prep" for g in c.children
        }
        return bool(words & needs)
    return False


def parse_casualties(sent) -> Casualties:  # noqa: ANN001  (a spaCy Span)
    """Counts read off the parse of one sentence; the largest of each kind wins."""
    killed: list[int] = []
    injured: list[int] = []
    for token in sent:
        if token.pos_ == "NOUN" and token.lemma_.lower() in KILL_NOUNS:
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
                killed += [n for c in prep.children if c.dep_ == "pobj" for n in [np_count(c)] if n]
            continue
        if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBN", "VBG", "VBD"}:
            continue
        lemma = token.lemma_.lower()
        if _is_kill(token):
            killed += [n for n in map(np_count, _victims(token)) if n]
        elif lemma in DIE_VERBS:
            killed += [n for c in token.children if c.dep_ == "nsubj" for n in [np_count(c)] if n]
        elif lemma == "lose":
            for obj in (c for c in token.children if c.dep_ == "dobj"):
                if obj.lower_ in LOSE_NOUNS:
                    n = np_count(obj)
                    if n:
                        killed.append(n)
        elif lemma in HURT_VERBS:
            injured += [n for n in map(np_count, _victims(token)) if n]
    return Casualties(max(killed) if killed else None, max(injured) if injured else None)


def casualties(sent) -> Casualties:  # noqa: ANN001  (a spaCy Span)
    """Both readers over one sentence: the patterns (tolls, 'left four dead') and the parse
    (victims of a killing verb); the larger figure of each kind is kept. The rule events, the
    learned stage and the pipeline each ask about the same sentences: the document's answers
    are kept (its parse does not change once analysis begins) while it is the one analysed."""
    doc, key = sent.doc, (sent.start, sent.end)
    memo = _MEMO.__dict__
    if memo.get("doc") is None or memo["doc"]() is not doc:
        memo["doc"], memo["found"] = weakref.ref(doc), {}
    found = memo["found"].get(key)
    if found is None:
        found = memo["found"][key] = _casualties(sent)
    return found


# per thread, the document `casualties` last read (weakly: a finished one is freed) and its
# answers by sentence
_MEMO = threading.local()


def _casualties(sent) -> Casualties:  # noqa: ANN001
    by_words = read_casualties(sent.text)
    by_parse = parse_casualties(sent)

    def larger(a: int | None, b: int | None) -> int | None:
        return max(x for x in (a, b) if x is not None) if a is not None or b is not None else None

    return Casualties(
        larger(by_words.killed, by_parse.killed), larger(by_words.injured, by_parse.injured)
    )
