"""Can a line be taken out of its article? The rules every stage asks before it shows a
sentence alone: a summary line, an agreed fact, a one-outlet item, a left-out fact.

A line fails when it leans on the one before it ("He said", "In the end, that was all",
"Moments later"), gives words without their speaker, opens in the middle of a passage or
under a heading run into it, has no subject (a post's "Will have double thrust …"), or says
it turns to another matter ("In a separate case, …").
"""

from __future__ import annotations

import re
from typing import Collection, Iterable

from .cues import strip_quotes
from .names import HONORIFICS, TRADES

__all__ = ["leans_on_previous", "needs_its_context", "tells_a_passing_state", "headline_awaits_an_outcome", "announces_without_content", "names_no_speaker", "titled_speaker_end", "is_cut_from_its_passage", "is_unattributed_quote", "turns_to_another_matter", "names_are_cased", "names_anyone", "speaker_it_goes_on_quoting", "names_a_person_by_trade_only", "names_a_thing_by_its_kind_only"]

#: Double marks only: a single one opens a quoted word ('Sanctuary' is...) as often as a quotation.
_OPENING_MARKS = "\"“"

#: A line that opens like this leans on the one before it ("And now...", "But the mayor
#: ...", "It is a recommendation", "This spectacle occurs...", "Then, she..."), which a list
#: of lines out of their article does not carry.
_LEANS_ON_PREVIOUS = re.compile(
    r"^[\"“'‘ ]*(?:And|But|Or|So(?! far)|Yet|Plus|Also|Still|However|He|She|It|They|His|Her|Its|Their|Then|Now,|THIS|THESE|Which(?![^?]*\?)|"
    r"(?:This|These|Those|That|Such)(?!\s+(?:year|week|month|morning|afternoon|evening|weekend)\b))\b"
)
#: A subject that points at someone or something the article named before: "The man",
#: "the arrested men", "The move", "The 37-year-old Finnish driver".
_DANGLING_SUBJECT = re.compile(
    r"^\W*(?:The|This|That|These|Those)\s+(?:\w+\s+)?(?:man|woman|men|women|boy|girl|suspects?|victims?|pair|couple|"
    r"move|decision|incident|attack|comments?|remarks?|statement|announcement|report|news|latter|former)\b"
    r"|^\W*The\s+\d+-year-old\b"
)
#: A speaker who "added" or "also said" something, or a line turned "however" against the one
#: before: the rest of what they said, or what is being contrasted, is in the article only.
#: On the labelled dev stories, 7 summary lines matched: 5 judged dangling or redundant.
_SPEAKER_GOES_ON = r"\b(?:added|continued)(?=\s+that\b|\s*[,.;:]|\s*$)|\b(?:went on to say|also (?:said|says|told|noted|wrote|called|confirmed))\b"
_CONTINUES = re.compile(
    rf"{_SPEAKER_GOES_ON}"
    r"|, (?:for instance|for example),"  # an example of something the line before said
)
_TURNS = re.compile(r"^[^,]{1,100}, (?:however|meanwhile|though|instead|in turn),", re.I)
#: An opener that places the line after, instead of or beside something told before it
#: ("Instead, two months later", "Previously,", "In doing so,", "Two days ago,"), and an
#: "also" outside quotes that adds to an item the line does not give ("The update will also
#: improve"). On the 64 labelled stories' summary lines: the openers 5 lines, all dangling;
#: "also" 9 lines, 2 judged ok (a development count: these lines suggested the rule).
_POINTS_BACK_OPENER = re.compile(
    r"^[\"“ ]*(?:Now,|Soon(?=\s)|At times,\s+it\b|"  # "Now," and "Soon" go on from a moment told before
    r"Instead|Previously|Already|Again|Meanwhile|Likewise|Similarly|Moreover|Furthermore|Additionally|"
    r"(?:As a result|As a consequence|Consequently|Therefore|Thus|Hence|In response|In return)(?=,)|"  # of what a line before told
    r"In addition|In doing so|By then|At that point|Otherwise|Nevertheless|Nonetheless|Even so|"
    r"Since then|Until then|Up to then|After that|Before that|"  # "Since then it has been undertaking experiments": since what
    # an answer to a question the line does not give ("Not really. Until this point, …")
    r"(?:Not really|Not at all|Not yet|Absolutely|Definitely|Exactly|Of course)(?=[.!,])|"
    r"(?:(?:A|An|One|Two|Three|Several|Few|Some|\d+)\s+)?(?i:days?|weeks?|months?|years?|hours?|minutes?|moments?|seconds?) (?:later|earlier|ago)|"
    # "Another advantage of …", "The other reason …": one more of something a line before gave;
    # "Once this link is established", "With that money": the thing is in a line before
    r"(?:Another|The other|One other)\s+(?:advantage|benefit|reason|problem|concern|issue|factor|option|example|challenge|risk|"
    r"question|point|change|feature)s?|"
    # "Another 24.5 inches fell by Tuesday": more of an amount a line before gave
    r"(?:Another|An additional|A further)\s+(?:\d[\d.,]*|(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand)\b)|"
    r"(?:Once|After|With|Without|Before|Until|Because of|Despite|Given|Under|For)\s+(?:this|that|these|those)\s+"
    r"(?!(?:year|week|month|morning|afternoon|evening|weekend|time)s?\b)[a-z]+)\b"
)
#: "it" as the subject right after an opening phrase ("At times, it might pass …", "In 2011, it
#: had …"): the thing is named in a line before.
_IT_AFTER_OPENER = re.compile(r"^[\"“ ]*[A-Z][a-z]*(?: [a-z0-9]+){0,3}, it (?:might|may|will|would|could|can|should|must|has|had)\b")
_ADDS_TO_BEFORE = re.compile(r"(?<!\band )(?<!\bbut )\balso\b(?! known\b)")
#: "that"/"this" as a subject after a comma, a conjunction or "says" ("In the end, that was
#: all", "says that will allow"; a "that" that joins a clause has a subject after it, not a
#: verb), and "these" + a noun ("confirm these details"): things told in lines not shown.
_POINTS_BACK_WITHIN = re.compile(
    r"(?:,\s+|\b(?:and|but|says|said)\s+)(?:that|this)\s+(?:was|is|will|would|has|had|means|meant)\b"
    r"|(?:,\s+|\b(?:and|but|says|said)\s+)(?:that|this)[’']s\b"
    r"|(?<!^)\bthese\s+(?!days\b)[a-z]+s\b"
)
#: Sentence openers that are capitalised for their place, not because they name someone.
_OPENERS = frozenset(
    "The A An In On At But And As After When While This That It If So Yet Then Now Still Also Earlier Later "
    "Before Since Although Though Once Because Until During Despite Regarding According With Without For From By "
    "Under Over Like Unlike Following Asked Speaking Even Only Here There What Why How".split()
    # ... and the words of an opening time ("Back in 2012, he was …", "On Friday, he dropped …",
    # "Last year he gave …"): a reader found such lines in the timeline with no one named
    + "Back Last Next Recently Meanwhile Separately Previously Today Yesterday Tomorrow Tonight Afterwards Afterward "
      "Eventually Finally Initially Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
      "April June July August September October November December Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()  # not "May", "Jan": names
)
_NAME_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


