"""Who said what: direct quotes and reported speech, merged across outlets (issue #3).

    quotes_of_article(article)  one article's quotes, each with sources=(article.id,)
    extract_quotes(articles)    every article's quotes, the same quote from several
                                outlets merged into one Quote carrying all of them

Stages: ``spans`` finds quoted text and joins a quote's pieces; ``attribute`` finds
the cue and the speaker with spaCy's parse and entities (``people`` resolves surnames,
titles and pronouns), and reported speech; ``merge`` folds outlets' versions together.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any, Sequence

from ..records import Article, Quote, Sentence
from ..text.entities import nlp
from .attribute import Attribution, attributions_of
from .lexicon import is_role_word
from .merge import merge_attributions

__all__ = ["extract_quotes", "quotes_of_article", "attributions_of", "Attribution", "trustworthy"]

log = logging.getLogger(__name__)


def _keep(found: list[Attribution]) -> list[Attribution]:
    """Drop a reported statement that only wraps a direct quote of the same speaker.

    "Malloy said families are welcome "300 years ago or three days ago"" yields both;
    the brief shows the quoted words once, with the sentence around them as context.
    """
    direct = [a for a in found if a.kind == "direct"]
    out = []
    for a in found:
        if a.kind == "reported" and any(
            d.speaker == a.speaker and a.start <= d.start and d.end <= a.end + 1 for d in direct
        ):
            continue
        out.append(a)
    return out


def _attributions(
    articles: Sequence[Article], docs: Sequence[Any] | None = None, sentences: Sequence[Sequence[Sentence]] | None = None
) -> list[Attribution]:
    """``docs``: the articles already parsed by ``nlp(parser=True)`` (the pipeline parses
    once); ``sentences``: each article's sentences, if already split."""
    if docs is None:
        docs = nlp(parser=True).pipe([a.text or "" for a in articles], batch_size=8)
    split = sentences if sentences is not None else [None] * len(articles)
    found: list[Attribution] = []
    for article, doc, sents in zip(articles, docs, split):
        found.extend(_keep(attributions_of(article.id, article.text, doc, sentences=sents)))
    return found


