"""Resolve the date phrases of news text ("on Tuesday", "in June", "earlier this year") to ranges.

News reports in the past tense, so relative references point back from the publication date
unless the phrase says otherwise ("next month", "in the coming weeks"). A relative phrase with no
known publication date stays "unknown": the date we run on is never a stand-in for it.

Choices worth knowing:
- "in June" is the last June on or before the publication month; "12 June" the same, by day.
- "on Tuesday" is the last Tuesday on or before publication; "last Tuesday" is strictly before.
- "this week/month/year" is the calendar unit; "earlier this ..." ends at publication and
  "later this ..." starts the day after it.
- "recently" is the 30 days before publication; "in recent days/weeks/months/years" 7 days,
  4 weeks, 6 months, 5 years. "a few"/"several"/"some" count as 3.
- "for years"/"for months" end at publication with an open start (None): the text does not say
  how long. "for 3 years" starts 3 years back.
- "early/mid/late June" are days 1-10, 11-20, 21-end; "early/mid/late 2017" are Jan-Apr, May-Aug,
  Sep-Dec. Seasons are meteorological; "winter 2017" is Dec 2016 - Feb 2017.
- Clock times are not years: "at 0914", "around 1130 am", "14:30 GMT" are dropped from the phrase.
  A bare number read as a year far from publication (more than 30 years before or 5 after) stays
  unknown unless the phrase marks it as a year ("in 1982", "since 1948", "June 1967", "the
  1990s"); a year before 1900 needs a month, a decade, an era ("AD 1130") or "the year".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from dateparser.date import DateDataParser

from flashpoint.model import DateRange
from flashpoint.resolve.date_finder import find_date_expressions

__all__ = ["find_date_expressions", "resolve_date"]

D = dt.date
MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a few": 3,
    "few": 3,
    "several": 3,
    "some": 3,
    "a couple of": 2,
}
PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
PART_WORDS = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}
RECENT_DAYS = {"recently": 30, "days": 7, "weeks": 28, "months": 183, "years": 5 * 365}
COMING_DAYS = {"days": 7, "weeks": 28, "months": 183, "years": 3 * 365}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_NUM = r"(?P<num>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_PART = r"(?:(?P<part>early|mid|late)[- ]?|(?:the )?(?P<partw>beginning|start|middle|end) of )?"
_LEAD = re.compile(
    r"^(?:(?:on|in|during|throughout|at|of|by|as of|around|about|circa|sometime in|the) )+"
)
_TAIL = re.compile(r" (?:now|so far|or so|alone)$")
_POD = r"(?: (?:morning|afternoon|evening|night))?"
# clock times: "14:30", "11.30 am", "1130 am", "0914 gmt", and military time after "at"
_CLOCK = (
    r"(?:\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\b\.?)?|\d{1,4} ?(?:[ap]\.?m\b\.?|hrs\b|hours\b|gmt\b|utc\b)"
    r"|(?<=at )\d{3,4}\b)(?: (?:gmt|utc|local time)\b)?"
)
_CLOCK_WORDS = r"(?:at|around|about|by|from|until|before|after|shortly (?:before|after)) "
_CLOCK_TAIL = re.compile(r"(?:^|,? )(?:" + _CLOCK_WORDS + r")?" + _CLOCK + r"$")
_CLOCK_HEAD = re.compile(r"^(?:" + _CLOCK_WORDS + r")?" + _CLOCK + r",? (?:on )?")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_WORD = r"(?:" + _MONTH_NAMES + r")\b"
_WEEKDAY_HEAD = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,? "
    r"(?=\d{1,2}(?:st|nd|rd|th)? " + _MONTH_WORD + "|" + _MONTH_WORD + r" \d)"
)
# what marks a number as a year, from strongest: a month, decade, era or "the year" ...
_ERA = re.compile(
    r"\b(?:" + _MONTH_NAMES + r")\b|\d0'?s\b|\b(?:ad|a\.d|ce|bc|b\.c|bce|century|the year)\b"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}"
)
# ... or a word that takes a year ("in 1982", "since 1948", "2011-13", "the past 100 years")
_YEAR_WORDS = re.compile(
    r"\b(?:in|since|during|throughout|until|till|by|before|after|from|between|and|to|through|of|"
    r"early|mid|late|earlier in|later in) \d{3,4}\b|\d{4} ?[-–/] ?\d{2,4}"
    r"|\b(?:days|weeks|months|years|decades)\b"
)
YEARS_BEFORE = 30  # a bare number read as a year this far before publication needs evidence
YEARS_AFTER = 5
OLDEST_BARE_YEAR = 1900


def _last_day(year: int, month: int) -> D:
    return D(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: D, months: int) -> D:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return D(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _shift(day: D, n: int, unit: str) -> D:
    """`day` moved by n units (negative: back in time)."""
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    return _add_months(day, n * {"month": 1, "year": 12, "decade": 120}[unit])


def _r(start: D | None, end: D | None, precision: str) -> DateRange:
    return DateRange(start=start, end=end, precision=precision)


def _day(day: D) -> DateRange:
    return _r(day, day, "day")


def _month(year: int, month: int, part: str | None = None) -> DateRange:
    if part:
        first, last = PART_DAYS[part]
        last = min(last, calendar.monthrange(year, month)[1])
        return _r(D(year, month, first), D(year, month, last), "range")
    return _r(D(year, month, 1), _last_day(year, month), "month")


def _year(year: int, part: str | None = None) -> DateRange:
    if part:
        first, last = PART_MONTHS[part]
        return _r(D(year, first, 1), _last_day(year, last), "range")
    return _r(D(year, 1, 1), D(year, 12, 31), "year")


def _season(year: int, name: str) -> DateRange:
    first, last = SEASONS[name]
    start_year = year - 1 if first > last else year
    return _r(D(start_year, first, 1), _last_day(year, last), "range")


def _past_year(month: int, pub: D, day: int = 1) -> int:
    """The year of the last (month, day) on or before `pub`."""
    return pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1


def _part(m: re.Match[str]) -> str | None:
    return m.group("part") or PART_WORDS.get(m.group("partw") or "")


def _count(m: re.Match[str]) -> int:
    num = m.group("num")
    return int(num) if num.isdigit() else NUMBERS[num]


def _week(day: D) -> tuple[D, D]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _unit_range(pub: D, unit: str, offset: int) -> DateRange:
    """The calendar week, month or year `offset` units away from the one holding `pub`."""
    if unit == "week":
        return _r(*_week(pub + dt.timedelta(weeks=offset)), "range")
    if unit == "month":
        shifted = _add_months(pub.replace(day=1), offset)
        return _month(shifted.year, shifted.month)
    return _year(pub.year + offset)


# Each rule: a pattern over the normalised phrase, whether it needs the publication date (the
# handler then always gets one), and a handler returning a DateRange, or None to try the next rule.
Match = re.Match[str]
Pub = D | None
Out = DateRange | None
Handler = Callable[[Match, Pub], Out]
_RULES: list[tuple[re.Pattern[str], bool, Handler]] = []


def _rule(pattern: str, relative: bool = False) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _RULES.append((re.compile("(?:" + pattern + r")$"), relative, handler))
        return handler

    return register


@_rule(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
def _iso(m: Match, pub: Pub) -> Out:
    return _day(D(int(m["y"]), int(m["m"]), int(m["d"])))


@_rule(r"(?P<d>\d{1,2}) (?:of )?" + _MONTH + r",? (?P<y>\d{4})")
@_rule(_MONTH + r" (?P<d>\d{1,2}),? (?P<y>\d{4})")
def _full(m: Match, pub: Pub) -> Out:
    return _day(D(int(m["y"]), MONTHS[m["month"]], int(m["d"])))


@_rule(_PART + _MONTH + r",? (?:of )?(?P<y>\d{4})")
def _month_year(m: Match, pub: Pub) -> Out:
    return _month(int(m["y"]), MONTHS[m["month"]], _part(m))


@_rule(r"(?:the )?(?P<season>spring|summer|autumn|fall|winter),? (?:of )?(?P<y>\d{4})")
def _season_year(m: Match, pub: Pub) -> Out:
    return _season(int(m["y"]), m["season"])


@_rule(_PART + r"(?:(?:the )?year )?(?P<y>1[89]\d\d|2[01]\d\d)")
def _year_rule(m: Match, pub: Pub) -> Out:
    return _year(int(m["y"]), _part(m))


@_rule(r"(?P<y1>\d{4}) ?[-–/] ?(?P<y2>\d{2}|\d{4})")
def _year_span(m: Match, pub: Pub) -> Out:
    first, second = int(m["y1"]), m["y2"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    return _r(D(first, 1, 1), D(last, 12, 31), "range") if last > first else None


@_rule(_PART + r"(?:the )?(?P<decade>\d{3}0)'?s")
def _decade(m: Match, pub: Pub) -> Out:
    start = int(m["decade"])
    first, last = {"early": (0, 3), "mid": (3, 6), "late": (6, 9), None: (0, 9)}[_part(m)]
    return _r(D(start + first, 1, 1), D(start + last, 12, 31), "range")


@_rule(r"today|now|currently|this (?:morning|afternoon|evening)|tonight|earlier today", True)
def _today(m: Match, pub: Pub) -> Out:
    return _day(pub)


@_rule(r"(?:(?:the )?day before yesterday|yesterday|last night)" + _POD, True)
def _yesterday(m: Match, pub: Pub) -> Out:
    return _day(pub - dt.timedelta(days=2 if "before" in m[0] else 1))


@_rule(r"tomorrow" + _POD, True)
def _tomorrow(m: Match, pub: Pub) -> Out:
    return _day(pub + dt.timedelta(days=1))


@_rule(
    r"(?:(?P<mod>last|this past|past|next|this coming|coming|this) )?(?:early |late )?"
    + _WEEKDAY
    + _POD,
    True,
)
def _weekday(m: Match, pub: Pub) -> Out:
    mod, target = (m["mod"] or "").strip(), WEEKDAYS[m["weekday"]]
    back = (pub.weekday() - target) % 7
    if mod in {"next", "this coming", "coming"}:
        return _day(pub + dt.timedelta(days=(target - pub.weekday() - 1) % 7 + 1))
    if mod in {"last", "this past", "past"} and back == 0:
        back = 7
    return _day(pub - dt.timedelta(days=back))


@_rule(r"(?P<d>\d{1,2}) (?:of )?" + _MONTH + _POD, True)
@_rule(_MONTH + r" (?P<d>\d{1,2})" + _POD, True)
def _day_month(m: Match, pub: Pub) -> Out:
    month, day = MONTHS[m["month"]], int(m["d"])
    return _day(D(_past_year(month, pub, day), month, day))


@_rule(r"(?P<mod>last |this |next |earlier in |later in )?" + _PART + _MONTH, True)
def _month_only(m: Match, pub: Pub) -> Out:
    mod, month = (m["mod"] or "").strip(), MONTHS[m["month"]]
    year = _past_year(month, pub)
    if mod == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif mod in {"this", "later in"}:
        year = pub.year
    elif mod == "last" and month == pub.month:
        year -= 1
    return _month(year, month, _part(m))


@_rule(r"(?P<mod>last |this |next )?(?:the )?(?P<season>spring|summer|autumn|fall|winter)", True)
def _season_only(m: Match, pub: Pub) -> Out:
    name = m["season"]
    year = pub.year
    if _season(year, name).start > pub:
        year -= 1
    mod = (m["mod"] or "").strip()
    current = _season(year, name)
    if mod == "last" and current.start <= pub <= current.end:
        year -= 1
    elif mod == "next":
        year += 1
    return _season(year, name)


@_rule(r"(?:past|last) (?P<unit>(?:twelve|12) months|twelve months)", True)
@_rule(r"past (?P<unit>week|month|year)", True)
def _past_unit(m: Match, pub: Pub) -> Out:
    unit = "year" if "months" in m["unit"] else m["unit"]
    return _r(_shift(pub, -1, unit), pub, "range")


@_rule(_PART + r"(?P<mod>this|last|next|previous|coming|the) (?P<unit>week|month|year)", True)
def _calendar_unit(m: Match, pub: Pub) -> Out:
    offset = {"this": 0, "the": 0, "next": 1, "coming": 1}.get(m["mod"], -1)
    unit = _unit_range(pub, m["unit"], offset)
    part = _part(m)
    if part is None or m["unit"] == "week":
        return unit
    if m["unit"] == "month":
        return _month(unit.start.year, unit.start.month, part)
    return _year(unit.start.year, part)


@_rule(r"(?P<mod>earlier|later) (?:this|in the) (?P<unit>week|month|year)", True)
def _earlier_later(m: Match, pub: Pub) -> Out:
    unit = _unit_range(pub, m["unit"], 0)
    if m["mod"] == "earlier":
        return _r(unit.start, pub, "range")
    return _r(pub + dt.timedelta(days=1), unit.end, "range")


@_rule(r"(?P<mod>earlier|later) in (?P<y>\d{4})")
def _earlier_later_year(m: Match, pub: Pub) -> Out:
    year = _year(int(m["y"]))
    if pub is None or not year.start <= pub <= year.end:
        return year
    if m["mod"] == "earlier":
        return _r(year.start, pub, "range")
    return _r(pub + dt.timedelta(days=1), year.end, "range")


@_rule(r"(?:(?P<mod>last|this|this past|the) )?weekend|over the weekend", True)
def _weekend(m: Match, pub: Pub) -> Out:
    saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    if m["mod"] == "last" and pub.weekday() >= 5:
        saturday -= dt.timedelta(weeks=1)
    return _r(saturday, saturday + dt.timedelta(days=1), "range")


@_rule(_NUM + " " + _UNIT + r" ago", True)
def _ago(m: Match, pub: Pub) -> Out:
    unit = m["unit"]
    then = _shift(pub, -_count(m), unit)
    if unit == "day":
        return _day(then)
    if unit == "decade":
        return _year(then.year)
    return _unit_range(then, unit, 0)


@_rule(r"(?:the |over the |in the |within the )?(?:past|last|previous) " + _NUM + " " + _UNIT, True)
def _past_n(m: Match, pub: Pub) -> Out:
    return _r(_shift(pub, -_count(m), m["unit"]), pub, "range")


@_rule(r"(?:the )?(?:past|last|previous) (?P<unit>days|weeks|months|years|decades)", True)
@_rule(r"(?:in )?(?:the )?recent (?P<unit>days|weeks|months|years|times|decades)", True)
@_rule(r"(?:just |only |very |more |until )?(?:recently|lately)", True)
def _recent(m: Match, pub: Pub) -> Out:
    unit = m.groupdict().get("unit") or "recently"
    unit = "recently" if unit == "times" else unit
    days = RECENT_DAYS.get(unit, RECENT_DAYS["years"] * 2)
    return _r(pub - dt.timedelta(days=days), pub, "range")


@_rule(r"for " + _NUM + " " + _UNIT, True)
def _for_n(m: Match, pub: Pub) -> Out:
    if m["num"] in {"some", "several", "few", "a few"}:
        return None  # "for some months": the start is open, see _for_open
    return _r(_shift(pub, -_count(m), m["unit"]), pub, "range")


@_rule(
    r"for (?:(?:some|many|several|a few|a couple of) )?(?:days|weeks|months|years|decades)"
    r"(?: on end)?",
    True,
)
def _for_open(m: Match, pub: Pub) -> Out:
    return _r(None, pub, "range")


@_rule(
    r"(?:in |over |during |within )?(?:the )?(?:coming|next|upcoming|following) (?:few )?"
    r"(?P<unit>days|weeks|months|years)",
    True,
)
def _coming(m: Match, pub: Pub) -> Out:
    end = pub + dt.timedelta(days=COMING_DAYS[m["unit"]])
    return _r(pub + dt.timedelta(days=1), end, "range")


@_rule(r"(?:in |over |within )?(?:the )?(?:next|coming) " + _NUM + " " + _UNIT, True)
def _next_n(m: Match, pub: Pub) -> Out:
    return _r(pub + dt.timedelta(days=1), _shift(pub, _count(m), m["unit"]), "range")


@_rule(r"soon|shortly|in the near future", True)
def _soon(m: Match, pub: Pub) -> Out:
    return _r(pub + dt.timedelta(days=1), pub + dt.timedelta(days=90), "range")


def _normalise(expression: str) -> str:
    text = " ".join(expression.casefold().replace("’", "'").split()).strip(" .,;:!?\"'()")
    text = _CLOCK_TAIL.sub("", _CLOCK_HEAD.sub("", text)).strip(" ,")
    text = _WEEKDAY_HEAD.sub("", text)  # "fri 07 apr 2017": the date says the day
    text = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"\b([a-z]{3,4})\.", r"\1", text)
    text = _TAIL.sub("", text)
    for _ in range(3):  # "on the", "in the year": a few stacked prepositions
        text = _LEAD.sub("", text)
    return text.strip()


def _apply(phrase: str, published: D | None) -> DateRange | None:
    for pattern, relative, handler in _RULES:
        match = pattern.match(phrase)
        if match is None:
            continue
        if relative and published is None:
            return DateRange()
        try:
            result = handler(match, published)
        except (ValueError, OverflowError):  # "31 February", "9999999999 days ago"
            return DateRange()
        if result is not None:
            return result
    return None


def _between(phrase: str, published: D | None) -> DateRange | None:
    """'since X', 'between X and Y', 'from X to Y', 'until X'."""
    if phrase.startswith("since "):
        since = _apply(phrase[6:], published)
        if since is not None and since.start is not None:
            return _r(since.start, published, "range")
        return since
    match = re.match(r"(?:between|from) (.+?) (?:and|to|until|till|through) (.+)$", phrase)
    if match:
        first, last = _apply(match[1], published), _apply(match[2], published)
        if first and last and first.start and last.end:
            return _r(first.start, last.end, "range")
    return None


_BASES = (dt.datetime(2001, 3, 15), dt.datetime(2011, 9, 20))


@lru_cache(maxsize=64)
def _parser(base: dt.datetime) -> DateDataParser:
    """Building a DateDataParser loads its language data: ~10 ms, so one per base date."""
    return DateDataParser(
        languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    )


@lru_cache(maxsize=4096)  # dateparser takes ~5 ms a phrase; the same ones recur
def _dateparser(phrase: str, published: D | None) -> DateRange | None:
    """Absolute forms the rules miss ("12/06/2017"); relative ones only against `published`."""
    if not re.search(r"\d{4}|\d{1,2}/\d{1,2}/\d{2}", phrase):
        return None
    bases = (dt.datetime.combine(published, dt.time()),) if published else _BASES
    found = []
    for base in bases:
        try:
            data = _parser(base).get_date_data(phrase)
        except (ValueError, OverflowError):  # dates beyond what datetime can hold
            return None
        found.append((data.date_obj.date() if data.date_obj else None, data.period))
    if len(set(found)) != 1 or found[0][0] is None:
        return None  # nothing found, or the answer moved with the base: relative, so unknown
    day, period = found[0]
    if period == "year":
        return _year(day.year)
    if period == "month":
        return _month(day.year, day.month)
    if period == "week":
        return _r(*_week(day), "range")
    return _day(day)


def resolve_date(expression: str, published: D | None) -> DateRange:
    """Resolve a date phrase against the publication date; precision "unknown" when it can't.

    >>> resolve_date("in June", dt.date(2017, 9, 12))
    DateRange(start=datetime.date(2017, 6, 1), end=datetime.date(2017, 6, 30), ...)
    """
    phrase = _normalise(expression)
    try:
        result = _between(phrase, published) or _apply(phrase, published)
        if result is None:
            result = _dateparser(phrase, published) or DateRange()
    except (ValueError, OverflowError):  # a range that runs past year 1 or 9999
        result = DateRange()
    if not _plausible(expression.casefold(), result, published):
        result = DateRange()
    return result.model_copy(update={"text": expression})


def _plausible(phrase: str, result: DateRange, published: D | None) -> bool:
    """Whether a year read from a number in the phrase has the evidence its distance from the
    publication date asks for: "0914" and "1130" are clock times or counts, not years."""
    if result.start is None and result.end is None:
        return True
    if not re.search(r"(?<![\d,.])\d{3,4}(?![\d,])", phrase):
        return True  # no number that could be a year: counted from the publication date
    years = [d.year for d in (result.start, result.end) if d is not None]
    if min(years) < OLDEST_BARE_YEAR and not _ERA.search(phrase):
        return False
    if published is None or _ERA.search(phrase) or _YEAR_WORDS.search(phrase):
        return True
    return published.year - YEARS_BEFORE <= min(years) and max(years) <= (
        published.year + YEARS_AFTER
    )
