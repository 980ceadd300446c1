"""The checkable values a sentence states: counts, amounts, dates, weekdays, names.

Two sentences can be close paraphrases and still disagree ("repairs could take
up to six weeks" vs "... eight weeks"). Embeddings alone cannot see that, so each
sentence's values are read into *slots*: a count is keyed by the word it counts
("weeks", "deaths"), a date by its kind (weekday, day of month, year), an amount
by its currency. Two sentences conflict when they fill the same slot with values
that do not overlap; they can be the same fact when no shared slot disagrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .words import MONTHS as _MONTHS, STOP_WORDS, WEEKDAYS as _WEEKDAYS

__all__ = ["Value", "values_of", "converted", "bounded_surface", "conflicting_slots", "disagreeing_slots", "compatible", "same_question", "SLOT_LABELS"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
_SCALE_NAMES = {"bn": "billion", "m": "million"}
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}

_NUMWORD = "|".join(sorted((re.escape(w) for w in _UNITS if w != "a dozen"), key=len, reverse=True))
_SCALE = "|".join(_SCALES)
#: A number written with digits ("18,000", "1.5", "$2.3") or words ("six", "twenty-five"),
#: optionally scaled ("2.3 million", "two hundred").
_NUMBER = re.compile(
    rf"(?P<cur>[$£€])?\s?(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|\b(?:{_NUMWORD})(?:[- ](?:{_NUMWORD}))?(?![a-z]))"
    rf"(?:\s?(?P<scale>{_SCALE}|bn|m)\b)?(?P<pct>\s?%|\s?per ?cent\b)?",
    re.I,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NUM = rf"\d+(?:,\d{{3}})*(?:\.\d+)?|\b(?:{_NUMWORD})(?:[- ](?:{_NUMWORD}))?(?![a-z])"
#: A length: "40 metres", "130ft", "a 40-metre-deep well", "the 80m-deep well" (a bare "m"
#: is read as metres only where it cannot be millions: a dimension word or an article next to it).
_LENGTH = re.compile(
    rf"(?<![\w$£€.])(?P<num>{_NUM})\s?-?\s?(?P<unit>kilomet(?:re|er)s?|km|centimet(?:re|er)s?|cm|millimet(?:re|er)s?|mm|"
    rf"met(?:re|er)s?|m|feet|foot|ft|inch(?:es)?|miles?)(?![A-Za-z])(?P<dim>-(?:deep|high|long|wide|tall))?",
    re.I,
)
_METRES = {"km": 1000.0, "kilo": 1000.0, "cm": 0.01, "cent": 0.01, "mm": 0.001, "mill": 0.001, "m": 1.0, "met": 1.0,
           "feet": 0.3048, "foot": 0.3048, "ft": 0.3048, "inch": 0.0254, "mile": 1609.344}
_DIMENSION_NEAR = re.compile(r"\b(?:depth|height|length|width|distance|deep|high|long|wide|tall)\b", re.I)
_AGE = re.compile(rf"(?<![\w.])(?P<num>{_NUM})[- ]years?[- ]old\b|\baged\s+(?P<aged>\d{{1,3}}|{_NUMWORD})\b", re.I)
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_MONTH_DAY = re.compile(
    r"\b(" + "|".join(_MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b",
    re.I,
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
#: Words after a number that say what is counted but are not the counted thing.
_SKIP_AFTER = {"of", "the", "a", "an", "more", "additional", "other", "new", "people's", "percent", "to", "and", "or", "per", "in", "on", "at"}
_STOP_UNITS = {"s", "am", "pm", "a.m", "p.m", "et", "st", "nd", "rd", "th"}
#: Capitalised words that start sentences or titles and are not names.
_NOT_NAMES = set(
    "The A An This That These Those It He She They We I You His Her Their Our Its In On At For By With From To Of And But Or "
    "Mr Mrs Ms Dr Gov Sen Rep President Governor Mayor Secretary Chief Commissioner Police State City County Department "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September "
    "October November December".split()
)

#: Slots a brief never calls a conflict (see ``disagreeing_slots``).
DATE_SLOTS = ("weekday", "day", "year")
SLOT_LABELS = {"weekday": "day of the week", "day": "date", "year": "year", "amount": "amount", "percent": "percentage",
               "length": "length", "age": "age"}


@dataclass(frozen=True)
class Value:
    """One value a sentence states, in the slot it fills."""

    slot: str  # "count:week", "amount", "amount:billion", "percent", "weekday", "day", "year"
    value: str  # normalised: "6", "2300000", "tuesday", "03-10", "2011"
    surface: str  # as written: "six weeks", "$2.3 million", "Tuesday"
    span: tuple[int, int] = field(default=(0, 0), compare=False)
    #: How the text bounds the value: "" exact, "up to", "about" (any approximation: "nearly",
    #: "more than", "at least"), "range" (an end of "1950-53", "between 5 and 7").
    hedge: str = field(default="", compare=False)


def _to_number(text: str) -> float | None:
    t = text.lower().replace(",", "").strip()
    try:
        return float(t)
    except ValueError:
        pass
    total = 0
    for part in re.split(r"[- ]", t):
        if part not in _UNITS:
            return None
        total += _UNITS[part]
    return float(total)


def _unit_after(text: str, end: int) -> str:
    """The counted noun after a number: 'six weeks' -> 'week', '12 Americans killed' -> 'american'."""
    for word in _WORD.findall(text[end : end + 60])[:3]:
        w = word.lower().strip("'’-")
        if w in _SKIP_AFTER:
            continue
        if w in _STOP_UNITS or w in _WEEKDAYS:
            return ""
        return w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w
    return ""


_LABEL_BEFORE = re.compile(r"(^|[.!?]\s+|\s)([A-Z][A-Za-z]*)\.?\s$")


#: Nouns a number after them names a place in a sequence, not a count ("on lap 20", "game 7",
#: "a category 5 storm"): read as counts of the next word they made "lap 20 of a dramatic
#: race" and "lap 28, before" two counts of "dramatic" and "before". Such a number fills the
#: noun's own slot ("position:lap"): "on lap 13" and "on lap 14" are two accounts.
_POSITION_BEFORE = re.compile(
    r"\b(lap|page|platform|gate|row|seat|room|floor|level|route|highway|interstate|exit|section|article|chapter|"
    r"item|round|stage|hole|pier|flight|game|week|season|episode|terminal|runway|category|class|phase|tier|step|grade|"
    r"track|number)\s$",
    re.I,
)


def _position_noun(text: str, start: int) -> str:
    """The sequence noun right before a number ("lap" in "on lap 20"), or ""."""
    m = _POSITION_BEFORE.search(text[max(0, start - 12) : start])
    return m.group(1).lower() if m else ""


def _is_label(text: str, start: int) -> bool:
    """A number naming a thing ("Route 9", "Title 42"), not counting: a capitalised word mid-sentence before it."""
    m = _LABEL_BEFORE.search(text[max(0, start - 20) : start])
    if not m or m.group(2) in _NOT_NAMES:
        return False
    return m.group(1).strip() == ""  and (start - len(m.group(0)) > 0)


#: Words before a number that make it approximate or a bound, not the figure itself.
_APPROX_BEFORE = re.compile(
    r"\b(?:about|around|nearly|almost|roughly|approximately|some|over|under|more than|less than|fewer than|at least|at most|"
    r"as many as|as much as|as few as|upwards of|close to|an estimated|estimated|just over|just under|well over|~)\s*[$£€]?\s*$",
    re.I,
)
_UP_TO_BEFORE = re.compile(r"\bup to\s*[$£€]?\s*$", re.I)
_RANGE_BEFORE = re.compile(r"\b(?:between|from)\s*[$£€]?\s*$|\d\s*(?:-|–|—|to|and|or)\s*[$£€]?\s*$", re.I)
_RANGE_AFTER = re.compile(r"^\s*(?:[a-z]+\s+)?(?:-|–|—|to|or)\s*[$£€]?\s*\d", re.I)
_PLUS_AFTER = re.compile(r"^\+|^\s*(?:or more|or so|plus)\b", re.I)


def _hedge(text: str, start: int, end: int) -> str:
    """How the words around ``text[start:end]`` bound the value (see ``Value.hedge``)."""
    before, after = text[max(0, start - 24) : start], text[end : end + 16]
    if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
        return "range"
    if _UP_TO_BEFORE.search(before):
        return "up to"
    if _APPROX_BEFORE.search(before) or _PLUS_AFTER.match(after):
        return "about"
    return ""


def bounded_surface(text: str, value: Value) -> str:
    """The figure as written with the words that bound it ("at least 50 people"): without them a
    toll that rose reads as two exact counts."""
    before = text[max(0, value.span[0] - 24) : value.span[0]]
    bound = (_APPROX_BEFORE.search(before) or _UP_TO_BEFORE.search(before)) if value.hedge else None
    words = re.sub(r"[\s$£€]+$", "", bound.group(0)).strip() if bound else ""
    return f"{words} {value.surface.strip()}" if words else value.surface


def _metres(text: str, m: re.Match) -> float | None:
    """A length match in metres, to two significant figures' worth (40 m and 131 ft agree);
    None for a bare "m" that may be millions."""
    number = _to_number(m.group("num"))
    unit = m.group("unit").lower()
    if number is None:
        return None
    if unit == "m" and not m.group("dim"):
        before, after = text[max(0, m.start() - 30) : m.start()], text[m.end() : m.end() + 12]
        if not (re.search(r"\b(?:the|a|an)\s*$", before, re.I) or _DIMENSION_NEAR.search(before) or _DIMENSION_NEAR.match(after.strip())):
            return None
    factor = next((_METRES[key] for key in sorted(_METRES, key=len, reverse=True) if unit.startswith(key)), None)
    return float(f"{number * factor:.2g}") if factor else None


def _fmt(number: float) -> str:
    number = round(number, 6)  # 2.07 * 1e9 is 2070000000.0000002: one figure, one string
    return str(int(number)) if number == int(number) else f"{number:g}"


#: What opens a value's conversion right after it: "$50 million (£36 million)", "101 meters (330 feet)".
_CONVERSION_OPENS = re.compile(r"\s*\((?:about|around|roughly|some|nearly|approximately|or)?\s*$", re.I)


def converted(text: str, values: tuple[Value, ...]) -> tuple[Value, ...]:
    """The values of ``text`` that restate the one before them in brackets, in other units or money:
    the same figure again, not one more the sentence states."""
    spans = sorted(v.span for v in values)
    return tuple(v for v in values if any(end <= v.span[0] and _CONVERSION_OPENS.fullmatch(text[end:v.span[0]]) for _, end in spans))


def values_of(text: str) -> tuple[Value, ...]:
    """Every slot value in a sentence (dates first, so their digits are not read as counts)."""
    out: list[Value] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(slot: str, value: str, surface: str, span: tuple[int, int]) -> None:
        out.append(Value(slot, value, surface, span, _hedge(text, *span)))
        taken.append(span)

    for m in _MONTH_DAY.finditer(text):
        month = _MONTH_ABBR.get(m.group(1).lower()[:4].rstrip("."), _MONTH_ABBR.get(m.group(1).lower()[:3], 0))
        day = int(m.group(2))
        if 1 <= day <= 31 and month:
            add("day", f"{month:02d}-{day:02d}", m.group(0), m.span())
    for m in _WEEKDAY.finditer(text):
        add("weekday", m.group(1).lower(), m.group(1), m.span())
    for m in _YEAR.finditer(text):
        if free(*m.span()) and not text[m.end() : m.end() + 1].isdigit():
            if not re.match(r"\s*(people|persons|vehicles|cars|residents|jobs|students|votes|deaths|dollars|members|troops)\b", text[m.end() : m.end() + 12].lower()):
                add("year", m.group(1), m.group(1), m.span())
    for m in _AGE.finditer(text):
        number = _to_number(m.group("num") or m.group("aged"))
        if number is not None and free(*m.span()):
            add("age", _fmt(number), m.group(0), m.span())
    for m in _LENGTH.finditer(text):
        metres = _metres(text, m)
        if metres is not None and free(*m.span()):
            add("length", _fmt(metres), m.group(0), m.span())
    for m in _NUMBER.finditer(text):
        if not free(*m.span()) or not m.group("num"):
            continue
        start = m.start("num")
        if start > 0 and (text[start - 1].isalpha() or text[start - 1] in "-/:"):
            continue  # part of a word, a range end or a time ("9:00")
        if text[m.end("num") : m.end("num") + 1] in (":", "/") or _is_label(text, start):
            continue  # a clock time, or a label like "Route 9", "Article 5", "No. 3"
        position = _position_noun(text, start)
        if position and m.group("num")[0].isdigit() and not m.group("cur"):
            add(f"position:{position}", m.group("num").replace(",", ""), f"{position} {m.group('num')}", m.span("num"))
            continue
        if m.group("num")[0].isalpha() and m.group("num").lower() == "one" and not m.group("scale"):
            continue  # "one of", "no one": too often not a count
        number = _to_number(m.group("num"))
        if number is None:
            continue
        scale = (m.group("scale") or "").lower()
        number *= _SCALES.get(scale, {"bn": 1e9, "m": 1e6}.get(scale, 1))
        surface = m.group(0).strip()
        if m.group("cur"):
            # "$70 a share, or $105 billion": a price and a total are two measures, so an
            # amount's slot carries its scale word, and "$103 billion" answers the second
            slot = f"amount:{_SCALE_NAMES.get(scale, scale)}" if scale else "amount"
        elif m.group("pct"):
            slot = "percent"
        else:
            unit = _unit_after(text, m.end())
            if not unit:
                continue  # a bare number we cannot place in a slot: say nothing about it
            slot = f"count:{unit}"
            surface = f"{surface} {text[m.end():].split()[0].strip('.,;:') if text[m.end():].split() else ''}".strip()
        add(slot, _fmt(number), surface, m.span())
    return tuple(out)


def _by_slot(values: tuple[Value, ...]) -> dict[str, set[str]]:
    slots: dict[str, set[str]] = {}
    for v in values:
        slots.setdefault(v.slot, set()).add(v.value)
    return slots


def conflicting_slots(a: tuple[Value, ...], b: tuple[Value, ...]) -> list[str]:
    """Slots both sentences fill with values that do not overlap."""
    sa, sb = _by_slot(a), _by_slot(b)
    return [slot for slot in sa.keys() & sb.keys() if sa[slot].isdisjoint(sb[slot])]


#: Counted words that are not a thing counted in a story's facts (a verb, a direction, a part
#: of a compound) or are measures that outlets round and convert ("229 feet", "200 feet").
_NOT_COUNTED = set(
    "were was are is had have has for out north south east west world other others more new year-old years-old old record "
    "point metric uk us k st per each time times percent foot feet yard mile km kilometre kilometer metre meter inch pound "
    "ton tonne kg kilogram ounce degree".split()
)
#: Qualifiers that make two figures answer different questions: a first offence and a repeat
#: one, one raid and the total, each and all.
_QUALIFIERS = set("first second third repeat subsequent each every per total overall another additional further initial "
                  "later earlier latest previous former current maximum minimum other fellow more serious seriously critical "
                  "critically minor slightly severely badly previously formerly now currently next last effective statutory "
                  "nominal net gross average median annual annually initially originally final revised".split())


def _precision(v: float) -> float:
    """The place a figure is rounded to: 1,000 -> 1000, 120 -> 10, 59 -> 1."""
    step = 1.0
    while v and v % (step * 10) == 0 and step < 1e12:
        step *= 10
    return step


def _rounded_apart(x: str, y: str) -> bool:
    """One figure is the other rounded ("500" and "527", "100" and "120"): an estimate and a
    count, not a disagreement. "50" and "59" are not: 59 rounds to 60."""
    a, b = abs(float(x)), abs(float(y))
    for round_, exact in ((a, b), (b, a)):
        step = _precision(round_)
        if step >= 10 and round(exact / step) * step == round_:
            return True
    return False


def _counted_thing(slot: str) -> bool:
    unit = slot.split(":", 1)[1]
    return len(unit) >= 3 and unit.isalpha() and unit not in _NOT_COUNTED


def disagreeing_slots(a: tuple[Value, ...], b: tuple[Value, ...], text_a: str, text_b: str) -> list[str]:
    """Slots where two statements of one fact really disagree: the same measure, stated exactly
    (or bounded the same way: "up to six" vs "up to eight weeks") and not one estimate rounded
    two ways. Dates are left out: a report's date, a dateline, a weekday resolved in another
    time zone or another day's story disagree with an event's date without contradicting it.
    Approximations, ranges and their ends, and figures qualified differently ("a first
    offence" vs "a repeat offence") are never a disagreement: when unsure, say nothing."""
    qa = {w for w in re.findall(r"[a-z]+", _HEDGE_WORDS.sub(" ", text_a.lower())) if w in _QUALIFIERS}
    qb = {w for w in re.findall(r"[a-z]+", _HEDGE_WORDS.sub(" ", text_b.lower())) if w in _QUALIFIERS}
    if qa != qb:
        return []
    out = []
    for slot in conflicting_slots(a, b):
        if slot in DATE_SLOTS or (slot.startswith("count:") and not _counted_thing(slot)):
            continue
        mine = [v for v in a if v.slot == slot]
        theirs = [v for v in b if v.slot == slot]
        if len(mine) != 1 or len(theirs) != 1:
            continue  # two figures of one kind in a sentence: which answers which is a guess
        x, y = mine[0], theirs[0]
        if "range" in (x.hedge, y.hedge) or _rounded_apart(x.value, y.value):
            continue
        if (x.hedge != y.hedge or x.hedge not in ("", "up to")) and not _bounds_apart(text_a, x, text_b, y):
            continue
        if slot == "length" and max(float(x.value), float(y.value)) < MEASURE_TOLERANCE * min(float(x.value), float(y.value)):
            continue  # outlets round and convert lengths (229 ft, "about 70 metres", 200 ft)
        out.append(slot)
    return out


#: "more than" bounds a figure; its "more" is no qualifier of the thing counted.
_HEDGE_WORDS = re.compile(r"\bmore than\b")
#: Approximate figures ("about 850", "nearly 1,000", "at least 50") closer than this ratio may
#: be one figure estimated two ways.
APPROXIMATE_APART = 1.1


def _bounds_apart(text_a: str, x: Value, text_b: str, y: Value) -> bool:
    """Two figures, one or both approximate or a bound, that give different answers to one
    question: a toll that rose ("at least 50 people were killed" against "59 people were
    killed"), "about 300" against "nearly 600" evacuated. Only counts of a named thing and
    amounts, whose words around them say they answer the same question (``same_question``);
    the brief shows such a pair as figures that differ, not as a contradiction."""
    if not (x.slot.startswith(("count:", "amount"))):
        return False
    a, b = float(x.value), float(y.value)
    return min(a, b) > 0 and max(a, b) >= APPROXIMATE_APART * min(a, b) and same_question(text_a, x, text_b, y)


#: Lengths closer than this ratio are one length rounded or converted two ways.
MEASURE_TOLERANCE = 1.2
#: Words either side of a figure that say what it measures ("25 people were injured, police said").
CONTEXT_WORDS = 4


def _context(text: str, value: Value) -> frozenset[str]:
    """Stems of the words next to a value that say what it measures: not its own unit
    ("seasons"), not function words, not names (North Korea is in every sentence of its story)."""
    before = [m for m in re.finditer(r"[A-Za-z]+", text[: value.span[0]])][-CONTEXT_WORDS:]
    after = [m for m in re.finditer(r"[A-Za-z]+", text[value.span[1] :])][:CONTEXT_WORDS]
    own = {w.lower()[:5] for w in re.findall(r"[A-Za-z]+", value.surface)} | {value.slot.partition(":")[2][:5]}
    words = [m.group() for m in before] + [m.group() for m in after]
    first = re.match(r"\W*([A-Za-z]+)", text)
    stems = (w.lower()[:5] for w in words
             if w.lower() not in STOP_WORDS and len(w) > 2 and (w.islower() or (first and w == first.group(1))))
    return frozenset(w for w in stems if w not in own)


#: An age given for someone's relative ("Their 14-year-old son", "His wife and 13-year-old son"):
#: whose son is told in another sentence, so two such ages may be two people's (a reader's
#: false conflict: the Molinas' son and Peter Hattermann's, in one story of the Nice attack).
_OWNED_BY_A_PRONOUN = re.compile(r"\b(?:his|her|their|its|our|my)\s+(?:[\w'’-]+\s+){0,3}$", re.I)


def _who(text: str, value: Value) -> str:
    """The person an age is given for: the noun after "a 3-year-old", or before "aged 3";
    "" when the sentence does not say whose ("their 14-year-old son")."""
    if _OWNED_BY_A_PRONOUN.search(text[: value.span[0]]):
        return ""
    after = re.match(r"[\s-]*([A-Za-z]+)", text[value.span[1] :])
    before = re.search(r"([A-Za-z]+)\W*$", text[: value.span[0]])
    word = (after.group(1) if after and not value.surface.lower().startswith("aged") else before.group(1) if before else "")
    return word.lower()


#: A figure read at a moment (a share price at 9:30 a.m., a toll "initially" or "earlier" given).
_MOMENT = re.compile(r"\b\d{1,2}(?::\d{2})?\s?[ap]\.?m\b|\b(?:opening|close|closing|earlier|later|initially|first reported|"
                     r"update[d]?)\b", re.I)
#: A part of the day: when a figure was read ("fell 4 percent in the afternoon") only if the other
#: sentence reads its figure at a moment too; alone it is more often when the event happened
#: ("fell into the 40m well on Sunday morning" against "the 80m-deep well", a reader's conflict).
_DAY_PART = re.compile(r"\b(?:morning|afternoon|evening|midday|noon|overnight|tonight)\b", re.I)


def same_question(text_a: str, a: Value, text_b: str, b: Value) -> bool:
    """Do two figures of one slot answer one question, by the words around them? Half or more
    of the shorter context, and at least two words, are the other's: "27 people are injured"
    (police, injured) answers what "... and 25 people were injured, police said Wednesday"
    does; "20 others were slightly hurt" and "four people were taken to hospital" answer two.
    A figure read at a moment ("at 9:34 a.m.", "earlier") answers another question than
    one read at another moment."""
    if a.slot == "age":  # "a 3-year-old boy" and "a 4-year-old boy" in one story: one boy
        return bool(_who(text_a, a)) and _who(text_a, a) == _who(text_b, b)
    ca, cb = _context(text_a, a), _context(text_b, b)
    small, large = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    shared = small & large
    if len(shared) < 2 or len(shared) < 0.5 * len(small):
        return False
    return _moments(text_a, text_b) == _moments(text_b, text_a)


def _moments(text: str, other: str) -> frozenset[str]:
    """The moments ``text`` reads its figures at, its parts of the day only where ``other`` names a moment too."""
    found = {m.lower() for m in _MOMENT.findall(text)}
    if _MOMENT.search(other) or _DAY_PART.search(other):
        found |= {m.lower() for m in _DAY_PART.findall(text)}
    return frozenset(found)


def compatible(a: tuple[Value, ...], b: tuple[Value, ...]) -> bool:
    """Can be the same fact: in each slot both fill, one sentence's figures are among the
    other's (a missing value is no conflict; "25 hurt, 4 seriously" is "25 hurt"). Sharing one
    figure is not enough: "7 per cent bigger and 12 to 14 per cent brighter" and "14 percent
    bigger, and 30 percent brighter" are two accounts a reader found cited as one."""
    sa, sb = _by_slot(a), _by_slot(b)
    if not all(sa[slot] <= sb[slot] or sb[slot] <= sa[slot] for slot in sa.keys() & sb.keys()):
        return False
    # Counts of things named two ways ("600,000 Jewish people", "430,000 Israeli settlers") are
    # one count when both sentences give one: it must be the same figure.
    ca, cb = _counts(a), _counts(b)
    return not (ca and cb) or ca <= cb or cb <= ca


def _counts(values: tuple[Value, ...]) -> set[str]:
    return {v.value for v in values if v.slot.startswith("count:") and _counted_thing(v.slot)}
