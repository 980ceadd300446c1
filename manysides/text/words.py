"""Content words: the one rule for which words of a sentence carry its news.

Shared by alignment (how much two sentences or two articles share), the one-outlet
checks and the pair model's surface features, so they agree on what "the same words" is.
"""

from __future__ import annotations

import re

__all__ = ["STOP_WORDS", "WEEKDAYS", "MONTHS", "MONTH", "content_words", "dice", "numbers_in", "PAST_VERB", "without_invisible"]

_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_CONTENT = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d[\d,.]*")
#: Day names, Monday first (datetime.weekday() order).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
#: A month's name as dates write it: "Jan.", "Sept", "November" (a regex, case-insensitive).
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"

#: A negation: "not", "never", "no one", "didn't" (straight apostrophe: normalise curly ones first).
NEGATION = re.compile(r"\b(?:not|no|never|nobody|nothing|none|neither|nor|without)\b|n't\b", re.I)

STOP_WORDS = frozenset(
    "the a an and or but of to in on at by for with from as is are was were be been being it its this that these those "
    "he she they his her their them there here has have had do does did will would can could should may might must "
    "said says say told according also not no so than then which who whom what when where while after before about "
    "into over up out just more most other some such only very".split()
)


def numbers_in(text: str) -> set[str]:
    """Digit numbers in a text ("18,000" -> "18000")."""
    return {m.group().rstrip(".,").replace(",", "") for m in _NUMBER.finditer(text)}


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words and numbers that are not function words, a plural's -s dropped."""
    words = (w.lower().strip("'’.,") for w in _CONTENT.findall(text))
    return frozenset(w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words if w not in STOP_WORDS and len(w) > 1)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


#: Verbs told in the past: the irregular forms news copy uses most (none that is also a present
#: form, as "put", "set" and "hit" are), any "-ed" word, and "says" (a report's "says Monday it
#: will launch": the saying is then, whatever it promises).
PAST_VERB = re.compile(
    r"\b(?:was|were|had|did|said|says|told|wrote|made|gave|took|came|went|began|saw|met|left|spoke|sent|held|won|lost|"
    r"found|ran|got|shot|fell|rose|struck|broke|brought|led|paid|sold|bought|built|kept|thought|flew|fled|drove|threw|knew|"
    r"grew|stood|felt|chose|caught|fought|sought|taught|spent|sank|blew|drew|froze|hid|rang|sat|shook|stole|tore|became)\b"
    r"|\b[a-z]{3,}ed\b"
)


#: Characters a page carries that a reader never sees: a zero-width space, a word joiner, a
#: byte-order mark, a soft hyphen. Left in, "Morsi\u200b" is another word than "Morsi" (a reader
#: found one in a brief's headline). Joiners that shape a script (U+200C, U+200D) stay.
_INVISIBLE = str.maketrans("", "", "\u200b\u2060\ufeff\u00ad")


def without_invisible(text: str) -> str:
    return text.translate(_INVISIBLE)
