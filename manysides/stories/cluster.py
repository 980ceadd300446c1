"""Online story assignment in two levels: a loose *topic group*, then revisable stories in it.

Issue #7. One threshold cannot keep look-alike events apart: two earthquakes, two rehab
check-ins or two Watergate deaths read alike (content cosine 0.26-0.34, where 5-10 % of
correct joins also lie), and once the first article of the second event has joined the
first event's young story, its centroid draws the rest in. So each article is placed twice:

1. **Group** (the cheap, loose decision, made once): the article joins the open group
   whose centroid it resembles most (TF-IDF cosine >= ``StoryConfig.join_cosine``, and
   ``join_anchors`` of its names/numbers/dates already seen there), among the groups that
   share one of its heaviest features (inverted index) and were active within
   ``window_hours``; otherwise it starts a group. A group holds one topic: both quakes.
2. **Merge pass**: when the article also clears the join bar of another open group, and
   the two groups' centroids are alike (cosine >= ``merge_cosine``), the two were one
   topic begun twice (a development days later, told with other names): they become one
   group, and the story level below decides whether their stories join.
3. **Stories** (revisable): the group's most recent ``REVISE_WINDOW`` members are
   re-clustered, average-link, in a space re-weighted *within the group*: a feature every
   member has (quake, magnitude, rubble) counts little, one that half the members have
   (Sumatra, 7.6) counts fully, and anchors count ``anchor_boost`` times (years
   ``year_boost`` times: two look-alike events are often years apart). Stories are cut
   at average-link distance ``story_cut`` (``small_story_cut`` while the window has fewer
   than ``small_group`` members: over a handful of articles only a strong difference
   splits). Re-clustering after every article lets the first article of the second event
   leave the first event's story once the second event's own articles arrive, instead of
   pulling them in.

Story ids stay stable: each new cluster takes the id of the old story it shares most
members with (greedily, largest overlap first); only the minority that changed side is
reported in ``Assignment.moved`` (on ECB+ 6-9 % of articles end in another story than
the one they arrived in: the bench's "moved" column); a story none of whose recent
members kept its id (absorbed after a merge) takes its older members along. A group closes with all its stories
after ``quiet_hours`` without a new article (a group with no dated article, after
``quiet_articles`` articles have come without one joining it: an undated stream has no
clock but its own count, and open groups cost memory and lookups); closed stories are
never revised, so the store only ever moves articles between *open* stories
(``Store.move_articles``). Each
``Assignment`` also names the stories its add started (``created``: the article's own, and
any a split handed a new id) and closed (``closed``), which is what ``stories ingest`` counts
and writes.

Centroids are sorted numpy arrays (hashed feature, summed weight), so scoring a
candidate group is one ``searchsorted`` instead of a Python loop over the features.
"""

from __future__ import annotations

import heapq
from collections import Counter, deque
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Hashable

import numpy as np

from .features import ArticleFeatures, DocumentFrequencies, anchor_key, weigh

__all__ = ["StoryConfig", "Assignment", "Move", "OnlineClusterer", "StoryState", "BLAS_THREADS", "assignment_threads"]

