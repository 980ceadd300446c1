"""Is a sentence reporting or commentary? A transparent, cue-based score.

Commentary shows itself in a few ways a reader can check: the writer speaks in
the first person ("I would not call it fair"), addresses the reader ("Ask
yourself"), gives orders (imperatives), asks rhetorical questions, exclaims,
passes judgement with evaluative words ("purely a political move", "common
sense") or loaded words (the BASIL-derived lexicon), or uses the discourse
markers of an argument ("Of course", "Again,", "period."). Text inside quotation
marks is someone else's words and is ignored; a sentence that attributes its
claim ("..., the department said") is reporting what someone else thinks, so its
evaluative words count for less.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .loaded import loaded_words, tokens

__all__ = ["opinion_score", "strip_quotes", "is_unattributed_quote", "leans_on_previous", "is_headline", "OPINION_CUTOFF"]

#: At or above this a sentence is commentary. Calibrated on the seeds and the example
#: story: every line of the blog's own commentary scores >= 0.4, their reporting lines < 0.4.
OPINION_CUTOFF = 0.4

_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|(?<![A-Za-z])[‘'][^‘’']{12,}[’'](?![A-Za-z])")
#: "I" and "us" only as written ("US" is a country); the rest in any case ("My commute...").
_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|us|(?i:me|my|mine|myself|we|we're|we’re|we've|we’ve|our|ours|ourselves|let's|let’s))\b")
_ADDRESS = re.compile(r"\b(you|your|you're|you’re|yours|yourself|yourselves)\b", re.I)
_IMPERATIVE = re.compile(
    r"^\W*(please|ask|imagine|consider|think|look|remember|don't|don’t|do not|never|share|sign|follow|join|read|watch|click|subscribe|"
    r"note|tell|stop|wake|thank|let's|let’s|make no mistake|forget|give me)\b",
    re.I,
)
_MARKERS = re.compile(
    r"(^\W*(of course|again,|frankly|honestly|sadly|thankfully|unfortunately|ironically|worse,|even worse|needless to say|so much for|"
    r"wonderful|great|shocking|unbelievable|amazing|yes,|no,|well,|yeah|sure,|(?:totally |completely |fully )?agree\b|thanks for nothing|surprise, surprise|what a surprise|shocker|how convenient)|\b(obviously|clearly|purely|simply put|absurd|ridiculous|outrageous|"
    r"disgraceful|shameful|pathetic|common sense|the fact of the matter|the real issue|is not the issue|is the issue|exactly the|"
    r"nothing to do with|each and every|so-called|band-aid|mess|rusting|wreck|nonsense|of course|a clear violation|just wants to|"
    r"political move|political stunt|it is high time|have to wonder|one has to|you have to|as if|worked so well|give me a break|garbage|what could (?:possibly )?go wrong|nothing to see here|spare us|gee)\b|,\s*period\.?$|\bperiod\.$)",
    re.I,
)
#: Double marks only: a single one opens a quoted word ('Sanctuary' is...) as often as a quotation.
_OPENING_MARKS = "\"“"
_REPORTING = re.compile(r"\b(said|says|told|according to|stated|added|wrote|argued|claimed|reported|announced|noted|insisted|warned|explained|estimated)\b", re.I)
_EXCLAIM = re.compile(r"!\s*$")
_QUESTION = re.compile(r"\?\s*$")

#: A loaded word adds this much per unit of lexicon weight (weights run ~3..6.5), so one
#: strongly loaded word alone stays under the cutoff and two of them cross it.
LEXICON_SCALE = 0.045


def strip_quotes(sentence: str) -> str:
    """The sentence with every quoted passage blanked out: what the writer says in their own voice."""
    return _QUOTED.sub(" ", sentence)


#: A line that opens like this leans on the one before it ("And now...", "But the mayor
#: ...", "It is a recommendation"), which a list of lines out of their article does not carry.
_LEANS_ON_PREVIOUS = re.compile(r"^[\"“ ]*(?:And|But|Or|So(?! far)|Yet|Plus|Also|Still|However|He|She|It|They|His|Her|Its|Their)\b")


def leans_on_previous(sentence: str) -> bool:
    return bool(_LEANS_ON_PREVIOUS.match(sentence.strip()))


def is_unattributed_quote(sentence: str) -> bool:
    """A quotation with no word outside it: a speaker's words whose speaker this sentence
    does not name (the attribution is in the paragraph before, or the quote runs on)."""
    text = sentence.strip()
    if not text or text[0] not in _OPENING_MARKS:
        return False
    outside = strip_quotes(text).strip(" \t.,;:!?—–-")
    return not outside or outside[0] in _OPENING_MARKS  # nothing else, or a quote left open


@lru_cache(maxsize=8192)  # the summary, the facts and the framing each ask for every sentence
def opinion_score(sentence: str) -> float:
    """0..1: how much a sentence reads as the writer's commentary rather than reporting."""
    outside = strip_quotes(sentence).strip()
    if len(outside.split()) < 2 and len(outside) < len(sentence.strip()):
        return 0.0  # a bare quotation: someone else's words, reported
    attributed = bool(_REPORTING.search(outside))
    score = 0.0
    if _FIRST_PERSON.search(outside):
        score += 0.45
    if _ADDRESS.search(outside):
        score += 0.4
    if _IMPERATIVE.search(outside):
        score += 0.4
    if _EXCLAIM.search(outside):
        score += 0.4
    if _QUESTION.search(outside):  # a question the writer asks is rhetorical: news states, it does not ask
        score += 0.4
    markers = len(_MARKERS.findall(outside))
    score += (0.4 if markers else 0.0) + 0.1 * max(0, markers - 1)
    weights = loaded_words()
    lexical = sum(weights.get(t, 0.0) for t in tokens(outside)) * LEXICON_SCALE
    if attributed:  # "X slammed Y, officials said" reports an evaluation; halve the word-level cues
        lexical *= 0.5
    return round(min(score + lexical, 1.0), 3)


#: A sentence with this many lowercase words of four letters or more is prose, however
#: many names it carries.
HEADLINE_PLAIN_WORDS = 3


def is_headline(text: str) -> bool:
    """Headlines, related links and captions: no closing punctuation, or most words
    capitalised with hardly a lowercase word of four letters or more. A lead full of
    names and titles ("HARTFORD -- White House Press Secretary Sean Spicer called out
    ... during Thursday's press briefing.") still has its lowercase verbs and nouns;
    Title Case leaves only "to", "on", "of" lowercase."""
    words = [w for w in text.split() if w[:1].isalpha()]
    capitalised = sum(1 for w in words if w[:1].isupper())
    if not re.search(r"[.!?][\"”’')\]]*$", text.strip()):
        return True
    plain = sum(1 for w in words if w[:1].islower() and len(w.strip(".,;:!?\"'”’)")) >= 4)
    return len(words) >= 4 and capitalised / len(words) > 0.6 and plain < HEADLINE_PLAIN_WORDS