def names_anyone(sentence: str) -> bool:
    """Whether the line names anyone or anything: a capitalised word that is no opening word,
    weekday or month ("The firm made a similar move in 2012." names nothing: out of its article,
    a reader cannot tell whose move)."""
    for word in _NAME_WORD.findall(sentence):
        word = word.strip(".'’-")
        if word[:1].isupper() and word not in _OPENERS and word not in ("May", "Jan"):
            return True
    return False


#: "it said" is a speaker too (an airline, a ministry) that the line does not name.
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|they|it(?= (?:said|says|added|stated|wrote|tweeted|announced)\b))\b")


#: Share of a text's words past each sentence's first that are capitalised, below which its
#: names are written in lower case: Multi-News lower-cases all but sentence starts ("a british
#: surfer", "katie holmes"; 0.0 in 100 clusters), news as published capitalises 7 % and more
#: (DUC 2006: 0.074-0.19 a cluster; the 64 real stories: 0.075-0.36).
CASED_NAMES_SHARE = 0.02
_MID_WORD = re.compile(r"(?<=\s)[\"“‘'(]*([A-Za-z])[A-Za-z'’-]*")


def names_are_cased(texts: Iterable[str]) -> bool:
    """Does the text capitalise names (see ``CASED_NAMES_SHARE``)? Where it does not, a
    pronoun's name cannot be seen before it, and ``leans_on_previous`` does not look."""
    words = capitalised = 0
    for text in texts:
        for m in _MID_WORD.finditer(text):
            if m.group() != "I":
                words += 1
                capitalised += m.group(1).isupper()
    return not words or capitalised >= CASED_NAMES_SHARE * words


