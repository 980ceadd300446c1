"""A timeline: dated statements from the articles, in order, merged when outlets say the same.

Dates are read as written ("February 27, 2017", "Feb. 27", "2017-02-27", "in 2013",
"Wednesday", "last week", "yesterday", "earlier this month") and resolved to an ISO
date (or month, or year) when they can be: absolute dates directly, and relative ones
("Wednesday", "last week") against the date of the article that says them, when it is
known. A weekday is the most recent such day on or before the article's date (news
reports what happened), unless the date's own clause, outside quotations, speaks of the
future ("the team will play Saturday", "starting Wednesday"). A capitalised "Today" past a
sentence's start is a title ("USA TODAY", "the Today programme"), not a date.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Collection, Iterable, Mapping, Sequence

import numpy as np

from ..text.cues import OPINION_CUTOFF, SAYING, gallery_captions, in_wire_caption, is_furniture, opinion_score, strip_quotes
from ..records import Sentence, TimelineEvent
from .sentences import without_dateline
from .names import name_pattern
from .standalone import (names_a_person_by_trade_only, names_a_thing_by_its_kind_only, names_anyone, needs_its_context,
                         turns_to_another_matter)
from .words import MONTHS as _MONTHS, PAST_VERB, STOP_WORDS, WEEKDAYS as _WEEKDAYS, content_words

__all__ = ["timeline_of", "subject_words", "dates_in", "parse_date", "apart_in_time", "overtaken", "date_contradicted", "DatedMention",
           "OUT_OF_TIME_DAYS", "with_periods_dated", "parse_stamp", "event_dates"]

_MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE = re.compile(
    rf"\b(?P<md>{_MONTH_RE} (?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:, (?P<y>\d{{4}}))?)\b"
    r"|\b(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))\b"
    rf"|\b(?P<my>{_MONTH_RE} (?P<my_y>\d{{4}}))\b"
    rf"|\b(?P<mon>(?:in|since|by|early|late|mid-|last|this|next) {_MONTH_RE})(?![\w-])(?! \d)(?P<mon_of> of (?:last|this|next) year)?"
    r"|\b(?P<wd>(?:last |this |next |on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
    r"|\b(?P<rel>yesterday|today|tonight|tomorrow|last (?:week|month|year)|this (?:week|month|year)|next (?:week|month|year)|"
    r"earlier this (?:week|month|year)|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|few) (?:days|weeks|months|years) ago)\b"
    r"|\b(?P<yr>(?:in|since|by|until|from|of) (?P<yr_y>(?:1[89]|20)\d\d))\b(?!,? (?:and |or )?(?:1[89]|20)\d\d)",  # not "in 2006, 2009 and 2013"
    re.I,
)
#: A date is ahead when its own clause speaks of the future ("the team will play Saturday");
#: "starting", "from", "takes effect" and the like only right before it ("buses run starting
#: Wednesday", "before the law takes effect on Jan. 1" in a December article): "stepping
#: up since the beginning of time" in a quotation put a past Saturday in the next week.
#: ("would have been", "would've" tell what did not happen, in the past: not ahead.)
_FUTURE = re.compile(r"\b(will|would(?!['’]ve\b|\s+have\s+(?!to\b))|next|(?<!had )plans? to|(?<!was )(?<!were )scheduled|expected to|tonight|tomorrow)\b", re.I)
_FUTURE_JUST_BEFORE = re.compile(r"\b(?:starting|beginning|begins?|from|until|through|(?:takes|goes into|comes into) effect|expires)\s+(?:on\s+|this\s+|next\s+)?$", re.I)
#: Where a clause ends, for the future cue: a semicolon, a colon, a bracket, "while", "but".
_CLAUSE_BREAK = re.compile(r"[;()]|:(?!\d)|\bwhile\b|\bbut\b", re.I)
#: A quotation of four words or more: its tense is the speaker's, not the date's.
_QUOTATION = re.compile(r"[\"“][^\"“”]*?(?:\s[^\"“”\s]+){3}[^\"“”]*[\"”]")
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "several": 3, "few": 3}
#: A month and day without a year, in an article of late December, is next year's when that
#: falls within this many days after the article ("the second full moon Jan. 31"): a reader
#: found a year-end sky guide's January dated a year back.
NEXT_YEAR_DAYS = 62
#: Days into a month within which "in <that month>", told in the past, is last year's month.
FIRST_WEEK = 7
#: Statements shorter than this are headlines or fragments, not events.
MIN_WORDS = 6


@dataclass(frozen=True)
class DatedMention:
    """A date as written in a sentence and its resolution ("" when it cannot be resolved)."""

    surface: str
    iso: str  # "2017-02-22", "2017-02", "2013" or ""
    #: the date of something else than the line's event: a noun's ("welcomed Sunday's vote"), a
    #: figure's period ("by 13 percent next year"), a state's or a ranking's ("as of Jan. 1, 2017")
    of_another_thing: bool = False


def parse_stamp(text: str) -> datetime | date | None:
    """An article's date line with its time where it gives one ("2017-12-31T23:09:27"), else its date."""
    m = re.search(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)", text or "")
    if m:
        try:
            return datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}")
        except ValueError:
            pass
    return parse_date(text)


def parse_date(text: str) -> date | None:
    """An article's date line ("2017-02-27", "February 27, 2017", "27 Feb 2017 10:00") as a date."""
    if not text:
        return None
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    try:
        from dateutil import parser

        return parser.parse(text, fuzzy=True, default=None).date()  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError, ImportError):
        return None


#: An article dated this many days or more from the story's median date may tell of another
#: moment of it: in one labelled real story, a 2016 launch's report among the 2017 ones gave
#: the summary its first line, and its reader took it for the story's event.
OUT_OF_TIME_DAYS = 30


