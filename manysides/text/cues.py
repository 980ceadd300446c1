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
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Sequence

from .loaded import VERDICT, loaded_words, tokens
from .words import MONTH, PAST_VERB

if TYPE_CHECKING:
    from ..records import Sentence

__all__ = [
    "opinion_score", "strip_quotes", "strip_closed_quotes", "is_headline", "OPINION_CUTOFF",
    "is_commentary", "gives_a_verdict", "quoted_speech", "running_quotes", "in_wire_caption", "in_credited_caption", "is_site_prompt", "is_site_box", "is_furniture", "is_transcript_line", "SAYING", "SAYING_WORD",
    "is_web_address", "is_page_message", "named_reporters", "declares_commentary", "filed_as_commentary", "tells_a_report", "is_flattened_carousel",
    "is_site_rail", "is_notice", "picture_credits", "PICTURE_AGENCY",
]

#: At or above this a sentence is commentary. Calibrated on the seeds and the example
#: story: every line of the blog's own commentary scores >= 0.4, their reporting lines < 0.4.
OPINION_CUTOFF = 0.4

_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|(?<![A-Za-z])[‘'][^‘’']{12,}[’'](?![A-Za-z])")
#: "I" and "us" only as written ("US" is a country, and so is lower-cased "the us"); the rest in any case.
_I = r"I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll"
_WE = r"(?i:me|my|mine|myself|we|we're|we’re|we've|we’ve|our|ours|ourselves|let's|let’s)"
_FIRST_PERSON = re.compile(rf"\b({_I}|(?<![Tt]he )us|{_WE})\b")
#: The same, for a text that writes names in lower case (``standalone.names_are_cased``): there
#: "us" is as often the country ("us forces in japan", "us$ 61 million") as the writer's "us".
_FIRST_PERSON_UNCASED = re.compile(rf"\b({_I}|{_WE})\b")
_ADDRESS = re.compile(r"\b(you|your|you're|you’re|yours|yourself|yourselves)\b", re.I)
_IMPERATIVE = re.compile(
    r"^\W*(please|ask|imagine|consider|think|look|remember|don't|don’t|do not|never|share|sign|follow|join|read|watch|click|subscribe|"
    r"note|tell|stop|wake|thank|let's|let’s|make no mistake|forget|give me)\b",
    re.I,
)
_MARKERS = re.compile(
    r"(^\W*(of course|again,|frankly|honestly|sadly|thankfully|unfortunately|ironically|worse,|even worse|needless to say|so much for|"
    r"wonderful|great|shocking(?!\s+(?:video|footage|images?|pictures?|photos?|clips?|scenes?|moment)\b)|unbelievable|amazing|yes,|no,|well,|yeah|sure,|(?:totally |completely |fully )?agree\b|thanks for nothing|surprise, surprise|what a surprise|shocker|how convenient)|\b(obviously|clearly(?!\s+(?:show|shows|showed|showing|shown|visible|seen|heard|audible|legible|marked)\b)|purely|simply put|absurd|ridiculous|outrageous|"
    r"disgraceful|shameful|pathetic|common sense|the fact of the matter|the real issue|is not the issue|is the issue|exactly the|"
    r"nothing to do with|each and every|so-called|band-aid|mess|rusting|wreck|nonsense|of course|a clear violation|just wants to|"
    r"political move|political stunt|it is high time|have to wonder|one has to|you have to|as if|worked so well|give me a break|garbage|what could (?:possibly )?go wrong|nothing to see here|spare us|gee|"
    # the writer's guess ("perhaps that perception will change", "Perhaps the crew wanted …"), not a figure's hedge ("perhaps 45 feet")
    r"perhaps(?!\s+(?:\$|£|€)?\d))\b|,\s*period\.?$|^\W*period\.$)",
    re.I,
)
_REPORTING = re.compile(r"\b(said|says|told|according to|stated|added|wrote|argued|claimed|reported|announced|noted|insisted|warned|explained|estimated)\b", re.I)
_EXCLAIM = re.compile(r"!\s*$")
_QUESTION = re.compile(r"\?\s*$")

#: A loaded word adds this much per unit of lexicon weight (weights run ~3..6.5), so one
#: strongly loaded word alone stays under the cutoff and two of them cross it.
LEXICON_SCALE = 0.045


def strip_closed_quotes(text: str) -> str:
    """``text`` with every quotation that it opens and closes blanked out (any length of text)."""
    return _QUOTED.sub(" ", text)


def _without_nested_straight_quotes(sentence: str) -> str | None:
    """A quotation in straight marks with another inside it ('"I mean, not "over Christmas" —
    no fight," she wrote.'): paired in turn, the marks would leave the inner words outside as
    the writer's. Each mark opens (a space or nothing before, a word after) or closes (a word
    or a stop before, a space or a stop after); paired so, the outer quotations are blanked.
    None where the marks do not nest or their shapes do not say which is which."""
    marks = [m.start() for m in re.finditer('"', sentence)]
    if len(marks) < 4 or len(marks) % 2:
        return None
    stack: list[int] = []
    spans: list[tuple[int, int]] = []
    nested = False
    for at in marks:
        before, after = sentence[at - 1 : at], sentence[at + 1 : at + 2]
        opens = (not before or before.isspace() or before in "([—–-") and bool(after) and not after.isspace()
        closes = bool(before) and not before.isspace() and (not after or after.isspace() or after in ".,;:!?)—–-")
        if opens and not closes:
            stack.append(at)
            nested = nested or len(stack) > 1
        elif closes and not opens and stack:
            start = stack.pop()
            if not stack:
                spans.append((start, at + 1))
        else:
            return None
    if stack or not nested:
        return None
    for start, end in reversed(spans):
        sentence = sentence[:start] + " " + sentence[end:]
    return sentence


def strip_quotes(sentence: str) -> str:
    """One sentence with every quoted passage blanked out: what the writer says in their own
    voice. A quotation that runs over several sentences is blanked up to the sentence's end
    (``Obama said, "We have a pattern now …``) or from its start (``… no parallel," he said.``);
    a whole text's quotations are ``strip_closed_quotes``."""
    nested = _without_nested_straight_quotes(sentence)
    if nested is not None:
        return nested
    outside = _QUOTED.sub(" ", sentence)
    marks = [m.start() for m in re.finditer(r"[\"“”]", outside)]
    if len(marks) != 1:
        return outside
    at = marks[0]
    before, mark, after = outside[:at], outside[at], outside[at + 1 :]
    # A lone mark left opens a quotation that runs on into the next sentence, or closes one
    # opened before. Curly marks say which; a straight one opens where a word follows it and
    # closes where one comes before it; spaced on both sides (tokenised text), it opens after a
    # speaker's cue (``_SPEAKER_CUE``).
    if mark == '"':
        spaced_before, spaced_after = not before or before[-1:].isspace(), not after or after[:1].isspace()
        if spaced_before and not spaced_after or spaced_before and spaced_after and _SPEAKER_CUE.search(before):
            mark = "“"
        elif not spaced_before and spaced_after and re.search(r"[A-Za-z.,!?]$", before) or spaced_after and re.search(r"[,.!?]\s$", before):
            mark = "”"
    if mark == "“":
        return before + " "
    if mark == "”":
        return " " + after
    return outside


@lru_cache(maxsize=8192)  # the summary, the facts and the framing each ask for every sentence
def opinion_score(sentence: str, *, names_cased: bool = True) -> float:
    """0..1: how much a sentence reads as the writer's commentary rather than reporting.
    ``names_cased``: False for a text that writes names in lower case, where "us" is no sign."""
    outside = strip_quotes(sentence).strip()
    if len(outside.split()) < 2 and len(outside) < len(sentence.strip()):
        return 0.0  # a bare quotation: someone else's words, reported
    attributed = bool(_REPORTING.search(outside))
    score = 0.0
    if (_FIRST_PERSON if names_cased else _FIRST_PERSON_UNCASED).search(outside):
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


#: A line that is a web address ("http://www.example.com/2013/05/story-slug", or tokenised as
#: "http : / / www . example . com / ..."): it names the outlet and a slug, never the event.
_WEB_ADDRESS = re.compile(r"^\s*(?:https?\s*:|www\s*\.)", re.I)


def is_web_address(line: str) -> bool:
    """The line opens with a web address (a page's URL pasted above its text)."""
    return bool(_WEB_ADDRESS.match(line))


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


# --- what the brief may call commentary (issue #21) -------------------------------------
# ``opinion_score`` ranks sentences for the summary and the facts, where a reporting line
# wrongly held back costs little. Calling a sentence "opinion" in the brief is a claim about
# the outlet, so it needs the writer's own evaluative voice, not just a cue: most cues
# (a question, "you", an imperative) are as often a subheading, an interview transcript,
# an explainer or a site's prompt.

#: The site talking to its reader, not the writer commenting on the story.
_SITE_PROMPT = re.compile(
    r"\b(subscribe (?:now|today|here|to (?:our|the|this))|as an interest to|stay up to date on (?:the latest|our)|subscribers? only|thank you for subscribing|sign(?:ing)? up (?:for|to) (?:our|the)|"
    r"(?:our|free|daily|weekly) newsletters?|newsletter sign|select a newsletter|click (?:here|the (?:link|button))|verify you|"
    r"(?:accept|use of|uses?) cookies|privacy policy|terms of (?:use|service)|follow us|share this (?:article|story)|read more|"
    r"download (?:our|the) app|sponsored (?:content|links?)|all rights reserved|"
    r"thank you for (?:reading|joining|watching|listening)|comments? (?:below|section)|log ?in to (?:comment|continue|read)|"
    r"your (?:email address|inbox)|not a robot|invalid email|please re-?enter|contributed to this report|enthusiast living|wallpapers? and themes|"
    r"just watched|must watch|replay more videos|video ad feedback|story highlights|you agree to receive|special offers|"
    r"follow (?:her|him|them|me|us)(?: on (?:twitter|instagram|facebook|x))? @\w+)\b|^\W*advertisement\W*$"
    r"|^\W*interested in [\w&'’ -]{1,40}\?\W*$|^\W*add interest\W*$",  # a site's follow-a-topic box
    re.I,
)
#: "SHAPIRO: What are ...", "Mr Bamford said: ...": a transcript line or a quote's lead-in.
#: A speaker's name (up to four capitalised words: "MONTAGNE", "Gov. Jerry Brown", "Miller") or a
#: name with its verb, or a label of up to three words ("Update:", "The planned trajectory:",
#: "Editor's note:"), then a colon. Not a clause the writer ends with a colon ("Job creation is
#: accelerating: employers added …", "Quayle was faced with a choice: run …") nor a clock ("4: 30").
_SPEAKER_PREFIX = re.compile(
    r"^\W*(?:[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin|da|del|la|le)){0,3}"
    r"(?:\s+(?:said|says|told \w+|added|wrote|tweeted))?|[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,2}):\s(?<!\d:\s)"
)
#: Verbs (and "according") that attribute what follows to someone: one list for every rule that
#: asks whether a sentence reports someone's words (commentary, a summary line's speaker).
SAYING = (
    r"say|says|said|told|tells|added|noted|wrote|explained|tweeted|posted|shared|announced|recalled|continued|asked|"
    r"replied|responded|insisted|warned|stated|argued|claimed|admitted|joked|quipped|calling|called|according|"
    r"believes?|thinks?|argues?|insists?|claims?|suggests?"
)
#: Where a straight mark spaced on both sides opens a quotation: at the start, or after a
#: speaker's cue ("said ,", ":"); see ``strip_quotes``.
_SPEAKER_CUE = re.compile(rf"(?:^\s*|\b(?:{SAYING})\s?[,:]?\s|:\s)$", re.I)
#: A verb of saying anywhere in a text (``SAYING``).
SAYING_WORD = re.compile(rf"\b(?:{SAYING})\b", re.I)
#: Verbs that make a line someone's statement besides the saying ones ("the company has confirmed that").
_DISCLOSING = re.compile(r"\b(?:saying|confirm(?:s|ed)?|den(?:y|ies|ied)|reveal(?:s|ed)|disclos(?:es|ed)|acknowledg(?:es|ed)|reports?|reporting)\b", re.I)
#: A verb in the past tense (roughly: "was", "had", a regular "-ed" form) and a figure.
_PAST_TENSE = re.compile(r"\b(?:was|were|had|did)\b|\b[a-z]{3,}ed\b")
_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|dozens?|hundreds?|thousands?|millions?)\b", re.I)
#: What is to happen: a plan or a forecast.
_PLAN = re.compile(r"\bwill\b|\b(?:is|are) (?:set|due|expected|scheduled|planning) to\b|\bplans? to\b")
#: A moment the news is set at: a weekday, "today", "last night", "this week", a month and day.
_NEWS_MOMENT = re.compile(
    rf"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|yesterday|last night|this (?:week|morning|afternoon|evening)"
    rf"|earlier this (?:week|month)|{MONTH} \d{{1,2}}\b)",
    re.I,
)
_OPENING_ANY = "\"“‘'"