def leans_on_previous(sentence: str, *, names_cased: bool = True) -> bool:
    """A line that cannot be taken out of its article (issue #23): it opens on a word that
    points back, its subject is someone named earlier ("The 37-year-old driver"), it goes
    on from the line before ("Shehu added that", "The effort, however, is", "Previously,",
    "The update will also"), or a
    "he"/"she"/"they" outside quotes has no name before it in the line ("Earlier, he was
    handed", "..., he announced, as Perry recalled it"). In lower-cased text (Multi-News:
    ``names_cased`` False, see ``names_are_cased``) names cannot be told from words, so the
    pronoun rule is not applied there."""
    text = sentence.strip()
    if any(p.match(text) for p in (_LEANS_ON_PREVIOUS, _DANGLING_SUBJECT, _TURNS, _POINTS_BACK_OPENER, _IT_AFTER_OPENER)):
        return True
    outside = strip_quotes(text)
    if _CONTINUES.search(outside) or _ADDS_TO_BEFORE.search(outside) or _POINTS_BACK_WITHIN.search(outside):
        return True
    first = re.search(r"[A-Za-z]", text)
    if not names_cased or not first or first.group().islower():
        return False  # lower-cased text: no name can be seen
    if _PRONOUN_SPEAKS_LAST.search(text):
        return True  # "…, the birthplace of Boko Haram, he revealed.": the names before are what he said, not who he is
    m = _PERSON_PRONOUN.search(outside)
    if not m:
        return False
    return not any(w[:1].isupper() and w.strip(",.;:") not in _OPENERS for w in outside[: m.start()].split())


_GOES_ON_QUOTING = re.compile(_SPEAKER_GOES_ON)


def speaker_it_goes_on_quoting(sentence: str) -> frozenset[str]:
    """The names of the speaker a line goes on quoting ("Mr Durov, 33, added: …" gives
    {"Durov"}); empty where it goes on from no one it names. Right after the line before it
    in its article, such a line reads on only where that line names the speaker: a reader
    found "Mr Durov, 33, added:" after a line on the apps' removal, his first words not shown."""
    if not _GOES_ON_QUOTING.search(sentence):
        return frozenset()  # most lines: no quotation blanked for nothing
    outside = strip_quotes(sentence)
    if not _GOES_ON_QUOTING.search(outside):
        return frozenset()
    words = (w.strip(",.;:!?()[]'’\"“”") for w in outside.split())
    return frozenset(w for w in words if w[:1].isupper() and w not in _OPENERS and w.lower() not in HONORIFICS and w != "I")


#: A closing attribution to "he", "she" or "they" (a reader found "…, he revealed." among agreed facts).
_PRONOUN_SPEAKS_LAST = re.compile(
    r"[,”\"’]\s+(?:he|she|they)\s+(?:later\s+|also\s+)?(?:said|says|added|adds|revealed|told|tells|explained|noted|wrote|writes|"
    r"stated|insisted|warned|recalled|continued|admitted|claimed)\b[^\"“”]{0,60}[.!]?\s*$"
)


