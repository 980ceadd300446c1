"""When two written names are one person: the rule every stage that compares names uses
(the entity list, the quotes' speakers); and the full name a family name goes with, for a
summary line that uses the family name alone."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from typing import Collection, Iterable, Sequence

from .sentences import opens_a_sentence
from .words import MONTHS, STOP_WORDS, WEEKDAYS

__all__ = ["name_variants", "same_person", "full_names", "introduce_surnames", "story_names", "name_pattern", "TRADES", "TRADES_IN_PERSONS", "HONORIFICS"]

#: Courtesy words dropped from a name ("Mr. Obama" -> "Obama"); not titles.
HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "miss", "mr", "mrs", "ms", "dr.", "dr", "sir", "dame", "madam"})

#: What a person does, written before their name like a title ("Comedian Sarah Silverman said",
#: "Actress Uma Thurman"): the name is what follows it.
TRADES = frozenset(
    """comedian comedienne actor actress singer rapper musician songwriter supermodel presenter
    broadcaster chef designer novelist author writer poet filmmaker producer footballer striker
    quarterback pitcher boxer golfer""".split()
)
#: ... and words that open other names too ("Star Tribune", "Model Y", "Celebrity Big Brother"),
#: taken for a trade only where the small model already calls the words a person's name.
TRADES_IN_PERSONS = TRADES | frozenset("star superstar model celebrity socialite influencer".split())

#: "Bruce Arians", "Mary Horomanski", "Chris R. Hughes": a given name, an optional initial, a family name.
#: A lookahead, so "Coach Bruce Arians" yields "Bruce Arians" after rejecting "Coach Bruce".
_POSSESSIVE = re.compile(r"[’']s$")
#: A "given name" the texts also write alone this often is a name of its own ("Samsung's
#: Galaxy", "Houston Astros", "Tesla Roadster": a company, a city), not a person's first name.
ALONE_AT_MOST = 1
#: A given name, also with a short prefix before a capital ("DeAndre", "LeBron", "JaVale").
_GIVEN = r"(?:[DLJKR][ae](?=[A-Z])|Ma?c(?=[A-Z]))?[A-Z][a-z]{1,15}"
#: A family name, also with a name prefix before a capital ("McDonald", "DeSantis", "O'Brien") or
#: a second part after a hyphen or an apostrophe ("Abdel-Fattah").
_FAMILY = r"(?:(?:Ma?c|D[aeiu]|L[ae]|O[’'])(?=[A-Z]))?[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?"
_CAPITALISED = re.compile(rf"\b{_GIVEN}\b")
_FULL_NAME = re.compile(rf"(?=(?<![\w’'-])({_GIVEN})(?:\s[A-Z]\.)?\s({_FAMILY})\b)")
#: Handles, web and mail addresses: their lower-case words ("@durov") are no ordinary words.
_ADDRESS = re.compile(r"\S*(?:@|://|www\.)\S*")
#: Capitalised words that open sentences, titles and places, not given names.
_NOT_GIVEN = frozenset(
    "The A An This That These Those It He She They We I You His Her Their Our Its In On At For By With From To Of And But Or "
    "If When While After Before As So Yet Also Then There Here What Who Why How Mr Mrs Ms Dr Gov Sen Rep President Governor "
    "Mayor Secretary Chief Commissioner Police State City County Department Minister Prime General Judge Justice Coach "
    "Captain Officer Sergeant Director Professor Senator Representative Chairman Chairwoman Ambassador Pope King Queen Prince "
    "Princess Lord Lady Sir Saint St North South East West New Old Great United Supreme Federal National International "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September "
    "October November December Last Next Early Late Former Actress Actor Singer Rapper Star "
    # places and institutions: "Tessaly River", "Kennedy Center" are no given and family name
    "River Lake Sea Ocean Bay Mountain Mount Island Islands Valley Bridge Street Avenue Road Park Center Centre University "
    "College School Hospital Airport Station Church Cathedral Square Building Tower Hall House Museum Stadium Arena".split()
)


def full_names(texts: Iterable[str], people: Iterable[str] = (), persons: Iterable[str] = ()) -> dict[str, str]:
    """Family name -> the full name the texts give it ("Arians" -> "Bruce Arians"), for family
    names only one given name goes with (two Clintons stay unresolved). A pair must be written
    at least twice, and neither name ever as an ordinary word ("Eventually Weinstein" in a
    headline, "Kennedy Space Center": the story writes "eventually" and "space" too), nor the
    given name written alone as a name of its own ("Samsung Galaxy", "Tesla Roadster").

    ``people``: names known to be people's (the speakers the quotes found, "Kenneth Janes"): a
    pair such a name ends in is a person's name written once as well, the name the story
    introduces someone by before it uses the family name alone. ``persons``: full names known to
    be people's (the entity list's persons): the same, and a pair always written after one more
    given name, and whose three words are such a name, is introduced by the three."""
    texts, persons = list(texts), set(persons)  # read more than once
    # a pair written once counts where a speaker's name or a listed person's ends with it ("Alaa
    # Abdel-Fattah", named once in full, then "Abdel-Fattah is serving …": a reader met him unintroduced)
    known = {tuple(name.split()[-2:]) for name in [*people, *persons] if len(name.split()) >= 2}
    givens: dict[str, Counter[str]] = defaultdict(Counter)
    lower_words: set[str] = set()
    capitalised: Counter[str] = Counter()  # every capitalised word, and each pair ("Bowie's" a form of
    pairs: Counter[tuple[str, str]] = Counter()  # "Bowie"): a given name written without its family stands alone
    for text in texts:
        lower_words.update(re.findall(r"\b[a-z][a-z]+\b", _ADDRESS.sub(" ", text)))
        capitalised.update(_CAPITALISED.findall(text))
        for given, family in _FULL_NAME.findall(text):
            pairs[given, family] += 1
            if _POSSESSIVE.search(family):
                pairs[given, _POSSESSIVE.sub("", family)] += 1
            if given not in _NOT_GIVEN and family not in _NOT_GIVEN:
                givens[family][given] += 1
    # a given name written again before another family ("David Cech" beside "David Lintner")
    # is a second person's, not the given name standing alone
    paired: Counter[str] = Counter()
    for (given, family), n in pairs.items():
        if n >= 2 and not _POSSESSIVE.search(family):
            paired[given] += n
    out = {}
    for family, counts in givens.items():
        names = [g for g in counts if not any(g != o and name_variants(g, o) and counts[o] > counts[g] for o in counts)]
        # "Mohamed Bouhlel" beside "Mohamed Lahouaiej Bouhlel": a first name written before another
        # given name of the family's is that person's, the middle name left out (a reader met
        # "Bouhlel" in the summary, never introduced)
        names = [g for g in names if not any(o != g and pairs[g, o] for o in names)]
        if len(names) == 1 and (counts[names[0]] >= 2 or (names[0], family) in known) and not {names[0].lower(), family.lower()} & lower_words:
            alone = capitalised[names[0]] - max(paired[names[0]], pairs[names[0], family])
            if alone <= ALONE_AT_MOST:  # not a name of its own
                out[family] = _with_the_first_given_name(f"{names[0]} {family}", texts, persons)
    return out


def _with_the_first_given_name(name: str, texts: Sequence[str], persons: set[str]) -> str:
    """"Kaiseen Alleyne" written after one and the same given name ("Tavon Kaiseen Alleyne", a
    person's name in ``persons``): the pair was a middle and a family name, and the name is the
    three (a reader found the brief introduce "[Kaiseen] Alleyne"). A word before the pair that
    makes no person's name with it is a title ("NFL Network Insider Ian Rapoport")."""
    before = [m for text in texts for m in re.findall(rf"(?<![\w’'.-])({_GIVEN})\s{re.escape(name)}\b", text)]
    written = sum(len(re.findall(rf"\b{re.escape(name)}\b", text)) for text in texts)
    if not before or len(set(before)) > 1 or len(before) < written or f"{before[0]} {name}" not in persons:
        return name  # "Coach Bruce Arians" beside "Bruce Arians": a title, not a first given name
    return f"{before[0]} {name}"


#: A capitalised word right before the family name: a given name already there, in any script's letters.
_GIVEN_BEFORE = re.compile(r"(?<![^\W\d_])[A-Z][^\W\d_]*(?=\.?$)")
#: "the Bulls", "the Clinton camp": after "the" a family-name-like word names a team or
#: qualifies a noun, not a person whom a given name would introduce.
_NOT_A_PERSON_HERE = re.compile(r"\b[Tt]he$")
#: The word is followed by another capitalised name word: it is a given name here; or by "of" and
#: a capitalised word: it opens a title ("roles in Masters of Sex", beside William Masters).
_NAME_GOES_ON = re.compile(r"\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z][^\W\d_]+\b|\s+of\s+[A-Z]")


def introduce_surnames(lines: list[str], names: dict[str, str]) -> list[str]:
    """Each line whose family name no earlier line introduced gets its given name in brackets,
    as editors do ("[Bruce] Arians said ..."): out of its article, "Arians" is nobody yet."""
    introduced: set[str] = set()
    out = []
    for line in lines:
        new = line
        for family, full in names.items():
            given = full[: -len(family)].strip()
            if " " in given and f"[{given.split()[-1]}] {family}" in new:  # the middle name alone, bracketed
                new = new.replace(f"[{given.split()[-1]}] {family}", f"[{given}] {family}", 1)  # before the persons were known
            if full in new:
                introduced.add(family)
                continue
            if family in introduced:
                continue
            m = re.search(rf"(?<![^\W\d_])(?<![’'-])(?<!\[){re.escape(family)}\b", new)
            if not m:
                continue
            before = new[: m.start()].rstrip()
            given_before = _GIVEN_BEFORE.search(before)
            if before.endswith("]") or given_before and given_before.group() not in _NOT_GIVEN:
                introduced.add(family)
                continue  # introduced already ("Paltrow" and "Paltrow's" are one name), or after another given name ("François");
                # a title or an opening word is none ("Mayor [Tobias] Grant", "After [Bruce] Arians left")
            if _NOT_A_PERSON_HERE.search(before) or _NAME_GOES_ON.match(new, m.end()):
                continue  # "the Bulls" is a team; "Lawan Zanna": here the word is someone's given name
            new = new[: m.start()] + f"[{given}] " + new[m.start() :]
            introduced.add(family)
        out.append(new)
    return out


def name_variants(a: str, b: str, *, min_ratio: float = 0.8) -> bool:
    """Two spellings of one name ('Danel' vs 'Dannel'), not two names ('Dan' vs 'Dannel' is a nickname).

    0.8 keeps one- or two-letter slips in names of five letters or more and rejects short forms.
    """
    if a == b or a[0].lower() != b[0].lower() or min(len(a), len(b)) < 4:
        return False
    return SequenceMatcher(None, a.lower(), b.lower()).ratio() >= min_ratio


#: How alike two spellings of a family name must be (``difflib`` ratio) to be one person's,
#: when every name before it is the same: one given name ("Bernard Cazeneuve", "Cazaneuve"),
#: or two and more ("Noor Mohammad Fayez", "Faiz": a transliteration, 0.67), which leave
#: less room for two people.
FAMILY_SPELLINGS = 0.8
FAMILY_SPELLINGS_AFTER_TWO = 0.6


#: English given names and the short forms news writes for them: "Jim Steyer" and "James Steyer"
#: are one person (a reader found both listed, with their quotes apart). Only forms of one name;
#: "Chris", "Pat", "Sam", "Alex" may be a man's or a woman's name and are left out.
_SHORT_FORMS = {
    "jim": "james", "jimmy": "james", "bill": "william", "billy": "william", "will": "william", "bob": "robert",
    "bobby": "robert", "rob": "robert", "dick": "richard", "rick": "richard", "mike": "michael", "tom": "thomas",
    "tommy": "thomas", "joe": "joseph", "ted": "edward", "ed": "edward", "chuck": "charles", "charlie": "charles",
    "dave": "david", "tony": "anthony", "andy": "andrew", "dan": "daniel", "danny": "daniel", "matt": "matthew",
    "nick": "nicholas", "ben": "benjamin", "greg": "gregory", "jeff": "jeffrey", "jon": "jonathan", "larry": "lawrence",
    "ron": "ronald", "don": "donald", "tim": "timothy", "fred": "frederick", "ken": "kenneth", "phil": "philip",
    "pete": "peter", "steve": "steven", "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine", "katie": "katherine",
    "jen": "jennifer", "jenny": "jennifer", "peggy": "margaret", "sue": "susan", "becky": "rebecca", "debbie": "deborah",
}


def _given_form(name: str) -> str:
    low = name.lower().rstrip(".")
    return _SHORT_FORMS.get(low, low)


def same_person(a: str, b: str) -> bool:
    """Two full names ("Dannel P. Malloy", "Danel Malloy") of one person: the same surname
    and the same, a misspelt or a short first name ("Jim", "James"), or the same names before a
    misspelt or transliterated surname ("Noor Mohammad Fayez", "Noor Mohammad Faiz"); "Bill" and
    "Hillary" Clinton are two people. Apostrophes are one ("O'Brien", "O’Brien")."""
    words_a, words_b = a.replace("’", "'").split(), b.replace("’", "'").split()
    (first_a, *_, last_a), (first_b, *_, last_b) = words_a, words_b
    if last_a.lower() == last_b.lower():
        return _given_form(first_a) == _given_form(first_b) or name_variants(first_a, first_b)
    return _family_misspelt(words_a, words_b)


def _family_misspelt(words_a: list[str], words_b: list[str]) -> bool:
    given = [w.lower() for w in words_a[:-1]]
    if not given or given != [w.lower() for w in words_b[:-1]]:
        return False
    last_a, last_b = words_a[-1], words_b[-1]
    if not (last_a.isalpha() and last_b.isalpha()):  # "Galaxy S9" and "Galaxy S9+" are two phones
        return False
    floor = FAMILY_SPELLINGS_AFTER_TWO if len(given) >= 2 else FAMILY_SPELLINGS
    return name_variants(last_a, last_b, min_ratio=floor)


#: Sentences of each article read for the story's names: its people, places and bodies are named
#: at its top.
LEAD_SENTENCES = 8
_CALENDAR = frozenset(WEEKDAYS + MONTHS) | {m[:3] for m in MONTHS} | {"sept"}
_CAPITALISED_WORD = re.compile(r"\b[A-Z][A-Za-z'’-]+")


def story_names(titles: Sequence[str], leads: Sequence[Sequence[str]]) -> frozenset[str]:
    """The story's names: the capitalised words (no sentence's first, no weekday or month) that
    two articles or more write in their headline or first ``LEAD_SENTENCES`` sentences. A dated
    line that writes none of them, nor a word of the story's subject, is seldom an event of this
    story (``timeline.timeline_of``): on the labelled real stories (a one-off count over the
    timeline labels) such entries were judged ok 27 times in 55 (dev) and 13 in 40 (held out),
    the others 111 in 171 and 102 in 164; readers found another case told as background ("In
    July 2012, a bank error caused …"), a sidebar's launch, and lines that lean on the article
    ("The flight was scheduled to take off at 11:55 p.m. Sunday")."""
    counts: Counter[str] = Counter()
    for title, lead in zip(titles, leads):
        counts.update(set().union(*(_names_in(t) for t in [title or "", *lead[:LEAD_SENTENCES]])))
    return frozenset(w for w, c in counts.items() if c >= 2)


def _names_in(sentence: str) -> set[str]:
    out = set()
    for m in _CAPITALISED_WORD.finditer(sentence):
        word = re.sub(r"['’]s?$", "", m.group())
        if not opens_a_sentence(sentence, m.start()) and word.lower() not in STOP_WORDS and word.lower() not in _CALENDAR:
            out.add(word)
    return out


def name_pattern(names: Collection[str]) -> re.Pattern[str] | None:
    """A pattern for a word that opens with one of ``names`` ("Tamimi" in "Tamimi's"); None for none."""
    if not names:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")")