#: A wire photo's caption: "In this Sept. 30, 2016, file photo, …", "This photo released by …".
_WIRE_CAPTION_OPENING = (
    r"(?:file\s*[-–—:]\s*)?in this (?:(?:\w+day,?\s+)?[\w.]+ \d{1,2}, \d{4},? )?(?:(?:file|undated|handout|aerial) )?"
    r"(?:photo|image|picture|frame grab|video grab)\b"
    r"|this (?:photo|image|picture|handout photo) (?:released|provided|taken|made available|obtained) by\b"
)
#: A line that opens like this is a caption, a credit or a call to action, not reporting.
_FURNITURE_START = re.compile(
    r"^\s*[●•▪■◆►]|"  # a listing's bullet: an events calendar, a "what to watch" box
    r"^\W*\d{1,2}\s*[—–]\s|"  # a calendar's entry cut from its month: "20 — "How Massive Can Stars Be?" is a talk …"
    # a credit line ("Credit: …", "Credit Doug Mills/The New York Times"), not a lead on credit
    # ("Credit agency giant Equifax said …", "CREDIT monitoring company …": readers found them dropped)
    r"^\W*credits?\s*[:|]|^\W*credit\s+(?-i:[A-Z][\w.'’-]*)(?:\s+(?-i:[A-Z][\w.'’-]*)){0,3}\s*(?:/|\||$)|"
    r"^\W*(?:(?:photo|image|video|caption|advertisement|related|read more|watch|listen|click|posted by|pictured|"
    r"file photo|\d+/\d+)\b|(?:photos|images|pictures|videos|gallery)\s*:|(?:hide|show|expand) caption\b|"
    r"(?:(?:facebook|twitter|pinterest|whatsapp|linkedin|reddit|email|messenger)\s+){2,}|"
    # an explainer box's toggle, a picture's courtesy line, a gallery's dated caption
    r"(?:show\s+hide|hide\s+show)\b|\(?courtesy of\b|"
    # a wire photo's caption: "In this Sept. 30, 2016, file photo, …", "In this image released by …"
    rf"(?:{_WIRE_CAPTION_OPENING})|"
    # the desk's credits, a columnist's biography
    r"\(?(?:additional )?(?:reporting|editing|writing) by\b|"
    r"[A-Z][\w.'’ -]{2,40} is an? (?:[\w-]+ ){0,4}(?:columnist|contributor|commentator) (?:for|at|with)\b|"
    rf"{MONTH}\s+\d{{1,2}},\s+\d{{4}}\s+(?-i:[A-Z]))|"
    # a live blog's entry stamp: "Lap 20 Kimi Raikkonen has …", "3.54pm - UPDATE - …"
    r"(?-i:Lap \d{1,2} (?=[A-Z]))|\d{1,2}[.:]\d{2}\s?[ap]\.?m\.?\s*[-–—:|]",
    re.I,
)
#: Credits, photo agencies and syndication notices anywhere in a line; a related link in brackets.
_FURNITURE_ANYWHERE = re.compile(
    r"\b(?:contributed(?: reporting)? to this (?:report|story|article)|getty images|ap photo|swns|reuters/|afp/|"
    r"may not be published|rewritten or redistributed|all rights reserved|transcripts? (?:are|is) created|"
    # the rest of a broadcaster's transcript notice: "… produced using a proprietary transcription
    # process …", "The authoritative record of NPR's programming is the audio record."
    r"may not be in its final form|transcription process|authoritative record of)\b|^\s*\[.*\]\s*$|"
    # a picture's credit: "© REUTERS/ Stringer", "AFP / Getty"
    r"©|\b(?:reuters|afp|epa|getty)\s*/\s*(?-i:[A-Z])|"
    # the reporter's own errand, not the story: "X did not immediately respond to a request for comment"
    r"\b(?:(?:respond|reply|replied|responded)(?:ed)? to (?:a |our |multiple |repeated )?requests? for comment|"
    r"(?:has |have |had )?reached out to\b|(?:is|are|was|were) (?:seeking|awaiting) comment|"
    r"could not be reached for comment|unable to independently verify|requests? for comment|"
    r"(?:has|have|had|was|were) (?:been )?(?:contacted|approached)\b.{0,60}?\bfor (?:a |further )?comments?|"
    r"did not (?:immediately )?(?:respond|reply) to (?:phone|e-?mail|messages)|did not (?:immediately )?return (?:phone |e-?mail )?(?:calls|messages))|"
    # a map's or a diagram's labels run into a line: "fled in this direction GILES ST. NORTH Many"
    r"(?-i:(?<=[a-z,] )(?:[A-Z]{2,}[.’']?\s+){2,}[A-Z]{2,}\b)|"
    # ... or five words in capitals anywhere: a map, a box's heading, a "MOST READ" rail (all 19
    # such lines of the real stories' 383 articles; a dateline or a shouted opener is shorter)
    r"(?-i:\b(?:[A-Z]{2,}[.’']?\s+){4,}[A-Z]{2,}\b)|"
    r"(?-i:\b[A-Z][\w'’-]+ \(\d{1,3}\) [a-z]+s\b)",  # a sports photo's caption: "Hopkins (10) reaches for the ball"
    re.I,
)


