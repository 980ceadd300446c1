"""Line features for the clutter model: shape of a line, its words, its neighbours.

Nothing here names a clutter phrase. A line is described by its length, punctuation,
share of stop words, headline shape (title case, no final stop), digits, list-marker
and separator shape, a learned lexical score (word and word-pair weights fitted on
labelled pages, see ``Lexicon``), where it sits in the text, and the same figures for
its neighbours, since clutter comes in runs (menus, teaser lists, comment threads),
and its place relative to comment-thread headers and to numbered lists restarting at 1.
Script-neutral figures (share of Latin and of CJK letters, a length in "units" where a
CJK character counts half a word, a sentence end that knows "。") keep pages in other
languages from looking like one long menu, and page-relative figures (a line's length
and lexical score against the page's 90th percentile, the densest run of long lines)
let a page whose every line scores low still have a body.
(``indented`` is kept for the model's layout but is 0 in practice: lines are
whitespace-normalised before scoring.)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..text.words import MONTH

__all__ = ["Lexicon", "line_features", "context_features", "LINE_FEATURES", "norm_line", "words_of", "CLUTTER_STOP_WORDS",
           "MONTH", "DATE_LIKE"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
# Letters of any script (not only [a-z]): a lexicon fitted on pages in several languages.
_LEX_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)]\s|[•·▪●◦‣∙*–-]\s)")
_NUMBERED_ONE = re.compile(r"^\s*1[.)]\s")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_SENTENCE_END_ANY = re.compile(r"[.!?…。！？][\"'”’)\]」』）]*$")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# Han, kana, hangul: scripts written without spaces, where a "word" is a whole clause.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_INNER_SENTENCE = re.compile(r"[.!?][\"'”’]?\s+[\"'“‘]?[A-Z]")
_SEPARATORS = re.compile(r"[|»›·•/]")
DATE_LIKE = re.compile(
    rf"\b{MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}:\d{{2}}\b|\b(?:19|20)\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b",
    re.IGNORECASE,
)
_URLISH = re.compile(r"@|https?:|www\.|\.com\b", re.IGNORECASE)
#: Function words: a grammatical property of prose (high in sentences, low in menus and
#: headlines), not a list of clutter phrases. The packaged clutter model was trained on
#: features made with this list (the function-word share, the page lexicon): retrain to
#: change (``manysides train clutter``).
CLUTTER_STOP_WORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into about than then that this these those
    is are was were be been being has have had do does did will would can could should may might must
    it its he she they we i you his her their our my your him them us me who whom which what when where
    why how not no so there here also just very more most some any all each other such only own same too
    up out over after before under again further once said says""".split()
)
_SECOND_PERSON = frozenset({"you", "your", "yours", "you're", "you’re", "yourself"})
_FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d"})
# A comment-section header is short and names the thread; this tiny lexicon is a
# structural cue (the brief allows it), never used on its own to remove a line.
_THREAD_WORDS = frozenset({"comment", "comments", "reply", "replies", "responses", "discussion", "conversation"})

LINE_FEATURES = (
    "log_words", "log_chars", "stop_share", "ends_sentence", "ends_colon", "inner_sentences",
    "capital_share", "allcaps_share", "digit_share", "punct_share", "list_marker", "separators",
    "copyright", "urlish", "has_quote", "commas_per_word", "mean_word_len", "starts_lower",
    "date_like", "second_person", "first_singular", "lexical", "ends_bang", "ends_question",
    "short_with_digit", "thread_header", "indented", "repeats_in_text", "numbered_one",
    "latin_share", "cjk_share", "log_units", "ends_sentence_any",
)


def norm_line(line: str) -> str:
    return " ".join(line.split())


def words_of(line: str) -> list[str]:
    return _WORD.findall(line)


