"""Who said what in one article: direct quotes and reported speech, with their speakers.

Direct quotes come from the quotation marks (``spans``); their speaker from the cue
beside them: the verb of saying in the same sentence (after the quote first, the
news convention ``"...," Spicer said``, then before it), and that verb's grammatical
subject in spaCy's parse. Reported speech is a verb of saying with a clausal
complement ("X said that Y", "Y, X told reporters"), a cue set inside the words ("Y1, X
said, Y2"), "according to X", or a stance verb's object ("X called for Y"). Surnames
and pronouns resolve through the article's ``PeopleIndex``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Sequence

from ..records import Sentence
from ..text.entities import hyphen_glued_end, nlp
from ..text.sentences import dateline_end, sentences_of, split_paragraphs
from .lexicon import (
    ADDRESSEE_FORMS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    REPORTING_FORMS,
    EVIDENCE_FORMS,
    SPEECH_FORMS,
    STANCE_FORMS,
    TITLE_ABBREVIATIONS,
    HONORIFICS,
    is_role_word,
)
from .people import MAX_TITLE_WORDS, PeopleIndex, split_title, tidy_title, without_trailing_aside
from .spans import QuoteGroup, group_spans, quoted_spans

__all__ = [
    "Attribution",
    "attributions_of",
    "SHORT_QUOTE_WORDS",
    "UNCUED_MIN_WORDS",
    "ADJACENT_CUE_TOKENS",
    "PRONOUN_WINDOW",
]

#: Quotes shorter than this ("sensitive locations") are scare quotes or titles unless a
#: cue stands right beside them. PolNeAR dev direct-quote F1 when calibrated:
#: 0.886 at 4, 0.883 at 3 or 5.
SHORT_QUOTE_WORDS = 4
#: A quote with no cue at all is kept only when it opens its sentence and is this long
#: (a stand-alone quoted statement rather than a phrase held at arm's length). PolNeAR dev
#: scores barely move between 6 and 12; 8 is a short sentence.
UNCUED_MIN_WORDS = 8
#: "Beside" for short quotes: at most this many tokens between the quote and its cue.
ADJACENT_CUE_TOKENS = 4
#: A pronoun looks this many characters back for its antecedent (about 3 paragraphs).
PRONOUN_WINDOW = 1500
#: A descriptor speaker ("a campaign operative for the Clinton team") is cut to this length.
MAX_DESCRIPTOR_TOKENS = 8

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_CLAUSE_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_DESCRIPTOR_DEPS = frozenset({"prep", "pobj", "compound", "amod", "det", "poss", "case", "nummod"})
_NAMED_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_NON_SPEAKERS = frozenset({"i", "we", "you", "it", "this", "that", "there", "which", "what", "me", "us"})
_ABBREVIATIONS = frozenset(
    {a.rstrip(".") for a in TITLE_ABBREVIATIONS}
    | {h.rstrip(".") for h in HONORIFICS}
    | {"st", "jr", "sr", "u.s", "u.k", "inc", "co", "corp", "no", "vs", "etc", "mt", "ft", "a.m", "p.m"}
)
#: "The Department of Transportation": the article before a name is the sentence's.
_THE_BEFORE_NAME = re.compile(r"^[Tt]he\s+(?=[A-Z])")
_TERMINATOR = re.compile(r"[.!?](?=[\s\"“”'’]|$)")
_WORD = re.compile(r"\w[\w'’-]*")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One quote or reported statement in one article, with where it sits."""

    article_id: str
    kind: str  # "direct" | "reported"
    text: str
    spans: tuple[tuple[int, int], ...]  # the content's character spans in the article text
    speaker: str  # resolved full name, a descriptor ("a source"), or ""
    speaker_title: str = ""
    speaker_span: tuple[int, int] | None = None  # the mention the speaker was read from
    cue: str = ""  # the verb of saying, or "according to"
    context: str = ""  # the sentence(s) it sits in
    #: Why a brief should not show it though it is likely a real attribution ("cut": the words
    #: lack their main clause or subject, or were denied; "place": the speaker is a place or
    #: nationality; "pronoun": the pronoun's antecedent is named beside it as someone else;
    #: "fragment": a partial quote shorter than a clause, woven into the narrator's sentence,
    #: which may only join another outlet's fuller version of it; "object": reported words that
    #: are a stance verb's object, not a statement ("called for a ban"); "joined": the whole
    #: sentence before a trailing cue, more than the clause the parse gave it; "split": words
    #: around a cue set inside them, "A, X said, B", given as two spans without the cue; "unresolved": the
    #: speaker is a pronoun with no one named to resolve it to; "noun": words a cue noun
    #: carries, "his claim that ..."; "colon": a line opening with a name and a colon, a
    #: headline or a transcript); "" if none.
    doubt: str = ""

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str
    title: str
    span: tuple[int, int] | None
    doubt: str = ""

    def __post_init__(self) -> None:
        # One speaker however the sentence opens: "The Department of Transportation" is the
        # "Department of Transportation" of the next paragraph, and a capital opening "The
        # department said" does not make it a name.
        # A name's quotation marks are the outlet's ('The "Panama Papers"'), not the name's.
        name = _THE_BEFORE_NAME.sub("", " ".join(re.sub(r'["“”]', "", without_trailing_aside(self.name)).split()))
        if name.startswith("The ") and name[4:5].islower():
            name = "t" + name[1:]
        object.__setattr__(self, "name", name)


_NO_SPEAKER = _Speaker("", "", None)


class _Article:
    """One parsed article and the lookups the rules share."""

    def __init__(self, article_id: str, text: str, doc: Any, sentences: Sequence[Sentence] | None = None) -> None:
        self.id = article_id
        self.text = text
        self.doc = doc
        self.token_starts = [t.idx for t in doc]
        self.paragraphs = [(off, off + len(p)) for off, p in split_paragraphs(text)]
        self.groups: list[QuoteGroup] = group_spans(text, quoted_spans(text))
        self.quoted = sorted((p.open_mark, p.close_mark + 1) for g in self.groups for p in g.pieces)
        self.sentences = list(sentences) if sentences is not None else sentences_of(article_id, text)
        self.people = _index_people(self)

    def tokens_in(self, start: int, end: int) -> list[Any]:
        lo = bisect.bisect_left(self.token_starts, start)
        hi = bisect.bisect_left(self.token_starts, end)
        return [t for t in self.doc[lo:hi] if t.idx + len(t) <= end]

    def in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self.quoted, (offset, float("inf"))) - 1
        return i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1]

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        for start, end in self.paragraphs:
            if start <= offset < end:
                return start, end
        return 0, len(self.text)

    def context(self, start: int, end: int) -> str:
        hits = [s for s in self.sentences if s.end > start and s.start < end]
        if not hits:
            return self.text[start:end]
        return self.text[hits[0].start : hits[-1].end]


# ---------------------------------------------------------------- people


#: Words that change which office a title names: "former Secretary of State Henry Kissinger"
#: is not the Secretary of State (a reader took "Kissinger (Secretary of State)" for the holder);
#: and lower-case words of an office's name ("prime minister Theresa May": a reader found
#: "Theresa May (minister)").
TITLE_QUALIFIERS = frozenset({"former", "then", "late", "acting", "outgoing", "interim", "incoming", "prime", "vice", "assistant", "senior"})