#: A wire photo's caption as the agencies write it: in the present tense, with the day, the
#: date and the year ("Erie residents dig out on Tuesday, Dec. 26, 2017, after …"; AP style
#: for captions). Reporting that gives such a date tells it in the past ("said Friday, Dec.
#: 29, 2017, that …"). Of the 20 such lines in the real stories' 383 articles, 14 are captions;
#: this catches the 4 no other rule did, and none of the 6 reporting lines.
_DAY_DATE_YEAR = re.compile(rf"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+(?i:{MONTH})\s+\d{{1,2}},\s+\d{{4}}\b")
_TOLD_IN_THE_PAST = re.compile(rf"{PAST_VERB.pattern}|\b(?:put|set|hit)\b")


#: ... or with the date and year at its end, and no verb but the present ("The rocket takes off
#: from Wenchang, China July 2, 2017.", "… speaks to her lawyer at Ofer Prison, January 1, 2018."):
#: reporting that ends on such a date tells it in the past or ahead, and a schedule says "on" it.
_DATE_YEAR_AT_END = re.compile(
    rf"(?<!\bon )(?<!\bby )(?<!\buntil )(?<!\bfrom )(?<!\bbefore )(?<!\bafter )(?<!\bthrough )(?<!\bsince )"  # "take effect on March 3, 2018": a schedule
    rf"\b(?i:{MONTH})\s+\d{{1,2}},\s+\d{{4}}\b(?=[^.!?]{{0,40}}[.!?]?[\"”’)]*\s*$)"
)
_NOT_THE_PRESENT_ALONE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|could|can|may|might|should|must)\b|n['’]t\b", re.I)


#: A photo's description: what it shows "is seen", "are pictured" in its main clause, before
#: any comma ("The trail of a flying object … is seen from the Chinese border city of Dandong on
#: Feb. 7", a reader found as an outlet's lead; "Cubs fans are seen celebrating …"). Not "is seen
#: as" (a view), "seen to", "seen by"; a clause after a comma ("in the scene where Madsen is
#: seen …") is a story's. Of the 30 such lines in the real stories' 383 articles, 28 are captions.
_SHOWN_IN_A_PHOTO = re.compile(r"^[^,;:\"“]*?\b(?:is|are) (?:seen|pictured|shown|photographed)\b(?! (?:as|to|by)\b)")


def _dated_like_a_caption(sentence: str) -> bool:
    told = strip_quotes(sentence)
    if _TOLD_IN_THE_PAST.search(told):
        return False
    return bool(_DAY_DATE_YEAR.search(sentence)) or bool(_DATE_YEAR_AT_END.search(sentence)) and not _NOT_THE_PRESENT_ALONE.search(told)


#: The page's notices rather than its story: a copyright line, a broadcaster's transcript
#: disclaimer, the desk's credits. Whatever they name (the agency, the year, the editors, the
#: transcription firm) is not the story's: readers found "Associated Press (ORG)", "2017
#: (DATE)", "Verb8tm, Inc (ORG)" and Reuters' editors listed among a story's people and things.
_NOTICE = re.compile(
    r"\bcopyright\s*(?:©|\(c\))?\s*(?:19|20)\d\d\b|\bcopyright\s*©|\ball rights reserved\b|"
    r"\bmay not be (?:published|reproduced)\b|\brewritten,? or redistributed\b|"
    r"\btranscripts? (?:are|is) created\b|\btranscription process\b|\bauthoritative record of\b|\bmay not be in its final form\b|"
    r"^\W*(?:additional )?(?:reporting|editing|writing) by\b|[;.]\s*(?:editing|writing) by\b|\bcontributed(?: reporting)? to this (?:report|story|article)\b",
    re.I,
)
#: Picture and news agencies as credits name them (after or before a slash: "REUTERS/Ammar Awad",
#: "Dado Ruvic/Reuters"); the one list the credits' rules here and in the entity list read.
PICTURE_AGENCY = (r"(?:REUTERS|Reuters|AP(?: Photo)?|AFP|Getty(?: Images)?|Bloomberg|EPA(?:-EFE)?|Shutterstock|PA|Alamy|NurPhoto|"
                  r"Xinhua|SIPA|Sipa|REX|Rex|ZUMA(?: Press)?|Zuma|dpa|DPA|TASS|Yonhap|Kyodo|Anadolu|Landov|Sputnik|Pool|NASA)")
_CAPITALISED_WORDS = r"(?!The\b)[A-Z][a-z][\w.'’-]*(?:[ -](?!The\b)[A-Z][a-z][\w.'’-]*){0,2}"  # a name, not "NORC" of "AP/NORC"
#: A picture's or a dispatch's credit inside a line: "REUTERS/Ammar Awad", "(AP Photo/Thibault Camus, File)",
#: "Christian Smith/AP/PA", "©Halldor Kolbeins (AFP)". The caption beside it may name the
#: story's people; the photographer is not one of them.
_PICTURE_CREDIT = re.compile(
    rf"\b{PICTURE_AGENCY}\s*/\s*{_CAPITALISED_WORDS}|{_CAPITALISED_WORDS}\s*/\s*{PICTURE_AGENCY}\b|©\s*{_CAPITALISED_WORDS}"
    # ... and the agency after a dateline: "DUISBURG, Germany (AP) —"
    r"|\((?:AP|Reuters|AFP|UPI|dpa|Xinhua|AAP|CNN)\)(?=\s*[—–-])"
    # ... and the wire that passed a local paper's picture on: "(Greg Wohlford/Erie Times-News via AP)"
    r"|\bvia (?:AP|Reuters|AFP|EPA|Getty Images|Shutterstock)(?=\))"
)


def is_notice(sentence: str) -> bool:
    """A copyright line, a transcript's disclaimer or the desk's credits (``_NOTICE``)."""
    return bool(_NOTICE.search(sentence))


def picture_credits(sentence: str) -> list[tuple[int, int]]:
    """Character spans of the picture credits in ``sentence`` (``_PICTURE_CREDIT``)."""
    return [m.span() for m in _PICTURE_CREDIT.finditer(sentence)]


@lru_cache(maxsize=8192)  # the summary, the facts, the divergences and the framing each ask for every sentence
def is_furniture(sentence: str) -> bool:
    """Page furniture, not reporting: a caption, a credit, a syndication notice, a related
    link, or the site's own prompt (``is_site_prompt``). The one rule the summary, the
    divergences and the framing use."""
    return (bool(_FURNITURE_START.match(sentence) or _FURNITURE_ANYWHERE.search(sentence)) or is_site_prompt(sentence)
            or declares_commentary(sentence) or _dated_like_a_caption(sentence) or bool(_SHOWN_IN_A_PHOTO.match(sentence)))


#: Words of a slideshow's title that open each of its captions ("Photos: Mass shooting at Las
#: Vegas …", "Port of Duisburg turns 300 …"), and how many different captions make a gallery.
GALLERY_OPENER_WORDS = 5
GALLERY_MIN_CAPTIONS = 3
#: A slideshow's counter opening each caption, "1/30 Earth from the ISS …", "14/30 Mars Rover
#: Spirit …": each opens differently, so only the counter's total tells they are one gallery
#: (a reader found Jupiter, Mars and a 1984 shuttle flight of a space gallery in the list of a
#: falling space station).
_SLIDE_COUNTER = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})\s+\S")