def apart_in_time(dates: Sequence[str]) -> tuple[date | None, list[tuple[int, date]]]:
    """The median of the dates given (articles' date lines) and (position, date) of each one
    ``OUT_OF_TIME_DAYS`` or more from it; nothing apart with fewer than three dated."""
    dated = [(n, d) for n, d in ((n, parse_date(text)) for n, text in enumerate(dates)) if d]
    if len(dated) < 3:
        return None, []
    days = sorted(d.toordinal() for _, d in dated)
    middle = date.fromordinal(days[len(days) // 2])
    return middle, [(n, d) for n, d in dated if abs(d.toordinal() - middle.toordinal()) >= OUT_OF_TIME_DAYS]


#: An article dated this many days or more before the latest one tells an earlier moment of a
#: story that went on: what it gives as going on ("rescuers are trying to reach the boy") a later
#: article may have overtaken ("the boy has been found dead").
OVERTAKEN_DAYS = 1


def overtaken(dates: Sequence[str]) -> list[int]:
    """Positions of the articles dated ``OVERTAKEN_DAYS`` or more before the latest dated one."""
    dated = [(n, d) for n, d in ((n, parse_date(text)) for n, text in enumerate(dates)) if d]
    if len(dated) < 2:
        return []
    latest = max(d for _, d in dated)
    return [n for n, d in dated if (latest - d).days >= OVERTAKEN_DAYS]


#: A date line this many days or more before an event its article tells as past is wrong (a
#: page's first date kept through later updates, an archive's crawl date): the article is
#: then undated. A month's slack for stories updated as they develop.
DATE_LINE_SLACK_DAYS = 31
#: Words before a date that look ahead from the past or bound a span ("was due to open in
#: 2019", "expects it to come down between October and April", "had to pay by November").
_AHEAD_FROM_THE_PAST = re.compile(
    r"\b(?:due|set to|supposed to|to be|expects?|expected|planned|scheduled|aims?|aimed|goal|target|deadline|by|until|"
    r"between|through|before|from)\b", re.I,
)


def date_contradicted(sentences: Sequence[str], published: date | None) -> DatedMention | None:
    """The first date, written with its year, that a sentence tells as past ("Re-entry was
    delayed in September 2017": a past verb before it in its clause, nothing that looks ahead)
    and that falls ``DATE_LINE_SLACK_DAYS`` or more after ``published``: the article's date
    line cannot be right. A reader was told to discount a January 2018 report because its
    page said 2016."""
    if published is None:
        return None
    limit = published + timedelta(days=DATE_LINE_SLACK_DAYS)
    for sentence in sentences:
        for m in _DATE.finditer(sentence):
            if not (m.group("y") or m.group("my") or m.group("iso") or m.group("yr")):
                continue  # a date without its year is read against the date line itself
            if (m.group("md") or m.group("my")) and _part_of_a_name(sentence, m.start()):
                continue
            clause = _clause_of(sentence, m)
            lead = clause[: max(0, clause.find(m.group(0)))] + m.group(0)  # the clause up to the date
            if not _PAST.search(lead) or _FUTURE.search(lead) or _AHEAD_FROM_THE_PAST.search(lead):
                continue
            iso = _resolve(m, published, future=False, past=True)
            first = parse_date(iso if len(iso) == 10 else f"{iso}-01" if len(iso) == 7 else f"{iso}-01-01") if iso else None
            if first and first > limit:
                return DatedMention(m.group(0), iso)
    return None


#: A year or a month told relative to the day its article was written.
_RELATIVE_PERIOD = re.compile(r"\b(?:(?:later|earlier) )?(?P<rel>next|last|this) (?P<unit>year|month)\b(?![’']s)", re.I)
#: Hours from a month's turn within which a report's stamp cannot say which month its writer was
#: in (a stamp's zone is rarely given; newsrooms from UTC-9 to UTC+9 are covered): "2017-12-31T23:09"
#: was a Seoul report of New Year's Day, whose "last month" a reader knew as December.
TURN_HOURS = 9


def with_periods_dated(text: str, written: datetime | date | None, latest: date | None) -> str:
    """``text`` with the year or month a relative one means, in brackets, as editors do, where
    the line's article was written in another year (or month) than the story's latest report:
    "late March of next year [2018]" of a December article, in a brief a reader takes as of
    January (a reader took it for the year after). Lines of the latest period are left alone, and
    so are those of a report stamped too near a month's turn to say which month it was written in
    (``TURN_HOURS``; a date with no time, on the first or last day of its month)."""
    if written is None or latest is None or _near_a_months_turn(written):
        return text
    day = written.date() if isinstance(written, datetime) else written

    def dated(m: re.Match[str]) -> str:
        shift = {"next": 1, "last": -1, "this": 0}[m.group("rel").lower()]
        if m.group("unit").lower() == "year":
            return m.group() if day.year == latest.year else f"{m.group()} [{day.year + shift}]"
        if (day.year, day.month) == (latest.year, latest.month):
            return m.group()
        y, mth = divmod(day.year * 12 + day.month - 1 + shift, 12)
        return f"{m.group()} [{_MONTHS[mth].capitalize()} {y}]"

    return _RELATIVE_PERIOD.sub(dated, text)


def _near_a_months_turn(written: datetime | date) -> bool:
    """Stamped within ``TURN_HOURS`` of a month's turn, or dated, with no time, on its first or last day."""
    if _has_a_time(written):
        return _near_the_turn(written, "month")
    day = written.date() if isinstance(written, datetime) else written
    return day.day == 1 or (day + timedelta(days=1)).day == 1


def _has_a_time(stamp: datetime | date | None) -> bool:
    """The stamp gives a moment of its day, not the day alone ("2017-12-31T00:00:00" is a day)."""
    return isinstance(stamp, datetime) and stamp.time() != time(0, 0)


def _near_the_turn(stamp: datetime, unit: str) -> bool:
    """``stamp`` is within ``TURN_HOURS`` of the start or the end of its week, month or year."""
    at = stamp.replace(tzinfo=None)
    if unit == "week":
        start = datetime.combine(at.date() - timedelta(days=at.weekday()), time(0, 0))
        end = start + timedelta(days=7)
    elif unit == "month":
        start = at.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        end = (start + timedelta(days=32)).replace(day=1)
    else:
        start = at.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
        end = start.replace(year=start.year + 1)
    return min(at - start, end - at) < timedelta(hours=TURN_HOURS)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


#: A second month or day after a first one, with the year both share: "in May and July 2016",
#: "on May 3 and June 5, 2016", "in March and April of 2015" (a reader found the side boosters'
#: May 2016 flight dated May of the article's year).
_PAIRED_WITH_A_YEAR = re.compile(
    rf"\s*(?:,|and|or|to|-|–)\s+{_MONTH_RE}(?: \d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?((?:1[89]|20)\d\d)\b", re.I
)


def _month(token: str) -> int:
    t = token.lower().rstrip(".")[:3]
    return next((i + 1 for i, m in enumerate(_MONTHS) if m.startswith(t)), 0)


def dates_in(sentence: str, published: date | None = None, *, updated: bool = False) -> list[DatedMention]:
    """Every date the sentence names, resolved against ``published`` where it is relative.
    ``updated``: the article tells of days after the date it carries (``_updated_after``), so
    a weekday told in the past five or six days before that date is the one just after it."""
    out = []
    for m in _DATE.finditer(sentence):
        if (m.group("md") or m.group("my")) and _part_of_a_name(sentence, m.start()):
            continue
        if m.group("rel") and _names_a_title(sentence, m):
            continue
        if (m.group("rel") or m.group("wd")) and _DATE_IN_APPOSITION.match(sentence, m.end()):
            continue  # "beginning today, October 24, 2017": the written date says which day
        if m.group("rel") and m.group("rel").lower() == "today" and _NOWADAYS_BEFORE.search(sentence, 0, m.start()):
            continue  # "the most powerful rocket in service today": nowadays, not a day
        if (m.group("yr") or m.group("my") or m.group("mon") or m.group("rel") and _YEARS_OR_MONTHS.search(m.group("rel"))) \
                and m.start() > 0 and _ENDS_THE_SUBJECT.match(sentence, m.end()):
            continue
        if m.group("rel") and m.group("rel").lower().endswith(" ago") and _PRESENT_PERFECT.search(sentence):
            continue
        if _in_an_aside(sentence, m.start(), m.end()):
            continue  # "-- with the exception of a Super Bowl appearance in 2009 --", "(2100 GMT Monday)"
        if m.group(0).lower().startswith("since") or _SPAN_BEFORE.search(sentence, 0, m.start()) or (
            m.group("rel") and m.group("rel").lower() == "today" and _POSSESSIVE_AFTER.match(sentence, m.end())
        ):
            continue  # "the lowest level since November", "over the last month", "today's biggest companies"
        if m.group("yr") and _A_WORK_AFTER.match(sentence, m.end()):
            continue  # "on the set of 2003 film Kill Bill": when the film came out, not the line's event
        if (m.group("yr") or m.group("my") or m.group("rel") and _YEARS_OR_MONTHS.search(m.group("rel"))) \
                and in_a_relative_clause(sentence, m.start()):
            continue  # "…, who last won it in 1948": the year tells of someone the line names, not its event
        if (m.group("yr") or m.group("my") or m.group("mon")) and _IN_A_CLAUSE_OF_ANOTHER_TIME.search(sentence, 0, m.start()):
            continue  # "had been sentenced … after the military ousted him in 2013": the ousting's year
        if m.group("md") and not m.group("y") and _A_HOLIDAY_BEFORE.search(sentence, 0, m.start()):
            continue  # "Bastille Day, France's equivalent to July 4": a holiday named, not a day of the story
        year_in_words = _YEAR_IN_WORDS_AFTER.match(sentence, m.end())
        if (m.group("md") and not m.group("y") or m.group("mon")) and year_in_words and year_in_words.group(1).lower() not in _YEAR_SHIFT:
            continue  # "began in late January of that year": its year is told in another sentence
        surface = m.group(0).rstrip(".")
        if m.group("yr") and surface.lower().startswith("of "):
            surface = m.group("yr_y")  # "at the end of 2016": the label is the year, not "of 2016"
        said_then = bool(m.group("wd")) and (_told_then(sentence, m) or _acted_then(sentence, m)) or bool(m.group("mon")) and _opens_a_past_clause(sentence, m)
        future = _speaks_of_the_future(sentence, m) and not said_then
        past = said_then or _speaks_of_the_past(sentence, m)
        # a clause with no tense of its own ("… while walking home around 7 p.m. Tuesday") takes the sentence's
        tensed = future or past or _told_as_past(sentence) or bool(_FUTURE.search(sentence))
        iso = _resolve(m, published, future, past=past, updated=updated, tensed=tensed)
        pair = _PAIRED_WITH_A_YEAR.match(sentence, m.end()) if (m.group("md") and not m.group("y") or m.group("mon")) else None
        if pair and iso:  # "in May and July 2016": the year written once is both months'
            iso = pair.group(1) + iso[4:]
        at = m.start() + m.group(0).find(surface)  # where the date itself starts ("of 2016" -> "2016")
        out.append(DatedMention(surface, iso, _of_a_noun(sentence, m) or _period_of_a_figure(sentence, at, at + len(surface))
                                or _date_of_a_state(sentence, at)))
    return out


def _of_a_noun(sentence: str, m: re.Match[str]) -> bool:
    """"confirming last week's rumors", "welcomed Sunday's vote": the rumours' day, not the line's event's."""
    return bool(m.group("wd") or m.group("rel")) and bool(_POSSESSIVE_OF_AN_OBJECT.match(sentence, m.end())) \
        and not _opens_its_clause(sentence, m.start()) and not _AT_AN_OCCASION_BEFORE.search(sentence, 0, m.start())


#: Before a day's possessive, the occasion the line's event took place at: "criticised the governor
#: at Thursday's briefing", "during Monday's game" date the line by it.
_AT_AN_OCCASION_BEFORE = re.compile(r"\b(?:at|during|throughout)\s+(?:the\s+)?(?:late\s+|early\s+)?$", re.I)


#: A day's possessive ("Sunday's vote", "last week's rumors"): it dates the noun after it.
_POSSESSIVE_OF_AN_OBJECT = re.compile(r"['’]s\s")
#: Before such a day, the start of the sentence or of a clause of what happened after it: "Monday
#: night's wolf moon has lit up the sky", "entered orbit after Tuesday's launch" date the line's
#: event by it; "Intel has launched … glasses, confirming last week's rumors" does not (a reader
#: found the launch dated a week early), nor "some politicians welcomed Sunday's vote".
_CLAUSE_OPENING_BEFORE = re.compile(r"(?:^|[.;:]\s+|\b(?:after|since|following|before)\s+)(?:the\s+)?(?:late\s+|early\s+)?[\"“‘']?$", re.I)


def _opens_its_clause(sentence: str, start: int) -> bool:
    return bool(_CLAUSE_OPENING_BEFORE.search(sentence, 0, start))


#: The verbs told in the past that most often stand before a weekday (``text.words.PAST_VERB``).
_PAST_VERB = PAST_VERB


#: A month that opens the sentence, then its main clause: "In February, the administration asked …".
_OPENING_THEN_CLAUSE = re.compile(r"\s*,\s+((?:\S+\s+){0,6}\S+)")
#: The first verb of that clause that says its tense: past, ahead, or the present.
_FIRST_VERB = re.compile(rf"{_PAST_VERB.pattern}|{_FUTURE.pattern}|\b(?:is|are|has|have)\b", re.I)


def _opens_a_past_clause(sentence: str, m: re.Match[str]) -> bool:
    """"In February, the Trump administration asked NASA …, expected to …": a month that opens
    the sentence takes the tense of the clause it opens, whatever a later phrase says ahead."""
    if sentence[: m.start()].strip(" \"“'‘"):
        return False
    clause = _OPENING_THEN_CLAUSE.match(sentence, m.end())
    if not clause:
        return False
    first_verb = _FIRST_VERB.search(clause.group(1))
    return bool(first_verb) and bool(_PAST_VERB.fullmatch(first_verb.group().lower()))


def _told_then(sentence: str, m: re.Match[str]) -> bool:
    """The words leading to a weekday, in its own part of the sentence, are told in the past
    with nothing ahead in them: "said Monday it will launch …", "Musk tweeted late Friday" (what
    was said may be ahead: "the rocket will lift off …, Musk tweeted late Friday" is last Friday)."""
    lead = sentence[max(0, m.start() - 60):m.start()]
    lead = lead[lead.rfind(",") + 1:]
    if _FUTURE_JUST_BEFORE.search(sentence[max(0, m.start() - 20):m.start()]):
        return False  # "promised extra buses starting Wednesday": the day is what was promised
    return _told_as_past(lead) and not _FUTURE.search(lead)


#: The verb right after a weekday, in the past: "Moon on Tuesday welcomed …", "Tuesday night said".
_PAST_RIGHT_AFTER = re.compile(rf"\s+(?:(?:morning|afternoon|evening|night)\s+)?(?!(?:expected|scheduled|planned)\b)(?:{_PAST_VERB.pattern})", re.I)


def _acted_then(sentence: str, m: re.Match[str]) -> bool:
    """The weekday's own verb follows it, told in the past: what a later clause puts ahead ("…
    hopes that the Olympics would be …") is not when it happened (a reader found "Moon on
    Tuesday welcomed" dated the Tuesday after the article)."""
    return bool(_PAST_RIGHT_AFTER.match(sentence, m.end()))


#: A date written out right after a relative one ("today, October 24, 2017", "Monday, Feb. 27"):
#: the day the words mean, whatever the article's date line says.
_DATE_IN_APPOSITION = re.compile(rf",?\s+(?:the\s+)?{_MONTH_RE} \d{{1,2}}(?:st|nd|rd|th)?\b|,?\s+\d{{1,2}} {_MONTH_RE}", re.I)


#: A date that bounds a span, not the day of what the line tells: "its first title since 1908",
#: "the lowest level since November", "lost 40 % over the last month"; and "today's" as in
#: "today's biggest tech companies".
_SPAN_BEFORE = re.compile(r"\b(?:over|in|during|for|within|throughout) the\s+$", re.I)
#: A year, a month or "two years ago" that the line's verb follows ends its subject: "21 of the
#: schoolgirls abducted … more than two years ago have been released" tells of the girls' past,
#: not of the release (a reader found it dated two years back, at the head of the timeline).
_ENDS_THE_SUBJECT = re.compile(r"\s+(?:have|has|had|were|was|are|is)\s+(?:(?:been|now|since|also)\s+)?[a-z]{3,}")
#: "… ago" does not go with a present perfect ("has freed … two years ago" is no English): in a
#: line that has one, "ago" dates another clause ("has freed 21 of the schoolgirls kidnapped more
#: than two years ago"), and the perfect's event is of the article's day.
_PRESENT_PERFECT = re.compile(r"\b(?:has|have)\s+(?:(?:not|now|already|also|just|finally)\s+)?(?:been\s+)?[a-z]{3,}(?:ed|en|wn|ne|ht|id)\b")
#: A dash that sets off an aside (" -- ", " — ", " – "): a date between two of them, or in brackets,
#: tells of the aside ("mired in mediocrity -- with the exception of a Super Bowl appearance in
#: 2009 --" was a reader's wrong date of a coach's record), not of the line's event.
_ASIDE_DASH = re.compile(r"\s(?:--|—|–)\s")


def _in_an_aside(sentence: str, start: int, end: int) -> bool:
    before, after = sentence[:start], sentence[end:]
    if before.count("(") > before.count(")") and ")" in after:
        return True
    return len(_ASIDE_DASH.findall(before)) % 2 == 1 and bool(_ASIDE_DASH.search(after))


_POSSESSIVE_AFTER = re.compile(r"['’]s\s+(?:\w+est|most|world|society|generation|young|youth|children|kids|teens|economy|culture|standards)\b", re.I)
#: "today" after these means nowadays ("the most powerful rocket in service today"): a reader
#: met a rocket's comparison dated the day of its article.
_NOWADAYS_BEFORE = re.compile(r"\b(?:available|in use|in service|on the market|in existence|alive)\s+$", re.I)


def _speaks_of_the_future(sentence: str, m: re.Match[str]) -> bool:
    """The clause around the date, outside quotations, speaks of what is ahead."""
    if _FUTURE_JUST_BEFORE.search(sentence[max(0, m.start() - 20):m.start()]):
        return True
    return bool(_FUTURE.search(_clause_of(sentence, m)))


#: A clause told in the past: "was arrested on Feb. 2" in a December article is last February.
_PAST = re.compile(r"\b(?:was|were|had|did)\b|\b[a-z]{3,}ed\b(?<!\bexpected)(?<!\bscheduled)(?<!\bplanned)")


#: ... or by any past form, a perfect ("has been"), "earlier" or "ago" (``_told_as_past``): a
#: weekday or month whose sentence has none of these nor anything ahead is in no known tense.
_TOLD_AS_PAST = re.compile(
    rf"(?!(?:expected|scheduled|planned|based|located)\b)(?:{PAST_VERB.pattern})|\b(?:has|have|had) been\b|\b(?:was|were|did|had)n['’]t\b|\bdied\b|\bearlier\b|\bago\b",
    re.I,
)
#: A participle that names ("an event called perihelion", "a man named Smith"): no tense.
_NAMING = re.compile(r"\b(?:a|an)\s+(?:[a-z]+\s+){0,2}(?:called|named|dubbed|titled)\b")


#: A participle a determiner puts before its noun is an adjective, no tense: "could launch a
#: classified satellite … as soon as Jan. 4" (a December article's launch was dated back a year).
_ATTRIBUTIVE = re.compile(r"\b(?:a|an|the|its|his|her|their)\s+(?:[a-z]+ly\s+)?[a-z]{3,}ed(?=\s+\w)")


def _told_as_past(text: str) -> bool:
    return bool(_TOLD_AS_PAST.search(_ATTRIBUTIVE.sub(" ", _NAMING.sub(" ", text))))


def _speaks_of_the_past(sentence: str, m: re.Match[str]) -> bool:
    return _told_as_past(_clause_of(sentence, m))


def _clause_of(sentence: str, m: re.Match[str]) -> str:
    """The clause a date sits in, quotations of other clauses blanked: their tense is the speaker's."""
    sentence = _QUOTATION.sub(lambda q: " " * len(q.group()) if not q.start() <= m.start() < q.end() else q.group(), sentence)
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, m.start())]
    after = _CLAUSE_BREAK.search(sentence, m.end())
    return sentence[breaks[-1] if breaks else 0:after.start() if after else len(sentence)]


