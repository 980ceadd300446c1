"""Multi-News-format clusters and ROUGE helpers shared by training and the benchmark.

Format (Fabbri et al. 2019): one cluster a line, its articles joined by
``|||||``; the human summary on the same line of the ``.tgt`` file (sets with several
human summaries a cluster, as DUC, give one ``.tgt`` file per summary). Some
releases mark line breaks as ``NEWLINE_CHAR`` (or ``<NEWLINE>``): these become
blank lines, i.e. paragraph breaks for the sentence splitter.
"""

from __future__ import annotations

import re
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import InputError
from ..records import Sentence
from ..text.sentences import sentences_of, split_sentences

__all__ = ["Cluster", "read_clusters", "rouge_tokens", "ngram_counts"]

ARTICLE_SEPARATOR = "|||||"
_NEWLINE_MARK = re.compile(r"\s*(?:NEWLINE_CHAR|<NEWLINE>)\s*")
_ROUGE_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Cluster:
    """One story: its articles' sentences, and the human summaries' sentences."""

    line: int  # 0-based line in the files
    articles: tuple[tuple[Sentence, ...], ...]
    reference: tuple[str, ...]  # the first human summary (training uses one)
    others: tuple[tuple[str, ...], ...] = ()  # the other human summaries, where a set has several

    @property
    def references(self) -> tuple[tuple[str, ...], ...]:
        return (self.reference, *self.others)


def _article_texts(line: str) -> list[str]:
    texts = [_NEWLINE_MARK.sub("\n\n", a).strip() for a in line.split(ARTICLE_SEPARATOR)]
    return [t for t in texts if t]


def read_clusters(src: Path, tgt: Path | Sequence[Path], *, start: int = 0, stop: int | None = None) -> Iterator[Cluster]:
    """Clusters ``start`` .. ``stop`` (line numbers, stop exclusive) with sentences split.
    ``tgt``: one ``.tgt`` file, or several (one human summary each, line for line); a
    cluster is kept when every file has a summary for it."""
    tgts = [Path(tgt)] if isinstance(tgt, (str, Path)) else [Path(t) for t in tgt]
    if not tgts:
        raise InputError("--tgt", "names no file", "pass the .tgt file (or several, one per human summary)")
    for path in (Path(src), *tgts):
        if not path.is_file():
            raise InputError(str(path), "is not a readable file", "pass the Multi-News .src and .tgt files")
    with ExitStack() as stack:
        fs = stack.enter_context(open(src, encoding="utf-8"))
        fts = [stack.enter_context(open(t, encoding="utf-8")) for t in tgts]
        for line_no, (s_line, *t_lines) in enumerate(zip(fs, *fts)):
            if line_no < start:
                continue
            if stop is not None and line_no >= stop:
                break
            texts = _article_texts(s_line)
            references = [_NEWLINE_MARK.sub(" ", t).strip().lstrip("–- ").strip() for t in t_lines]
            if not texts or not all(references):
                continue
            articles = tuple(tuple(sentences_of(f"a{k}", t)) for k, t in enumerate(texts))
            first, *others = (tuple(split_sentences(r)) for r in references)
            yield Cluster(line_no, articles, first, tuple(others))


class _CachedStemmer:
    """Porter stemmer with a memo: ROUGE over thousands of clusters stems the same words."""

    def __init__(self) -> None:
        from nltk.stem import porter

        self._stem = lru_cache(maxsize=200_000)(porter.PorterStemmer().stem)

    def stem(self, word: str) -> str:
        return self._stem(word)


@lru_cache(maxsize=1)
def _stemmer() -> _CachedStemmer:
    return _CachedStemmer()


def rouge_tokens(text: str) -> list[str]:
    """Tokens exactly as rouge-score makes them with use_stemmer=True (lower, alnum, Porter > 3 chars)."""
    stem = _stemmer().stem
    return [stem(t) if len(t) > 3 else t for t in _ROUGE_NON_ALNUM.sub(" ", text.lower()).split()]


def ngram_counts(tokens: Sequence[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