#: A wire photo's caption opening a paragraph: the rest of the paragraph is the caption's too.
_WIRE_CAPTION = re.compile(rf"^\W*(?:{_WIRE_CAPTION_OPENING})", re.I)


def gallery_captions(sentences: Sequence["Sentence"]) -> list[bool]:
    """Sentences that open, word for word, like at least two other different sentences of their
    article: a gallery's title run into each caption, or one caption credit after another
    ("Image copyright PA Image caption …"), with the rest of each such sentence's paragraph.
    Reporting rarely opens three sentences alike; on the 64 real stories this finds 16 runs, 14
    of them galleries or caption credits (the other two: a quote the article repeats, a "It was
    a victory for …" series)."""
    def opener(text: str) -> str | None:
        words = text.split()
        return " ".join(words[:GALLERY_OPENER_WORDS]) if len(words) >= 8 else None

    distinct: dict[tuple[str, str], set[str]] = {}
    for s in sentences:
        key = opener(s.text)
        if key:
            distinct.setdefault((s.article_id, key), set()).add(s.text)
    counters = [_slide_counter(s.text) for s in sentences]
    slides = Counter((s.article_id, c) for s, c in zip(sentences, counters) if c)
    opens = [
        (key := opener(s.text)) is not None and len(distinct[(s.article_id, key)]) >= GALLERY_MIN_CAPTIONS
        or c is not None and slides[(s.article_id, c)] >= GALLERY_MIN_CAPTIONS
        for s, c in zip(sentences, counters)
    ]
    # A caption runs on after its first sentence ("Photos: Shocking celebrity splits Gina Torres
    # announced … The couple, who were married in 2002, …"): a paragraph it opens is the caption.
    captioned = _in_paragraphs_opened_by(sentences, lambda k: opens[k])
    between = _between_counted_captions(sentences, [c if o else None for o, c in zip(opens, counters)])
    return [o or c or b for o, c, b in zip(opens, captioned, between)]