def _names_a_title(sentence: str, m: re.Match[str]) -> bool:
    """"a USA TODAY request", "NBC's Today show": a capitalised "today" past the sentence's
    start is a newspaper's or a programme's name (a reader found "TODAY" as a timeline date)."""
    word = m.group("rel")
    return word[:1].isupper() and word.lower() in ("today", "tonight") and bool(sentence[:m.start()].strip(" “\"'‘"))


#: Capitalised words that may stand before a date: "On March 9", "Tuesday, March 9".
_BEFORE_A_DATE = frozenset({"on", "in", "since", "by", "until", "from", "early", "late", "mid", "last", "this", "next", "before", "after", "through", "and", "or", "to"})
_WORD_BEFORE = re.compile(r"([\w'’.-]+)\s$")


def _part_of_a_name(sentence: str, start: int) -> bool:
    """A month written in lower case ("may 5"), or after a capitalised word that is no
    weekday nor preposition: "the Long March 9 rocket", "Theresa May 10", not dates."""
    if not sentence[start].isupper():
        return True
    before = _WORD_BEFORE.search(sentence[max(0, start - 40):start])
    if not before:
        return False
    word = before.group(1)
    return word[:1].isupper() and word.lower().strip(".") not in _BEFORE_A_DATE and word.lower() not in _WEEKDAYS