#: Calibrated on ECB+ topics 1-22 (``python -m manysides.bench.stories --tune``, 3 orders),
#: see docs/scale.md. Group level: loose, so that one event's articles almost never start
#: two groups (BCubed recall of the groups against events 0.98); anchors are left to the
#: story level. join_cosine 0.12-0.16 are within 0.002 of each other.
JOIN_COSINE = 0.14
JOIN_ANCHORS = 0.0
#: Story level: average-link cut in the within-group space; exponent of the within-group
#: rarity log((n+1)/(df+0.5)); extra weight of anchors there. The cut is the sensitive
#: one: F1 on topics 1-22 was 0.934 / 0.941 / 0.945 / 0.946 / 0.936 / 0.923 at cuts
#: 0.875-0.90 before the year boost below (0.947 / 0.955 / 0.945 at 0.88 / 0.89 / 0.90
#: with it); anchor boost 4 vs 6 and power 0.25 vs 0.5 were within 0.01. These sweeps
#: came from patched runs of the ECB+ bench, which has no flags for them.
STORY_CUT = 0.89
#: Fewer members than ``SMALL_GROUP`` are cut only at ``SMALL_STORY_CUT``: over a handful
#: of articles, what the within-group space makes of the features they do not share is
#: noise, and one story told by five different outlets (a press release, a wire report, a
#: partisan blog) would split at 0.89. Two look-alike events still split there: the
#: template shootings of tests/test_stories.py, one article each, are cut apart at 0.97
#: and joined at 0.99. On topics 1-22 (5 orders, patched runs of the ECB+ bench) F1 0.956
#: -> 0.958 (groups under 8 / 12 / 16 with cut 0.92 / 0.95 / 0.97: 0.956 throughout for 8,
#: 0.958 / 0.958 / 0.958 for 12, 0.956 / 0.957 / 0.957 for 16).
SMALL_GROUP = 12
SMALL_STORY_CUT = 0.95
LOCAL_POWER = 0.25
ANCHOR_BOOST = 6.0
#: Years ("y:2013") count twice the other anchors there: two look-alike events of one topic
#: (two quakes, two arsons in one town) are most often told apart by the year the reports
#: give. On topics 1-22 (5 orders) F1 0.947 -> 0.956 (year boost 6 / 12 / 16 / 24: 0.947 /
#: 0.956 / 0.956 / 0.942; 12 was also best in each half of the tuning topics, odd and even);
#: a separate boost for dates or numbers, or for names, did not help.
YEAR_BOOST = 12.0
#: Members of a group re-clustered on each new article (older ones keep their story):
#: bounds the cost of a big running story to a 32 x 32 average-link (64: same F1, slower;
#: 24: -0.007).
REVISE_WINDOW = 32
#: Features of a member kept for the story level, its heaviest (all of them: same F1, 20 % slower).
MEMBER_FEATURES = 96
#: A member article indexes its group under this many of its heaviest features.
INDEX_FEATURES = 24
#: Features of the incoming article used to look up candidate groups (groups are few and
#: broad, so 12 find the same ones as 24, with fewer centroids to score).
QUERY_FEATURES = 12

#: Candidate groups an article is scored against: the open groups posted under most of
#: its ``QUERY_FEATURES``. Without a cap every group sharing one fairly common word is
#: scored, and a long stream slows as its groups pile up: Multi-News' 14,329 articles,
#: streamed undated and shuffled, fell from 1,092 to 258 articles/s per 3,000 (``manysides
#: bench stream``). With 16 they ran 1,090/s overall against 354/s, and BCubed against the
#: Multi-News lines rose 0.652 -> 0.666 (precision 0.724 -> 0.763: fewer joins to a large
#: catch-all group). ECB+ BCubed is identical at 16 and 32, 0.001 lower at 8 (docs/scale.md).
MAX_CANDIDATES = 16
#: BLAS threads for the assignment (``stories ingest`` and the bench alike): the revision's
#: product is (32 x the features two members share) times its transpose, too small for a
#: second thread to pay, and on a busy machine that thread waits for a core (ECB+ stream
#: runs with this set to 1 and to 2: one thread was as fast or faster).
BLAS_THREADS = 1

#: An undated stream (JSONL or text without dates) has no time to close groups by: a group
#: none of whose articles has a date closes when this many articles have been added since
#: one last joined it. Far above a story's life in any test set (ECB+ is 982 articles), and
#: it bounds what a stream of millions keeps open: the groups touched by its last 50,000
#: articles, at ≈10 articles a group ≈5 000 groups of ≈40 kB, ≈200 MB (docs/scale.md).
QUIET_ARTICLES = 50_000
#: Real stories run for weeks: an arrest, then charges, then a verdict, each covered days or
#: weeks after the last (issue #24). On the dated development stream (real_stories/stream.jsonl,
#: `manysides bench stories --stream`), BCubed F1 by window (hours): 72 0.813, 168 0.835, 336
#: 0.862, 720 0.887, 2160 0.872 (precision falls from 0.96 to 0.91 past a month): a month.
#: ECB+ is undated, so the window does not touch it. A group closes once it is past the window.
WINDOW_HOURS = 720.0
QUIET_HOURS = 720.0
#: Within RECENT_HOURS of a group's last article the ordinary bar applies; later, the article
#: must clearly continue it: a higher cosine and more of its names, numbers and dates already
#: seen there (a look-alike event a week later shares the template, not the town or the toll).
#: On the development stream (BCubed F1, late cosine / late anchor share): 0.2 / 0.0 0.890,
#: 0.2 / 0.3 0.868, 0.2 / 0.5 0.854; without an anchor share, twelve template shootings a week
#: apart merge (tests/test_store.py), which is what a look-alike stream would punish: 0.3
#: (or one shared name: ``LATE_JOIN_BY_NAME`` below).
RECENT_HOURS = 72.0
LATE_JOIN_COSINE = 0.2
LATE_JOIN_ANCHORS = 0.3