def _between_counted_captions(sentences: Sequence["Sentence"], counters: Sequence[int | None]) -> list[bool]:
    """Sentences of a paragraph between its first and its last counted caption of one gallery:
    a caption's second sentence ("… The image was taken by Nasa's HiRISE camera"), where the page
    runs a whole gallery into one paragraph (its captions end with no full stop)."""
    spans: dict[tuple[str, int, int], list[int]] = {}
    for k, (s, c) in enumerate(zip(sentences, counters)):
        if c is not None:
            spans.setdefault((s.article_id, s.paragraph, c), []).append(k)
    out = [False] * len(sentences)
    for ks in spans.values():
        for k in range(ks[0], ks[-1] + 1):
            out[k] = True
    return out


def _slide_counter(text: str) -> int | None:
    """The total of a slide counter opening the sentence ("3/30 …" -> 30), if it is one."""
    m = _SLIDE_COUNTER.match(text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)) or int(m.group(2)) < GALLERY_MIN_CAPTIONS:
        return None
    return int(m.group(2))


def in_wire_caption(sentences: Sequence["Sentence"]) -> list[bool]:
    """Sentences of a paragraph a wire photo's caption opens ("FILE - In this Dec. 20, 2015,
    file photo, … Palmer is retiring after 15 NFL seasons."): the caption, then the story retold
    for the picture desk. Not the outlet's lead (a reader met one as "Leads with"); its retold
    lines are still the story's facts, so the summary keeps them (leaving them out cost 0.14
    R-1 on Multi-News validation 0-999), though the timeline does not date events by them (readers
    found them as second entries of a day). 14 such paragraphs in the real stories."""
    return _in_paragraphs_opened_by(sentences, lambda k: bool(_WIRE_CAPTION.match(sentences[k].text)))