def _chain_words(art: _Article, ent: Any) -> tuple[list[str], int]:
    """The entity with the title words written before it; (words, start offset)."""
    root = ent.root
    i = ent.start
    while i > 0 and i > root.left_edge.i:
        tok = art.doc[i - 1]
        # "Secretary of State Rex Tillerson": "of" joins a title to its department.
        of_title = tok.lower_ == "of" and i > 1 and is_role_word(art.doc[i - 2].text)
        # "Keefe Bruyette & Woods analyst Brian Kleinhanzl": "&" joins a firm's names (a reader
        # found the title cut to "Woods analyst", a person named Woods)
        of_title = of_title or tok.text == "&" and i > 1 and art.doc[i - 2].text[:1].isupper()
        # "Apple's marketing chief Phil Schiller": the word that says what the role is chief of
        # (a reader found the speaker shown as "Phil Schiller (chief)", as if Apple's head)
        of_role = tok.is_alpha and tok.dep_ in ("compound", "amod") and ent.start - 3 <= tok.head.i < ent.start and is_role_word(tok.head.text)
        if not of_title and (tok.is_punct or tok.dep_ == "det" or not (
            tok.text[:1].isupper() or tok.text in ("'s", "’s") or is_role_word(tok.text) or tok.lower_ in TITLE_QUALIFIERS or of_role
        )):
            break
        i -= 1
    return [t.text for t in art.doc[i : hyphen_glued_end(art.doc, ent.end)]], art.doc[i].idx


def _spaces(art: _Article, start: int, n: int) -> list[str]:
    """The whitespace after each of ``n`` tokens from offset ``start`` (to rebuild names)."""
    first = bisect.bisect_left(art.token_starts, start)
    return [art.doc[k].whitespace_ for k in range(first, first + n)]


def _appositive_title(ent: Any) -> str:
    """The title set beside a name by commas, after it ("Pavel Orlov, the orchestra's
    director,") or before it ("the Citigroup chief financial officer, John Gerspach, said":
    a reader took such a speaker, named bare, for the story's own company's)."""
    for child in ent.root.children:
        if child.dep_ != "appos" or child.ent_type_ == "PERSON":
            continue
        title = _title_words([t.text for t in child.subtree])
        if title:
            return title
    head = ent.root.head
    if ent.root.dep_ == "appos" and head.tag_.startswith("NN") and head.ent_type_ != "PERSON" and head.i < ent.start:
        # "The new head of the Bank for International Settlements, Agustín Carstens, said": the
        # title keeps what it is the head of (a reader found "Agustín Carstens (new head)"), not
        # the name's other parts before it ("Morsi's lawyer Abdel Moneim", of "Abdel Maqsud")
        end = max([head.i] + [c.right_edge.i for c in head.rights if c.dep_ == "prep" and c.right_edge.i < ent.start])
        return _title_words([t.text for t in head.doc[head.left_edge.i : end + 1]])
    return ""


def _title_words(words: list[str]) -> str:
    if len(words) > MAX_TITLE_WORDS or not any(is_role_word(w) for w in words):
        return ""
    while words and words[0].lower() in ("a", "an", "the"):
        words = words[1:]
    return tidy_title(" ".join(words))


def _index_people(art: _Article) -> PeopleIndex:
    index = PeopleIndex()
    for ent in art.doc.ents:
        if ent.label_ not in _NAMED_LABELS:
            continue
        words, start = _chain_words(art, ent)
        title, name = split_title(words, _spaces(art, start, len(words)))
        subject = _is_subject(ent.root) and not art.in_quote(ent.start_char)
        if _is_dateline(art, ent):
            continue  # "HARTFORD -- ..." names where the story was filed, not who speaks
        if ent.label_ != "PERSON" and not title:
            if subject and ent.label_ == "ORG":
                index.org_mentions.append((ent.start_char, ent.text))
            continue  # an organisation, a place: not a person unless a title names them
        index.add(name, title or _appositive_title(ent), start, subject=subject)
    _index_untagged_names(art, index)
    return index


def _is_subject(tok: Any) -> bool:
    """The subject of its clause, or the name set beside one ("A retired violinist, Pavel
    Orlov, a friend of Governor Marsh, told ..."): a later "he said" means Orlov, not the
    governor named in passing after him (issue #22)."""
    return tok.dep_ in _SUBJECT_DEPS or tok.dep_ == "appos" and tok.head.dep_ in _SUBJECT_DEPS


def _is_dateline(art: _Article, ent: Any) -> bool:
    """An upper-case place opening a paragraph and followed by a dash: a dateline."""
    para_start = art.paragraph_of(ent.start_char)[0]
    before = art.text[para_start : ent.start_char].strip()
    after = art.text[ent.end_char : ent.end_char + 4].lstrip()
    return not before and ent.text.isupper() and after[:1] in ("-", "—", "–", ",", "(")


def _proper(tok: Any) -> bool:
    """A proper noun, by its fine-grained tag: spaCy's coarse ``pos_`` would need the
    attribute ruler, a pipeline stage that only maps these tags (without it, the parse in
    ``manysides bench quotes`` is 20 % faster, with the same scores)."""
    return tok.tag_ in ("NNP", "NNPS")


def _index_untagged_names(art: _Article, index: PeopleIndex) -> None:
    """Proper-noun chains the entity model missed ("Mayor Ilse Varnhold"): a person when a
    title precedes the name, or a two-word name is the subject of its clause."""
    for tok in art.doc:
        if not _proper(tok) or tok.dep_ == "compound" or tok.ent_type_ or art.in_quote(tok.idx):
            continue
        chain = [c for c in tok.lefts if c.dep_ == "compound" and _proper(c)]
        if not chain:
            continue
        first = min(c.i for c in chain)
        words = [t.text for t in art.doc[first : tok.i + 1]]
        start = art.doc[first].idx
        title, name = split_title(words, _spaces(art, start, len(words)))
        subject = tok.dep_ in _SUBJECT_DEPS
        if name and (title or subject and len(name.split()) >= 2):
            index.add(name, title, start, subject=subject)


# ---------------------------------------------------------------- frames and cues


def _is_sentence_end(text: str, pos: int) -> bool:
    """A '.', '!' or '?' at ``pos`` that ends a sentence (not "Gov." or an initial)."""
    if text[pos] != ".":
        return True
    word = re.search(r"([\w.]+)$", text[:pos])
    if not word:
        return True
    w = word.group(1).lower()
    return not (w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()))


def _line_end(art: _Article, pos: int) -> int:
    found = art.text.find("\n", pos)
    return len(art.text) if found < 0 else found


def _after_frame(art: _Article, group: QuoteGroup, next_open: int) -> tuple[int, int]:
    start = group.close_mark + 1
    # A cue never reaches over a line break: where paragraphs are set off by one newline, the
    # next line's "X added" introduces the next speaker (issue #22).
    limit = min(next_open, art.paragraph_of(group.close_mark)[1], _line_end(art, start))
    for m in _TERMINATOR.finditer(art.text, start, limit):
        if _is_sentence_end(art.text, m.start()):
            return start, m.start() + 1
    return start, limit


def _before_frame(art: _Article, group: QuoteGroup, prev_close: int) -> tuple[int, int]:
    end = group.open_mark
    start = max(prev_close, art.paragraph_of(group.open_mark)[0], art.text.rfind("\n", 0, end) + 1)
    for m in _TERMINATOR.finditer(art.text, start, end):
        if _is_sentence_end(art.text, m.start()):
            start = m.start() + 1
    return start, end