#: A year in a relative clause set off after a noun ("the Indians, who last won in 1948", "Caray -
#: who called games from 1971 until his death"): it tells of that noun's past, not of the line's
#: event ("Smith, who resigned on Monday," keeps its Monday: that is the story's).
#: ... and so does "last year" or "two months ago" there ("Yaalon, who resigned last month,"):
#: a day ("who resigned on Monday") is the story's own, a month or a year that noun's past.
_YEARS_OR_MONTHS = re.compile(r"(?i)\b(?:years?|months?)\b")
_IN_A_RELATIVE_CLAUSE = re.compile(r"(?:,|\s[-–—])\s+(?:who|which|whose)\b[^,;:()–—-]*$")


def event_dates(sentence: str, published: date | None = None) -> list[DatedMention]:
    """The dates that place the line's own event (``dates_in``), for putting lines in the order of
    their days: not another thing's, not the day a report was made ("25 people were injured,
    police said Wednesday" tells of Tuesday's crash), not one in a relative clause ("…, the
    department, which found the crack … on Monday" is no line of Monday)."""
    return [m for m in dates_in(sentence, published)
            if not m.of_another_thing and not _the_day_it_was_said(sentence, m.surface)
            and not in_a_relative_clause(sentence, max(0, sentence.find(m.surface)))]