#: A picture's credit that closes its caption: "… six hours. Photograph: Graeme Robertson for the
#: Guardian", "… from Kennedy Space Center. (Photo: SpaceX via Florida Today)".
_CREDIT_CLOSING = re.compile(r"(?:^|[.!?”\"]\s+)\(?(?:Photograph|Photo|Picture|Image|Illustration)s?\s*:\s*[^\s()][^()]{0,80}\)?\s*$")


def in_credited_caption(sentences: Sequence["Sentence"]) -> list[bool]:
    """Sentences of a paragraph a picture's credit closes: the caption the credit signs, not the
    outlet's lead (a reader met one as "Leads with", a photo's caption over the Guardian's story)."""
    last: dict[tuple[str, int], int] = {}
    for k, s in enumerate(sentences):
        last[(s.article_id, s.paragraph)] = k
    closed = {key for key, k in last.items() if _CREDIT_CLOSING.search(sentences[k].text)}
    return [(s.article_id, s.paragraph) in closed for s in sentences]


def _in_paragraphs_opened_by(sentences: Sequence["Sentence"], opens: Callable[[int], bool]) -> list[bool]:
    """Per sentence: does its paragraph's first sentence (by index) satisfy ``opens``?"""
    first: dict[tuple[str, int], int] = {}
    for k, s in enumerate(sentences):
        first.setdefault((s.article_id, s.paragraph), k)
    opened = {key for key, k in first.items() if opens(k)}
    return [(s.article_id, s.paragraph) in opened for s in sentences]


def running_quotes(sentences: Sequence["Sentence"]) -> list[bool]:
    """``quoted_speech`` of each sentence, read paragraph by paragraph (a quotation never runs
    over a paragraph break): sentences in order, as an article or a cluster lists them."""
    out: list[bool] = []
    start = 0
    while start < len(sentences):
        end = start
        key = (sentences[start].article_id, sentences[start].paragraph)
        while end < len(sentences) and (sentences[end].article_id, sentences[end].paragraph) == key:
            end += 1
        out.extend(quoted_speech([s.text for s in sentences[start:end]]))
        start = end
    return out


#: Whom a line says it has its news from: "…, CBS Boston reports", "the Daily Mail reported"
#: (not "according to X": X is more often the source than the outlet, and others name it otherwise).
_REPORTER = re.compile(r"\b((?:[A-Z][\w.&'’-]*\s+){0,3}[A-Z][\w.&'’-]*)\s+(?:reports|reported|has reported)\b")


def named_reporters(text: str) -> list[str]:
    """The outlets (or reports) a line names as its source: an article that does not name them
    does not say what the line says, even where it tells the same news."""
    names = (re.sub(r"^(?:The|A|An)\s+", "", m.group(1)) for m in _REPORTER.finditer(text))
    return [n for n in names if n and n not in ("The", "It", "He", "She", "They", "This")]


def is_transcript_line(sentence: str) -> bool:
    """"MONTAGNE: And possibly ...": a line of a broadcast transcript, a quote's lead-in, or a
    label's ("Other dates: Jan. 12, 19 and 26.")."""
    return bool(_SPEAKER_PREFIX.match(sentence))


#: A site speaking about the page itself rather than any news: it is missing, forbidden, needs
#: JavaScript or a newer browser, asks for consent to cookies, or is behind a paywall. A page
#: made of these (a dead link, a cookie wall, a paywall stub) is no article.
_PAGE_MESSAGE = re.compile(
    r"\b(?:(?:the )?page (?:you(?:'re| are)? (?:were )?(?:looking for|requested|trying to (?:reach|access))|(?:was |is )?not found|"
    r"(?:can ?not|could not|couldn't|can't) be found|(?:does not|doesn't|no longer) exists?|(?:has|may have) been (?:moved|removed|deleted))|"
    r"error 404|404 (?:error|not found)|check the (?:url|address|spelling)|return to the home ?page|go (?:back )?to (?:the|our) home ?page|"
    r"(?:enable|turn on|activate) javascript|javascript (?:is )?(?:disabled|required)|your browser (?:is|does not|doesn't)|"
    r"(?:update|upgrade) your browser|(?:modern|supported|different) browser|ad ?blockers?|"
    r"(?:use|uses|using) cookies|cookies? (?:policy|settings|preferences)|(?:accept|reject|manage) (?:all )?(?:cookies|preferences)|"
    r"you consent to|your consent|privacy (?:settings|preferences|choices)|"
    r"limit of (?:free )?(?:articles|stories)|free (?:articles|stories) (?:this|per|a) month|(?:continue|keep) reading|"
    r"unlimited (?:digital )?access|already a subscriber|subscribe (?:to (?:continue|read)|for)|"
    r"(?:sign up for|get|buy|purchase) (?:digital|full|unlimited) access|subscription service|"
    r"(?:not in|outside) (?:our|the) (?:deliverable|delivery|service) area|"
    r"access (?:denied|forbidden)|(?:don't|do not) have permission to access|are you a robot|verify (?:that )?you are (?:a )?human|"
    r"(?:service|site) (?:is )?(?:temporarily )?unavailable)\b",
    re.I,
)


def is_page_message(sentence: str) -> bool:
    """The site's message about the page, not news: not found, no access, JavaScript or a
    newer browser needed, cookie consent, a paywall's limit."""
    return bool(_PAGE_MESSAGE.search(sentence))


#: An article's own word that it is commentary: an opinion page's disclaimer ("The opinions
#: expressed in this commentary are hers.", "The views expressed are the author's own.").
_DECLARES_COMMENTARY = re.compile(
    r"\b(?:opinions?|views?)(?: and opinions)? expressed (?:in this (?:commentary|column|article|piece|op-ed)|here(?:in)?)\b"
    r"|\b(?:opinions?|views?) expressed (?:are|is) (?:solely |entirely )?(?:hers|his|theirs|mine|(?:those )?of the (?:author|writer)s?|the (?:author|writer)['’]s(?: own)?|their own)"
    r"|\bthis (?:is an? )?(?:opinion (?:piece|column)|op-ed)\b",
    re.I,
)