def _is_speech_verb(tok: Any, forms: frozenset[str]) -> bool:
    low = tok.lower_
    return low in forms and (tok.tag_.startswith("VB") or low in ("said", "says"))


def _cue_in(art: _Article, frame: tuple[int, int], nearest_last: bool) -> Any | None:
    """The verb of saying (or "according") in a frame, the one nearest the quote."""
    tokens = [t for t in art.tokens_in(*frame) if not art.in_quote(t.idx)]
    cues = [t for t in tokens if _is_speech_verb(t, SPEECH_FORMS) or t.lower_ == "according"]
    if not cues:
        return None
    if not nearest_last and any(t.lower_ in _SUBORDINATORS and t.i < cues[0].i for t in tokens):
        return None  # '"...," when the clerk read out the budget': a clause of its own, not the quote's tag
    return cues[-1] if nearest_last else cues[0]


# ---------------------------------------------------------------- speakers


def _subject_of(verb: Any, art: _Article) -> Any | None:
    if verb.lower_ == "according":
        for to in verb.children:
            if to.lower_ == "to":
                objs = [c for c in to.children if c.dep_ == "pobj"]
                return objs[0] if objs else None
        return None
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.ent_type_ == "PERSON" and verb.head.i < verb.i:
        # "footage of Clinton asking, ...": the person shown asking (a "statement calling"
        # or "reports alleging" is a document, left to the rules for subjects)
        return verb.head
    shown = _shown_asking(verb)
    if shown is not None:
        return shown
    head = verb
    for _ in range(2):  # "X said ... and added", "X went on to say"
        # "Officials are being told ...": a passive subject is who was told, not who spoke.
        # ("X was quoted as saying" would be the exception; its parse, saying -> as ->
        # quoted, is not followed here, so it is not attributed.)
        # a dash the parse took for a noun ("made public ― Trump boasted") is no one
        subjects = [c for c in head.children if c.dep_ == "nsubj" and not art.in_quote(c.idx) and any(ch.isalnum() for ch in c.text)]
        if subjects:
            return _name_next_to_the_verb(subjects[0], head)
        if head.dep_ == "pcomp" and head.head.dep_ == "prep":
            head = head.head.head  # "by telling them that ...", "despite admitting that ..."
            continue
        if head.dep_ not in ("conj", "xcomp", "advcl") or head.head is head:
            break
        head = head.head
    return None


def _name_next_to_the_verb(subject: Any, verb: Any) -> Any:
    """"To understand the real Dred Scott, Chief Justice Roberts said, …": the parse made the
    name right before the verb an apposition of an earlier one; the name next to the verb is
    who speaks (a "spokesman, John Doe, said" is resolved where the speaker is read)."""
    for child in subject.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON" and child.right_edge.i + 1 == verb.i and subject.i < child.i:
            return child
    return subject


def _shown_asking(verb: Any) -> Any | None:
    """"The ad uses footage of Hillary Clinton asking, ...": the person of "footage of X"
    right before the verb, where the parse hung the verb on the clause's own verb."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("xcomp", "advcl") or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.ent_type_ == "PERSON" and before.dep_ == "pobj" and before.head.lower_ == "of":
        return before
    return None


#: Children of a verb of saying that hold what was said or whom it was said to, never who said it.
_NOT_SPEAKER_DEPS = frozenset({"ccomp", "dobj", "dative", "prep", "xcomp", "advcl", "pobj", "attr", "oprd"})


def _nearby_name(art: _Article, verb: Any) -> Any | None:
    """A name or pronoun right beside the verb when the parse gave it no subject; not one in
    what was said ("as saying Weinstein attacked her") or its addressee ("said to the Post")."""
    inside = {t.i for c in verb.children if c.dep_ in _NOT_SPEAKER_DEPS for t in c.subtree}
    for offset in (1, -1, 2, -2, 3):
        i = verb.i + offset
        if 0 <= i < len(art.doc):
            tok = art.doc[i]
            if art.in_quote(tok.idx) or i in inside or tok.dep_ in ("pobj", "dobj", "dative"):
                continue
            if tok.ent_type_ in _NAMED_LABELS or tok.lower_ in PERSON_PRONOUNS | PLURAL_PRONOUNS:
                return tok
    return None


#: Entity labels that never speak: "Musk, 46, made the announcement" tagged a DATE ("Musk, 46")
#: made a speaker of a name and an age.
_MUTE_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


def _entity_of(art: _Article, tok: Any) -> Any | None:
    """The entity the token is part of, where it is one that can speak."""
    for ent in art.doc.ents:
        if ent.start <= tok.i < ent.end:
            return None if ent.label_ in _MUTE_LABELS else ent
    return None


#: "his claim" is what "he" claims.
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they"}


def _speaker_from(art: _Article, tok: Any) -> _Speaker:
    """Resolve a subject token to a speaker: a full name, an organisation or a descriptor."""
    low = _POSSESSIVE_PRONOUNS.get(tok.lower_, tok.lower_) if tok.dep_ == "poss" else tok.lower_
    span = (tok.idx, tok.idx + len(tok))
    if low in PERSON_PRONOUNS or low in PLURAL_PRONOUNS:
        name = art.people.antecedent(tok.idx, low in PLURAL_PRONOUNS, PRONOUN_WINDOW)
        # "he told Thurman", ""...," he announced, as Perry recalled": the antecedent named in the
        # same sentence other than as a subject before the pronoun is someone the pronoun is not
        last = name.split()[-1] if name else ""
        elsewhere = bool(last) and any(
            t.text == last and not (t.i < tok.i and t.dep_ in _SUBJECT_DEPS) for t in tok.sent
        ) and not any(t.text == last and t.i < tok.i and t.dep_ in _SUBJECT_DEPS for t in tok.sent)
        return _Speaker(name, art.people.title_of(name) if name else "", span, "pronoun" if elsewhere else "")
    if low == "who" and tok.head.dep_ == "relcl":
        return _speaker_from(art, _person_before_who(tok.head.head))  # "Malloy, who said ..."
    if low == "it" and tok.dep_ == "nsubj":
        # "..., it added": a newspaper, an agency, a document named before speaks on
        name = art.people.antecedent(tok.idx, True, PRONOUN_WINDOW)
        return _Speaker(name, "", span)
    if low in _NON_SPEAKERS:
        return _Speaker("", "", span)
    ent = _entity_of(art, tok)
    if ent is None:
        for child in tok.children:  # "a spokesman, John Doe, said"
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                ent = _entity_of(art, child)
                break
    if ent is not None or _proper(tok):
        return _named_speaker(art, tok, ent)
    return _descriptor_speaker(art, tok)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _person_before_who(tok: Any) -> Any:
    """"Democrats on Capitol Hill, who have argued": "who" means a person, so a place it
    follows gives way to the noun the place's phrase hangs on."""
    while tok.ent_type_ in _PLACE_LABELS and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and not tok.head.head.tag_.startswith("VB"):
        tok = tok.head.head
    return tok