#: The merge pass (issue #24, ``OnlineClusterer._merge_pass``): two open groups an article
#: bridges are joined when their centroids' cosine reaches this. On the dated development
#: stream (real_stories), of the group pairs an article was scored against, the highest
#: cosine between groups of two different events was 0.27; pairs of one event reached 0.48.
#: BCubed F1 (whole stream / its two halves by story-id hash, each streamed alone) by cut:
#: none 0.868 / 0.871 / 0.854, 0.4 0.874 / 0.873 / 0.865, 0.35 0.881 / 0.873 / 0.870,
#: 0.3 0.880 / 0.877 / 0.880, 0.25 0.883 / 0.885 / 0.880, 0.2 0.877 / 0.873 / 0.888; ECB+
#: held out (3 orders) 0.923 none, 0.920 at 0.3, 0.922 at 0.25. 0.3: above every
#: different-event pair seen, so that the merge does not lean on the story level to undo it.
MERGE_COSINE = 0.3
#: A late article may also join on one name seen in the group (with ``late_join_cosine``),
#: short of ``late_join_anchors``: a development days later brings new names and numbers (the
#: share is 0.1-0.25 for most of those on the development stream), while what look-alike events
#: share is a template's words and, by chance, a small number, not a name (the twelve template
#: shootings of tests/test_store.py share a toll of 3 or 4). BCubed F1 (whole / halves by
#: story-id hash), with the merge pass and the headline weight: 0.890 / 0.880 / 0.888 without,
#: 0.896 / 0.894 / 0.888 with; with late_join_cosine 0.25: 0.891 / 0.880 / 0.888 without,
#: 0.894 / 0.885 / 0.888 with (0.3: 0.880 either way).
LATE_JOIN_BY_NAME = True

_EMPTY_KEYS = np.zeros(0, dtype=np.int64)
_EMPTY_VALUES = np.zeros(0, dtype=np.float64)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryConfig:
    """Thresholds of the online assignment; the defaults are calibrated (see above)."""

    join_cosine: float = JOIN_COSINE  # to join a topic group
    join_anchors: float = JOIN_ANCHORS
    story_cut: float = STORY_CUT  # average-link distance at which a group's stories are cut (1.0: one story per group)
    small_group: int = SMALL_GROUP  # a window of fewer members is cut at ``small_story_cut``
    small_story_cut: float = SMALL_STORY_CUT
    local_power: float = LOCAL_POWER
    anchor_boost: float = ANCHOR_BOOST
    year_boost: float = YEAR_BOOST  # in place of ``anchor_boost`` for year anchors ("y:2013")
    window_hours: float = WINDOW_HOURS  # an article may join a group whose last article is this recent
    recent_hours: float = RECENT_HOURS  # ... on the ordinary bar; past this, on the late one
    late_join_cosine: float = LATE_JOIN_COSINE
    late_join_anchors: float = LATE_JOIN_ANCHORS
    late_join_by_name: bool = LATE_JOIN_BY_NAME  # ... or one of its names seen there
    quiet_hours: float = QUIET_HOURS  # a group (with its stories) with no article for this long closes
    quiet_articles: int = QUIET_ARTICLES  # an undated group closes when this many articles came and none joined it
    max_candidates: int = MAX_CANDIDATES  # open groups an article is scored against (0: every one sharing a query feature)
    merge_cosine: float = MERGE_COSINE  # centroid cosine at which a bridged pair of groups merges (above 1: no merge pass)


@dataclass(frozen=True, slots=True)
class Move:
    """An earlier article that a revision moved to another story."""

    key: Hashable  # the ``key`` it was added with
    old_story: int
    new_story: int


