"""Merge the same quote carried by several outlets into one ``Quote``.

Outlets retype quotes: curly or straight marks, an ellipsis for a cut, a typo fixed,
a partial quote woven into their own sentence. Two quotes are one when their
normalised words are equal, when one's words run inside the other's (a partial quote),
or nearly so (difflib's matching blocks cover most of the shorter one), or, for two
outlets' reported speech of one named speaker, most of the smaller one's content words in
any order (each outlet paraphrases), neither denying what the other states; their speakers
do not contradict each other (same surname, or one unknown), and they give no
different number or date: "up to six weeks" and "up to eight weeks" are one word apart
and two claims, each cited to its own outlets (``align.values``, the rule the
divergences' conflicting details use).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import replace
from typing import Collection, Iterable, Mapping, Sequence

from ..text.values import Value, compatible, values_of
from ..records import Quote
from ..text.groups import DisjointSets
from ..text.given_names import opens_with_a_given_name
from ..text.names import same_person
from ..text.words import NEGATION, content_words
from .attribute import Attribution

__all__ = ["normalise", "same_quote", "merge_attributions", "NEAR_MATCH_SHARE", "MIN_PARTIAL_WORDS"]

#: Share of the shorter quote's words that must match the longer one, in order, for a
#: near-substring match; 0.85 allows a fixed typo or an ellipsis in a 10-word quote.
NEAR_MATCH_SHARE = 0.85
#: Two outlets' reported speech of one named speaker is one statement when this share of the
#: smaller one's content words is the other's, in any order: each outlet paraphrases ("boarded
#: the Sunday flight from Dallas-Fort Worth to Sioux Falls" / "boarded the flight bound for
#: Sioux Falls, Sunday, at Dallas-Fort Worth"), which a reader met listed twice.
SAME_REPORT_SHARE = 0.8
#: ... and at least this many content words: "said it was reviewing the matter" is too short to tell.
SAME_REPORT_MIN_WORDS = 5
#: Two quotes of one speaker that share this many words in a row are one statement quoted to
#: different lengths ("To each and every person affected by this breach, I am deeply sorry that
#: this occurred" and "I am deeply sorry that this occurred … we let them down": a reader found
#: both listed).
SHARED_RUN_WORDS = 6
#: A partial quote must be at least this long to be matched inside a longer one
#: (two or three words like "very concerning" recur in unrelated quotes).
MIN_PARTIAL_WORDS = 4

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_NON_WORD = re.compile(r"[^\w' ]+")


def normalise(text: str) -> list[str]:
    """Lower-cased words without punctuation or quotation marks."""
    text = _NON_WORD.sub(" ", text.translate(_APOSTROPHES).lower())
    return [w.strip("'") for w in text.split() if w.strip("'")]


def _surname(speaker: str) -> str:
    return speaker.split()[-1].lower() if speaker else ""


def _speakers_agree(a: str, b: str) -> bool:
    if not a or not b:
        return True
    # A descriptor ("a source") agrees with anyone: it is not a different name.
    if a[:1].islower() or b[:1].islower():
        return True
    return _surname(a) == _surname(b)


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def same_quote(a: list[str], b: list[str]) -> bool:
    """Whether two normalised quotes are one: equal, contained, or nearly contained."""
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) < MIN_PARTIAL_WORDS:
        return False
    if _contains(longer, shorter):
        return True
    matcher = difflib.SequenceMatcher(None, shorter, longer, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / len(shorter) >= NEAR_MATCH_SHARE


def _one_statement(a: Attribution, b: Attribution, words_a: list[str], words_b: list[str]) -> bool:
    """One named speaker's words that share ``SHARED_RUN_WORDS`` in a row: one statement quoted
    to different lengths. Only between two named speakers of one surname: a quote with no speaker
    agrees with anyone, and would join two people's statements through itself."""
    if not (a.speaker[:1].isupper() and b.speaker[:1].isupper() and _surname(a.speaker) == _surname(b.speaker)):
        return False
    match = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).find_longest_match(0, len(words_a), 0, len(words_b))
    # "… never had Teague aboard" shares a run with "Teague boarded …": a denial is another statement
    return match.size >= SHARED_RUN_WORDS and _denies(a.text) == _denies(b.text)