def _named_speaker(art: _Article, tok: Any, ent: Any | None) -> _Speaker:
    if ent is not None:
        words, start = _chain_words(art, ent)
        last = art.doc[hyphen_glued_end(art.doc, ent.end) - 1]
        end = last.idx + len(last)
    else:  # a proper noun the model did not tag: take its compound chain
        left = [c for c in tok.lefts if c.dep_ == "compound" or _proper(c)]
        first = min([tok.i] + [c.i for c in left])
        words, start, end = [t.text for t in art.doc[first : tok.i + 1]], art.doc[first].idx, tok.idx + len(tok)
    title, name = split_title(words, _spaces(art, start, len(words)))
    if len(words) == 1 and is_role_word(words[0]):  # "Governor said": the one governor named
        name = art.people.by_role(words[0].lower())
        return _Speaker(name, art.people.title_of(name), (start, end)) if name else _NO_SPEAKER
    if ent is not None and ent.label_ != "PERSON" and not title:
        known = art.people.full_name(name) if name else ""
        if known not in art.people.people:  # the model's label slipped on a known person
            if ent.label_ in ("GPE", "LOC", "FAC", "NORP"):
                # "Iran said" is often right, but a place ("in Sao Paulo said") is as often a parse
                # slip, and a nationality ("the South African") names no one: found, not shown
                return _Speaker(ent.text, "", (ent.start_char, end), doubt="place")
            return _Speaker(ent.text, "", (ent.start_char, end))  # an organisation speaks
    if not name:
        return _Speaker(" ".join(words), "", (start, end))
    full = art.people.full_name(name)
    return _Speaker(full, title if len(name.split()) > 1 and title else art.people.title_of(full) or title, (start, end))


def _descriptor_speaker(art: _Article, tok: Any) -> _Speaker:
    """A speaker named by role ("the governor", "Connecticut's Democratic governor") or
    description ("a source")."""
    if is_role_word(tok.text) and any(c.lower_ == "the" or c.dep_ == "poss" for c in tok.lefts):
        name = art.people.by_role(tok.lower_)
        if name:
            return _Speaker(name, art.people.title_of(name), (tok.idx, tok.idx + len(tok)))
    first = max(tok.left_edge.i, tok.i - MAX_DESCRIPTOR_TOKENS)
    while first < tok.i and (art.doc[first].is_punct or art.in_quote(art.doc[first].idx)):
        first += 1
    subtree = {t.i for t in tok.subtree}
    last = tok.i  # "a spokesman for the governor": follow the prepositional phrase, no clause
    while (
        last + 1 in subtree
        and last + 1 - first < MAX_DESCRIPTOR_TOKENS
        and art.doc[last + 1].dep_ in _DESCRIPTOR_DEPS
        and not art.doc[last + 1].is_punct
    ):
        last += 1
    a, b = art.doc[first].idx, art.doc[last].idx + len(art.doc[last])
    named = _organisation_named_before(art, tok) if last == tok.i and first == tok.i - 1 and art.doc[first].lower_ == "the" else None
    return _Speaker(named or art.text[a:b], "", (a, b))


def _organisation_named_before(art: _Article, tok: Any) -> str | None:
    """"the department" after "the state Department of Transportation": the one
    organisation named earlier in the article with that word in its name, or None."""
    if not tok.text.islower():
        return None
    word = tok.text.capitalize()
    names = {_THE_BEFORE_NAME.sub("", e.text) for e in art.doc.ents if e.label_ == "ORG" and e.end_char <= tok.idx and word in e.text.split()}
    return names.pop() if len(names) == 1 else None


def _speaker_of_cue(art: _Article, cue: Any) -> _Speaker:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children):
        return _NO_SPEAKER  # "it was reported that X ...": nobody is named as saying it
    subject = _subject_of(cue, art)
    if subject is None and cue.lower_ != "according":
        subject = _nearby_name(art, cue)
    return _speaker_from(art, subject) if subject is not None else _NO_SPEAKER


# ---------------------------------------------------------------- direct quotes


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _colon_speaker(art: _Article, frame: tuple[int, int]) -> _Speaker:
    """`Trump on Twitter: "..."`: a name before a colon that introduces the quote."""
    if not art.text[frame[0] : frame[1]].rstrip().endswith(":"):
        return _NO_SPEAKER
    if any(t.tag_.startswith("VB") for t in art.tokens_in(*frame)):
        return _NO_SPEAKER  # "Lorde stitched a poem into her dress: "...": a verb, and not one of saying
    names = [t for t in art.tokens_in(*frame) if t.ent_type_ in ("PERSON", "ORG")]
    return _speaker_from(art, names[0]) if names else _NO_SPEAKER


def _direct(art: _Article) -> list[Attribution]:
    out: list[Attribution] = []
    previous: Attribution | None = None
    groups = art.groups
    for i, group in enumerate(groups):
        next_open = groups[i + 1].open_mark if i + 1 < len(groups) else len(art.text)
        prev_close = groups[i - 1].close_mark + 1 if i else 0
        after = _after_frame(art, group, next_open)
        before = _before_frame(art, group, prev_close)
        frames = [(gap, False) for gap in group.inner_gaps] + [(after, False), (before, True)]
        if _closes_with_stop(art, group):
            frames.remove((after, False))
        lead_in = _lead_in_frame(art, group, before)
        if lead_in is not None:
            frames.append((lead_in, True))
        cue, frame = None, None
        for frame, nearest_last in frames:
            cue = _cue_in(art, frame, nearest_last)
            if cue is not None:
                break
        text = group.text_of(art.text)
        n_words = _words(text)
        speaker = _speaker_of_cue(art, cue) if cue is not None else _NO_SPEAKER
        if speaker.name:
            distance = len(art.tokens_in(*_between(cue, group)))
            if n_words < SHORT_QUOTE_WORDS and distance > ADJACENT_CUE_TOKENS:
                continue
        else:  # no cue, or a cue with no one saying it ("Confirming ... "to determine ..."")
            cue = None
            speaker = _colon_speaker(art, before)
            if not speaker.name and lead_in is not None:
                speaker = _colon_speaker(art, lead_in)
            if not speaker.name:
                speaker = _dash_speaker(art, after)
            if not speaker.name and previous is not None:
                speaker = _same_paragraph_speaker(art, group, previous, before)
            if not speaker.name:
                speaker = _inherited(art, group, previous)
                if not speaker.name and (n_words < UNCUED_MIN_WORDS or art.text[before[0] : before[1]].strip()):
                    continue  # a phrase held at arm's length, a title, a scare quote
        doubt = speaker.doubt or ("fragment" if _woven_fragment(art, group, before) else "")
        cue_text = "according to" if cue is not None and cue.lower_ == "according" else (cue.text if cue else "")
        attribution = Attribution(
            art.id,
            "direct",
            text,
            tuple((p.start, p.end) for p in group.pieces),
            speaker.name,
            speaker.title,
            speaker.span,
            cue_text,
            art.context(group.open_mark, max(group.close_mark, after[1] if cue is not None else 0)),
            doubt,
        )
        out.append(attribution)
        previous = attribution
    return out


#: Doubts about who speaks, which a quote taking the same speaker inherits (not doubts
#: about one quote's words).
_SPEAKER_DOUBTS = ("place", "pronoun")


def _speaker_doubt(previous: Attribution) -> str:
    return previous.doubt if previous.doubt in _SPEAKER_DOUBTS else ""