#: A line that announces what the next ones tell ("Broadcom did more than raise its offer on
#: Monday.", "But that's not all.", "Here's what we know"): alone it promises and tells nothing
#: (a reader found such a teaser as a summary line).
_TEASES = re.compile(
    r"\b(?:did|does|do|is doing) (?:much |far )?more than (?:just |simply |merely )?(?!ever\b|before\b|usual\b|that\b|anyone\b|most\b|others?\b)[a-z]+(?<!ed)\b"
    r"|\bthat(?:'s|’s| is) not all\b"
    r"|^\W*here(?:'s|’s| is| are) (?:what|why|how|the latest)\b",
    re.I,
)
#: A line that opens inside a quotation it never closes ("'Falcon Heavy to launch next
#: month…"), or on a comma or colon (", said in a note Friday…"): a piece of a longer passage.
#: (A dash left from a dateline, "— A Pennsylvania woman says…", is the dateline's:
#: ``text.sentences.dateline_end``.)
_CUT_OPENING = re.compile(r"^\s*(?:['‘](?=[A-Z])|[,;:)])")
#: A line that opens on a lower-case word ("the Cubs blew a three-run lead …") was cut from its
#: sentence at a line break, in text that capitalises (``names_are_cased``: Multi-News's
#: lower-cased copy opens many a sentence so); "iPhone", "eBay" and the like are names written so.
_LOWER_OPENING = re.compile(r"^\s*[a-z](?![a-z]*[A-Z])")
#: A box's heading run into its first sentence ("FALCON HEAVY LAUNCH If all goes…"); ten
#: letters at least, so "US FDA Commissioner" and a "NEW YORK" dateline are not headings.
_GLUED_HEADING = re.compile(r"^\s*(?:[A-Z][A-Z’'-]+\s+){2,}(?=[A-Z][a-z])")
#: A box's label or a transcript's speaker in capitals before a colon ("MISTAKE OF THE RACE:
#: Romain Grosjean never …", "COMPETITION: Blue Origin …", "SHAPIRO: What are …"): the line
#: belongs to its box or its speaker. Of the 60 such openings in the 383 real articles, one
#: is a dateline ("MOSCOW:"), and that line is left out with the rest.
_LABEL_COLON = re.compile(r"^\s*[A-Z][A-Z'’&.]+(?:[ -][A-Z][A-Z'’&.]*){0,5}\s*:\s+(?=[\"“‘]?[A-Z0-9])")
#: A line with no subject, opening on its verb, as a post or a headline is written ("Will have
#: double thrust of next largest rocket."); a question ("Will it launch?") is another matter.
_NO_SUBJECT = re.compile(r"^[\"“ ]*(?:Will|Would|Could|Can|Should|Must|Might|Shall)\s+[a-z]+\b(?![^?]*\?)")
#: A line that is all one quotation in single marks ("'Stupid. What this race needs is a red
#: flag.'"): ``is_unattributed_quote`` leaves single marks alone, as they open words too.
_WHOLLY_SINGLE_QUOTED = re.compile(r"^\s*['‘][A-Z][^\n]*[.!?,]['’]\s*$")
#: A single quotation mark that closes a quote (not the apostrophe inside "doesn't").
_CLOSING_SINGLE = re.compile(r"[’'](?=[\s,.;:!?]|$)")


#: A quotation closed before its speaker with no mark opening it in the line ("Guaranteed to be
#: exciting,' Musk posted."): the line starts inside someone's words.
_CLOSED_NOT_OPENED = re.compile(r"[,.!?;][’'\"”]\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:[a-z]+ly\s+)?(?:said|says|posted|wrote|tweeted|added|told)\b")
_OPENING_MARK = re.compile(r"[“\"]|(?:^|[\s(])['‘](?=\w)")


def _starts_inside_a_quote(text: str) -> bool:
    m = _CLOSED_NOT_OPENED.search(text)
    return bool(m) and not _OPENING_MARK.search(text[: m.start()])


#: A subject that names a person by what they do or their age alone ("The Grammy-nominated
#: comedienne", "The five-year-old"), and a full name ("Jimmy Kimmel") anywhere in the line.
_PERSON_BY_TRADE = re.compile(
    rf"^\W*The\s+(?:[\w-]+\s+){{0,2}}(?:{'|'.join(sorted(TRADES))}|[\w-]+-year-old)\b", re.I)  # not "model", "star": "The star exploded"
