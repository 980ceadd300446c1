"""A small lexicon of loaded words, learned from BASIL's lexical-bias annotations.

BASIL (Fan et al., 2019, "In Plain Sight: Media Bias Through the Lens of Factual
Reporting") marks, in 300 articles from Fox News, the New York Times and the
Huffington Post, the spans whose *wording* carries the author's bias ("lex"
spans: "slammed", "doubled down", "ambushed"). A word is loaded when it turns up
in those spans far more often than its share of all the articles' words would
predict. For each word we take the smoothed log-ratio

    weight(w) = log2( P(lex | w) / P(lex) ),  P(lex | w) = (lex(w) + a * P(lex)) / (all(w) + a)

(a = PRIOR_TOKENS, a Dirichlet prior that pulls rare words towards "not loaded")
and keep words seen in spans at least MIN_SPAN_COUNT times with weight >=
MIN_WEIGHT. Quoted spans count too (a loaded word is loaded whoever says it); the
framing stage ignores words inside quotation marks when it scores an outlet.

What ships is our derived table (word -> weight, rounded), not BASIL's text;
``manysides/framing/train.py`` rebuilds it (the rule's constants live here, beside the
table they made: retrain to change them).
"""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["loaded_words", "contested_terms", "loaded_hits", "loaded_spans", "has_loaded_term", "EVALUATIVE", "LEXICON_PATH", "tokens", "HIT_WEIGHT", "CONTESTED", "VERDICT", "SPEAKS_FOR_ITSELF"]

log = logging.getLogger(__name__)

LEXICON_PATH = Path(__file__).with_name("loaded_words.json")
#: Pseudo-counts of the prior: a word needs a handful of span hits to move far from P(lex).
PRIOR_TOKENS = 8.0
#: A word seen in one or two spans may be chance; three is where the list stopped reading as noise.
MIN_SPAN_COUNT = 2
#: log2 ratio: 3.0 = eight times as likely inside a loaded span as its base rate.
MIN_WEIGHT = 3.0
#: Function words and names are never "loaded" by themselves, whatever the counts say.
_STOP = set(
    "a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those "
    "he she they we i you his her their our my your him them us me who whom which what when where why how not no so than "
    "then there here has have had do does did will would can could should may might must just also very more most about "
    "into over after before up down out off again all any both each few other some such only own same too s t don "
    "it's said says trump donald obama clinton president democrats republicans democratic republican house senate gop".split()
)
_TOKEN = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
#: A word counts as a loaded-word hit at this weight (x16 its base rate inside loaded spans);
#: below it the list holds words BASIL annotators marked mostly as parts of longer phrases.
HIT_WEIGHT = 4.0
#: NeuS: a word used this many standard deviations more in partisan articles than in the
#: neutral roundups written from them (log-odds, informative Dirichlet prior, Monroe et al. 2008)
#: is loaded if BASIL marked it at least once; alone, NeuS' list is full of style words ("even", "mr").
NEUS_MIN_Z = 1.4
NEUS_PRIOR = 1000.0