def _closes_with_stop(art: _Article, group: QuoteGroup) -> bool:
    """`"That makes me smart." Trump was defensive when ... said`: a quote ending on a full stop
    ended its sentence, so a cue after it belongs to the next one (a "?" or "!" often
    hands over to its cue: `"Why not?" she asked`)."""
    inner = art.text[group.pieces[-1].start : group.close_mark].rstrip(" '`")
    return inner.endswith(".") and not inner.endswith("..")


def _woven_fragment(art: _Article, group: QuoteGroup, before: tuple[int, int]) -> bool:
    """A partial quote set inside the narrator's sentence and shorter than a clause ("the men
    appeared to be "Tall and Young"") or running on into the narrator's words ("adding that
    "the capital wields sway" in earlier leaks"): alone it is a phrase, or it loses what the
    sentence around it says it is about (issue #22)."""
    lead = art.text[before[0] : before[1]].split("\n")[-1].rstrip()
    if not lead or not lead[-1].isalnum():
        return False  # it opens its line or sentence, or follows a colon or comma that hands over to it
    if art.text[group.close_mark + 1 : group.close_mark + 3].strip()[:1].isalnum():
        return True
    words = [t for p in group.pieces for t in art.tokens_in(p.start, p.end)]
    return not any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in words)


def _dash_speaker(art: _Article, after: tuple[int, int]) -> _Speaker:
    """`"..." ― Carla Sanchez`: a name set after a dash, as in collected reactions."""
    dash = re.match(r"\s*[―—–-]+\s*", art.text[after[0] : after[1]])
    if not dash:
        return _NO_SPEAKER
    # the name opens what follows the dash; a dash that goes on with the narrator's clause
    # ("- a charge that ... at Harvard Law School") names no one
    names = []
    for t in art.tokens_in(after[0] + dash.end(), after[1]):
        if not (t.ent_type_ == "PERSON" or _proper(t)):
            break
        names.append(t)
    return _speaker_from(art, names[-1].head if names[-1].dep_ == "compound" else names[-1]) if names else _NO_SPEAKER


def _same_paragraph_speaker(
    art: _Article, group: QuoteGroup, previous: Attribution, before: tuple[int, int]
) -> _Speaker:
    """A quote opening a sentence right after another quote in its paragraph: same speaker."""
    if art.text[before[0] : before[1]].strip() or not previous.speaker:
        return _NO_SPEAKER
    if art.paragraph_of(previous.start) != art.paragraph_of(group.open_mark):
        return _NO_SPEAKER
    # the mention the speaker was read from stays the one before (a reader looks back to it)
    return _Speaker(previous.speaker, previous.speaker_title, previous.speaker_span, _speaker_doubt(previous))


def _lead_in_frame(art: _Article, group: QuoteGroup, before: tuple[int, int]) -> tuple[int, int] | None:
    """A quote opening its paragraph after one ending in a colon ("Malloy tweeted:")."""
    if art.text[before[0] : before[1]].strip():
        return None
    par_start, _ = art.paragraph_of(group.open_mark)
    previous = [p for p in art.paragraphs if p[1] <= par_start]
    if not previous or not art.text[previous[-1][0] : previous[-1][1]].rstrip().endswith(":"):
        return None
    start, end = previous[-1]
    for m in _TERMINATOR.finditer(art.text, start, end):
        if _is_sentence_end(art.text, m.start()) and m.start() + 1 < end - 1:
            start = m.start() + 1
    return start, end


def _between(cue: Any, group: QuoteGroup) -> tuple[int, int]:
    if cue.idx >= group.close_mark:
        return group.close_mark + 1, cue.idx
    if cue.idx + len(cue) <= group.open_mark:
        return cue.idx + len(cue), group.open_mark
    return cue.idx, cue.idx  # a cue inside the split quote's gap sits right beside it


def _inherited(art: _Article, group: QuoteGroup, previous: Attribution | None) -> _Speaker:
    """A paragraph that is only a quote continues the previous paragraph's speaker."""
    if previous is None or not previous.speaker:
        return _NO_SPEAKER
    par_start, _ = art.paragraph_of(group.open_mark)
    if art.text[par_start : group.open_mark].strip():
        return _NO_SPEAKER
    prev_par_start, _ = art.paragraph_of(previous.start)
    between = [p for p in art.paragraphs if prev_par_start <= p[0] < par_start]
    if len(between) > 1:
        return _NO_SPEAKER
    # the mention the speaker was read from stays the one before (a reader looks back to it)
    return _Speaker(previous.speaker, previous.speaker_title, previous.speaker_span, _speaker_doubt(previous))


# ---------------------------------------------------------------- reported speech


def _quoted_share(art: _Article, start: int, end: int) -> float:
    covered = sum(max(0, min(end, b) - max(start, a)) for a, b in art.quoted)
    return covered / max(1, end - start)


def _introduces_quote(art: _Article, span: tuple[int, int]) -> bool:
    """The clause is a direct quote the verb introduces (it opens inside the marks and is
    mostly quoted), not reported words that weave a partial quote in ("she wanted to speak
    "directly to white people"", which PolNeAR, like a reader, takes whole)."""
    opens_quoted = art.in_quote(span[0]) or art.text[max(0, span[0] - 1) : span[0]] in ('"', "“", "'")
    return _quoted_share(art, *span) >= 0.5 and opens_quoted


#: Marks a content keeps at its end: the close of a quotation it carries ("... 'may well rise'").
_CLOSING_MARKS = ('"', "”", "'", "’")


#: What closes a double quotation left open at the end of reported words: a mark, perhaps after a stop.
_OPEN_QUOTE_CLOSES = re.compile(r"[.,!?]?[\"”]")


def _open_double_quote(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def _opens_single_quote(text: str) -> bool:
    return bool(re.search(r"(?:^|[\s(])['‘]\w", text))


def _narrator_adverb(tokens: Sequence[Any]) -> bool:
    """"says only that …", "said simply that …": the adverb is the narrator's, not the speaker's."""
    return len(tokens) > 1 and tokens[0].lower_ in ("only", "merely", "simply", "just") and tokens[1].lower_ == "that"


def _content_span(art: _Article, tokens: Sequence[Any], min_tokens: int = 3) -> tuple[int, int] | None:
    tokens = list(tokens)
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "mark" and tokens[0].lower_ == "that"
                      or _narrator_adverb(tokens)):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or tokens[-1].is_punct and tokens[-1].text not in _CLOSING_MARKS):
        tokens = tokens[:-1]
    if len(tokens) < min_tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if art.text[end : end + 1] in ("'", "’") and _opens_single_quote(art.text[start:end]):
        end += 1  # "his brain is 'perfectly fine'": the parse hung the closing mark on the verb of saying
    closing = _OPEN_QUOTE_CLOSES.match(art.text, end)
    if closing and _open_double_quote(art.text[start:end]):
        end = closing.end()  # "the town "will not be cut off again."": the same, for double marks
    # "SEOUL, South Korea — North Korea fired ..., according to ...": where the outlet filed
    # from is the narrator's, not the source's (issue #22)
    return start + dateline_end(art.text[start:end]), end


_DENIALS = frozenset({"deny", "denies", "denied", "denying", "dispute", "disputes", "disputed", "disputing", "reject",
                      "rejects", "rejected", "rejecting", "refute", "refutes", "refuted", "dismiss", "dismissed", "dismisses"})