@dataclass(frozen=True, slots=True)
class Assignment:
    story_id: int
    new_story: bool
    cosine: float  # with its group's centroid (0 for a new story)
    anchors: float  # share of the article's anchors already seen in the group (0 for a new story)
    moved: tuple[Move, ...] = ()  # earlier articles this decision moved to another story
    created: tuple[int, ...] = ()  # ids of the stories this add started: the article's own new story, and any a revision split off
    closed: tuple[int, ...] = ()  # ids of the stories this add closed (groups quiet for ``quiet_hours`` or ``quiet_articles``), sorted


@dataclass(slots=True)
class _Member:
    key: Hashable
    story: int
    seq: int  # the clusterer's add count when it came: a merged group keeps its members in arrival order
    keys: np.ndarray  # int64: its heaviest features
    weights: np.ndarray  # float64: their weights as assigned, anchors x ``anchor_boost`` (years x ``year_boost``)


@dataclass(slots=True)
class StoryState:
    """What the clusterer keeps of an open group: its centroid, anchors and members."""

    id: int
    keys: np.ndarray = field(default_factory=lambda: _EMPTY_KEYS)  # sorted hashed features (int64)
    values: np.ndarray = field(default_factory=lambda: _EMPTY_VALUES)  # summed member weights
    norm2: float = 0.0  # |centroid|^2
    anchors: dict[str, int] = field(default_factory=dict)
    indexed: set[int] = field(default_factory=set)  # features this group is posted under
    first_ts: float | None = None
    last_ts: float | None = None
    last_seq: int = 0  # the clusterer's add count when an article last joined
    closed: bool = False
    members: list[_Member] = field(default_factory=list)

    @property
    def centroid(self) -> dict[int, float]:
        """The summed member vectors as {feature: weight} (for inspection)."""
        return dict(zip(self.keys.tolist(), self.values.tolist()))

    def dot(self, keys: np.ndarray, values: np.ndarray) -> float:
        """Dot product of the centroid with a sparse vector."""
        if not len(self.keys):
            return 0.0
        pos = np.searchsorted(self.keys, keys)
        pos[pos == len(self.keys)] = 0
        hit = self.keys[pos] == keys
        return float(self.values[pos[hit]] @ values[hit])

    def add(self, keys: np.ndarray, values: np.ndarray) -> None:
        """Add a member's vector (distinct keys) to the centroid: a sorted merge, no re-sort."""
        pos = np.searchsorted(self.keys, keys)
        hit = pos < len(self.keys)
        hit[hit] = self.keys[pos[hit]] == keys[hit]
        summed = self.values.copy()
        summed[pos[hit]] += values[hit]
        order = np.argsort(keys[~hit])
        fresh_keys, fresh_values = keys[~hit][order], values[~hit][order]
        at = np.searchsorted(self.keys, fresh_keys)
        self.keys = np.insert(self.keys, at, fresh_keys)
        self.values = np.insert(summed, at, fresh_values)
        self.norm2 = float(self.values @ self.values)

    def story_ids(self) -> set[int]:
        return {m.story for m in self.members}