#: A speaker a reader cannot name from the line (issue #22): a pronoun, a generic group, an
#: indefinite "a police union boss", or the outlet that reported the words.
_VAGUE_SPEAKER = re.compile(
    r"^(?:(?:he|she|they|it|we|i|you|him|her|them|this|that|these|those|one|someone|somebody|anyone)"
    r"|(?:a|an|some|several|many|other|another|two|three|both)\s.*"
    r"|(?:the\s+)?(?:statement|report|the statement|spokes(?:man|woman|person)|company|agency|activity|"
    r"government|ministry|department|military|army|document|memo|letter|study|survey|video|post|tweet|page)"
    r"|(?:cnn|ap|the associated press|associated press|reuters|afp|bbc|fox news|nbc(?: news)?|abc(?: news)?|cbs(?: news)?|npr|"
    r"(?-i:(?:CBS|NBC|ABC|CNN|FOX)(?:\s?\d+)?\s[A-Z][a-z]+(?:\s[A-Z][a-z]+)?|Fox\s?\d+(?:\s[A-Z][a-z]+)?)|"  # a network's local station: "CBS Boston", "Fox 5 Atlanta"
    r"bloomberg|the new york times|new york times|the washington post|washington post|daily mail|newsweek|usa today|"
    r"the guardian|the times|politico|the hill|axios|the independent|sky news|al jazeera|xinhua|yonhap|kcna|tass|rt|"
    r"times picayune|the times-picayune|chinese media|state media))$",
    re.I,
)
#: A speaker named by a group word ("Chinese officials", "NFL Coach", "Russia's space experts"):
#: who, of them?
_GROUP_WORDS = frozenset(
    "officials official authorities police researchers experts analysts sources source witnesses reports media critics "
    "observers residents people coach spokesman spokeswoman spokesperson ministry department agency government army "
    "military craft team club fans users scientists "
    "papers documents files leaks".split()  # "The 'Panama Papers' claim": documents say nothing themselves
)
#: Page furniture stuck to a name: a photo credit, a section heading, a dateline.
_FURNITURE_IN_SPEAKER = re.compile(r"\b(?:getty|images|contributor|photo|credit|reuters|shutterstock|afp|ap|epa|splash|alamy)\b", re.I)
#: A photo gallery's or credit's words: a caption, not a statement the story carries.
_CAPTION = re.compile(
    r"^\W*(?:photos?|pictures?|gallery|images?|video)\s*:|\b(?:getty images|splash news|shutterstock|alamy)\b"
    r"|\|\s*\d{1,2}:\d\d\b|\bskip in skip\b|\bembed x\b|\b\d+ of \d+ skip\b",  # a video player's strip: "| 0:56", "1 of 41 Skip"
    re.I,
)
#: A quoted work's title ("Turn Left at Orion"): every word capitalised but the small ones, no end mark.
_SMALL_WORDS = frozenset("a an and at by for from in of on or the to with".split())
#: The narrator's attribution inside the content: someone else's cue, or another source cited.
_NARRATOR_CUE = re.compile(r"\b(?:said|says|saying|told|tells|telling|added|adding|according to|quoted)\b", re.I)
_OPEN_MARKS = "“„«"
#: A single quotation mark opening a word, and one closing after a word (an apostrophe
#: inside a word, "it's", is neither; a plural possessive, "officials'", counts as a close).
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(]))['‘](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])['’](?=\s|$|[.,;:!?)])")
_CLOSE_MARKS = "”»"
#: Reported content that opens on a word a reader cannot resolve out of its sentence. "It was",
#: "it's" point at the scene or nothing ("It was a pretty scary experience", an eyewitness whom
#: a reader found missing): of 11 such quotes the change brought in, readers judged 10 ok.
_UNRESOLVED_OPENING = re.compile(r"^\W*(?:they|it(?!\s+(?:was|is|has been|had been)\b|['’]s\b)|that|which|this|these|those|such|them|its|there|but|and|so|yet|however|meanwhile)\b", re.I)
#: Content whose subject is something said before it ("doubts such a sentence", "the first of those").
_POINTS_AWAY = re.compile(r"\bsuch an?\s+\w+\s+(?:is|was|would|will|could|can|might|may)\b|\b(?:first|one|some|many|all|none|each|most|any) of (?:those|these)\b", re.I)
_SUBJECTLESS = re.compile(
    r"^\W*(?:may|might|could|would|should|will|can|must|has|have|had|is|are|was|were|be|been|being|did|does|do|"
    r"later|earlier|then|also|who|whom|whose|to|of|by|for|with|in|on|at|from|[a-z]+ed|[a-z]+ing)\b"
)
_SHOUTED = re.compile(r"\b[A-Z]{3,}(?:\s+[A-Z]{2,})+\b")
_DATELINE_CONTENT = re.compile(r"^[A-Z][A-Z .,'-]{2,}(?:,\s*[A-Z][\w.]*)?\s*[—–-]{1,2}\s")
#: Fewer words than this are a phrase, not something a reader can quote onward; more than
#: MAX_QUOTE_WORDS is pieces of a page joined (captions, a factbox), not one statement.
MIN_QUOTE_WORDS = 4
MAX_QUOTE_WORDS = 160


#: Lower-case words a name may carry ("Ludwig van Beethoven", "Abu Bakr al-Baghdadi").
_NAME_PARTICLES = frozenset("de da di del della der den van von bin ibn al el la le du dos das y of the and".split())


def _is_group_word(word: str) -> bool:
    """"Experts", "critics", "the Panama Papers", "a police source": a group or a thing, in
    the singular or the plural, with or without a possessive."""
    w = re.sub(r"['’]s?$", "", word.lower().strip(".,"))
    return w in _GROUP_WORDS or f"{w}s" in _GROUP_WORDS or (w.endswith("s") and w[:-1] in _GROUP_WORDS)