_NEGATING_HEADS = frozenset({"refuse", "refused", "refuses", "decline", "declined", "declines", "fail", "failed", "fails"})


def _negated(cue: Any) -> bool:
    return (
        cue.lower_ in _DENIALS
        or any(c.dep_ == "neg" for c in cue.children)
        or cue.dep_ == "xcomp" and cue.head.lower_ in _NEGATING_HEADS
    )


_FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
#: Words that open what a statement depends on: a condition, a cause, a time, a contrast.
_SUBORDINATORS = frozenset("if unless until because although though while when whereas except provided once".split())
#: Words a statement cannot end on: the parse cut it mid-phrase ("... has been delayed and").
_DANGLING_ENDS = frozenset(
    "and or but nor the a an of to that with in on at for from by as than if when because which who whose".split()
)
#: Where the narrator, not the source, speaks inside reported words: a hedge of their own
#: ("reportedly", "allegedly") or distance from a term ("so-called").
_NARRATOR_HEDGES = frozenset("reportedly allegedly purportedly supposedly so-called".split())


#: "a roadster believed to be his own car", "a man thought to be 30": a passive participle
#: before "to", which the parse may tag as a past tense with the noun for its subject.
_REDUCED_PASSIVES = frozenset({"believed", "thought", "said", "reported", "expected", "alleged", "understood", "known",
                               "considered", "estimated", "rumoured", "rumored", "feared", "presumed", "suspected"})


def _is_finite_clause(tokens: Sequence[Any]) -> bool:
    """Words with a finite verb: a statement, not a noun phrase the parse hung on the verb
    ("revealed photos of the store, a glass building believed to be ...")."""
    return any(
        t.tag_ in _FINITE_TAGS and not (t.lower_ in _REDUCED_PASSIVES and t.i + 1 < len(t.doc) and t.nbor().lower_ == "to")
        for t in tokens
    )


def _rest_carries_more(art: _Article, cue: Any, span: tuple[int, int]) -> bool:
    """"X said the bridge will open in May or so if the rain stops": the sentence goes on
    after the words with a condition, a cause, or a verb of its own (not one of saying), so the
    words shown lack what they depend on (a promise without its "unless", issue #22)."""
    tail = [t for t in art.tokens_in(span[1], cue.sent.end_char) if not art.in_quote(t.idx)]
    aside = _aside_after(tail)
    tail = [t for t in tail if t.i not in aside]  # the narrator's appositive, cut from the words
    return any(
        t.lower_ in _SUBORDINATORS or t.tag_ in _FINITE_TAGS and t.lower_ not in SPEECH_FORMS for t in tail
    )


def _narrator_around(art: _Article, cue: Any, span: tuple[int, int]) -> bool:
    """"A, but she didn't think much of it, she wrote" / "A happened when B, reports X" / "A,
    spokeswoman Y told ...": a cue after the words governs them only when they open its sentence
    and a comma hands over to the cue; narrator's words before them, or words running on into
    the cue's subject, leave unclear what the source said."""
    opening = cue.sent.start_char
    before = art.text[opening + dateline_end(art.text[opening : span[1]]) : span[0]]
    if _WORD.search(before.replace("According to", "").replace("according to", "")):
        return True
    after = art.text[span[1] : cue.idx].lstrip("”\"'’ ")
    return not after.startswith(",")


#: Verbs that inside reported words can only mean someone else's report ("observe",
#: "report", "announce" also name events: "will observe three days of mourning").
_CITING_FORMS = frozenset(f for f in SPEECH_FORMS if f.startswith(("say", "said", "tell", "told", "claim", "alleg")))


def _speaks_itself(tokens: Sequence[Any]) -> bool:
    """The words carry a report of their own ("industry sources claim the phone ..."): the
    source cites someone else, whose words these are. A pronoun subject is most often the
    speaker ("he said he told her"), so it does not count."""
    inside = {t.i for t in tokens}
    return any(
        t.lower_ in _CITING_FORMS
        and t.tag_.startswith("VB")
        and any(c.dep_ == "nsubj" and c.i in inside and c.tag_ != "PRP" for c in t.children)
        for t in tokens
    )


def _content_doubt(art: _Article, cue: Any, span: tuple[int, int], subordinate: bool) -> str:
    """Why reported words should not be shown bare, or ""."""
    tokens = art.tokens_in(*span)
    words = [t.lower_ for t in tokens if not t.is_punct]
    if art.in_quote(span[0]) and not art.in_quote(span[1] - 1):
        return "cut"  # 'smart," when Clinton blasted him': the parse ran from a quote's tail into the narrator's words
    if subordinate or not words or words[-1] in _DANGLING_ENDS or _speaks_itself(tokens):
        return "cut"
    if not _is_finite_clause(tokens):
        return "cut"  # a noun phrase, not a statement
    if any(w in _NARRATOR_HEDGES for w in words) or "so-called" in art.text[span[0] : span[1]].lower():
        return "cut"
    if cue.idx < span[0]:
        return "cut" if _rest_carries_more(art, cue, span) else ""
    return "cut" if _narrator_around(art, cue, span) else ""


#: Prepositions that carry what a stance verb asks or argues for ("called for a ban").
_TOPIC_PREPS = frozenset({"for", "about", "on", "of", "against"})
#: What a stance verb's object can be: the thing said ("acknowledged the risk"), a
#: to-infinitive ("vowed to fight"), a predicate ("called it a hoax").
_OBJECT_DEPS = frozenset({"dobj", "xcomp", "oprd", "ccomp", "attr"})


#: What may follow a stance verb's object and still belong to what was held or asked.
_OBJECT_GOES_ON = frozenset({"prep", "npadvmod"})


def _object_content(verb: Any) -> list[Any]:
    """The words after a stance verb that say what was said or held: its object and what
    completes it ("called [half his supporters deplorables]", "urged [Republicans to join]"),
    or the object of "for"/"about" ("called for [a ban]")."""
    parts = [c for c in verb.rights if c.dep_ in _OBJECT_DEPS]
    if verb.lower_ in ADDRESSEE_FORMS and not any(c.dep_ in ("xcomp", "ccomp", "oprd") for c in parts):
        return []  # "told reporters": whom it was said to, not what
    if not parts:
        preps = [c for c in verb.rights if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS]
        parts = [o for p in preps[:1] for o in p.children if o.dep_ == "pobj"]
    if parts:
        # what the verb's object goes on to say: "cited his endorsements [from 88 generals]",
        # "called it an ailment [during grueling bids]" (the parse hangs it on the verb)
        last = max(t.i for c in parts for t in c.subtree)
        parts += [c for c in verb.rights if c.i > last and c.dep_ in _OBJECT_GOES_ON]
    return [t for c in parts for t in c.subtree]


#: Nouns that carry what someone said or holds in a "that" clause ("her claim that ...").
CUE_NOUNS = frozenset(
    """claim claims assertion assertions allegation allegations argument warning promise pledge
    insistence accusation accusations announcement admission belief contention suggestion
    prediction statement view assurance assurances vow threat""".split()
)