def _same_report(a: Attribution, b: Attribution) -> bool:
    """Two outlets' reported speech of one named speaker saying one thing in their own words
    (``SAME_REPORT_SHARE``), neither denying what the other states."""
    if a.kind != "reported" or b.kind != "reported" or a.article_id == b.article_id:
        return False
    if not (a.speaker[:1].isupper() and b.speaker[:1].isupper() and _surname(a.speaker) == _surname(b.speaker)):
        return False
    wa, wb = content_words(a.text), content_words(b.text)
    small, large = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(small) < SAME_REPORT_MIN_WORDS or len(small & large) < SAME_REPORT_SHARE * len(small):
        return False
    # "never boarded" is not "boarded": in any order, one word apart is another claim
    return _denies(a.text) == _denies(b.text)


def _denies(text: str) -> bool:
    return bool(NEGATION.search(text.translate(_APOSTROPHES)))


#: Two words run together where a page lost the break between them: "DailyZhang", not "McDonald" or "DeSantis".
_GLUED = re.compile(r"[a-z]{3}[A-Z]")


def _best_speaker(members: Sequence[Attribution]) -> tuple[str, str]:
    named = [m for m in members if m.speaker and not m.speaker[:1].islower()]
    pool = named or [m for m in members if m.speaker]
    if not pool:
        return "", ""
    votes: dict[str, int] = defaultdict(int)
    for m in pool:
        votes[_surname(m.speaker)] += 1
    surname = max(votes, key=lambda s: votes[s])
    same = [m for m in pool if _surname(m.speaker) == surname]
    # the fullest name, but not one a page glued to the word before it ("China DailyZhang Yuanxun")
    speaker = max((m.speaker for m in same), key=lambda s: (not _GLUED.search(s), len(s.split()), len(s)))
    titles = [" ".join(m.speaker_title.split()) for m in same if m.speaker_title.strip()]  # a title may run over a line break
    return speaker, (max(titles, key=titles.count) if titles else "")


def merge_attributions(
    found: Sequence[Attribution], order: Sequence[str], supporting: Sequence[Attribution] = (),
    people: Sequence[str] = (), named: Mapping[str, Collection[str]] | None = None,
) -> list[Quote]:
    """One ``Quote`` per distinct quote, most widely carried first, then in reading order.

    ``supporting``: attributions that may add their outlet to a quote of ``found`` but make
    no quote of their own (an outlet's partial quote woven into its sentence, issue #22).
    ``people``: the story's persons as its entity list spells them, most reported first; a
    speaker one outlet misspells takes that spelling. ``named``: article id -> the full names
    of persons it writes, for a speaker it names by a given name alone."""
    main = len(found)
    found = _one_spelling_per_person(list(found) + list(supporting), people, named or {})
    words = [normalise(a.text) for a in found]
    sets: DisjointSets[int] = DisjointSets()
    for i in range(len(found)):
        sets.find(i)
    # Each cluster's numbers and dates so far: a partial quote that gives none must not
    # join "six weeks" and "eight weeks" through itself.
    values: dict[int, tuple[Value, ...]] = {i: values_of(a.text) for i, a in enumerate(found)}
    for i in range(len(found)):
        for j in range(i + 1, len(found)):
            ri, rj = sets.find(i), sets.find(j)
            if ri != rj and _speakers_agree(found[i].speaker, found[j].speaker) and compatible(values[ri], values[rj]):
                if same_quote(words[i], words[j]) or _same_report(found[i], found[j]) or _one_statement(found[i], found[j], words[i], words[j]):
                    sets.union(ri, rj)
                    values[ri] = values[ri] + values[rj]
    clusters = sets.groups()
    rank = {article_id: k for k, article_id in enumerate(order)}
    quotes: list[tuple[tuple[int, int, int], Quote]] = []
    for members_idx in clusters.values():
        if min(members_idx) >= main:
            continue  # supporting attributions only
        members = [found[i] for i in members_idx]
        # A version its page cut off ("… No one wants to…") gives way to a whole one; then the
        # quoted words themselves beat a paraphrase; among those, the fullest version.
        shown = [i for i in members_idx if i < main]
        longest = found[max(shown, key=lambda i: (not _cut_off(found[i].text), found[i].kind == "direct", len(words[i])))]
        speaker, title = _best_speaker(members)
        sources = tuple(dict.fromkeys(m.article_id for m in sorted(members, key=lambda m: rank.get(m.article_id, 0))))
        contexts: dict[str, str] = {}
        for m in members:
            contexts.setdefault(m.article_id, m.context)
        kind = "direct" if any(m.kind == "direct" for m in members) else "reported"
        first = min(members, key=lambda m: (rank.get(m.article_id, 0), m.start))
        key = (-len(sources), rank.get(first.article_id, 0), first.start)
        quotes.append((key, Quote(speaker, longest.text, sources, title, kind, contexts)))
    return [q for _, q in sorted(quotes, key=lambda kq: kq[0])]