def _vague_or_garbled(speaker: str, title: str = "") -> bool:
    words = speaker.split()
    if not words or _VAGUE_SPEAKER.match(speaker) or not any(w[:1].isupper() for w in words):
        return True
    if len(words) == 1 and not title:
        return True  # "Zhu", "Israel", "Goldman": out of its article, which one, and is it theirs?
    if all(is_role_word(w.strip(".,")) or w.lower() in ("vice", "deputy", "former", "acting") for w in words):
        return True  # "Vice Director": a title whose name the parse dropped
    if is_role_word(words[-1].strip(".,")) and (len(words) < 2 or words[-2].lower() != "of"):
        return True  # "Bristol Mayor", "Joint Chiefs": a title, whose holder the line does not name (issue #22)
    if any(w[:1].islower() and w.lower() not in _NAME_PARTICLES for w in words) or speaker.endswith(("'s", "’s")):
        return True  # "New York bank", "Williams driver", "Silicon Valley executives for years"
    if re.search(r"\.[A-Za-z]{2}", title):
        return True  # "University of Liverpool in the UK.The ocean": the next sentence ran into the title
    if _is_group_word(words[-1]) or _FURNITURE_IN_SPEAKER.search(speaker):
        return True
    if re.search(r"[A-Za-z]\d|(?<!, )\b\d", speaker):
        return True  # "Buzz60 12": a credit and a gallery counter, not a name
    # a dateline ("TEMPE", "RAMALLAH") or a heading ("FRAUD ALERTS Equifax", "MUSK Elon Musk") read as a name
    return any(len(w) >= 4 and w.isupper() and w.isalpha() for w in words)


def _named_beside_it(speaker: str, contexts, words_said: str = "") -> bool:
    """Some outlet names the speaker in the sentence that carries the words: the family name
    (an organisation's last word), or the first word of a full name, outside the words said: a
    family name written first ("Kim said" for Kim Jong Un) or a given name ("Michael revealed"),
    but not "… that Chad and I announce …" for Chad Kroeger. On the labelled dev stories, quotes
    whose speaker was carried over from another sentence (a "he said" resolved to the last person
    named) were right 41 % of the time, against 83 % for those named beside their words."""
    words = speaker.split()
    last = words[-1].strip(".,")
    if any(re.search(rf"\b{re.escape(last)}\b", c) for c in contexts):
        return True
    if len(words) < 2 or len(words[0]) < 3:
        return False
    first = re.compile(rf"\b{re.escape(words[0])}\b")
    return not first.search(words_said) and any(first.search(_outside_quotes(c)) for c in contexts)


def _is_title(text: str) -> bool:
    words = [w for w in re.findall(r"[\w'’-]+", text) if w.lower() not in _SMALL_WORDS]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words) and not text.rstrip().endswith((".", "!", "?"))


def _outside_quotes(text: str) -> str:
    """The words of ``text`` not inside double quotation marks (a closed quote is the speaker's own)."""
    return re.sub(r'"[^"]*"|“[^”]*”', " ", text)


def _runs_on_in_quotation_marks(context: str) -> bool:
    """A quotation that runs over paragraphs, each opening on its mark (the newspaper way):
    lines of one statement, not a caption or a link joined to it."""
    return all(line.lstrip()[:1] in "\"“" for line in context.split("\n")[1:] if line.strip())


def trustworthy(quote: Quote) -> bool:
    """A quote the brief can show as "who said what": a speaker a reader can name (no pronoun,
    group, outlet, dateline or photo credit), and content that is a statement on its own: not a
    few words, not a page's pieces joined, no heading in capitals, no dateline, and not opening
    on a word that points outside it ("they", "it", "which") or mid-clause ("may have kept",
    "brokered by": a partial quote belongs inside its sentence, which the brief does not show)."""
    if "\n" in quote.speaker.strip():
        return False  # "Buzz60\nSpaceX": a credit line run into the name
    speaker = " ".join(quote.speaker.split())
    if _vague_or_garbled(speaker, quote.speaker_title):
        return False
    if any(_CAPTION.search(c) for c in quote.contexts.values()) or _CAPTION.search(quote.text):
        return False  # a gallery caption or photo credit, not the story's statement
    if quote.contexts and all("\n" in c and not _runs_on_in_quotation_marks(c) for c in quote.contexts.values()):
        return False  # its sentence runs over lines of the page: a caption or a link joined to it
    if quote.contexts and not _named_beside_it(speaker, quote.contexts.values(), quote.text):
        return False  # the speaker was carried over from another sentence ("she told the paper")
    text = quote.text.strip()
    if "\n" in text:
        return False  # the words run over a line break: a heading or a caption joined to them
    if re.match(r"^\W*(?:\w+\s){0,2}\w+:\s", text):
        return False  # "Translation: ...", "Related: ...": the writer's label, not the speaker's words
    words = text.split()
    if not MIN_QUOTE_WORDS <= len(words) <= MAX_QUOTE_WORDS or _DATELINE_CONTENT.match(text) or _SHOUTED.search(text):
        return False
    if _UNRESOLVED_OPENING.match(text) or _POINTS_AWAY.search(_outside_quotes(text)):
        return False
    last = speaker.split()[-1].strip(".,")
    if len(last) > 2 and re.search(rf"\b{re.escape(last)}\b", text):
        return False  # the content names its own speaker ("Mr Taylor added that ..."): the narrator's words ran in
    if re.search(r",\s*according to\b", text):
        return False  # the narrator cites a source inside the words
    if quote.kind == "reported":
        if _NARRATOR_CUE.search(_outside_quotes(text)):
            return False  # "X said A, but told the paper B" / "A, while Y also said B": two statements or two speakers
        if text.count('"') % 2 or sum(text.count(m) for m in _OPEN_MARKS) != sum(text.count(m) for m in _CLOSE_MARKS):
            return False  # a quotation opened and not closed: a direct quote cut into the reported words
        if len(_SINGLE_OPEN.findall(text)) > len(_SINGLE_CLOSE.findall(text)):
            return False  # "the toll 'may well rise": a single-quoted phrase cut before its close
    if quote.kind == "direct" and _is_title(text):
        return False  # "Turn Left at Orion", "Pulp Fiction … Kill Bill": works named, not words said
    first = text.lstrip("\"“‘'(… ")[:1]
    if quote.kind == "direct" and first.islower():
        return False  # a fragment of a quote: its sentence, not the brief, gives it meaning
    if quote.kind == "reported" and _SUBJECTLESS.match(text):
        return False  # "may have kept the water ice free": the subject is left behind
    return True