_FULL_NAME = re.compile(r"\b[A-Z][a-z'’.-]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z'’-]+")


def names_a_person_by_trade_only(sentence: str) -> bool:
    """The line's subject is a person told by their trade or age, and it writes no one's full
    name: in its article the person was named before; alone, a timeline's reader cannot tell
    who ("The Grammy-nominated comedienne broke the news to her Twitter followers Monday")."""
    m = _PERSON_BY_TRADE.match(sentence)
    return bool(m) and not _FULL_NAME.search(sentence, m.end())


#: "The flight was …", "The rocket, known as …", "The pictures further …", "The information
#: stolen …", "The group's abduction …": a subject that is a thing told only by its kind, one
#: word after "The", then the verb, an aside, a participle or the thing's own noun.
_THING_BY_KIND = re.compile(
    r"^\W*The\s+([a-z][\w-]*)(?:,|\s+(?:was|were|is|are|has|have|had|will|would|could|can|may|might|did|does|"
    r"also|even|further|then|stolen|taken|given|shown|seen|known|chosen|written|driven|broken|spoken|hidden|"
    r"thrown|drawn|flown|grown)\b|\s+[a-z]+ed\b|['’]s\s+[a-z])")


def names_a_thing_by_its_kind_only(sentence: str, subject: Collection[str] = ()) -> bool:
    """The line's subject is a thing told by its kind alone ("The accident happened late
    Tuesday …", "The flight was scheduled to take off at 11:55 p.m. Sunday"): its article
    introduced it in a line before, so out of the article the line either tells that line's
    event again or a detail of something a reader cannot place. Timeline entries of the
    labelled dev stories so: 5 of 6 judged duplicate or dangling. Not a kind in ``subject`` (the
    story's own thing: "The bridge was built in 1962" of a story of the Pinewood Bridge), nor a
    person's trade (``names_a_person_by_trade_only`` reads those, with the name they may give).
    ``_DANGLING_SUBJECT`` is the closed list of such subjects that dangle wherever they stand
    ("The move", "The decision"); any noun counts here, where a line stands alone: in the summary
    and the agreed facts, read after the lines that introduce the thing, readers judged such
    lines ok 26 of 32 times (dev)."""
    m = _THING_BY_KIND.match(sentence)
    return bool(m) and m.group(1) not in subject and m.group(1) not in TRADES


def needs_its_context(sentence: str, *, names_cased: bool = True) -> bool:
    """A line a reader cannot take alone, out of its article: it leans on the line before
    (``leans_on_previous``) or is cut from its passage (``is_cut_from_its_passage``)."""
    return leans_on_previous(sentence.strip(), names_cased=names_cased) or is_cut_from_its_passage(sentence, names_cased=names_cased)


#: A line that says someone made a statement and stops there ("Portnow responded with a brief
#: statement, per the Times.", "The airline said in a post on Monday."): what was said is in
#: the next lines, not in this one (CLAIMS.md: "X said in a tweet." with the content missing).
_ANNOUNCES_WITHOUT_CONTENT = re.compile(
    r"\b(?:respond|reply|react|comment|say|said|announce|speak|spoke|weigh)\w*\s+(?:\w+\s+)?(?:with|in|on|via|through)\s+"
    r"(?:a|an|his|her|their|its)\s+(?:\w+\s+){0,2}(?:statement|tweet|post|message|video|letter|interview|note|release)s?"
    r"(?:\s+(?:on|to|with|late|early|this|last|released|posted|issued)(?:\s+[\w'’.-]+){1,3})?"
    r"(?:,\s*(?:per|according to|as reported by)\b[^;:!?\"“]*)?[.!]?\s*$",
    re.I,
)


#: Words before the verb of such a line: a speaker ("President Luis Guillermo Solis") and an opening
#: "On Monday afternoon,"; more, and they are what was said ("…, President Solis said in a statement.").
SPEAKER_WORDS = 8