#: A report's verbs: those of saying (``cues.SAYING``) and a wire's "reported", "confirmed".
_REPORTING = rf"(?:{SAYING}|reported|confirmed)"


def _the_day_it_was_said(sentence: str, surface: str) -> bool:
    day = re.escape(surface)
    return bool(re.search(rf"\b{_REPORTING}\s+(?:late\s+|early\s+)?{day}\b|\b{day}\s+(?:morning\s+|afternoon\s+|evening\s+|night\s+)?{_REPORTING}\b", sentence))


def in_a_relative_clause(sentence: str, start: int) -> bool:
    """The words before ``start`` open a relative clause about someone or something the line
    names (", who last won it in 1948", ", which found the crack … on Monday"): what is dated
    there is not the line's own event."""
    return bool(_IN_A_RELATIVE_CLAUSE.search(sentence, 0, start))


#: A year in a clause of its own verb that says the line's event came after or before it ("had
#: been sentenced to 45 years … after the military ousted him in 2013"): a reader found the
#: sentences dated 2013. A subject comes first: "has since notified" is no such clause.
_IN_A_CLAUSE_OF_ANOTHER_TIME = re.compile(rf"\b(?:after|since|before|until)\s+(?:[\w’'-]+\s+){{1,4}}?(?:{PAST_VERB.pattern})\s[^,;:()–—]*$")
#: A year that names a work's ("of 2003 film Kill Bill", "in 1994's film"): not the
#: day of what the line tells (a reader found a director's words of 2018 dated 2003).
_A_WORK_AFTER = re.compile(r"(?:['’]s)?\s+(?:film|movie|album|song|book|novel|documentary|musical|sitcom|series|show|play|single|hit)\b", re.I)
#: A date that names a holiday elsewhere: "Bastille Day, France's equivalent to July 4".
_A_HOLIDAY_BEFORE = re.compile(r"\b(?:equivalent (?:to|of)|version of|answer to)\s+(?:the\s+)?$", re.I)
#: A year said in words right after a month (and day): "on June 12 last year", "March 3 of next
#: year" (``_YEAR_SHIFT``); or told in another sentence: "in late January of that year", "June 12 of
#: the following year" (no date can be given).
_YEAR_IN_WORDS_AFTER = re.compile(r",?\s+(?:of\s+)?(last|this|next|that|the same|the following|the previous)\s+year\b", re.I)
_YEAR_SHIFT = {"last": -1, "this": 0, "next": 1}