def quotes_of_article(article: Article) -> list[Quote]:
    """One article's quotes (a quote repeated within it appears once)."""
    return merge_attributions(_attributions([article]), [article.id])


#: What may stand between a quote and its continuation in the next paragraph: the rest of the
#: first paragraph (its cue), one line break, and the continuation's opening mark.
_NEXT_PARAGRAPH_OPENS_QUOTE = re.compile(r"\n\s*[\"“‘']?\s*$")


def _continuations_joined(found: list[Attribution], texts: dict[str, str]) -> list[Attribution]:
    """A paragraph that is only a quote, right after the speaker's quoted paragraph, goes on
    with it: the newspaper convention ("A," Palmer wrote. / "B … C."). The brief shows them as
    one quote, "A … B": a reader found "how they knew when it was time to walk away" shown
    without its answer. The continuation alone names no speaker beside it, so it was never shown."""
    out: list[Attribution] = []
    for a in found:
        prev = out[-1] if out else None
        if (
            prev is not None and a.kind == prev.kind == "direct" and not a.cue and a.speaker and not a.doubt and not prev.doubt
            and a.article_id == prev.article_id and a.speaker == prev.speaker and a.speaker_span == prev.speaker_span
            and _NEXT_PARAGRAPH_OPENS_QUOTE.search(texts.get(a.article_id, "")[prev.end : a.start])
            and texts.get(a.article_id, "")[prev.end : a.start].count("\n") == 1
        ):
            out[-1] = replace(prev, text=f"{prev.text} … {a.text}", spans=prev.spans + a.spans)
            continue
        out.append(a)
    return out


def extract_quotes(
    articles: Sequence[Article], docs: Sequence[Any] | None = None, sentences: Sequence[Sequence[Sentence]] | None = None,
    people: Sequence[str] = (),
) -> list[Quote]:
    """All articles' quotes, the same quote carried by several outlets merged into one.
    ``people``: the story's persons as its entity list names them, most reported first."""
    if docs is None:
        docs = list(nlp(parser=True).pipe([a.text or "" for a in articles], batch_size=8))
    # a doubtful attribution is found (quotes_of_article, the PolNeAR bench) but not shown in a
    # brief; a partial quote woven into its sentence may still cite its outlet for a fuller version
    every = _continuations_joined(_attributions(articles, docs, sentences), {a.id: a.text for a in articles})
    found = [a for a in every if not a.doubt]
    fragments = [a for a in every if a.doubt == "fragment"]
    named = {a.id: {e.text for e in doc.ents if e.label_ == "PERSON" and len(e.text.split()) >= 2} for a, doc in zip(articles, docs)}
    merged = merge_attributions(found, [a.id for a in articles], fragments, people=people, named=named)
    quotes = [q for q in merged if trustworthy(q)]
    log.info("quotes: %d found in %d articles, %d after merging, %d with a named speaker and a statement", len(found), len(articles), len(merged), len(quotes))
    return quotes