def assignment_threads():
    """Context manager: run the assignment under ``BLAS_THREADS`` BLAS threads."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(BLAS_THREADS)


class OnlineClusterer:
    """Assign articles to stories one at a time (``add``); state can be rebuilt (``restore``)."""

    def __init__(self, config: StoryConfig = StoryConfig(), *, df: DocumentFrequencies | None = None, next_id: int = 1) -> None:
        self.config = config
        self.df = df or DocumentFrequencies()
        self.groups: dict[int, StoryState] = {}  # open groups
        self.stories: dict[int, int] = {}  # open story -> its group
        self._index: dict[int, set[int]] = {}  # feature -> open groups indexed under it
        self._quiet: list[tuple[float, int]] = []  # (last_ts, group) heap, stale entries skipped
        self._unheard: deque[tuple[int, int]] = deque()  # (last_seq, undated group), oldest first, stale entries skipped
        self._next_id = next_id
        self._added = 0
        self._scored: list[tuple[StoryState, float]] = []  # the last add's candidate groups and its cosine with each

    # -- the decision -----------------------------------------------------------------------
    def add(self, features: ArticleFeatures, timestamp: float | None = None, *, key: Hashable = None) -> Assignment:
        """Assign one article (``key`` names it in later ``Move``s; default: its add count)."""
        self.df.add(features)
        keys32, values32 = weigh(features, self.df)
        keys, values = keys32.astype(np.int64), values32.astype(np.float64)
        key = self._added if key is None else key
        self._added += 1
        closed = tuple(sorted((self._close_quiet(timestamp) if timestamp is not None else []) + self._close_unheard()))
        group, cosine, anchors = self._best_group(keys, values, features.anchors, timestamp)
        first_new_id = self._next_id
        started = group is None
        if started:
            group = self._new_group(self._take_id())
        member = self._join(group, key, group.id if started else -1, keys, values, features.anchors, timestamp)
        if not self._merge_pass(group, keys, values, features.anchors, timestamp) and started:
            return Assignment(group.id, True, 0.0, 0.0, created=(group.id,), closed=closed)
        moved = self._revise(group, member)
        new = member.story >= first_new_id  # an id this add handed out
        created = tuple(sid for sid in range(first_new_id, self._next_id) if sid in self.stories)  # the article's new story and/or stories split off
        return Assignment(member.story, new, 0.0 if new else cosine, 0.0 if new else anchors, moved, created, closed)

    def restore(self, story_id: int, keys: np.ndarray, values: np.ndarray, anchors: frozenset[str], timestamp: float | None, *, key: Hashable = None) -> None:
        """Put back an already-assigned article (resuming from the store); its story is kept.

        Its group is the one its story is in, or (first article of a story) the group an
        ``add`` would have chosen, time window included (articles come back in time order);
        nothing is revised until the next ``add``.
        """
        keys, values = np.asarray(keys, dtype=np.int64), np.asarray(values, dtype=np.float64)
        gid = self.stories.get(story_id)
        group = self.groups.get(gid) if gid is not None else self._best_group(keys, values, anchors, timestamp)[0]
        if group is None:
            group = self._new_group(story_id)
        self._next_id = max(self._next_id, story_id + 1)
        self._join(group, self._added if key is None else key, story_id, keys, values, anchors, timestamp)
        self._added += 1

    def close(self, story_id: int) -> list[int]:
        """Close a story, and with it the other stories of its group (they are revised together);
        the ids of the stories closed."""
        gid = self.stories.get(story_id, story_id)
        group = self.groups.pop(gid, None)
        if group is None:
            return []
        group.closed = True
        closed = sorted(group.story_ids())
        for sid in closed:
            self.stories.pop(sid, None)
        for k in group.indexed:
            postings = self._index.get(k)
            if postings is not None:
                postings.discard(gid)
                if not postings:
                    del self._index[k]
        return closed

    def open_story_ids(self) -> list[int]:
        return sorted(self.stories)

    # -- internals ----------------------------------------------------------------------------
    def _best_group(self, keys: np.ndarray, values: np.ndarray, anchors: frozenset[str], timestamp: float | None) -> tuple[StoryState | None, float, float]:
        """The open group to join, with the article's centroid cosine and anchor share there."""
        best, best_cos, best_anchors = None, 0.0, 0.0
        self._scored = []
        for group in self._candidates(keys, values, timestamp):
            cosine = group.dot(keys, values) / group.norm2 ** 0.5 if group.norm2 > 0 else 0.0
            self._scored.append((group, cosine))  # the merge pass reads them again
            if cosine <= best_cos:
                continue
            share = self._clears(group, cosine, anchors, timestamp)
            if share is not None:
                best, best_cos, best_anchors = group, cosine, share
        return best, best_cos, best_anchors

    def _clears(self, group: StoryState, cosine: float, anchors: frozenset[str], timestamp: float | None) -> float | None:
        """The article's anchor share in ``group`` when it clears the bar to join it, else None."""
        # a group quiet for days is found again only by an article that clearly continues it
        late = timestamp is not None and group.last_ts is not None and timestamp - group.last_ts > self.config.recent_hours * 3600.0
        if cosine < (self.config.late_join_cosine if late else self.config.join_cosine):
            return None
        share = _anchor_share(anchors, group.anchors)
        if share >= (self.config.late_join_anchors if late else self.config.join_anchors):
            return share
        if late and self.config.late_join_by_name and _shares_name(anchors, group.anchors):
            return share  # a development told with new names, which still names the event
        return None

    def _candidates(self, keys: np.ndarray, values: np.ndarray, timestamp: float | None) -> list[StoryState]:
        """Open groups in the time window that share the article's heaviest features: the
        ``max_candidates`` posted under most of them, in id order (ties go the same way in
        every run)."""
        shared: Counter[int] = Counter()
        for k in _heaviest(keys, values, QUERY_FEATURES):
            postings = self._index.get(k)
            if postings:
                shared.update(postings)
        window = self.config.window_hours * 3600.0
        out = []
        for gid, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
            group = self.groups.get(gid)
            if group is None:
                continue
            if timestamp is not None and group.last_ts is not None and abs(timestamp - group.last_ts) > window:
                continue
            out.append(group)
            if len(out) == self.config.max_candidates:  # 0: no cap, every one is scored
                break
        return sorted(out, key=lambda g: g.id)

    def _take_id(self) -> int:
        self._next_id += 1
        return self._next_id - 1

    def _new_group(self, gid: int) -> StoryState:
        group = self.groups[gid] = StoryState(gid)
        return group

    def _join(self, group: StoryState, key: Hashable, story: int, keys: np.ndarray, values: np.ndarray, anchors: frozenset[str], timestamp: float | None) -> _Member:
        group.add(keys, values)
        for a in anchors:
            group.anchors[a] = group.anchors.get(a, 0) + 1
        if timestamp is not None:
            group.first_ts = timestamp if group.first_ts is None else min(group.first_ts, timestamp)
            group.last_ts = timestamp if group.last_ts is None else max(group.last_ts, timestamp)
            heapq.heappush(self._quiet, (group.last_ts, group.id))
        group.last_seq = self._added
        if group.last_ts is None:
            self._unheard.append((self._added, group.id))
        for k in _heaviest(keys, values, INDEX_FEATURES):
            self._index.setdefault(k, set()).add(group.id)
            group.indexed.add(k)
        if len(keys) > MEMBER_FEATURES:  # the story level reads each member's heaviest features only
            keep = np.argpartition(-values, MEMBER_FEATURES)[:MEMBER_FEATURES]
            keys, values = keys[keep], values[keep]
        weights = values.copy()
        if anchors:
            anchor_keys = np.fromiter((anchor_key(a) for a in anchors), dtype=np.int64, count=len(anchors))
            boosts = np.fromiter((self.config.year_boost if a.startswith("y:") else self.config.anchor_boost for a in anchors), dtype=np.float64, count=len(anchors))
            order = np.argsort(anchor_keys, kind="stable")
            anchor_keys, boosts = anchor_keys[order], boosts[order]
            at = np.minimum(np.searchsorted(anchor_keys, keys), len(anchor_keys) - 1)
            hit = anchor_keys[at] == keys
            weights[hit] *= boosts[at[hit]]
        member = _Member(key, story, self._added, keys, weights)
        group.members.append(member)
        if len(group.members) > REVISE_WINDOW:  # out of the window: never revised again, keep its story only
            frozen = group.members[-REVISE_WINDOW - 1]
            frozen.keys, frozen.weights = _EMPTY_KEYS, _EMPTY_VALUES
        if story >= 0:
            self.stories[story] = group.id
        return member

    def _revise(self, group: StoryState, arrived: _Member | None = None) -> tuple[Move, ...]:
        """Re-cluster the group's recent members into stories; keep ids; report who moved
        (not ``arrived``, the article being added: its story is the assignment's own)."""
        window = group.members[-REVISE_WINDOW:]
        before = {m.story for m in window if m.story >= 0}
        labels = _average_link(window, self.config)
        # Number clusters by their oldest member, so that ties (an old story split in two
        # equal halves) go to the older half whatever numbering the linkage gave.
        first = {label: i for i, label in reversed(list(enumerate(labels)))}
        labels = [first[label] for label in labels]
        overlap = Counter((int(label), m.story) for label, m in zip(labels, window) if m.story >= 0)
        ids: dict[int, int] = {}
        taken: set[int] = set()
        for (label, sid), _ in sorted(overlap.items(), key=lambda item: (-item[1], item[0][1], item[0][0])):
            if label not in ids and sid not in taken:
                ids[label] = sid
                taken.add(sid)
        moved = []
        went: dict[int, Counter[int]] = {}  # old story -> where its window members went
        for label, m in zip(labels, window):
            sid = ids.get(int(label))
            if sid is None:
                sid = ids[int(label)] = self._take_id()
            if m.story >= 0:
                went.setdefault(m.story, Counter())[sid] += 1
            if m.story != sid:
                if m.story >= 0 and m is not arrived:
                    moved.append(Move(m.key, m.story, sid))
                m.story = sid
        # A story none of whose recent members kept its id was absorbed (most often by a
        # merge): its older members, out of the window, follow the majority of the recent
        # ones rather than stay behind as a remnant of it.
        absorbed = {old: c.most_common(1)[0][0] for old, c in went.items() if old not in taken}
        if absorbed:
            for m in group.members[:-REVISE_WINDOW]:
                if m.story in absorbed:
                    moved.append(Move(m.key, m.story, absorbed[m.story]))
                    m.story = absorbed[m.story]
        alive = group.story_ids()
        for sid in before - alive:
            self.stories.pop(sid, None)  # emptied by the revision
        for sid in alive:
            self.stories[sid] = group.id
        return tuple(moved)

    def _merge_pass(self, group: StoryState, keys: np.ndarray, values: np.ndarray, anchors: frozenset[str], timestamp: float | None) -> bool:
        """Join into ``group`` (which the article just joined or started) the open group that
        the article bridges, when the two turn out to be one: the article bridges them
        (``_bridges``: a look-alike event written from one template has alike centroids, not
        the same names), and the two groups' centroids have cosine >= ``merge_cosine``
        (strict: a centroid averages away the one-off words that make two reports of one
        event look apart). The merged group's stories are then re-cut by ``_revise``; True
        when a merge happened."""
        if self.config.merge_cosine > 1.0 or group.norm2 <= 0:
            return False
        best, best_cos = None, self.config.merge_cosine
        names = {a for a in anchors if a.startswith("e:")}
        for other, cosine in self._scored:  # the article's candidates, scored by ``_best_group``
            if other is group or other.norm2 <= 0 or other.id not in self.groups:
                continue
            if not self._bridges(other, cosine, names, timestamp):
                continue
            cos = group.dot(other.keys, other.values) / (group.norm2 * other.norm2) ** 0.5
            if cos >= best_cos:
                best, best_cos = other, cos
        if best is None:
            return False
        self._absorb(group, best)
        return True

    def _bridges(self, group: StoryState, cosine: float, names: set[str], timestamp: float | None) -> bool:
        """Whether the article, with these names, bridges into ``group``: the cosine bar to join
        it, and one of its names seen there. Not the anchor share of a join: a development days
        later is told with new names (a chief executive's exit after a breach: 0.1-0.25 of the
        article's anchors seen before on the development stream), and a shared number says
        little (template shootings a week apart share a toll of 3 by chance, 0.2-0.25); what
        look-alike events do not share is a name."""
        late = timestamp is not None and group.last_ts is not None and timestamp - group.last_ts > self.config.recent_hours * 3600.0
        if cosine < (self.config.late_join_cosine if late else self.config.join_cosine):
            return False
        return _shares_name(names, group.anchors)

    def _absorb(self, keep: StoryState, gone: StoryState) -> None:
        """Move every member, feature, anchor and story of ``gone`` into ``keep``."""
        keep.add(gone.keys, gone.values)
        for a, n in gone.anchors.items():
            keep.anchors[a] = keep.anchors.get(a, 0) + n
        for k in gone.indexed:
            postings = self._index.setdefault(k, set())
            postings.discard(gone.id)
            postings.add(keep.id)
            keep.indexed.add(k)
        if gone.first_ts is not None:
            keep.first_ts = gone.first_ts if keep.first_ts is None else min(keep.first_ts, gone.first_ts)
        if gone.last_ts is not None and (keep.last_ts is None or gone.last_ts > keep.last_ts):
            keep.last_ts = gone.last_ts
            heapq.heappush(self._quiet, (keep.last_ts, keep.id))
        keep.last_seq = max(keep.last_seq, gone.last_seq)
        # Arrival order: the last REVISE_WINDOW of the union are among each group's own last
        # REVISE_WINDOW, so no member frozen out of a window comes back into one.
        keep.members = sorted(gone.members + keep.members, key=lambda m: m.seq)
        for m in keep.members[:-REVISE_WINDOW]:
            m.keys, m.weights = _EMPTY_KEYS, _EMPTY_VALUES
        for sid in gone.story_ids():
            self.stories[sid] = keep.id
        del self.groups[gone.id]  # its heap and queue entries go stale and are skipped

    def _close_unheard(self) -> list[int]:
        """Close the undated groups no article joined in the last ``quiet_articles`` adds; the
        ids of the stories closed."""
        closed: list[int] = []
        while self._unheard and self._added - self._unheard[0][0] > self.config.quiet_articles:
            seq, gid = self._unheard.popleft()
            group = self.groups.get(gid)
            if group is not None and group.last_ts is None and group.last_seq == seq:  # undated, not joined since
                closed += self.close(gid)
        return closed

    def _close_quiet(self, now: float) -> list[int]:
        """Close the groups quiet for ``quiet_hours`` at ``now``; the ids of the stories closed."""
        quiet = self.config.quiet_hours * 3600.0
        closed: list[int] = []
        while self._quiet and now - self._quiet[0][0] > quiet:
            last_ts, gid = heapq.heappop(self._quiet)
            group = self.groups.get(gid)
            if group is not None and group.last_ts == last_ts:  # not joined since this entry
                closed += self.close(gid)
        return closed


