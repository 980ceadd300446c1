"""Typed records passed between the pipeline's stages.

Every stage takes and returns these frozen dataclasses, never loose dicts or
tuples, so that a report writer, the web app and a test all read the same shape.
``as_dict`` gives the JSON form used by ``Brief.to_json``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "RemovedLine",
    "Article",
    "Sentence",
    "Entity",
    "SummarySentence",
    "Fact",
    "Divergence",
    "Quote",
    "TermContrast",
    "Framing",
    "TimelineEvent",
    "Skipped",
    "as_dict",
]


def as_dict(record: Any) -> Any:
    """JSON-ready form of a record, a list of records or a plain value."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: as_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [as_dict(x) for x in record]
    if isinstance(record, dict):
        return {str(k): as_dict(v) for k, v in record.items()}
    return record


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line the cleaner took out of an article, and why."""

    line_no: int  # 1-based line number in the article's raw text
    text: str
    reason: str  # e.g. "boilerplate (p=0.93)", "reader comments after 'Leave a Reply'"


@dataclass(frozen=True, slots=True)
class Article:
    """One outlet's article: where it came from, its clean text and what was removed."""

    id: str  # stable: a hash of the raw text (short), unique within a brief
    source: str  # outlet name: given, HTML site name, URL domain, or file name
    title: str
    text: str  # clean body, paragraphs separated by blank lines ("" until the clean stage)
    raw_text: str = ""  # the flat text before cleaning (an HTML page's visible text, once cleaned)
    url: str = ""
    date: str = ""
    author: str = ""
    origin: str = ""  # the input this came from (path, URL, "stdin", "jsonl:3")
    language: str = "en"
    removed: tuple[RemovedLine, ...] = ()
    html: str = ""  # the web page as read, when the input is one: the clean stage extracts it
    already_clean: bool = False  # raw_text is an article body already ("clean": true): kept as given

    @property
    def outlet(self) -> str:
        """Who published it, for counting outlets: the source without case or an edition's prefix
        ("www.", "edition.cnn.com", "europe.chinadaily.com.cn": a reader found three China Daily
        editions counted as three outlets), else the article itself (two pieces of one site
        agreeing are that site's word twice)."""
        return _EDITION.sub("", self.source.strip().lower()) or self.id


#: A host name's first label that names an edition of the site, not another outlet.
_EDITION = re.compile(r"^(?:www|edition|m|amp|mobile|usa|us|uk|au|ca|in|europe|africa|asia|global|international|intl|en|english)\.(?=[^.\s]+\.[^.\s]+)")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one article's clean text, with its character span."""

    article_id: str
    index: int  # position among the article's sentences
    text: str
    start: int  # offsets into Article.text
    end: int
    paragraph: int = 0
    #: the words of a social-media post the page embeds ("… — Edward Snowden (@Snowden) April
    #: 3, 2016"): whose they are is said only after them, so out of their line they read as
    #: the outlet's own (a tweet read as a summary line in the brief's voice).
    post: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity, merged across articles."""

    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, DATE, ...
    count: int
    sources: tuple[str, ...]  # article ids


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One summary sentence: verbatim from a source, with every article that supports it."""

    text: str
    sources: tuple[str, ...]  # article ids, the one it was taken from first
    source_sentences: dict[str, str] = field(default_factory=dict)  # article id -> its sentence
    score: float = 0.0
    #: Outlets that give another value for a number, date or name the line states
    #: (article id -> that value, as written): the line is theirs to dispute.
    disputed: dict[str, str] = field(default_factory=dict)

    @property
    def source_text(self) -> str:
        """The line as its source wrote it: without an editor's bracketed given name ("[Bruce] "
        before "Arians") or name after a title ("the scientist [Heino Falcke] said"); a source's
        own brackets, "told [my son] I", stay."""
        return re.sub(r"\[[A-Z][\w'’.-]*\] (?=[A-Z])|(?<=[a-z]) \[[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*\](?=[\s,.;:])", "", self.text)

    @property
    def trimmed(self) -> bool:
        """True when the line is a prefix of its sentence, cut to fit the word budget (a
        line that only dropped its sentence's dateline still ends where the sentence does)."""
        first = self.source_sentences.get(self.sources[0], self.text) if self.sources else self.text
        return not " ".join(first.split()).endswith(" ".join(self.source_text.split()))