def _resolve(m: re.Match[str], published: date | None, future: bool, past: bool = False, updated: bool = False, tensed: bool = True) -> str:
    """``m``'s date, resolved against ``published``; ``future``, ``past``: its clause's tense;
    ``tensed``: its sentence has one. A weekday or month in no tense that is not the article's
    own stays unresolved ("the meteors peak on Wednesday", "Sunday's launch coincides with …",
    "Earth reaches aphelion in July"): ahead or gone, nothing says which, and a sky guide's
    coming week was dated back a week."""
    g = m.groupdict()
    if g["iso"]:
        d = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
        return d.isoformat() if d else ""
    if g["md"]:
        month, day = _month(g["md"].split()[0]), int(g["d"])
        year = int(g["y"]) if g["y"] else (published.year if published else 0)
        if not year:
            return ""
        said = _YEAR_IN_WORDS_AFTER.match(m.string, m.end())  # "on June 12 last year"
        if said and not g["y"] and said.group(1).lower() in _YEAR_SHIFT:
            d = _safe_date(year + _YEAR_SHIFT[said.group(1).lower()], month, day)
            return d.isoformat() if d else ""
        d = _safe_date(year, month, day)
        if d and not g["y"] and published and d > published + timedelta(days=31):
            d = _safe_date(year - 1, month, day)  # "Dec. 30" in a January article is last year's
        elif d and not g["y"] and published and d < published - timedelta(days=300) and (future or not past):
            ahead = _safe_date(year + 1, month, day)  # "Jan. 31" in a December article is next year's
            d = ahead if ahead and ahead <= published + timedelta(days=NEXT_YEAR_DAYS) else d
        return d.isoformat() if d else ""
    if g["my"]:
        return f"{int(g['my_y']):04d}-{_month(g['my'].split()[0]):02d}"
    if g["yr"]:
        return g["yr_y"]
    if published is None:
        return ""
    if g["mon"]:
        word, name = g["mon"].lower().split(None, 1) if " " in g["mon"] else ("mid-", g["mon"][4:])
        month = _month(name)
        if g["mon_of"]:  # "In May of last year": the year is said
            shift = _YEAR_SHIFT[g["mon_of"].split()[1].lower()]
            return f"{published.year + shift:04d}-{month:02d}"
        if word == "next":
            year = published.year + (month <= published.month)
        elif word == "last":
            year = published.year - (month >= published.month)
        else:  # "in March": this year's, or last year's when March is still ahead and nothing says
            # "will"; a month gone by this year that the words put ahead is next year's
            # ("launches scheduled in January", in a December article); the article's own month
            # told in the past in its first week is last year's ("In January, China announced …"
            # on January 1: a month just begun has no past to tell of yet)
            if month != published.month and not tensed and word == "in":
                return ""
            this_month_past = month == published.month and past and not future and published.day <= FIRST_WEEK
            year = published.year - (month > published.month and not future or this_month_past) + (month < published.month and future)
        return f"{year:04d}-{month:02d}"
    if g["wd"]:
        parts = g["wd"].lower().split()
        target = _WEEKDAYS.index(parts[-1])
        delta = (published.weekday() - target) % 7
        if delta and not tensed and parts[0] not in ("last", "next", "this"):
            return ""
        if parts[0] == "next" or (future and parts[0] != "last"):
            ahead = (target - published.weekday()) % 7
            return (published + timedelta(days=ahead or (7 if parts[0] == "next" else 0))).isoformat()
        if parts[0] == "last" and delta <= 1:
            delta += 7  # "last Wednesday" on a Thursday is the week before: the day before is "yesterday"
        if updated and parts[0] != "last" and delta >= UPDATED_DAYS_BACK:
            return (published + timedelta(days=7 - delta)).isoformat()
        return (published - timedelta(days=delta)).isoformat()
    rel = g["rel"].lower()
    if rel in ("today", "tonight"):
        return published.isoformat()
    if rel == "yesterday":
        return (published - timedelta(days=1)).isoformat()
    if rel == "tomorrow":
        return (published + timedelta(days=1)).isoformat()
    if rel.endswith("ago"):
        words = rel.split()
        n = _NUMBER_WORDS.get(words[0], int(words[0]) if words[0].isdigit() else 1) if len(words) == 3 else 1
        unit = words[-2]
        days = {"days": 1, "weeks": 7, "months": 30, "years": 365}[unit] * n
        d = published - timedelta(days=days)
        return d.isoformat() if unit in ("days", "weeks") else (f"{d.year:04d}-{d.month:02d}" if unit == "months" else f"{d.year:04d}")
    unit = rel.split()[-1]
    shift = -1 if rel.startswith("last") else (1 if rel.startswith("next") else 0)
    if unit == "week":
        if shift == -1 and published.weekday() == 6:
            shift = 0  # on a Sunday "last week" is the week just ending, Monday to Saturday (a reader's Jan. 30 letter)
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
        return f"{monday.isocalendar()[0]:04d}-W{monday.isocalendar()[1]:02d}"
    if unit == "month":
        y, mth = divmod(published.year * 12 + published.month - 1 + shift, 12)
        return f"{y:04d}-{mth + 1:02d}"
    return f"{published.year + shift:04d}"


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z][a-z'-]{2,}", text.lower()) if w not in STOP_WORDS)


_RELATIVE_YEAR = re.compile(r"(?:(?:earlier|later) )?(?:this|next|last) year", re.I)
#: Words either side of a relative year that may hold the figure it counts ("cut profit this year by about $5 billion").
FIGURE_REACH = 4


def _period_of_a_figure(sentence: str, start: int, end: int) -> bool:
    """"This year", "next year" or "last year" (``sentence[start:end]``) as the period a figure is
    counted over, not the day of an event: "will boost earnings per share by 13 percent next year",
    "rose by 900% last year", "will cut profit this year by about $5 billion" (readers judged such
    timeline entries wrongly dated: the forecast or the statement has a day of its own)."""
    if not _RELATIVE_YEAR.fullmatch(sentence[start:end].strip()):
        return False
    before, after = sentence[:start].split(), sentence[end:].split()
    n = len(before)
    words = before + after
    near = range(max(0, n - FIGURE_REACH), min(len(words), n + FIGURE_REACH))
    # a name's number is no figure: "launched its Pixel 2 … last year", "Falcon 9"
    return any(re.search(r"\d", words[i]) and not (i > 0 and words[i - 1][:1].isupper()) for i in near)


#: What a date after these words dates: a state, a ranking or a deadline, not an event ("which stood
#: at 324 million as of Jan. 1, 2017", "the best-performing asset of 2017", "had to pay the entire
#: amount by November 2018", "start building the first by the middle of next year").
_STATE_BEFORE_A_DATE = re.compile(
    r"(?:\bas of|\bby(?:\s+the\s+(?:end|middle|start|beginning|close)\s+of)?|\b(?!(?:rest|interest|west|test|request|protest|contest|forest|arrest|harvest|honest|modest|manifest|suggest|"
    r"digest|invest|quest|chest|nest|pest|vest|crest|conquest|behest|unrest)\b)(?:\w{2,}est|best|worst|most|least)"
    r"(?:[\s-]+[\w-]+){0,2}\s+of)\s+(?:the\s+)?$", re.I)


def _date_of_a_state(sentence: str, start: int) -> bool:
    """The date at ``start`` is the one a state or a ranking holds at ("as of", "the biggest … of
    2017") or a deadline ("by November 2018"), not the day of the line's event: readers judged
    "January 1, 2017 — … America, which stood at 324 million as of January 1, 2017", "2017 — …
    the best-performing asset of 2017" and "November 2018 — … she had to pay the entire amount by
    November 2018" timeline entries misdated."""
    return bool(_STATE_BEFORE_A_DATE.search(sentence, max(0, start - 60), start))


def _same_event(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and 2 * len(wa & wb) / (len(wa) + len(wb)) >= 0.45


#: A weekday told in the past that lands this many days or more before an updated article's
#: date is read as the day after it (see ``_updated_after``). Six, not five: a same-day report
#: of a Sunday launch names Sunday too, and its "informed Tuesday of its plan" was the Tuesday
#: before (a reader found it dated two days after the article).
UPDATED_DAYS_BACK = 6


def _updated_after(sentences: Sequence[Sentence], published: Mapping[str, date | None]) -> set[str]:
    """Articles that carry an earlier date than the days they tell of: the page was updated and
    kept its first stamp. Such an article names its own date's weekday as a day of the story
    ("crashed Sunday", dated that Sunday), and another outlet published within the week after. Readers
    found "investigators said Monday" in a crash report dated Sunday Dec. 31 dated the Monday
    before the crash, and a launch "on Sunday" in a report dated that Saturday put before the
    order to launch it. Or it names the next day's weekday, the day other outlets are dated: a
    report dated Thursday whose helicopters "were heard early on Friday" (dated the Friday before
    the attack, by a reader's count)."""
    days = {d for d in published.values() if d}
    told: dict[str, re.Pattern[str]] = {}
    for a, d in published.items():
        if not d:
            continue
        weekdays = []
        if any(0 < (other - d).days <= 7 for other in days):
            weekdays.append(_WEEKDAYS[d.weekday()])
        if d + timedelta(days=1) in days:
            weekdays.append(_WEEKDAYS[(d.weekday() + 1) % 7])
        if weekdays:
            told[a] = re.compile(rf"\b(?:{'|'.join(w.capitalize() for w in weekdays)})\b(?![’']s)")
    return {s.article_id for s in sentences if s.article_id in told and told[s.article_id].search(strip_quotes(s.text))}


def timeline_of(sentences: Sequence[Sentence], dates: Mapping[str, str] | None = None, limit: int = 12,
                apart: Collection[str] = (), subject: Collection[str] = (), names: Collection[str] = ()) -> list[TimelineEvent]:
    """Dated statements in date order, each with every article that states it.

    ``dates`` maps article id -> its publication date (any common format); an article
    without one is read against the date most of the others carry. Relative dates
    ("Wednesday", "last week") that no date resolves stay unresolved (``iso`` ""),
    listed after the resolved ones, in a story no article of which is dated. In a dated story
    a line no date places is left out: it tells a habit in no tense ("Earth reaches aphelion
    in July") or a day the reader cannot place (readers judged 0 of 7 such entries right,
    dev and held-out). ``apart``: ids of articles dated far from most of the
    story's (``apart_in_time``); an event only they state is another moment's, not listed: a
    reader found a year-old article's launches filling a third of this month's timeline, and
    readers of the labelled timelines judged 6 of 19 such events right.
    ``subject``: the story's own words (``subject_words`` of its headlines): a line that names no
    one is an event of the story only where it speaks of them ("The bridge was built in 1962").
    ``names``: the story's names (``story_names``): where given, a line is an event of the story
    only where it writes one of them or a subject word.
    """
    named = name_pattern(names)
    stamps = {aid: parse_stamp(d) for aid, d in (dates or {}).items()}
    published = {aid: s.date() if isinstance(s, datetime) else s for aid, s in stamps.items()}
    story_date = _story_date(published.values())
    subject = frozenset(subject)
    off = _dated_off(published)
    events: list[dict] = []
    gallery = gallery_captions(sentences)  # a slideshow's captions date other stories' events
    wire = in_wire_caption(sentences)
    updated = _updated_after(sentences, published)
    for k, s in enumerate(sentences):
        if len(s.text.split()) < MIN_WORDS or not s.text.rstrip().endswith((".", "!", '"', "”", "’", "'")):
            continue  # headlines, link lists and questions name dates too, but state no event
        if opinion_score(s.text) >= OPINION_CUTOFF:
            continue  # the writer's commentary: "...when the council cut the budget two years ago"
        # a caption's date ("In this Thursday, Dec. 28, 2017 file photo"), a gallery's, a post's, and
        # the story a wire photo's caption retells for the picture desk (readers: a second entry of
        # the day in the caption's words; a caption's line that lost its verb)
        if s.post or is_furniture(s.text) or gallery[k] or wire[k]:
            continue
        if needs_its_context(s.text) or names_a_person_by_trade_only(s.text) or names_a_thing_by_its_kind_only(s.text, subject) \
                or turns_to_another_matter(s.text):
            # "It will enjoy an 18 percent surge next year": a reader took "it" for the story's company;
            # "The Grammy-nominated comedienne …": who; "The flight was scheduled …": which, or the
            # article's lead again; "… as part of another investigation": another case
            continue
        if not names_anyone(s.text) and not content_words(s.text) & subject:
            continue  # "The firm made a similar move in 2012.": whose move, a reader of the timeline cannot tell
        if named and not named.search(s.text) and not content_words(s.text) & subject:
            continue  # another case told as background ("In July 2012, a bank error ..."), "The flight was late"
        # "300 years ago" in a quote is no event; an undated article is read against the
        # story's date (outlets on one story publish within days of each other).
        mentions = dates_in(strip_quotes(s.text), published.get(s.article_id) or story_date, updated=s.article_id in updated)
        if s.article_id in off:
            mentions = [m for m in mentions if not _DAY_RELATIVE.search(m.surface)]  # "Tuesday" of a page dated a week late
        mentions = [m for m in mentions if not m.of_another_thing]  # "confirming last week's rumors", "as of Jan. 1"
        mentions = [m for m in mentions if not _written_at_its_turn(m.surface, stamps.get(s.article_id))
                    and not _yesterday_ahead(m, stamps.get(s.article_id))]
        if not mentions:
            continue
        first = next((m for m in mentions if m.iso), mentions[0])
        if story_date and not first.iso:
            continue  # a dated story's line that no date places ("Earth reaches aphelion in July"): habit, not event
        if _past_in_no_tense(strip_quotes(s.text), first.iso, published.get(s.article_id) or story_date):
            continue  # a caption or a chronology's item: "Police officers take their positions … on Dec. 31, 2016"
        for e in events:
            if (e["iso"] == first.iso if first.iso else e["date"].lower() == first.surface.lower()) and _same_event(e["text"], s.text):
                if s.article_id not in e["sources"]:
                    e["sources"].append(s.article_id)
                break
        else:
            events.append({"date": first.surface, "iso": first.iso, "text": without_dateline(sentences, k), "sources": [s.article_id], "order": len(events)})
    kept = sorted([e for e in events if not _only_apart(e["sources"], apart)], key=lambda e: (-len(e["sources"]), e["order"]))[:limit]
    kept.sort(key=lambda e: (e["iso"] == "", _sortable(e["iso"]), _unresolved_rank(e["date"]), e["order"]))
    return [TimelineEvent(e["date"], e["iso"], e["text"], tuple(e["sources"])) for e in kept]


_RELATIVE_UNIT = re.compile(r"(?i)\b(?:last|this|next)\s+(week|month|year)\b|\b\w+\s+(week|month|year)s?\s+ago\b")


def _written_at_its_turn(surface: str, stamp: datetime | date | None) -> bool:
    """A relative week, month or year ("last month", "last week") of a report stamped within
    ``TURN_HOURS`` of that unit's turn: the stamp cannot say which week or month its writer was
    in (its zone is rarely given). A reader found "proposed last month" of a Seoul report stamped
    "2017-12-31T23:09" dated November, and "Last week, the UN Security Council …" of one stamped
    "2018-01-01T01:14" dated the week after the vote. A stamp with no time is left alone: it is
    the day's, not a moment near a turn."""
    m = _RELATIVE_UNIT.search(surface)
    return bool(m) and _has_a_time(stamp) and _near_the_turn(stamp, (m.group(1) or m.group(2)).lower())


def _yesterday_ahead(mention: DatedMention, stamp: datetime | date | None) -> bool:
    """A weekday told ahead that lands six days after a report stamped in the first
    ``TURN_HOURS`` of its day: the stamp's day before, where its writer may still have been, is
    that weekday, "tonight" to them. A reader found "On Monday night, the full moon will reach
    …" of a page stamped 03:32 on Tuesday dated the Monday after. Which one, the stamp cannot say."""
    if not _has_a_time(stamp) or stamp.hour >= TURN_HOURS or len(mention.iso) != 10:
        return False
    told = mention.surface.lower()
    return any(day in told for day in _WEEKDAYS) and date.fromisoformat(mention.iso) == stamp.date() + timedelta(days=6)


def _past_in_no_tense(text: str, iso: str, published: date | None) -> bool:
    """A line that dates something before its article's day but tells it in no past tense and
    nothing ahead: a photo's caption ("German riot police officers take their positions … on
    Dec. 31, 2016"), a chronology's item ("In November 2009, a US army psychiatrist opens fire"),
    a description ("a member from 2002 to 2012, has interests in two companies"). Readers judged
    5 of 24 timeline entries in no tense right, and those were of the article's day or ahead."""
    if not iso or published is None or _told_as_past(text) or _FUTURE.search(text):
        return False
    return _last_day(iso) < published


def _last_day(iso: str) -> date:
    """The last day of a resolved date, a day, a week, a month or a year."""
    if "W" in iso:
        return date.fromisoformat(_sortable(iso)) + timedelta(days=6)
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        y, m = divmod(parts[0] * 12 + parts[1], 12)  # the first of the next month, less a day
        return date(y, m + 1, 1) - timedelta(days=1)
    return date(parts[0], 12, 31)


#: Two events of one date are one when their sentences are at least this close (sentence
#: embeddings' cosine). Read off the shipped MiniLM encoder by hand (a one-off check, no
#: bench): on the seeds, "Gov. Malloy ... sent a letter to police chiefs ... Wednesday" and
#: "The letters were sent Wednesday to heads of all law enforcement agencies" are 0.53;
#: the letter and the police chief's answer the same day, 0.33; the example story's two
#: sentences on the crack found on Monday, 0.55.
SAME_EVENT_COSINE = 0.5
#: The same for two events of one day: a story has few events a day, and two lines dated the
#: same day as close as this tell one of them twice ("Two subway work trains collided early
#: Wednesday" and "the trains 'bumped into each other' Wednesday morning", 0.48; readers labelled
#: 11 of 30 second entries of a day of the dev timelines duplicates). Not for a month or a year:
#: two people's remarks "in November" are as close and are two events.
SAME_DAY_EVENT_COSINE = 0.42


def subject_words(titles: Sequence[str], texts: Sequence[str]) -> frozenset[str]:
    """What the story is about, by a noun a line may name it with: a word at least half of its
    headlines use that its texts also write as the end of a name ("bridge" of "the Pinewood
    Bridge": "The bridge was built in 1962" is that bridge's line). "The flight", "the girls" or
    "the firm" of a story whose texts name no such Flight are anyone's (readers judged such lines
    of the timeline dangling)."""
    counts = Counter(w for t in titles if t for w in content_words(t))
    n = sum(1 for t in titles if t)
    common = {w for w, c in counts.items() if n and 2 * c >= n}
    named = {m.lower() for text in texts for m in _NAME_HEAD.findall(text)}
    return frozenset(w for w in common if w in named)


#: The last word of a name of two capitalised words or more ("Pinewood Bridge", "Tessaly River").
_NAME_HEAD = re.compile(r"(?<=[a-z,;] )(?:[A-Z][\w'’-]+ )+([A-Z][a-z]+)\b")


def merge_same_events(events: Sequence[TimelineEvent], sentences: Sequence[Sentence], vectors: np.ndarray,
                      cosine: float = SAME_EVENT_COSINE, limit: int | None = None, apart: Collection[str] = (),
                      day_cosine: float = SAME_DAY_EVENT_COSINE) -> list[TimelineEvent]:
    """Events of one date whose sentences say the same thing, as one (the first one's
    wording, every source); then the ``limit`` most widely reported (``apart``: as in
    ``timeline_of``), still in date order.
    The timeline is made while the encoder works, so its own same-event test reads words;
    this one, run once the vectors are there, reads meaning."""
    # An event's text is its sentence less any dateline (``timeline_of``): find it so.
    row: dict[tuple[str, str], int] = {}
    for k, s in enumerate(sentences):
        row.setdefault((s.article_id, without_dateline(sentences, k)), k)
    kept: list[tuple[TimelineEvent, int | None]] = []
    for event in events:
        k = row.get((event.sources[0], event.text)) if event.sources else None
        same = next((i for i, (e, j) in enumerate(kept) if j is not None and k is not None
                     and (e.iso or e.date.lower()) == (event.iso or event.date.lower())
                     and float(vectors[j] @ vectors[k]) >= (day_cosine if len(event.iso) == 10 else cosine)), None)
        if same is None:
            kept.append((event, k))
            continue
        e, j = kept[same]
        kept[same] = (replace(e, sources=tuple(dict.fromkeys(e.sources + event.sources))), j)
    merged = [e for e, _ in kept]
    if limit is not None and len(merged) > limit:
        top = set(sorted(range(len(merged)), key=lambda i: (_only_apart(merged[i].sources, apart), -len(merged[i].sources), i))[:limit])
        merged = [e for i, e in enumerate(merged) if i in top]
    return merged


def _only_apart(sources: Sequence[str], apart: Collection[str]) -> bool:
    return bool(apart) and all(a in apart for a in sources)


#: An article dated alone, this many days or more from the middle of the story's dates and with
#: no other article within ``NEAR_DAYS`` of it, may carry the day its page was captured, not
#: published: RT's copies of a flight's turnaround, dated eleven days after everyone else's, put
#: "on Tuesday" a week late and "Wednesday" two. Its weekdays and weeks ("last week") are not read
#: against that date; a month, a year or a date it writes out still is. (A story told over weeks,
#: articles every few days, keeps its days.)
OFF_DATE_DAYS = 7
NEAR_DAYS = 3
_DAY_RELATIVE = re.compile(r"(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|tomorrow|week|days?\b)")


def _dated_off(published: Mapping[str, date | None]) -> set[str]:
    """Ids of the articles dated alone, ``OFF_DATE_DAYS`` or more from the story's median date."""
    days = sorted(d for d in published.values() if d is not None)
    if len(days) < 2:
        return set()
    middle = days[len(days) // 2]
    return {a for a, d in published.items() if d is not None and abs((d - middle).days) >= OFF_DATE_DAYS
            and sum(abs((d - other).days) <= NEAR_DAYS for other in days) == 1}


def _story_date(published: Iterable[date | None]) -> date | None:
    """The date most of the story's dated articles carry (the latest of a tie), if any."""
    counts = Counter(d for d in published if d is not None)
    if not counts:
        return None
    return max(counts, key=lambda d: (counts[d], d))


def _unresolved_rank(surface: str) -> float:
    """Order for dates no article date resolves, on a rough scale of days before the
    story ("years ago", then a named month, last month, earlier this month, last week, the
    days of this week, today, tomorrow and later)."""
    low = surface.lower()
    if "ago" in low or "year" in low:
        return -365.0 if "next" not in low else 400.0
    if "next" in low and ("month" in low or any(m in low for m in _MONTHS)):
        return 60.0
    if "this month" in low:
        return -15.0
    if "month" in low:
        return -30.0
    if any(m in low for m in _MONTHS) or low.startswith(("in ", "since ", "by ", "early ", "late ", "mid-")):
        return -45.0  # a month named without a date: most often an earlier one of this year
    if low.startswith("last week") or low.startswith("earlier this week"):
        return -7.0
    day = next((i for i, d in enumerate(_WEEKDAYS) if d in low), None)
    if day is not None:
        week = -7.0 if low.startswith("last ") else 7.0 if low.startswith("next ") else 0.0
        return day + week
    return {"this week": 3.5, "yesterday": 7.0, "today": 8.0, "tonight": 8.5, "tomorrow": 9.0, "next week": 14.0}.get(low, 8.0)


def _sortable(iso: str) -> str:
    """ISO weeks ("2017-W08") sort with the days of that week (its Monday)."""
    m = re.fullmatch(r"(\d{4})-W(\d{2})", iso)
    return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat() if m else iso