def _average_link(members: list[_Member], config: StoryConfig) -> list[int]:
    """Average-link labels of ``members`` in the within-group re-weighted space."""
    n = len(members)
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import linkage

    lengths = np.fromiter((len(m.keys) for m in members), dtype=np.int64, count=n)
    if not lengths.any():
        return list(range(n))  # nothing to compare (empty texts)
    # Columns: the features of these members only (each member lists a feature once).
    _, col = np.unique(np.concatenate([m.keys for m in members]), return_inverse=True)
    df = np.bincount(col)
    weights = np.concatenate([m.weights for m in members]) * np.log((n + 1.0) / (df[col] + 0.5)) ** config.local_power
    rows = np.repeat(np.arange(n), lengths)
    norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
    norms[norms == 0] = 1.0
    # Only features two members share add to a dot product: a dense n x shared matrix
    # (a few hundred columns) is faster than a sparse product at this size.
    shared = df[col] >= 2
    column = np.cumsum(df >= 2) - 1
    x = np.zeros((n, int(column[-1]) + 1))
    x[rows[shared], column[col[shared]]] = weights[shared] / norms[rows[shared]]
    condensed = np.clip(1.0 - (x @ x.T)[_upper(n)], 0.0, 2.0)
    # Never a looser cut than the main one (story_cut=1.0, one story per group, stays so).
    cut = config.story_cut if n >= config.small_group else max(config.story_cut, config.small_story_cut)
    return _cut(linkage(condensed, method="average"), n, cut)