def declares_commentary(sentence: str) -> bool:
    """The sentence is the page saying its article is commentary (an opinion disclaimer)."""
    return bool(_DECLARES_COMMENTARY.search(sentence))


#: Where a site files commentary: an opinion section ("/opinion/", "/opinions/", the Guardian's
#: "/commentisfree/", "/editorials/", "/columnists/") or a review of an arts section, whose
#: address ends so ("/culture/…-halftime-show-review", "…-reviewed"; "/news/…-under-review" is
#: news). Readers found a critic's "clunky Americana rebrand" in the brief's own voice.
_FILED_AS_COMMENTARY = re.compile(
    r"^[a-z]+://[^/]+(?:/[^?#]*)?/(?:opinions?|commentisfree|editorials?|columnists?|op-?eds?)/"
    r"|^[a-z]+://[^/]+/(?:[^?#]*/)?(?:culture|arts?|film|movies?|music|tv|television|books|games|gaming|stage|theat(?:re|er)|"
    r"entertainment|restaurants|food|reviews?)/[^?#]*[-/]review(?:ed)?(?:\.html?)?/?(?:[?#]|$)",
    re.I,
)


def filed_as_commentary(url: str) -> bool:
    """The article's address files it as commentary: an opinion section's page or a review."""
    return bool(url) and bool(_FILED_AS_COMMENTARY.search(url.strip()))


def is_site_prompt(sentence: str) -> bool:
    """A site's own prompt or furniture: subscribe, sign up, cookies, an author's bio line."""
    return bool(_SITE_PROMPT.search(sentence))


#: A sign-up box flattened into one line: "Sign Up for the … Newsletter … Please verify you're
#: not a robot … Invalid email address. Please re-enter. You must select a newsletter …".
SITE_BOX_PROMPTS = 3
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def is_site_box(line: str) -> bool:
    """A line of the site's prompts: three or more of them in two sentences or more, and
    nothing else but scraps of eight words or fewer ("Invalid email address.", which read a person "Invalid" into the
    brief's entities). A paragraph that reports on a privacy policy has sentences of its own."""
    if len({p.lower() for p in _SITE_PROMPT.findall(line)}) < SITE_BOX_PROMPTS:
        return False
    sentences = _SENTENCE_END.split(line.strip())
    prompts = [is_site_prompt(s) for s in sentences]
    return sum(prompts) >= 2 and all(p or len(s.split()) <= 8 for s, p in zip(sentences, prompts))


#: A run of this many words said this many times in one line is a widget's label, not prose.
CAROUSEL_RUN = 6
CAROUSEL_REPEATS = 4
_RUN_WORD = re.compile(r"\w+")


def is_flattened_carousel(line: str) -> bool:
    """A video playlist or slideshow flattened into one line: each item repeats the widget's
    labels ("Skip in Skip x Embed x Share CLOSE WHAT YOU NEED TO KNOW …, 1 of 41 Skip in …").
    Prose does not say the same six words four times in a paragraph (anaphora, "It was a victory
    for …", and a name said thrice stay under it); a reader found such a
    playlist's clips (another story's) listed as one outlet's news."""
    words = _RUN_WORD.findall(line.lower())
    counts: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - CAROUSEL_RUN + 1):
        run = tuple(words[i : i + CAROUSEL_RUN])
        counts[run] = counts.get(run, 0) + 1
        if counts[run] >= CAROUSEL_REPEATS:
            return True
    return False


#: A rail of the site's other stories: its heading alone ("More from The New York Times:",
#: "Trending Right Now:") or run into its teasers as one line ("MOST READ IN NEWS SIN CITY How
#: …", "Related stories OH NO, MO …"). Of the real stories' 383 articles, 12 lines open so,
#: 10 of them kept as body (a reader found a rail's celebrities in one story's "Who and what").
_RAIL_HEADING = re.compile(
    r"^\W*(?:most (?:read|popular|viewed|shared|watched|commented)|trending(?: right)?(?: now)?|top stories|"
    r"recommended(?: for you)?|more from|more stories|related (?:stories|articles|coverage)|you may also like|"
    r"editor['’]?s picks)\b",
    re.IGNORECASE,
)
#: Words a rail heading stands alone in; a rail run into its teasers has at least RAIL_MIN_WORDS.
RAIL_HEADING_WORDS = 6
RAIL_MIN_WORDS = 20


def is_site_rail(line: str) -> bool:
    """A rail of the site's other stories (``_RAIL_HEADING``), flattened into one line; a
    sentence of middling length that opens so ("More from the survey suggests …") is prose."""
    if not _RAIL_HEADING.match(line):
        return False
    n = len(line.split())
    return n <= RAIL_HEADING_WORDS or n >= RAIL_MIN_WORDS


#: Sentences a quotation may run on, unclosed, before its opening mark is taken for a stray.
#: In one real page whose paragraph breaks were lost, a single stray mark put 66 of its 112
#: sentences (its writer's "despot", "dictator") in someone else's mouth.
MAX_OPEN_SENTENCES = 6


def quoted_speech(texts: Sequence[str]) -> list[bool]:
    """Per sentence of one paragraph or article, in order: is it someone's quoted words?
    True when it opens with a quotation mark or a quotation opened in an earlier sentence is
    still open (a speaker's several sentences in one quote: "... I was in bed. I heard a
    crash." puts the second sentence in the speaker's mouth too)."""
    out: list[bool] = []
    open_, opened_at = False, 0
    for i, text in enumerate(texts):
        out.append(open_ or _opens_quoted(text))
        for ch in text:
            was_open = open_
            if ch == "“":
                open_ = True
            elif ch == "”":
                open_ = False
            elif ch == '"':
                open_ = not open_
            if open_ and not was_open:
                opened_at = i  # the quotation still open was opened here
        if open_ and i - opened_at >= MAX_OPEN_SENTENCES:
            # a mark left open this long is a stray (a page whose paragraphs were lost, a
            # typo): the narrator's sentences after it are theirs again
            out[opened_at + 1 :] = [_opens_quoted(t) for t in texts[opened_at + 1 : i + 1]]
            open_ = False
    return out