def _noun_clause(noun: Any) -> Any | None:
    """The "that" clause a cue noun carries ("the claim [that ...]"), not a relative clause
    ("the claim [that he made]", which has a gap for its object)."""
    for child in noun.rights:
        if child.dep_ in ("acl", "ccomp", "appos") and child.tag_.startswith("VB"):
            marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ == "that"]
            subjects = [c for c in child.children if c.dep_ in _CLAUSE_SUBJECTS]
            if marks and subjects:
                return child
    return None


def _noun_owner(noun: Any) -> Any | None:
    """Whose claim: a possessive ("Trump's claim") or a "by" phrase ("a claim by the mayor")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _speakers_next_act(tok: Any) -> bool:
    """A verb joined on inside the reported words that is the speaker's own next act: a verb
    of saying ("said he would order a review and warned ..."), or a past tense with no subject
    of its own joined to words in the present or with a modal ("agreed that it cannot be controlled but
    dismissed concerns ..."): the narrator's past, not the speaker's words."""
    if tok.dep_ != "conj" or not tok.tag_.startswith("VB"):
        return False
    if tok.lower_ in SPEECH_FORMS:
        return True
    own_subject = any(c.dep_ in _CLAUSE_SUBJECTS for c in tok.children)
    # "has said the games will ensure safety and proposed last month …": a participle the
    # parse joins to an active verb shares the cue's "has", not the words' tense (a reader
    # found Moon's "proposed last month" in his words); "will be reviewed and approved" is one
    participle = tok.tag_ == "VBN" and tok.head.tag_ in ("VB", "VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
    return (tok.tag_ == "VBD" or participle) and not own_subject and _present_or_modal(tok.head)


def _present_or_modal(verb: Any) -> bool:
    """"cannot be controlled", "would order", "is": the words' own tense, which a past-tense
    verb joined to them does not share (a past perfect "had set ... and represented" does)."""
    return verb.tag_ in ("VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP", "MD") for c in verb.children
    )


#: Subjects of a small clause, never of a statement ("found himself ...", "showed him ...").
_OBJECT_CASE = frozenset("himself herself itself themselves myself ourselves yourself him her them me us".split())


def _clause_fits(verb: Any) -> bool:
    """A finding or knowledge verb reports a clause with a finite verb and a subject of its own
    ("the survey found [most residents want ...]"), not a small clause ("found [himself caught
    up]", "showed [him leaving]")."""
    if verb.lower_ not in EVIDENCE_FORMS:
        return True
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        subjects = [c for c in clause.children if c.dep_ in _CLAUSE_SUBJECTS]
        auxiliaries = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
        finite = clause.tag_ in _FINITE_TAGS or any(a.tag_ in _FINITE_TAGS for a in auxiliaries)
        if subjects and finite and not any(s.lower_ in _OBJECT_CASE for s in subjects):
            return True
    return False


def _without_second_cue(clause: Any) -> list[Any]:
    """The reported words up to the speaker's next act joined on inside them (it comes after
    them, and what the parse hangs beyond it belongs to it)."""
    for tok in clause.subtree:
        if _speakers_next_act(tok):
            cut = min([tok.i] + [c.i for c in tok.head.children if c.dep_ == "cc" and c.i < tok.i])
            return [t for t in clause.subtree if t.i < cut]
    return list(clause.subtree)


#: Fewest words reported words keep once an aside is cut from them.
MIN_KEPT_TOKENS = 3


def _phrase_at(tok: Any) -> Any:
    """The largest phrase that opens on ``tok``: its highest ancestor whose words start there."""
    head = tok
    while head.head is not head and head.head.left_edge.i == tok.i:
        head = head.head
    return head


def _appositive_at(tok: Any) -> Any | None:
    """The appositive that opens on ``tok`` ("…, the presumed Putin favorite"), if one does."""
    phrase = _phrase_at(tok)
    return phrase if phrase.dep_ == "appos" else None


def _without_narrators_tail(content: list[Any]) -> list[Any]:
    """Reported words less what the narrator adds after them up to their end: an appositive
    on their last name ("he did not support Mr. Trump, the presumed Putin favorite") or a
    clause after a semicolon. PolNeAR's annotators leave both out of the source's words (dev:
    reported precision 0.823 -> 0.827; cutting relative clauses, "-ing" clauses or clauses of
    contrast too was no better or worse: the annotators keep as many as they leave out), and
    a brief that shows them puts the narrator's words in the source's mouth."""
    for p in range(MIN_KEPT_TOKENS, len(content) - 1):
        mark, after = content[p], content[p + 1]
        if mark.text not in (",", ";") or after.i != mark.i + 1:
            continue
        aside = _appositive_at(after) if mark.text == "," else None
        if mark.text == ";" or aside is not None and aside.right_edge.i >= content[-1].i:
            return content[:p]
    return content


def _aside_after(tail: Sequence[Any]) -> set[int]:
    """Token indices of an appositive that opens ``tail`` after its comma (``_without_narrators_tail``)."""
    aside = _appositive_at(tail[1]) if len(tail) >= 2 and tail[0].text == "," else None
    return {t.i for t in aside.subtree} if aside is not None else set()


def _clauses_run_on(comps: Sequence[Any]) -> list[Any]:
    """The reported words of the first clause, and of each clause the parse hung on the cue
    right after it ("told X it is clear that the hacking of A, B and C can be traced to …" read
    as two clauses: shown alone, the first lacks its verb)."""
    if not comps:
        return []
    content = _without_second_cue(comps[0])
    for clause in comps[1:]:
        if clause.lower_ in SPEECH_FORMS:
            break  # "…, CBS News reported": another source, not more of the words
        following = _without_second_cue(clause)
        if not content or not following or following[0].i < content[-1].i:
            break
        gap = content[-1].doc[content[-1].i + 1 : following[0].i]
        if any(not t.is_punct and not t.is_space and t.dep_ != "cc" for t in gap):
            break
        content = content + list(gap) + following
    return content


def _sentence_before_cue(cue: Any, clause: Any) -> list[Any] | None:
    """"A, but B, the clerk added": a cue after its words, with its subject after them too,
    governs all the sentence before it, though the parse hangs only "B" on it."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if clause.i > cue.i or subject is None or subject.i < clause.i:
        return None
    first = min(subject.left_edge.i, cue.i)
    return [t for t in cue.sent if t.i < first]


def _adds_a_clause(whole: Sequence[Any], clause: Sequence[Any]) -> bool:
    """The sentence before the cue holds a finite verb the parsed clause lacks, not only an
    opening "But" or a dateline (those leave the words as they were, and shown)."""
    inside = {t.i for t in clause}
    return any(t.tag_ in _FINITE_TAGS and t.i not in inside for t in whole)


def _interrupts(cue: Any) -> bool:
    """A cue set inside the clause it reports, "A, X said, B": the clause goes on after the
    cue, whichever side of it the parse put the clause's head."""
    last = max(t.i for t in cue.subtree)
    return cue.head.i > cue.i or any(t.i > last and not t.is_punct for t in cue.head.subtree)


def _split_pieces(art: _Article, cue: Any, content: Sequence[Any]) -> list[tuple[int, int] | None]:
    """The words on either side of a cue set inside them, without the cue and its speaker
    ("The bridge, the mayor says, is closed" -> "The bridge", "is closed")."""
    first = min(t.i for t in cue.subtree)
    before = [t for t in content if t.i < first]
    after = [t for t in content if t.i > first]
    return [_content_span(art, before, min_tokens=1), _content_span(art, after, min_tokens=1)]


def _reported_speaker(art: _Article, cue: Any, shape_doubt: str) -> _Speaker:
    """Who the reported words are from: a cue noun's owner ("Trump's claim"; none named, no
    one), else the cue's subject; a pronoun left unresolved is kept as written."""
    if shape_doubt == "noun":
        owner = _noun_owner(cue)
        return _unresolved_as_written(art, _speaker_from(art, owner)) if owner is not None else _NO_SPEAKER
    return _unresolved_as_written(art, _speaker_of_cue(art, cue))


def _reported(art: _Article) -> list[Attribution]:
    out: list[Attribution] = []
    for tok in art.doc:
        if art.in_quote(tok.idx):
            continue
        shape_doubt = ""
        if tok.lower_ == "according":
            head = tok.head
            skip = {t.i for t in tok.subtree}
            content = [t for t in head.subtree if t.i not in skip] if head is not tok else []
            cue_text = "according to"
            subordinate = False
        elif _is_speech_verb(tok, REPORTING_FORMS) and any(c.dep_ == "ccomp" for c in tok.children) and _clause_fits(tok):
            comps = [c for c in tok.children if c.dep_ == "ccomp"]
            # "said that even though X, Y": the parse took the subordinate clause, Y is lost
            subordinate = bool(comps) and any(c.dep_ == "mark" and c.lower_ not in ("that", "whether") for c in comps[0].children)
            content = _clauses_run_on(comps)
            # "injuries she says still haven't healed": the clause's subject lies outside it
            subordinate = subordinate or bool(comps) and not any(c.dep_ in _CLAUSE_SUBJECTS for c in comps[0].children)
            cue_text = tok.text
            # "denied that the girls were swapped", "did not say that", "declined to confirm that":
            # shown bare, the words would read as the speaker's assertion, the opposite of it
            subordinate = subordinate or _negated(tok)
            whole = _sentence_before_cue(tok, comps[0])
            if whole is not None and _adds_a_clause(whole, content):
                # found for the bench, not shown: the narrator may speak in the clauses added
                content, shape_doubt = whole, "joined"
        elif _is_speech_verb(tok, REPORTING_FORMS) and tok.dep_ == "parataxis" and _interrupts(tok):
            # "The bridge, the mayor says, is ...": the words are the clause the cue interrupts
            skip = {t.i for t in tok.subtree}
            content = [t for t in tok.head.subtree if t.i not in skip]
            cue_text, subordinate, shape_doubt = tok.text, False, "split"
        elif tok.lower_ in CUE_NOUNS and tok.tag_.startswith("NN") and _noun_clause(tok) is not None:
            # "Trump's claim that the vote is rigged": the words are the claim's, its owner's
            content = list(_noun_clause(tok).subtree)
            cue_text, subordinate, shape_doubt = tok.text, False, "noun"
        elif tok.lower_ in STANCE_FORMS and tok.tag_.startswith("VB"):
            # PolNeAR counts "X called for Y" as X's; a brief shows statements only
            content = _object_content(tok)
            cue_text = tok.text
            subordinate = False
            shape_doubt = "object"
        else:
            continue
        paragraph = art.paragraph_of(tok.idx)  # a parse never carries speech across paragraphs
        content = _without_narrators_tail([t for t in content if paragraph[0] <= t.idx < paragraph[1]])
        pieces = _split_pieces(art, tok, content) if shape_doubt == "split" else [_content_span(art, content)]
        spans = tuple(p for p in pieces if p is not None)
        span = (spans[0][0], spans[-1][1]) if spans else None
        if span is None or _introduces_quote(art, span):
            continue  # no clause, or it is a direct quote this verb introduces
        speaker = _reported_speaker(art, tok, shape_doubt)
        if not speaker.name:
            continue
        out.append(
            Attribution(
                art.id, "reported", " ".join(art.text[a:b] for a, b in spans), spans, speaker.name,
                speaker.title, speaker.span, cue_text, art.context(min(span[0], tok.idx), span[1]),
                shape_doubt or _content_doubt(art, tok, span, subordinate) or speaker.doubt,
            )
        )
    return out


#: Pronouns that stand for a speaker ("we" a group, "I" an opinion writer).
_UNRESOLVED_PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS | {"it", "i", "we", "his", "her", "their", "its", "my", "our"}


#: "Pence: Flowers Won't Be at Debate" (a headline), "WALLACE: Do you ...?" (a transcript): a
#: line that opens with a name of at most four capitalised words and a colon gives that name's
#: words; an outlet printing a transcript may open each line with a quotation mark ('"WALLACE:
#: ...'). Labels that are not speakers are left out.
_COLON_LINE = re.compile(r"^[ \t]*[\"“]?((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*):[ \t]+(?=[^\s\"“”'‘])")
_NOT_SPEAKER_LABELS = frozenset(
    "note update updated related photo photos video watch read editor editor's source sources correction "
    "advertisement caption credit image q a listen see also more share tags".split()
)


def _colon_lines(art: _Article) -> list[Attribution]:
    """Words set after a speaker's name and a colon at the start of a line; found for the
    bench, not shown (a headline's words are the outlet's summary, a transcript line has no cue)."""
    out = []
    for m in re.finditer(r"(?m)^.*$", art.text):
        line = _COLON_LINE.match(m.group(0))
        if not line or any(w.lower().strip(".") in _NOT_SPEAKER_LABELS for w in line.group(1).split()):
            continue
        name_start = m.start() + line.start(1)
        names = [t for t in art.tokens_in(name_start, m.start() + line.end(1)) if _proper(t) or t.ent_type_ in ("PERSON", "ORG")]
        if not names:
            continue
        start, end = m.start() + line.end(), m.end()
        content = art.text[start:end].rstrip()
        if _words(content) < 3:
            continue
        speaker = line.group(1)
        name = art.people.full_name(speaker) if speaker.istitle() else speaker  # "PENCE" as written
        out.append(Attribution(
            art.id, "reported", content, ((start, start + len(content)),), name,
            "", (name_start, name_start + len(speaker)), ":", content, "colon",
        ))
    return out


def _unresolved_as_written(art: _Article, speaker: _Speaker) -> _Speaker:
    """Reported words whose speaker is a pronoun with no one to resolve to ("they say ...",
    "I said ..."): still someone's words, kept with the pronoun as written and hidden from
    the brief, which names a speaker or shows nothing (issue #22)."""
    if speaker.name or speaker.span is None:
        return speaker
    if art.text[speaker.span[0] : speaker.span[1]].lower() not in _UNRESOLVED_PRONOUNS:
        return speaker  # "which notes ...", "you know ...": a relative clause or a generic "you"
    return _Speaker(art.text[speaker.span[0] : speaker.span[1]], "", speaker.span, "unresolved")


# ---------------------------------------------------------------- entry point


def attributions_of(
    article_id: str, text: str, doc: Any | None = None, sentences: Sequence[Sentence] | None = None
) -> list[Attribution]:
    """Every direct quote and reported statement of one article, in text order.

    ``sentences``: the article's ``sentences_of(article_id, text)``, if already split."""
    if not text.strip():
        return []
    art = _Article(article_id, text, doc if doc is not None else nlp(parser=True)(text), sentences)
    found = _direct(art) + _reported(art) + _colon_lines(art)
    return sorted(found, key=lambda a: (a.start, a.kind))
