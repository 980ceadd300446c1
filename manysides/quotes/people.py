"""Who is who in one article: full names, their titles, and pronoun antecedents.

A news article names a person in full once ("White House Press Secretary Sean Spicer")
and then by surname ("Spicer said") or pronoun ("he said"). We collect every named
person with spaCy's entities and the proper-noun chains around them, split a chain at
its last job-title word (title | name), and resolve later mentions against that index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import HONORIFICS, TITLE_ABBREVIATIONS, is_role_word

__all__ = ["Person", "PeopleIndex", "split_title", "clean_name", "MAX_TITLE_WORDS", "without_trailing_aside"]

#: A surname mentioned alone more often than this before a full name with it appears is
#: taken for someone else than that full name (a relative, a namesake).
ABSORB_MENTIONS = 2
#: An appositive longer than this is a clause about the person, not their title.
MAX_TITLE_WORDS = 12

_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$")
_POSSESSIVE = re.compile(r"(’s|'s|’|')$")


@dataclass(slots=True)
class Person:
    name: str
    title: str = ""
    mentions: list[int] = field(default_factory=list)  # character offsets


_LIST_MARKS = frozenset("•·▪●◦‣|")
#: A tabloid's one-word nationality before a name, which no name opens with.
NATIONALITY_SHORTHANDS = frozenset({"Brit", "Briton", "Aussie", "Kiwi", "Yank"})


def clean_name(words: list[str]) -> str:
    """A name without courtesy words or a trailing possessive ("Mr. Obama's" -> "Obama"), and
    without what a list's bullet set before it ("CNN Map • American Dominique Molina": a
    page's map caption run into the next list item)."""
    breaks = [i for i, w in enumerate(words) if w.strip() in _LIST_MARKS]
    words = words[breaks[-1] + 1 :] if breaks else words
    words = [w for w in words if w.lower() not in HONORIFICS]
    if len(words) >= 3 and words[0] in NATIONALITY_SHORTHANDS:
        words = words[1:]  # "Brit Kartik Bhanot": a tabloid's word for where he is from
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return without_trailing_aside(" ".join(w for w in words if w))


def without_trailing_aside(name: str) -> str:
    """A name less a ticker or an aside after it, closed or cut by the parse: "Goldman (GS" (a reader)."""
    return _TRAILING_ASIDE.sub("", name).strip()


_TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)?\s*$")


def _expand_title(words: list[str]) -> str:
    out = [TITLE_ABBREVIATIONS.get(w.lower(), w) for w in words]
    while out and out[0].lower() in {"the", "a", "an", "of", "for", "--", "—", ","}:
        out = out[1:]
    while out and out[-1] in {",", "'s", "’s"}:
        out = out[:-1]
    return tidy_title(" ".join(out))


def tidy_title(title: str) -> str:
    """A title rebuilt from words joined by spaces, written as a reader writes it: "co - founder"
    is "co-founder", "Commission ( SEC" is "Commission (SEC)", "“ Callister ” director" is
    "“Callister” director", "Trump 's" is "Trump's" (readers found them garbled)."""
    title = title.replace(" ,", ",").replace(" 's", "'s").replace(" ’s", "’s").strip()
    title = re.sub(r"([(“‘])\s+", r"\1", re.sub(r"\s+([)”’])", r"\1", title))
    title = re.sub(r"(?<=\w) - (?=\w)", "-", title)
    return title + ")" if title.count("(") > title.count(")") else title