@dataclass(frozen=True, slots=True)
class Fact:
    """A statement several articles make, with each article's own wording."""

    text: str  # canonical wording (a source sentence)
    support: tuple[str, ...]  # article ids
    wordings: dict[str, str] = field(default_factory=dict)  # article id -> sentence
    n_articles: int = 0  # n in "k of n"
    disputed: dict[str, str] = field(default_factory=dict)  # outlets giving another value: article id -> it
    reports: int = 0  # independent reports among ``support``: one outlet's articles, or one wire story's copies, count once
    n_reports: int = 0  # ... among all the brief's articles (0: not counted, every article its own)

    @property
    def support_label(self) -> str:
        """How many outlets say it, as far as the brief can promise: "all 4", or "at least 2 of 4".
        The cited outlets say it; another may say it in words the matching did not join (readers
        of the labelled real stories found the count too low in 258 of 506 agreed facts). Counted
        by report: two articles of one site, or one wire story under two names, are one word
        (a reader: "ten of its twelve agreed facts cite only [1] and [6], which is one AP report"),
        and then says so: "all 2 reports"."""
        if self.n_reports and (self.n_reports, self.reports) != (self.n_articles, len(self.support)):
            k, n, unit = self.reports, self.n_reports, " reports"  # "all 2" beside four citations reads as a miscount
        else:
            k, n, unit = len(self.support), self.n_articles, ""
        return f"all {k}{unit}" if n and k >= n else f"at least {k} of {n}{unit}"


@dataclass(frozen=True, slots=True)
class Divergence:
    """Where outlets differ: a unique report, an omission, or a conflicting value."""

    kind: str  # "only_one" | "omitted" | "conflict"
    text: str  # a one-line description a reader can check
    articles: tuple[str, ...]  # the articles concerned
    evidence: dict[str, str] = field(default_factory=dict)  # article id -> its sentence
    slot: str = ""  # for conflicts: "number", "date", "name", ...
    values: dict[str, str] = field(default_factory=dict)  # article id -> conflicting value


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what, and which outlets carry it."""

    speaker: str  # best full name, "" if unknown
    text: str  # the quoted words (the longest version carried)
    sources: tuple[str, ...]  # article ids
    speaker_title: str = ""  # e.g. "White House Press Secretary"
    kind: str = "direct"  # "direct" | "reported"
    contexts: dict[str, str] = field(default_factory=dict)  # article id -> sentence it sits in


@dataclass(frozen=True, slots=True)
class TermContrast:
    """A loaded term one outlet uses where others use a more neutral one."""

    term: str
    neutral: str  # the counterpart used by other outlets ("" if none in this story)
    count: int
    sentences: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Framing:
    """How one outlet frames the story, from its own text."""

    article_id: str
    source: str
    loaded_terms: tuple[TermContrast, ...] = ()
    opinion_share: float = 0.0  # share of sentences that read as commentary
    opinion_sentences: tuple[str, ...] = ()
    lead: str = ""  # the outlet's first sentences
    lead_fact_share: float = 0.0  # how much of its lead is agreed fact
    quoted_speakers: dict[str, int] = field(default_factory=dict)  # speaker -> quotes given room
    declared_commentary: str = ""  # the article's own word that it is commentary (an opinion page's disclaimer), or its address

    @property
    def declared_by_address(self) -> bool:
        """The commentary is declared by the page's address (an opinion section's, a review's),
        not by a sentence of its own (``text.cues.filed_as_commentary``)."""
        return self.declared_commentary.startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated statement from the articles."""

    date: str  # as written ("Wednesday", "February 27, 2017")
    iso: str  # normalised when the date can be resolved, else ""
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was read but left out of the brief, and why (never silent)."""

    origin: str
    reason: str
