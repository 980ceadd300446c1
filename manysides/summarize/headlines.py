"""Headlines as a coverage check on the summary (the title cue of Edmundson 1969).

An outlet's headline names the development it leads with. The summary favours what
several outlets report, so a development that one outlet alone leads with can miss it
(in the seeds: the White House's answer to the governor's memo, in one outlet's headline
and lead). So after a first choice, each headline is checked against the summary. Suppose
the summary lacks most of a headline's distinctive words, and the outlet's lead holds a
reporting sentence that supplies at least two of them. Then that sentence is reserved,
and the rest of the summary is chosen around it.

Headlines that the summary already covers change nothing. So do headlines whose words are
not in the outlet's own lead (a blog's rhetorical title), and clusters without titles
(Multi-News, NeuS: their benchmarks are unaffected).
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

from ..records import Sentence
from .features import content_tokens

__all__ = ["headline_lines"]

#: The lead: where an outlet states what its headline announces.
LEAD_SENTENCES = 6
#: A headline counts as missed when at least this share of its words' weight is absent.
MIN_MISSING = 0.5
#: ... and a lead sentence makes up for it only if it brings at least this many of them,
MIN_NEW_WORDS = 2
#: ... carrying at least this share of the headline's weight (a lead that shares only the
#: common words, "governor", "immigration", restates what the summary already says).
MIN_GAIN = 0.2


def _words(text: str) -> set[str]:
    # Light stemming, enough for headline style ("Cops" / "cop", "orders" / "order").
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in content_tokens(text)}


def headline_lines(
    sentences: Sequence[Sentence],
    titles: Mapping[str, str],
    chosen: Sequence[int],
    open_: np.ndarray,
) -> list[int]:
    """Indices of the lead sentences to reserve, one at most per headline, best first.

    ``titles``: article id -> headline; ``chosen``: the summary picked without them;
    ``open_``: the sentences a summary may use (not opinion, clutter or fragments).
    """
    words = [_words(s.text) for s in sentences]
    outlets: dict[str, set[str]] = {}
    for s, ws in zip(sentences, words):
        outlets.setdefault(s.article_id, set()).update(ws)
    df: dict[str, int] = {}
    for ws in outlets.values():
        for w in ws:
            df[w] = df.get(w, 0) + 1
    n = len(outlets)

    def weight(ws: set[str]) -> float:
        # Rare across the outlets = this outlet's own development ("White House", "calls
        # out"); what every outlet writes ("letter", "police") weighs little, so a lead
        # sentence that restates the common story does not pass for the headline's news.
        return sum(np.log((n + 1) / (df.get(w, 0) + 1)) + 0.1 for w in ws)

    covered = set().union(*(words[i] for i in chosen)) if chosen else set()
    found: list[tuple[float, int]] = []
    for article_id, title in titles.items():
        headline = _words(title)
        missing = headline - covered
        if not headline or weight(missing) < MIN_MISSING * weight(headline):
            continue
        lead = [i for i, s in enumerate(sentences) if s.article_id == article_id and s.index < LEAD_SENTENCES and open_[i]]
        gains = [(weight(missing & words[i]), len(missing & words[i]), i) for i in lead]
        best = max(gains, default=None, key=lambda g: (g[0], -sentences[g[2]].index))
        if best and best[1] >= MIN_NEW_WORDS and best[0] >= MIN_GAIN * weight(headline):
            found.append((best[0], best[2]))
    return [i for _, i in sorted(found, reverse=True)]