@lru_cache(maxsize=None)
def _upper(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the condensed (upper-triangle) distances of n points."""
    return np.triu_indices(n, 1)


def _cut(merges: np.ndarray, n: int, distance: float) -> list[int]:
    """Flat labels from a linkage: every merge up to ``distance`` (average link is monotone).

    The stories of ``scipy.cluster.hierarchy.fcluster(merges, distance, "distance")``
    (tests/test_stories.py checks it), without its input validation, which on a 32-member
    window costs fcluster about ten times this loop: a noticeable share of the stream's
    per-article budget.
    """
    parent = list(range(2 * n - 1))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for step, (a, b, d, _) in enumerate(merges.tolist()):
        if d > distance:
            break
        parent[root(int(a))] = parent[root(int(b))] = n + step
    return [root(i) for i in range(n)]


def _heaviest(keys: np.ndarray, values: np.ndarray, k: int) -> list[int]:
    """The ``k`` features with the largest weights (any order)."""
    if len(values) > k:
        keys = keys[np.argpartition(-values, k)[:k]]
    return keys.tolist()


def _shares_name(anchors, seen: dict[str, int]) -> bool:
    """Whether one of the article's names ("e:" anchors) was seen in the group."""
    return any(a.startswith("e:") and a in seen for a in anchors)


def _anchor_share(article: frozenset[str], story: dict[str, int]) -> float:
    """Share of the article's names/numbers/dates the story has seen (1 when it has none)."""
    if not article:
        return 1.0
    return len(article & story.keys()) / len(article)