def _opens_quoted(text: str) -> bool:
    return text.lstrip(" —–-•")[:1] in _OPENING_ANY


def tells_a_report(sentence: str) -> bool:
    """The line reports news: it says who said it ("…, police said", "according to"), quotes
    someone, sets what it tells at a moment ("on Tuesday", "last night", "Jan. 3"), tells
    a past event with its figures ("were evacuated for two hours"), or what is to happen
    ("Fares will be waived", "is set to launch"). A line with none of these
    explains, describes or recalls: a place's renown, how a rocket works, a photo's scene, a
    team's roster. On the 64 labelled stories' one-outlet items, such lines were judged ok
    0.66 (dev) / 0.59 (held-out), the rest 0.40 / 0.28 ("trivial": background, captions,
    another story's lines).
    """
    return bool(
        _REPORTING.search(sentence) or SAYING_WORD.search(sentence) or _DISCLOSING.search(sentence)
        or _QUOTED.search(sentence) or _NEWS_MOMENT.search(sentence)
        or (_PAST_TENSE.search(sentence) and _FIGURE.search(sentence)) or _PLAN.search(sentence)
    )


def is_commentary(sentence: str, *, quoted: bool = False) -> bool:
    """The writer's own evaluative voice, as a demanding reader would call it commentary:
    no quotation in it (someone else's words), no attribution (reporting what someone
    thinks), not a site prompt, a transcript line or a question (subheadings and interviews
    ask too), and an unmistakable cue: the writer's "I", a verdict word or an argument's
    marker, with the cue score at the cutoff."""
    text = sentence.strip()
    if quoted or any(m in text for m in "\"“”") or text[:1] in _OPENING_ANY:
        return False
    if text.endswith("?") or _SPEAKER_PREFIX.match(text) or is_furniture(text):
        return False
    if _REPORTING.search(text) or SAYING_WORD.search(text) or text[:1].islower():
        return False  # attributed, or a lower-case start: a tweet or a quote whose marks were lost
    # The writer's "I" is a columnist's only where a verdict comes with it: in news copy it
    # is mostly a speaker whose quotation marks the page lost ("I'm still in shock").
    strong = [
        m for m in (*VERDICT.finditer(text), *_MARKERS.finditer(text))
        if not _in_a_name(text, *m.span()) and (m.group(0).strip().lower() not in _WEAK_MARKERS or _argument_opener(text, m))
    ]
    return bool(strong) and opinion_score(text) >= OPINION_CUTOFF


#: A verdict told as a predicate: a copula or a verb of seeming with an evaluative adjective ("The
#: performance was decent", "sounded good and danced even better", "seemed like a very bad idea",
#: "the run-up was bumpy", "might be its most brilliant"). A review's sentence, not a report: readers marked such summary lines
#: "loaded" (a critic's verdict in the brief's voice). Descriptive words ("flat", "strange") stay out,
#: and so do the verdict words loaded terms catch wherever they stand (``loaded.VERDICT_WORDS``).
_VERDICT_ADJECTIVES = (
    r"decent|terrible|awful|brilliant|mediocre|impressive|disappointing|underwhelming|stunning|excellent|"
    r"poor|bland|boring|dull|clunky|superb|lacklustre|lackluster|forgettable|memorable|bumpy|dazzling|triumphant|messy|"
    r"wonderful|fantastic|amazing|incredible|horrible|dreadful|lovely|silly|stupid|dumb|embarrassing|"
    r"perfect|flawless|shocking"
)
_VERDICT_PREDICATE = re.compile(
    rf"\b(?:was|is|were|are|seemed|seems|looked|looks|sounded|sounds|felt|feels|proved|proves|(?:might|may|could|must) be)\s+"
    rf"(?:(?:\w+ly|a|an|very|so|too|pretty|rather|quite|like|most|its|their|the)\s+)*(?:{_VERDICT_ADJECTIVES})\b"
    # "good", "great", "bad" after a copula are as often plain ("sales were good"); after a verb of
    # performing or seeming, a critic's
    r"|\b(?:sounded|looked|seemed|danced|sang|played|performed)\s+(?:even\s+)?(?:better|worse|good|great|bad|badly)\b",
    re.I,
)


def gives_a_verdict(sentence: str) -> bool:
    """The writer's own verdict told as a predicate (``_VERDICT_PREDICATE``), outside quotations
    and not attributed ("it was incredible, Horner said" is Horner's)."""
    outside = strip_quotes(sentence)
    return bool(_VERDICT_PREDICATE.search(outside)) and not (_REPORTING.search(outside) or SAYING_WORD.search(outside))


#: Markers that rank a sentence lower for the summary but are ordinary in news copy: readers
#: of the labelled dev stories judged these lines plain reporting ("Unfortunately, nobody knows
#: where it will land", "so-called initial coin offerings", "No, it's a bird on a plane").
_WEAK_MARKERS = {"as if", "so-called", "each and every", "unfortunately", "of course", "obviously", "well,", "no,", "yes,", "sadly", "thankfully"}


def _argument_opener(text: str, m: re.Match) -> bool:
    """"Of course, ..." opening a sentence: the writer conceding a point, unlike "then of course"."""
    return m.group(0).strip().lower() == "of course" and not re.search(r"\w", text[: m.start()]) and text[m.end() : m.end() + 1] == ","


def _in_a_name(text: str, start: int, end: int) -> bool:
    """A cue that is part of a capitalised name ("Common Sense Media"): a capital past the
    sentence's first word, or a cue of two capitalised words."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text[start:end])
    first_word = not re.search(r"[A-Za-z]", text[:start])
    capitals = [w for w in words if w[:1].isupper()]
    return len(capitals) >= 2 or (bool(capitals) and not first_word)