def split_title(words: list[str], spaces: list[str] | None = None) -> tuple[str, str]:
    """Split a proper-noun chain at its last title word: (title, name).

    "White House Press Secretary Sean Spicer" -> ("White House Press Secretary", "Sean Spicer").
    ``spaces`` (the whitespace after each word) keeps names as written ("Torres-Rodriguez").
    """
    spaces = spaces if spaces is not None else [" "] * len(words)
    cut = -1
    for i, word in enumerate(words[:-1]):
        if not is_role_word(word):
            continue
        if words[i + 1].lower() == "of" and i + 3 < len(words):  # "Secretary of State" + name
            cut = i + 2
        elif _NAME_TOKEN.match(words[i + 1]):
            cut = i
    rest = list(range(cut + 1, len(words)))
    lines = [k for k, i in enumerate(rest[:-1]) if "\n" in spaces[i] or "\n" in words[i]]  # a parse keeps "\n" as a token
    if lines:  # "… says Prime Minister Shinzo Abe⏎Trump responded:": a name ends with its line
        rest, cut = rest[lines[-1] + 1 :], -1
    while rest and (words[rest[0]].lower() in HONORIFICS or not _NAME_TOKEN.match(words[rest[0]])):
        rest = rest[1:]
    while rest and _POSSESSIVE.fullmatch(words[rest[-1]]):
        rest = rest[:-1]
    name = "".join(words[i] + spaces[i] for i in rest).strip()
    return _expand_title(words[: cut + 1]), clean_name(name.split(" ")) if name else ""


def _last(name: str) -> str:
    return name.split()[-1].lower() if name else ""


class PeopleIndex:
    """The named people of one article, looked up by surname."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}  # full name -> person
        self.subject_mentions: list[tuple[int, str]] = []  # (offset, full name), persons as subjects
        self.mentions: list[tuple[int, str]] = []  # (offset, full name), every person mention
        self.org_mentions: list[tuple[int, str]] = []

    def add(self, name: str, title: str, offset: int, *, subject: bool) -> str:
        """Record one mention; returns the full name it resolves to."""
        if not name:
            return ""
        full = self.full_name(name) if len(name.split()) == 1 else name
        person = self.people.get(full)
        if person is None:
            # A longer name absorbs a shorter one seen before ("Malloy" then "Dannel Malloy").
            person = self.people.setdefault(full, Person(full))
            # Not a surname already mentioned often on its own: "Thurman says ..." all through the
            # story, then "her father, Robert Thurman": he is someone else.
            for short in [n for n in self.people if n != full and full.endswith(" " + n) and len(self.people[n].mentions) <= ABSORB_MENTIONS]:
                old = self.people.pop(short)
                person.mentions.extend(old.mentions)
                person.title = person.title or old.title
        if title and not person.title:
            person.title = title
        person.mentions.append(offset)
        self.mentions.append((offset, full))
        if subject:
            self.subject_mentions.append((offset, full))
        return full

    def full_name(self, name: str) -> str:
        """The longest known name of the person ``name`` can mean: a surname alone stands
        for any name ending with it, a fuller name only for one with its first name too
        ("Bill Clinton" is never "Hillary Clinton"); else ``name`` itself."""
        last = _last(name)
        if not last:
            return name
        first = name.split()[0].lower()
        matches = [n for n in self.people if _last(n) == last and (len(name.split()) == 1 or n.split()[0].lower() == first)]
        if len(name.split()) == 1 and len({n.split()[0].lower() for n in matches}) > 1:
            return name  # "Thurman" with Uma and Robert Thurman named: which one is not ours to guess
        return max(matches, key=lambda n: (len(n.split()), len(n))) if matches else name

    def title_of(self, name: str) -> str:
        person = self.people.get(self.full_name(name))
        return person.title if person else ""

    def antecedent(self, offset: int, plural: bool, window: int) -> str:
        """The nearest fitting named speaker or subject before ``offset`` (pronoun resolution).

        "He"/"she" go to the nearest person who was a subject or a speaker (an object or a
        name in passing is rarely who speaks next), else to the nearest person named;
        "they" goes to the nearest organisation.
        """
        pools = [self.org_mentions] if plural else [self.subject_mentions, self.mentions]
        for pool in pools:
            before = [(pos, name) for pos, name in pool if offset - window <= pos < offset]
            if before:
                name = max(before)[1]
                return name if plural else self.full_name(name)
        return ""

    def by_role(self, role_word: str) -> str:
        """The one person whose title holds ``role_word`` ("the governor" -> Dannel Malloy).

        Two spellings of one surname with that role ("Dannel Malloy", a misspelt "Danel
        Malloy") are one person: the most mentioned spelling answers."""
        hits = [p for p in self.people.values() if role_word in p.title.lower().split()]
        if not hits or len({_last(p.name) for p in hits}) > 1:
            return ""
        return max(hits, key=lambda p: len(p.mentions)).name
