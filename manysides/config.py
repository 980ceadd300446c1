"""Every option of a brief in one keyword-only object with named defaults."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .errors import UsageError

__all__ = ["BriefConfig", "FetchLimits", "DEFAULT_WORDS"]

#: Summary length a reader takes in at a glance (issue #2: "about 150 words").
DEFAULT_WORDS = 150


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchLimits:
    """Caps on fetching untrusted URLs."""

    timeout_s: float = 10.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private: bool = False  # only tests serving on loopback turn this on


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefConfig:
    """Options of ``manysides.brief``; every field has a sensible default."""

    words: int | None = DEFAULT_WORDS  # summary budget in words
    sentences: int | None = None  # or a budget in sentences (wins when set)
    encoder: str = "auto"  # "auto" (MiniLM if installed), "minilm" or "tfidf"
    clean: bool = True  # run the clutter remover on flat text
    # Where spaCy's parse runs beside the encoder: "thread", "process" (a side process:
    # the CLI's choice for one cold brief) or "inline" (batch workers, one core each).
    # The brief is the same whichever.
    parse_in: str = "thread"
    max_articles: int = 200
    max_chars: int = 2_000_000  # per article, after decoding; larger inputs are refused
    # The brief's budget: an article's clean text past this many words is not read (the brief
    # says so in its notes), and the story's articles share max_story_words. A long news feature
    # is 5-8 000 words; the cost of every stage grows with the words read (docs/benchmarks.md).
    max_article_words: int = 12_000
    max_story_words: int = 60_000
    fetch: FetchLimits = FetchLimits()

    def __post_init__(self) -> None:
        if self.words is not None and self.words < 10:
            raise UsageError(f"words={self.words} is too short for a summary; use 10 or more")
        if self.sentences is not None and self.sentences < 1:
            raise UsageError(f"sentences={self.sentences}; use 1 or more")
        if self.encoder not in ("auto", "minilm", "tfidf"):
            raise UsageError(f"encoder={self.encoder!r}; choose auto, minilm or tfidf")
        if self.max_article_words < 100 or self.max_story_words < self.max_article_words:
            raise UsageError("max_article_words must be at least 100, and max_story_words at least max_article_words")
        if self.parse_in not in ("thread", "process", "inline"):
            raise UsageError(f"parse_in={self.parse_in!r}; choose thread, process or inline")

    def with_(self, **changes: object) -> "BriefConfig":
        return replace(self, **changes)  # type: ignore[arg-type]
