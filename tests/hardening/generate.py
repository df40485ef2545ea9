"""Hostile inputs, made from a seed: what a feed scraper or a web server could hand flashpoint.

`case(rng, target)` builds one input for a target of `targets.py`: a well-formed invented
article, page, corpus, feed or YAML file, then one to three attacks on it (control and escape
characters, lone surrogates, NUL bytes past the sniffed head, runs of capitals, a single huge
token, deep nesting, broken quoting, external entities, formulas, markup, byte flips, cuts).
The same seed gives the same cases. The articles are invented for these tests.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable

PARAGRAPHS = (
    "Government troops shelled rebel positions east of Aleppo on Tuesday, a monitoring group "
    "said, and the rebels answered with rockets fired at the airport.",
    "The Free Syrian Army said its fighters had pushed back an attack near Azaz, while Turkish "
    "artillery struck Kurdish YPG units across the border.",
    "Houthi forces fired a missile towards Marib, according to a spokesman for the Saudi-led "
    "coalition, who said it had been intercepted over the desert.",
    "Iranian-backed militias moved into the town of Albu Kamal after Islamic State fighters "
    "withdrew, residents told a local radio station.",
    '"We will not leave our homes," said a farmer from Deir ez-Zor, whose village was hit by '
    "air strikes the night before.",
)
TITLES = ("Clashes east of Aleppo", "Missile fired at Marib", "Militias enter Albu Kamal")
OUTLETS = ("Levant Wire", "Desert Herald", "Frontline Daily")

HOSTILE_STRINGS = (
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b]0;owned\x07",  # set the window title
    "\x1b[8m",  # hidden text
    "\x9b31m",  # one-byte CSI
    "\x00",
    "\x07\x08\x0c\x7f",
    "\u202e",  # right-to-left override
    "\ufeff\u200b",
    "[/]",
    "[bold]x[/bold]",
    "[link=file:///etc/passwd]here[/link]",
    '=HYPERLINK("http://example.invalid","x")',
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "<script>alert(1)</script>",
    "<Img Src=X Onerror=Alert(2)>",
    "%_%",
    "_",
    "'; DROP TABLE documents; --",
    "😀" * 5,
    "سوريا",
    "Ω" * 3,
)


def _article(rng: random.Random, paragraphs: int | None = None) -> str:
    count = paragraphs or rng.randint(1, 5)
    body = "\n\n".join(rng.choice(PARAGRAPHS) for _ in range(count))
    return f"{rng.choice(TITLES)}\n\n{body}"


def _sprinkle(rng: random.Random, text: str, pieces: tuple[str, ...], times: int) -> str:
    for _ in range(times):
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(pieces) + text[at:]
    return text


# --- attacks on text --------------------------------------------------------------------


def _controls(rng: random.Random, text: str) -> str:
    return _sprinkle(rng, text, HOSTILE_STRINGS, rng.randint(1, 6))


def _capital_run(rng: random.Random, text: str) -> str:
    run = rng.choice(("ISIS", "A", "AB-", "U.S.", "SDF ")) * rng.randint(500, 6000)
    return _sprinkle(rng, text, (run,), 1)


def _huge_token(rng: random.Random, text: str) -> str:
    token = rng.choice(("x", "Aleppo", "9", "-", ".")) * rng.randint(20_000, 110_000)
    return _sprinkle(rng, text, (token,), 1)


def _long_text(rng: random.Random, text: str) -> str:
    """Past one parsed part (100,000 characters), so the text is analysed in parts."""
    return "\n\n".join([text] * (100_500 // max(len(text), 1) + 1))


def _many_breaks(rng: random.Random, text: str) -> str:
    return _sprinkle(rng, text, ("\n" * rng.randint(50, 3000), "\r" * 200, " \t" * 500), 2)


def _words(rng: random.Random, text: str) -> str:
    words = text.split()
    rng.shuffle(words)
    return " ".join(words[: rng.randint(1, max(1, len(words)))])


TEXT_ATTACKS: tuple[Callable[[random.Random, str], str], ...] = (
    _controls,
    _capital_run,
    _huge_token,
    _many_breaks,
    _words,
    _long_text,
)


# --- attacks on bytes -------------------------------------------------------------------


def _flip(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randint(0, len(data))]


def _late_nul(rng: random.Random, data: bytes) -> bytes:
    padding = (" ".join(PARAGRAPHS) + "\n\n").encode() * 30
    return data + padding[: rng.randint(8200, 12_000)] + b"\x00" + data


def _latin1(rng: random.Random, data: bytes) -> bytes:
    return data.decode("utf-8", errors="replace").encode("latin-1", errors="replace") + b"\xe9\xff"


def _bom(rng: random.Random, data: bytes) -> bytes:
    return rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) + data


BYTE_ATTACKS: tuple[Callable[[random.Random, bytes], bytes], ...] = (
    _flip,
    _cut,
    _late_nul,
    _latin1,
    _bom,
)


def _attack(rng: random.Random, text: str, heavy: bool) -> bytes:
    attacks = TEXT_ATTACKS if heavy else TEXT_ATTACKS[:-1]
    for attack in rng.sample(attacks, rng.randint(0, 2)):
        text = attack(rng, text)
    data = text.encode("utf-8", errors="surrogatepass")
    if rng.random() < 0.3:
        data = rng.choice(BYTE_ATTACKS)(rng, data)
    return data


# --- well-formed inputs of each kind ----------------------------------------------------


def _html(rng: random.Random, text: str) -> str:
    title, *paragraphs = text.split("\n\n")
    depth = rng.choice((0, 0, 10, 300, 1500))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    nested = "<div>" * depth + body + "</div>" * depth
    meta = f'<meta property="og:site_name" content="{rng.choice(OUTLETS + HOSTILE_STRINGS)}">'
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body><article>"
        f"<h1>{title}{rng.choice(('', '<script>alert(1)</script>'))}</h1>{nested}"
        "</article></body></html>"
    )


def _csv(rng: random.Random) -> str:
    rows = ["title,text,date,outlet"]
    for _ in range(rng.randint(1, 8)):
        text = _article(rng).replace('"', '""')
        title = rng.choice(TITLES + HOSTILE_STRINGS).replace('"', '""')
        rows.append(f'"{title}","{text}",2017-09-{rng.randint(1, 28):02d},{rng.choice(OUTLETS)}')
    if rng.random() < 0.5:  # a broken quote
        at = rng.randrange(1, len(rows))
        rows[at] = rows[at].replace('","', '", "', 1) if rng.random() < 0.5 else '"' + rows[at]
    return "\n".join(rows) + "\n"


def _jsonl(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 8)):
        text: object = _article(rng)
        roll = rng.random()
        if roll < 0.15:
            text = rng.choice((12345, {"nested": "object"}, ["a", "list"], True, None, 1.5))
        line = json.dumps({"title": rng.choice(TITLES), "text": text, "date": "2017-09-12"})
        if roll > 0.85:  # a lone surrogate, spelt as JSON spells it
            line = line.replace("Aleppo", "Alep\\ud800po")
        if 0.75 < roll <= 0.85:
            line = "[" * 5000 + "]" * 5000
        lines.append(line)
    return "\n".join(lines) + "\n"


def _feed(rng: random.Random) -> str:
    items = "".join(
        f"<item><title>{rng.choice(TITLES)}</title><link>https://example.invalid/{i}</link>"
        f"<description>{_article(rng)}</description></item>"
        for i in range(rng.randint(1, 5))
    )
    head = ""
    roll = rng.random()
    if roll < 0.2:  # an external entity
        head = '<!DOCTYPE rss [<!ENTITY leak SYSTEM "file:///etc/hostname">]>'
        items = items.replace("Aleppo", "&leak;")
    elif roll < 0.4:  # an entity that expands to a billion
        head = (
            '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        )
        items = items.replace("Aleppo", "&d;")
    elif roll < 0.6:  # a broken item
        items = items.replace("</item>", "</itm>", 1).replace("&", "& ")
    return (
        f'<?xml version="1.0"?>{head}<rss version="2.0"><channel><title>'
        f"{rng.choice(OUTLETS)}</title>{items}</channel></rss>"
    )


def _registry(rng: random.Random) -> str:
    actor = "- id: x_force\n  name: X Force\n  kind: militia\n  country: SY\n"
    return rng.choice(
        (
            actor,
            actor + "  aliases: [XF, X-F]\n  patrons:\n    - {id: turkey, since: 2019}\n",
            "- id: 12\n  name: [a, b]\n  kind: 7\n",
            "actors: {a: 1}\n",
            "- just\n- a list\n",
            "a: &a [*a, *a]\n",
            actor * rng.randint(2, 50),
            "!!python/object/apply:os.system ['true']\n",
            actor + "  patrons: [{id: z, since: x}]\n",
            actor.replace("X Force", "=HYPERLINK(1)\x1b[2J"),
        )
    )


def _lexicon(rng: random.Random) -> str:
    return rng.choice(
        (
            "triggers:\n  ASSAULT: [shelled, bombed]\n",
            "triggers: 5\n",
            "cues:\n  relations:\n    patron_suffixes: [backed, '(']\n",
            "relations:\n  patron_suffixes: ['[', ')', '\\\\']\n",
            "{{{{",
            "triggers:\n  NOT_A_TYPE: [x]\n",
        )
    )


def case(rng: random.Random, target: str, heavy: bool = True) -> bytes:
    """One hostile input for `target` (a name in `targets.TARGETS`); `heavy=False` leaves
    out texts past 100,000 characters (slow to analyse, and the CI run stays short)."""
    text = _article(rng)
    if target in ("load", "analyze", "geoparse"):
        if rng.random() < 0.35:
            return _attack(rng, _html(rng, text), heavy)
        return _attack(rng, text, heavy)
    if target == "corpus_csv":
        return _attack(rng, _csv(rng), False)
    if target == "corpus_jsonl":
        return _attack(rng, _jsonl(rng), False)
    if target == "corpus_feed":
        return _attack(rng, _feed(rng), False)
    if target == "registry_yaml":
        return _attack(rng, _registry(rng), False)
    if target == "lexicon_yaml":
        return _attack(rng, _lexicon(rng), False)
    if target in ("api_read", "serve_read", "api_write", "serve_write"):
        from hardening import http_cases  # it builds on this module's articles

        return (http_cases.read_request if "read" in target else http_cases.write_request)(rng)
    if target == "export_names":
        return _sprinkle(rng, rng.choice(TITLES), HOSTILE_STRINGS, rng.randint(1, 4)).encode(
            "utf-8", errors="surrogatepass"
        )
    raise KeyError(target)