def announces_without_content(sentence: str) -> bool:
    """The line tells that someone spoke or wrote, not what (``_ANNOUNCES_WITHOUT_CONTENT``)."""
    text = sentence.strip()
    m = None if re.search(r"[\"“”]", text) else _ANNOUNCES_WITHOUT_CONTENT.search(text)
    return bool(m) and len(text[: m.start()].split()) <= SPEAKER_WORDS  # a speaker and a when before it, not what was said


def is_cut_from_its_passage(sentence: str, *, names_cased: bool = True) -> bool:
    """A line no single line before it makes whole: it gives words without their speaker
    (``is_unattributed_quote``), opens in the middle of a passage (``_CUT_OPENING``) or under
    a heading run into it or a label before a colon, has no subject ("Will have double thrust
    …", a post's line), or teases what it does not tell."""
    text = sentence.strip()
    if is_unattributed_quote(text):
        return True
    heading = _GLUED_HEADING.match(text)
    if heading and sum(c.isalpha() for c in heading.group()) >= 10:
        return True
    if _WHOLLY_SINGLE_QUOTED.match(text) or _NO_SUBJECT.match(text) or _LABEL_COLON.match(text) or _starts_inside_a_quote(text):
        return True
    if _TEASES.search(strip_quotes(text)) or names_cased and _LOWER_OPENING.match(text) or announces_without_content(text):
        return True
    if _INTERVIEW_TURN.search(text):
        return True
    m = _CUT_OPENING.match(text)
    if not m:
        return False
    return m.group().strip()[:1] not in "'‘" or not _CLOSING_SINGLE.search(text, m.end())


#: An interview's question run into its answer ("Can regulation solve these problems? "Regulation
#: can help …"): whose question and whose answer, the line does not say (a reader found one in a summary).
_INTERVIEW_TURN = re.compile(r"\?\s+[\"“](?=[A-Z])")  # a mark after a space, before a word: it opens


#: A speaker the line names only by what it is ("…," the statement said; "…," the airline said;
#: "said another local source"): after the line that names it, a summary reads on; in a list of
#: lines shown alone (agreed facts, one-outlet items) a reader cannot tell whose words they are.
_UNNAMED_SPEAKER = re.compile(
    r"(?:[,”\"’]\s*|\b(?:said|says|added|according to)\s+)(?:the|another)\s+(?:[a-z]+\s+){0,2}"
    r"(?:statement|airline|carrier|company|firm|agency|ministry|government|department|spokes(?:man|woman|person)|official|source)"
    r"(?:\s+(?:said|says|added|stated|wrote|told)\b|\s*[.,;]|$)"
)


def names_no_speaker(sentence: str) -> bool:
    """The line gives someone's words and names them only by what they are ("the airline")."""
    return bool(_UNNAMED_SPEAKER.search(sentence))


_CUE = r"(?:said|says|wrote|writes|added|adds|told|tells|explained|noted|stated|declared|insisted|warned)"
#: A speaker named only by a title, opening the clause before the cue ("Speaking in Davos, the
#: prime minister said") or right after a quote's cue ("…," said the four-times champion.), not
#: someone the speaker tells of ("One said the driver told them …"): the title's group ends
#: where an editor puts the name.
_TITLED_SPEAKER = re.compile(
    rf"(?:^|[,”\"’:]\s*)[Tt]he\s+((?:[a-z][a-z-]*\s+){{0,3}}[a-z][a-z-]*)(?=\s+{_CUE}\b)"
    rf"|[,”\"’]\s*{_CUE}\s+the\s+((?:[a-z][a-z-]*\s+){{0,3}}[a-z][a-z-]*)(?=\s*[.,;:]|$)"
)


def titled_speaker_end(sentence: str) -> int | None:
    """Where the title ends of a speaker the line names only by it ("the prime minister
    said …"), for an editor's bracketed name; None when the line names no one so."""
    m = _TITLED_SPEAKER.search(sentence)
    if not m:
        return None
    return m.end(1) if m.group(1) is not None else m.end(2)