def _one_spelling_per_person(found: Sequence[Attribution], people: Sequence[str] = (),
                             named: Mapping[str, Collection[str]] | None = None) -> list[Attribution]:
    """Each person under the spelling the story's entity list gives (``people``: the most
    reported spelling, as readers found "Manual Valls" quoted where the list and two other
    outlets had Manuel Valls), else the one most of its attributions use: an outlet's
    misspelling ("Danel" for "Dannel", as ``text.names.same_person`` tells them) or a
    middle initial does not make a second speaker; "Bill" and "Hillary" Clinton stay two."""
    counts: dict[str, int] = defaultdict(int)
    for a in found:
        if len(a.speaker.split()) >= 2 and a.speaker[:1].isupper():
            counts[a.speaker] += 1
    # one spelling per person, the most used first: the list's persons that are named as people are
    # ("Telegram X" and "Sueddeutsche Zeitung" may be listed as persons: no given name opens them)
    chosen: list[str] = [p for p in people if len(p.split()) >= 2 and opens_with_a_given_name(p)]
    canonical: dict[str, str] = {}
    listed = set(chosen)
    for name in sorted(counts, key=lambda n: (-counts[n], -len(n), n)):
        same = next((c for c in chosen if same_person(name, c)), None)
        if same in listed and len(same.split()) < len(name.split()):
            same = None  # the list's shorter name ("Abdel Maqsud") takes no speaker named in full
        if same is None:
            chosen.append(name)
        canonical[name] = same or name
    alone = _given_names_alone(found, chosen)
    out = []
    for a in found:
        speaker = canonical.get(a.speaker) or alone.get(a.speaker) or _given_name_of_the_article(a, (named or {}).get(a.article_id, ()), chosen)
        out.append(replace(a, speaker=speaker or a.speaker))
    return out


def _persons(people: Iterable[str]) -> list[str]:
    return [p for p in people if 2 <= len(p.split()) <= 3 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in p.split())]


def _given_names_alone(found: Sequence[Attribution], people: Sequence[str]) -> dict[str, str]:
    """A speaker named by a given name alone ("Michael recently revealed …": a tabloid calls
    people so) -> the one person of the story's speakers with that given name, where exactly
    one has it and none has it as a family name ("Michael Sheen"; beside "George Michael" it
    stays as written)."""
    out = {}
    persons = _persons(people)
    for name in {a.speaker for a in found if a.speaker and len(a.speaker.split()) == 1 and a.speaker[:1].isupper()}:
        given = [p for p in persons if p.split()[0] == name]
        if len(given) == 1 and not any(p.split()[-1] == name for p in people):
            out[name] = given[0]
    return out


def _given_name_of_the_article(a: Attribution, written: Collection[str], people: Sequence[str]) -> str:
    """A speaker named by a given name alone whom the article itself names in full once: "Lawyer
    Harjit, from London, said" after "Harjit Sarang was on holiday in Nice" (a reader found the
    quote given to "Harjit"). Not where a person of the story has the word as a family name."""
    name = a.speaker
    if not name or len(name.split()) != 1 or not name[:1].isupper() or any(p.split()[-1] == name for p in people if p):
        return ""
    full = {p for p in _persons(written) if p.split()[0] == name}
    return next(iter(full)) if len(full) == 1 else ""


def _cut_off(text: str) -> bool:
    """The words end on an ellipsis: the page cut the quote short (a reader found Theresa May's
    "No one wants to…" shown where another outlet carried the whole sentence)."""
    return text.rstrip().rstrip("\"”’'").rstrip().endswith(("…", "..."))