def lex_tokens(line: str) -> list[str]:
    toks = _LEX_TOKEN.findall(line.lower())
    toks = ["<num>" if t.isdigit() else t for t in toks]
    return toks + [f"{a}_{b}" for a, b in zip(toks, toks[1:])]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word and word-pair weights of a logistic regression on lines (body vs clutter)."""

    weights: dict[str, float]
    bias: float

    def score(self, line: str) -> float:
        toks = set(lex_tokens(line))
        w = self.weights
        # fsum: exact, so the score does not depend on set order (string hashing varies
        # per process), and retraining gives the same trees bit for bit.
        return self.bias + math.fsum(w.get(t, 0.0) for t in toks) / math.sqrt(max(1, len(toks)))


def _line_vector(line: str, lexical: float, repeats: int) -> list[float]:
    text = norm_line(line)
    words = words_of(text)
    n = len(words)
    lower = [w.lower() for w in words]
    chars = max(1, len(text))
    # map(str.is*) counts in C: these per-character figures are most of the cleaning time.
    letters_digits = sum(map(str.isalnum, text))
    digits = sum(map(str.isdigit, text))
    spaces = sum(map(str.isspace, text))
    stripped = text.rstrip()
    short = n <= 5
    letters = sum(map(str.isalpha, line))
    cjk = len(_CJK.findall(text))
    return [
        math.log1p(n),
        math.log1p(len(text)),
        sum(w in CLUTTER_STOP_WORDS for w in lower) / n if n else 0.0,
        float(bool(_SENTENCE_END.search(stripped))),
        float(stripped.endswith(":")),
        math.log1p(len(_INNER_SENTENCE.findall(text))),
        sum(w[0].isupper() for w in words) / n if n else 0.0,
        sum(w.isupper() and len(w) > 1 for w in words) / n if n else 0.0,
        digits / chars,
        (len(text) - letters_digits - spaces) / chars,
        float(bool(_LIST_MARKER.match(line))),
        math.log1p(len(_SEPARATORS.findall(text))),
        float("©" in text or "®" in text),
        float(bool(_URLISH.search(text))),
        float(any(q in text for q in "\"“”")),
        text.count(",") / n if n else 0.0,
        (letters_digits / n) if n else 0.0,
        float(bool(text) and text[0].islower()),
        float(bool(DATE_LIKE.search(text))),
        sum(w in _SECOND_PERSON for w in lower) / n if n else 0.0,
        sum(w in _FIRST_SINGULAR for w in lower) / n if n else 0.0,
        lexical,
        float(stripped.endswith("!")),
        float(stripped.endswith("?")),
        float(short and digits > 0),
        float(short and any(w in _THREAD_WORDS for w in lower)),
        float(line[:1].isspace()),
        math.log1p(repeats),
        float(bool(_NUMBERED_ONE.match(text))),
        len(_ASCII_LETTER.findall(line)) / letters if letters else 1.0,
        cjk / chars,
        math.log1p(len(words_of(_CJK.sub(" ", text))) + cjk / 2),
        float(bool(_SENTENCE_END_ANY.search(stripped))),
    ]


def line_features(lines: Sequence[str], lexicon: Lexicon) -> np.ndarray:
    """One row of ``LINE_FEATURES`` per line."""
    keys = [norm_line(line).lower() for line in lines]
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    rows = [_line_vector(line, lexicon.score(line), counts[k] - 1) for line, k in zip(lines, keys)]
    return np.asarray(rows, dtype=np.float64).reshape(len(lines), len(LINE_FEATURES))


_NEIGHBOUR_COLS = ("log_words", "stop_share", "ends_sentence", "lexical", "list_marker", "capital_share")
_WINDOW_COLS = ("log_words", "ends_sentence", "lexical", "stop_share")


def _window_mean(values: np.ndarray, half: int) -> np.ndarray:
    """Mean over lines i-half..i+half (clipped at the edges)."""
    n = len(values)
    csum = np.concatenate([[0.0], np.cumsum(values)])
    lo = np.clip(np.arange(n) - half, 0, n)
    hi = np.clip(np.arange(n) + half + 1, 0, n)
    return (csum[hi] - csum[lo]) / np.maximum(1, hi - lo)


def shift(values: np.ndarray, by: int, fill: float) -> np.ndarray:
    out = np.full_like(values, fill)
    if by > 0:
        out[by:] = values[:-by]
    elif by < 0:
        out[:by] = values[-by:]
    return out


def context_features(base: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Base features plus position, neighbours and windowed means."""
    n = base.shape[0]
    col = {name: base[:, i] for i, name in enumerate(LINE_FEATURES)}
    idx = np.arange(n, dtype=np.float64)
    prose = ((col["log_words"] >= math.log1p(10)) & (col["ends_sentence"] > 0)).astype(np.float64)
    total_prose = max(1.0, prose.sum())
    before = np.concatenate([[0.0], np.cumsum(prose)[:-1]]) if n else prose
    after = total_prose - before - prose
    parts = [base]
    names = list(LINE_FEATURES)
    parts.append(np.stack([
        idx / max(1, n - 1), np.log1p(idx), np.log1p(n - 1 - idx), np.full(n, math.log1p(n)),
        before / total_prose, after / total_prose, np.full(n, math.log1p(total_prose)),
    ], axis=1))
    names += ["rel_pos", "log_from_start", "log_from_end", "log_lines", "prose_before", "prose_after", "log_prose_lines"]
    for c in _NEIGHBOUR_COLS:
        for by in (1, 2, -1, -2):
            parts.append(shift(col[c], by, -1.0)[:, None])
            names.append(f"{c}@{-by:+d}")
    for c in _WINDOW_COLS:
        for half in (3, 10):
            parts.append(_window_mean(col[c], half)[:, None])
            names.append(f"{c}~{half}")
    for half in (3, 10):
        parts.append(_window_mean(prose, half)[:, None])
        names.append(f"prose~{half}")
    # A comment-thread header ("Leave a Reply", "12 Comments") splits article from
    # comments; widgets put it above the comments or below them, so both directions.
    thread = col["thread_header"] > 0
    seen_before = np.concatenate([[0.0], np.cumsum(thread)[:-1]]) if n else thread.astype(np.float64)
    seen_after = (thread.sum() - seen_before - thread) if n else seen_before
    prose_since = _prose_since_last(prose, thread)
    # Numbered lists restart at 1: an article's list and a comment list ("1. So I guess
    # ...", then "Leave a Reply") start that way, and how far a line is from the restart,
    # with the thread cues above, separates the two.
    since_one = _prose_since_last(np.ones(n), col["numbered_one"] > 0)
    parts.append(np.stack([np.minimum(seen_before, 3), np.minimum(seen_after, 3), np.log1p(prose_since),
                           np.log1p(np.minimum(since_one, 1e3))], axis=1))
    names += ["threads_before", "threads_after", "log_prose_since_thread", "log_lines_since_numbered_one"]
    # Script-neutral and page-relative: "long" counts units (CJK characters count half a
    # word), and a line is compared with the page's own long lines, since a page in a
    # language the lexicon barely knows scores low everywhere yet still has a body.
    units = col["log_units"]
    long_ = (units >= math.log1p(12)).astype(np.float64)
    unit_prose = long_ * col["ends_sentence_any"]
    for half in (3, 10):
        parts += [_window_mean(long_, half)[:, None], _window_mean(unit_prose, half)[:, None]]
        names += [f"long~{half}", f"unit_prose~{half}"]
    parts += [shift(units, 1, -1.0)[:, None], shift(units, -1, -1.0)[:, None]]
    names += ["log_units@-1", "log_units@+1"]
    parts += [(units - _top_decile(units))[:, None], (col["lexical"] - _top_decile(col["lexical"]))[:, None]]
    names += ["log_units_rel", "lexical_rel"]
    # The densest run of long lines (Kadane on long - cost): the text's main region.
    for cost in (0.1, 0.4):
        inside, dist = _run_position(long_ - cost)
        parts += [inside[:, None], dist[:, None]]
        names += [f"in_long_run{cost}", f"from_long_run{cost}"]
    return np.concatenate(parts, axis=1), names