#: Contested terms with their neutral counterpart: the vocabulary choice itself is the framing
#: (AP Stylebook 2013 dropped "illegal immigrant"; "death tax" / "estate tax" and similar pairs are
#: the standard examples of partisan word choice). ``pattern`` finds the loaded term, ``neutral``
#: the counterpart another outlet would write, ``label`` names it when no outlet does.
CONTESTED: tuple[dict[str, str], ...] = (
    {"pattern": r"illegal (?:immigrant|alien|migrant|resident|parent|worker|famil(?:y|ie)|child|kid|people|person)s?|illegals|(?:criminal )?aliens?",
     "neutral": r"undocumented (?:immigrant|migrant|resident|worker|people|person|famil(?:y|ie)|student|child)s?|immigrants? (?:living )?(?:in the (?:country|us|u\.s\.) )?(?:illegally|without (?:legal )?(?:status|papers))",
     "label": "undocumented immigrants"},
    {"pattern": r"sanctuary (?:state|city|cities|states|jurisdictions?)", "neutral": r"(?:limits?|limiting|restrict\w*) (?:local )?(?:police )?(?:cooperation|coordination)", "label": "limits cooperation with immigration agents"},
    {"pattern": r"amnesty", "neutral": r"path to (?:citizenship|legal status)|legali[sz]ation", "label": "path to legal status"},
    {"pattern": r"death tax", "neutral": r"estate tax", "label": "estate tax"},
    {"pattern": r"pro-abortion", "neutral": r"abortion[- ]rights", "label": "abortion-rights"},
    {"pattern": r"pro-life", "neutral": r"anti-abortion", "label": "anti-abortion"},
    {"pattern": r"gun grabbers?", "neutral": r"gun[- ]control (?:advocates|supporters|groups)", "label": "gun-control advocates"},
    {"pattern": r"obamacare", "neutral": r"affordable care act", "label": "Affordable Care Act"},
    {"pattern": r"(?:the )?regime", "neutral": r"government|administration", "label": "government"},
    {"pattern": r"slam(?:med|s)?|blast(?:ed|s)?(?!\s+(?:off|out|into|through|away|past))|rip(?:ped|s)(?!\s+off)|torch(?:ed|es)", "neutral": r"criticized|criticised|criticism", "label": "criticized"},
    {"pattern": r"crackdown", "neutral": r"enforcement", "label": "enforcement"},
    {"pattern": r"mass deportations?", "neutral": r"deportations?|removals?", "label": "deportations"},
)


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (hyphenated words kept whole)."""
    return [t.replace("’", "'") for t in _TOKEN.findall(text.lower())]


@lru_cache(maxsize=1)
def _shipped() -> dict:
    try:
        return json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("loaded-word lexicon %s missing or unreadable; framing uses the story and the contested terms only", LEXICON_PATH)
        return {}


def loaded_words() -> dict[str, float]:
    """The shipped word weights (empty, with a log line, if the file is missing)."""
    return dict(_shipped().get("weights", {}))


@lru_cache(maxsize=1)
def contested_terms() -> tuple[tuple[re.Pattern[str], re.Pattern[str], str], ...]:
    """(loaded pattern, neutral pattern, neutral label) of each contested term, compiled once."""
    pairs = _shipped().get("contested") or CONTESTED
    return tuple(
        (re.compile(rf"\b(?:{p['pattern']})\b", re.I), re.compile(rf"\b(?:{p['neutral']})\b", re.I), p["label"])
        for p in pairs
    )


#: The writer's own verdict words: too rare in BASIL and NeuS to be learned, unmistakable in a
#: commentary line ("that rusting wreck", "another band-aid"). Matched as whole words.
#: The writer's verdict on a thing ("a boondoggle", "purely political"): commentary wherever it stands.
VERDICT_WORDS = (
    r"band-aids?|mess|rusting|wreck|boondoggle|fiasco|debacle|sham|farce|nonsense|garbage|absurd|ridiculous|outrageous|"
    r"disgraceful|shameful|pathetic|purely political|political (?:move|stunt|theater)|power grab|"
    r"folly|dumb|blunders?|(?:PR|publicity) stunts?|gloat(?:s|ed|ing)?"  # "another PR stunt", "North Korea gloated"
)
_OFFICIAL_DISASTER = (r"(?:emergency|emergencies|declarations?|relief|areas?|zones?|management|response|recovery|assistance|aid|"
                      r"agency|team|preparedness|plan|funds?|site|victims|survivors|services)\b")
_DESCRIBED_EXTREMISTS = r"(?:groups?|organi[sz]ations?|militants?|content|material|views|attacks?|violence)\b"
#: Labels no reporter gives anyone in their own voice ("the dumpy despot", "Silicon
#: Valley potentates"): the framing stage shows them even where no other outlet names the same one
#: otherwise (``SPEAKS_FOR_ITSELF``). "mob", "disaster", "far-right" (``LABEL_WORDS``) also describe: the
#: AP Stylebook takes "far-right" and "far-left" as descriptions.
PEJORATIVE_LABELS = (
    r"thugs?|hordes?|job-killing|dictators?|tyrants?|despots?|strongman|fanatics?|maniacs?|"
    r"rogue (?:nation|state|regime)s?|potentates?|expansionist"  # "Netanyahu's expansionist policies", a reader's miss
)
#: Loaded labels for people, groups and events ("thugs", "invasion"): slanted, but also words a
#: reporter uses of a real scandal or disaster, so not commentary by themselves. "mob" and
#: "invaders" were role contrasts of the framing stage that no hit ever reached; "fanatic" and
#: "maniac" name an attacker; readers of the labelled dev stories marked "rogue state" and
#: "potentates" in the brief's own voice as loaded. "woke up", "woke to the news" is waking.
#: An official's term is no label: "a disaster emergency declaration", "natural disaster",
#: "the extremist group" (a reader found Erie's disaster declaration, the story's lead, kept out
#: of its summary for the word).
LABEL_WORDS = (
    rf"crumbling|(?<!natural )(?<!nuclear )disaster(?!\s+{_OFFICIAL_DISASTER})|scandal(?:ous)?|radical|extremist(?!\s+{_DESCRIBED_EXTREMISTS})|invasion|flood(?:ing)? of|"
    rf"socialist|far-left|far-right|woke(?!\s+(?:up|to|early|late)\b)|mobs?|invaders?|{PEJORATIVE_LABELS}"
)
EVALUATIVE = re.compile(rf"\b(?:{VERDICT_WORDS}|{LABEL_WORDS})\b", re.I)
VERDICT = re.compile(rf"\b(?:{VERDICT_WORDS})\b", re.I)
#: A term that is the writer's verdict or a pejorative label whole ("fiasco", "that rusting wreck",
#: "the despot"): no other outlet's plainer word is needed to show it is this outlet's choice.
_SELF_EVIDENT = rf"(?:{VERDICT_WORDS}|{PEJORATIVE_LABELS})"
SPEAKS_FOR_ITSELF = re.compile(rf"{_SELF_EVIDENT}(?:[\s-]+{_SELF_EVIDENT})*", re.I)
_WORD_SPAN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


def loaded_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of contested terms, evaluative words and strongly loaded words, in order, not overlapping."""
    spans: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in spans)

    for loaded, _, _ in contested_terms():
        spans.extend(m.span() for m in loaded.finditer(text) if free(*m.span()))
    spans.extend(m.span() for m in EVALUATIVE.finditer(text) if free(*m.span()))
    weights = _strong_words()
    spans.extend(m.span() for m in _WORD_SPAN.finditer(text) if m.group(0).lower().replace("’", "'") in weights and free(*m.span()))
    return sorted(spans)


def has_loaded_term(text: str) -> bool:
    """A contested term in its loaded form, or an evaluative word (not the learned lexicon:
    its words are cues of slant, too common to keep a sentence out for)."""
    return bool(EVALUATIVE.search(text)) or any(loaded.search(text) for loaded, _, _ in contested_terms())


def loaded_hits(text: str) -> list[str]:
    """Loaded words and contested terms in ``text`` (callers strip quotations first), lower-cased."""
    return [text[a:b].lower() for a, b in loaded_spans(text)]


@lru_cache(maxsize=1)
def _strong_words() -> frozenset[str]:
    return frozenset(w for w, weight in loaded_words().items() if weight >= HIT_WEIGHT)