#: What a line gives as still awaiting its outcome when its article was written, in the writer's
#: words: "rescuers are trying to reach", "whose condition remains unknown", "has yet to respond",
#: "is still missing". (Not every present tense: "China is planning a mission", "is set to take
#: effect" stay true; on the labelled dev stories such lines from earlier articles were 7 in 11 ok.)
_PASSING_STATE = re.compile(
    r"\b(?:is|are)\s+(?:still\s+)?(?:trying|searching|racing|struggling|waiting|hoping|working to|scrambling)\b"
    r"|\b(?:is|are|remains?)\s+(?:still\s+)?(?:missing|trapped|unaccounted for|unknown|unclear|in (?:a )?critical condition|"
    r"underway|under way|ongoing)\b"
    r"|\b(?:has|have) (?:yet|still) to\b|\b(?:has|have) not yet\b"
    # "diggers are working around the clock … in a bid to save the child, who has been trapped for
    # around 50 hours": a reader met it after the line that the boy was found dead
    r"|\b(?:is|are)\s+(?:still\s+)?working\b[^.;]{0,60}?\b(?:to|in a bid to)\s+(?:save|rescue|reach|free|find|locate|restore|contain)\b"
    r"|\b(?:has|have)\s+been\s+(?:trapped|missing|stuck)\b|\b(?:is|are)\s+(?:still\s+)?being\s+[a-z]+ed\b",  # "oxygen is being pumped"
    re.I,
)


#: A headline's way of saying the outcome is awaited ("Race to reach boy trapped in well",
#: "Search for missing hikers", "Rescuers scramble to save …"): headlines drop the "is".
_AWAITING_IN_A_HEADLINE = re.compile(
    r"\b(?:race|races|racing|search|searching|hunt|scramble|scrambling|battle|battling|"
    r"trying|struggle|struggling|rush|rushing)\s+(?:\w+\s+)?(?:to|for)\b|\b(?:trapped|missing|stranded|awaits?|awaiting|under way|underway|ongoing)\b"
    # "rescuers using diggers to save …" (not "Killing of gorilla to save boy": an outcome)
    r"|\b(?:using|working|digging|drilling|racing|trying|rushing|battling|scrambling|struggling|fighting)\s+(?:\w+\s+){0,2}to (?:save|rescue|free|reach)\b",
    re.I,
)


def headline_awaits_an_outcome(title: str) -> bool:
    """A headline that tells of something still going on ("Race to reach boy trapped in Hebei")."""
    return bool(_AWAITING_IN_A_HEADLINE.search(title)) or tells_a_passing_state(title)


def tells_a_passing_state(sentence: str) -> bool:
    """The line gives, in its writer's voice, what was going on or still awaited when its article
    was written (``_PASSING_STATE``): a later article may have overtaken it."""
    return bool(_PASSING_STATE.search(strip_quotes(sentence)))


#: A line that says it turns to another matter ("In a separate case, …", "In another incident, …").
_ANOTHER_MATTER = re.compile(
    r"^\W*(?:In (?:a|another) (?:separate|similar|unrelated|earlier|different) (?:case|incident|development|attack|matter)"
    r"|In another (?:case|incident|attack)|Separately|In other news)\b",
    re.I,
)


#: ... or says, anywhere, that what it tells belongs to another case ("six people were placed
#: under arrest … as part of another investigation": a reader found it dated in the timeline as
#: the story's).
_PART_OF_ANOTHER = re.compile(r"\b(?:as part of|in|during) (?:another|a separate|an unrelated|a different) (?:investigation|case|probe|inquiry)\b", re.I)


def turns_to_another_matter(sentence: str) -> bool:
    """The line tells of something besides the story, and says so."""
    return bool(_ANOTHER_MATTER.match(sentence) or _PART_OF_ANOTHER.search(sentence))


def is_unattributed_quote(sentence: str) -> bool:
    """A quotation with no word outside it: a speaker's words whose speaker this sentence
    does not name (the attribution is in the paragraph before, or the quote runs on)."""
    text = sentence.strip()
    if not text or text[0] not in _OPENING_MARKS:
        return False
    outside = strip_quotes(text).strip(" \t.,;:!?—–-")
    return not outside or outside[0] in _OPENING_MARKS  # nothing else, or a quote left open