def _top_decile(values: np.ndarray) -> float:
    """``np.percentile(values, 90)``, computed as numpy does (linear interpolation), by
    hand: the numpy function imports ``numpy.ma`` on first use, a cold brief's 30-70 ms."""
    n = len(values)
    if not n:
        return 0.0
    ordered = np.sort(np.asarray(values, dtype=np.float64))
    virtual = (n - 1) * 0.9  # numpy's "linear" method
    lo = min(max(int(np.floor(virtual)), 0), n - 1)
    hi = min(lo + 1, n - 1)
    t = virtual - np.floor(virtual)
    a, b = ordered[lo], ordered[hi]
    return float(b - (b - a) * (1.0 - t) if t >= 0.5 else a + (b - a) * t)


def _run_position(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inside the best-scoring run (1/0), and signed log distance to it (+ before, - after)."""
    start, end = best_block(scores)
    idx = np.arange(len(scores))
    inside = ((idx >= start) & (idx <= end)).astype(np.float64)
    return inside, np.log1p(np.clip(start - idx, 0, None)) - np.log1p(np.clip(idx - end, 0, None))


def _prose_since_last(prose: np.ndarray, marker: np.ndarray) -> np.ndarray:
    """Prose lines since the last marker line (a large number when none came yet)."""
    out = np.zeros(len(prose))
    count = 1e4
    for i in range(len(prose)):
        if marker[i]:
            count = 0.0
        out[i] = count
        count += prose[i]
    return out


def _content_words(line: str) -> set[str]:
    return {t for t in _LEX_TOKEN.findall(line.lower()) if len(t) >= 3 and not t.isdigit() and t not in CLUTTER_STOP_WORDS}


def coherence_features(lines: Sequence[str], prob: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """How much of a line's vocabulary the page's likely body lines (weighted by p) use.

    A list item of the article ("1 cup rolled oats") shares words with its body; a
    teaser for another story, a menu or a tag cloud does not. Figures leave the line
    itself out: ``body_backed`` is the share of its content words with at least one
    line's worth of body mass elsewhere, ``body_share`` the mean share of a word's other
    occurrences that are likely body. -1 for a line with no content word.
    """
    words = [_content_words(line) for line in lines]
    mass: dict[str, float] = {}
    count: dict[str, int] = {}
    for ws, p in zip(words, prob.tolist()):
        for w in ws:
            mass[w] = mass.get(w, 0.0) + p
            count[w] = count.get(w, 0) + 1
    backed, share = np.full(len(lines), -1.0), np.full(len(lines), -1.0)
    for i, (ws, p) in enumerate(zip(words, prob.tolist())):
        if not ws:
            continue
        others = [(mass[w] - p, count[w] - 1) for w in ws]
        backed[i] = sum(m >= 1.0 for m, _ in others) / len(ws)
        share[i] = sum(m / c if c else 0.0 for m, c in others) / len(ws)
    return np.stack([backed, share], axis=1).reshape(len(lines), 2), ["body_backed", "body_share"]


def block_features(prob: np.ndarray, lines: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Second-pass features from first-pass body probabilities: the body is one block.

    The best block is the run of lines maximising the sum of (p - 0.5): the article body
    is mostly contiguous, so a likely-body line far outside it (a teaser, a comment) is
    suspect, and a doubtful line inside it probably belongs. The line texts give the
    ``coherence_features``.
    """
    n = len(prob)
    start, end = best_block(prob - 0.5)
    idx = np.arange(n)
    inside = ((idx >= start) & (idx <= end)).astype(np.float64)
    dist_before = np.log1p(np.clip(start - idx, 0, None))
    dist_after = np.log1p(np.clip(idx - end, 0, None))
    mass = prob.sum() or 1.0
    csum = np.cumsum(prob)
    mass_after = (mass - csum) / mass
    mass_before = (csum - prob) / mass
    rev_max = np.maximum.accumulate(prob[::-1])[::-1]
    max_after = shift(rev_max, -1, 0.0)
    logit = np.log(np.clip(prob, 1e-4, 1 - 1e-4) / np.clip(1 - prob, 1e-4, 1))
    cols = [logit, inside, dist_before, dist_after, mass_after, mass_before, max_after,
            shift(prob, 1, 0.0), shift(prob, -1, 0.0), shift(prob, 2, 0.0), shift(prob, -2, 0.0)]
    names = ["p1_logit", "in_block", "before_block", "after_block", "mass_after", "mass_before", "max_p_after",
             "p1@-1", "p1@+1", "p1@-2", "p1@+2"]
    for half in (2, 5, 15):
        cols.append(_window_mean(prob, half))
        names.append(f"p1~{half}")
    # Relative to the page: where every line scores low (an unfamiliar language or
    # layout), the page's best lines and their run are still the likeliest body.
    rank = np.argsort(np.argsort(-prob)) / max(1, n - 1) if n else prob
    rel_inside, rel_dist = _run_position(prob - 0.5 * (prob.max() if n else 0.0))
    cols += [logit - (logit.max() if n else 0.0), rank, rel_inside, rel_dist]
    names += ["p1_logit_rel", "p1_rank", "in_rel_block", "from_rel_block"]
    coherence, more = coherence_features(lines, prob)
    return np.concatenate([np.stack(cols, axis=1).reshape(n, len(names)), coherence], axis=1), names + more


def best_block(scores: np.ndarray) -> tuple[int, int]:
    """(start, end) inclusive of the contiguous run with the largest sum (Kadane)."""
    if len(scores) == 0:
        return 0, -1
    best, best_start, best_end = -math.inf, 0, 0
    run, run_start = 0.0, 0
    for i, s in enumerate(scores):
        if run <= 0:
            run, run_start = float(s), i
        else:
            run += float(s)
        if run > best:
            best, best_start, best_end = run, run_start, i
    return best_start, best_end
