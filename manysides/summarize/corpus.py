"""Multi-News-format clusters and ROUGE helpers shared by training and the benchmark.

Format (Fabbri et al. 2019): one cluster a line, its articles joined by
``|||||``; the human summary on the same line of the ``.tgt`` file. Some
releases mark line breaks as ``NEWLINE_CHAR`` (or ``<NEWLINE>``): these become
blank lines, i.e. paragraph breaks for the sentence splitter.
"""

from __future__ import annotations

import re
from collections import Counter
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
    """One story: its articles' sentences, and the human summary's sentences."""

    line: int  # 0-based line in the files
    articles: tuple[tuple[Sentence, ...], ...]
    reference: tuple[str, ...]


def _article_texts(line: str) -> list[str]:
    texts = [_NEWLINE_MARK.sub("\n\n", a).strip() for a in line.split(ARTICLE_SEPARATOR)]
    return [t for t in texts if t]


def read_clusters(src: Path, tgt: Path, *, start: int = 0, stop: int | None = None) -> Iterator[Cluster]:
    """Clusters ``start`` .. ``stop`` (line numbers, stop exclusive) with sentences split."""
    for path in (src, tgt):
        if not Path(path).is_file():
            raise InputError(str(path), "is not a readable file", "pass the Multi-News .src and .tgt files")
    with open(src, encoding="utf-8") as fs, open(tgt, encoding="utf-8") as ft:
        for line_no, (s_line, t_line) in enumerate(zip(fs, ft)):
            if line_no < start:
                continue
            if stop is not None and line_no >= stop:
                break
            texts = _article_texts(s_line)
            reference = _NEWLINE_MARK.sub(" ", t_line).strip().lstrip("–- ").strip()
            if not texts or not reference:
                continue
            articles = tuple(tuple(sentences_of(f"a{k}", t)) for k, t in enumerate(texts))
            yield Cluster(line_no, articles, tuple(split_sentences(reference)))


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
