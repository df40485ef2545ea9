"""Find the date phrases of a text that spaCy's DATE entities miss or cut short.

Each phrase found can be passed to `flashpoint.resolve.dates.resolve_date`.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

_CAP_MONTH = (
    r"(?:" + "|".join(calendar.month_name[1:]) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov"
    r"|Dec)\.?)"
)
_CAP_WEEKDAY = r"(?:" + "|".join(calendar.day_name) + r")"
_YEAR = r"(?:1[89]|20)\d\d"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_NUMWORD = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|"
    r"a couple of|few|several|some|many)"
)
_UNITS = r"(?:days|weeks|months|years|decades)"
_FINDERS = tuple(
    re.compile(p)
    for p in (
        # Absolute dates, with an optional preposition or part ("since 12 June 2017", "mid-June").
        r"(?:(?i:on|in|since|during|throughout|by|until|from|early|late|mid-?) ?)?(?:"
        + _DAY
        + r" (?:of )?"
        + _CAP_MONTH
        + r",? "
        + _YEAR
        + r"|"
        + _CAP_MONTH
        + r" "
        + _DAY
        + r",? "
        + _YEAR
        + r"|"
        + _CAP_MONTH
        + r",? "
        + _YEAR
        + r"|\d{4}-\d{2}-\d{2})\b",
        r"(?i:throughout|since|during|in|by|until|before|after|earlier in|later in|early|late|"
        r"mid-|the (?:end|start|beginning|middle) of) ?" + _YEAR + r"\b(?!-)",
        r"(?i:on|in|since|by|during|until|early|late|mid-|last|next|this|earlier in|later in) ?"
        + _CAP_MONTH
        + r"(?: "
        + _DAY
        + r"\b)?(?!,? "
        + _YEAR
        + r")",
        r"(?i:on|in|since|by) " + _DAY + r" " + _CAP_MONTH + r"\b",
        r"(?:(?i:on|last|next|this past|this coming|this|early|late) )?"
        + _CAP_WEEKDAY
        + r"(?: (?i:morning|afternoon|evening|night))?\b",
        r"\b(?i:(?:earlier|later) (?:this|in the) (?:week|month|year)"
        r"|(?:early|late|mid-)?(?:last|this|next) (?:week|month|year|weekend)"
        r"|(?:just |only |until |very )?recently|lately|in recent "
        + _UNITS
        + r"|(?:in |over |during )?the (?:past|last|previous) (?:"
        + _NUMWORD
        + r" )?"
        + _UNITS
        + r"|for (?:"
        + _NUMWORD
        + r" )?"
        + _UNITS
        + r"(?: now)?"
        + r"|(?:in |over |within )?the (?:coming|next) (?:"
        + _NUMWORD
        + r" )?"
        + _UNITS
        + r"|"
        + _NUMWORD
        + r" (?:day|week|month|year|decade)s? ago"
        + r"|yesterday|today|tomorrow|last night|this (?:morning|afternoon|evening)"
        + r"|over the weekend)\b",
    )
)

# What each finder's every match contains (a digit; a month's name; a weekday's name), or None:
# a text without it cannot match, and a quick search for it saves a scan that tries the
# finder's optional prefixes at every position (two thirds of FA-KES sentences hold no digit)
_DIGIT = re.compile(r"\d")
_NEEDS = (
    _DIGIT,
    _DIGIT,
    re.compile(_CAP_MONTH),
    _DIGIT,
    re.compile(_CAP_WEEKDAY),
    None,
)


def find_date_expressions(text: str) -> list[tuple[int, int, str]]:
    """Date phrases that spaCy's DATE entities tend to miss or cut short ("throughout 2017").

    Returns non-overlapping (start, end, phrase) spans, longest first where two overlap; each
    phrase can be passed to `resolve_date`.
    """
    return list(_date_expressions(text))


@lru_cache(maxsize=2048)  # a sentence with several events is read once
def _date_expressions(text: str) -> tuple[tuple[int, int, str], ...]:
    found = sorted(
        (
            (m.start(), m.end())
            for needed, pattern in zip(_NEEDS, _FINDERS, strict=True)
            if needed is None or needed.search(text)
            for m in pattern.finditer(text)
        ),
        key=lambda span: (span[0], span[0] - span[1]),
    )
    spans: list[tuple[int, int, str]] = []
    for start, end in found:
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, end, text[start:end]))
    return tuple(spans)
