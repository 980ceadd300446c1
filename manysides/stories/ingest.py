"""``stories ingest``: read sources, drop duplicates, assign each article to a story, store.

Per article, in order:
1. already stored (same id: same text from the same outlet)  -> nothing to do (idempotent)
   (then cleaned as a brief cleans it, ``clean.clean_story``: the store keeps article
   bodies, an HTML page's extracted and cleaned; ``clean=False`` keeps flat text as
   given, for a corpus of bodies already, ~10 ms an article saved)
2. exact copy of a stored text (another outlet, same words)    -> stored as a copy of it
3. near copy (syndicated: MinHash/LSH Jaccard >= 0.7)          -> stored as a copy of it
4. otherwise featurised, assigned online (``OnlineClusterer``) and stored with its vectors;
   when that assignment revised its open topic group, the earlier articles it moved (and
   their copies) are moved in the store too, and the stories touched are recounted.

Writes are committed every ``COMMIT_EVERY`` articles together with the clusterer's
document frequencies, so a crash loses at most the uncommitted batch, which the next run
reads again; the next run rebuilds the open stories from the store.

An article without a date is stored with the time it was read, but joins stories on
content alone: the time window and the quiet period know only real dates (a folder
mixing a dated page with undated text files is one story, not one per clock). A story
with no dated article closes by count instead (``StoryConfig.quiet_articles``), so an
undated stream of millions does not keep every story it ever started open.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable, Iterable, Sequence

import numpy as np

from ..clean import NO_TEXT_IN_HTML, clean_story
from ..clean.prose import not_an_article
from ..config import FetchLimits
from ..errors import ManysidesError
from ..records import Article, Skipped
from ..store import Store
from ..store.db import story_title
from .cluster import OnlineClusterer, StoryConfig, assignment_threads
from .dedup import NearDuplicates, content_hash, minhash_of, signature_bytes, signature_from_bytes
from .features import DIM, ArticleFeatures, DocumentFrequencies, featurize, weigh
from .feeds import PoliteFetcher
from .parallel import ordered_map
from .sources import iter_source

__all__ = ["ingest", "Ingestor", "IngestReport", "Prepared", "prepare", "COMMIT_EVERY"]

log = logging.getLogger(__name__)

#: Articles prepared in this process before worker processes start: a handful of
#: articles (a story folder) is ingested before a worker would be up.
INLINE_FIRST = 32
#: Articles per transaction: small enough to lose little, large enough that the
#: document-frequency snapshot (a compressed 4 MB array) costs < 5% of the time.
COMMIT_EVERY = 128


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    added: int = 0  # new distinct articles, clustered
    copies: int = 0  # exact or near duplicates, stored as copies of an earlier article
    already_stored: int = 0
    new_stories: int = 0
    closed_stories: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"read": self.read, "added": self.added, "copies": self.copies, "already_stored": self.already_stored,
                "new_stories": self.new_stories, "closed_stories": self.closed_stories, "skipped": len(self.skipped),
                "seconds": round(self.seconds, 3)}


class Ingestor:
    """Holds the clusterer and dedup index for one store; ``add`` one article at a time."""

    def __init__(self, store: Store, config: StoryConfig = StoryConfig(), *, commit_every: int = COMMIT_EVERY, clean: bool = True) -> None:
        self.store = store
        self.config = config
        self.clean = clean
        self.commit_every = commit_every
        self.report = IngestReport()
        self._pending: list[Callable] = []
        self._seen_ids: set[str] = set()
        self._hash_owner: dict[str, str] = {}  # content hash -> the article clustered with it, this run
        self._story_of: dict[str, int] = {}  # article -> its current story (moves applied), open stories and this run
        self.near = NearDuplicates()
        self.clusterer = self._restore()

    # -- resume -------------------------------------------------------------------------------
    def _restore(self) -> OnlineClusterer:
        df = self.store.load_array("df", np.uint32)
        n_docs = int(json.loads(self.store.get_meta("n_docs") or b"0"))
        frequencies = DocumentFrequencies(df if df is not None and len(df) == DIM else None, n_docs)
        clusterer = OnlineClusterer(self.config, df=frequencies, next_id=self.store.max_story_id() + 1)
        restored = 0
        for story_id, article_id, date, keys, values, anchors in self.store.open_story_vectors():
            clusterer.restore(story_id, keys, values, frozenset(anchors), timestamp_of(date), key=article_id)
            self._story_of[article_id] = story_id
            restored += 1
        for article_id, data in self.store.open_story_signatures():
            self.near.add(article_id, signature_from_bytes(data))
        if restored:
            log.info("resumed: %d open stories, %d articles", len(clusterer.stories), restored)
        return clusterer

    # -- one article ------------------------------------------------------------------------------
    def add(self, article: Article) -> None:
        """Ingest one article, in this process."""
        if self.is_new(article):
            self.add_prepared(prepare(article, self.clean, eager=False))

    def is_new(self, article: Article) -> bool:
        """Count the article read; False when it is stored already (or was read this run)."""
        self.report.read += 1
        if article.id in self._seen_ids or self.store.has_article(article.id):
            self.report.already_stored += 1
            return False
        self._seen_ids.add(article.id)
        return True

    def add_prepared(self, prepared: "Prepared") -> None:
        """Store a new article (``is_new``) and assign it, from its ``prepare``d text."""
        article, text = prepared.article, prepared.text
        if prepared.skip:
            self.report.skipped.append(Skipped(article.origin, prepared.skip))
            return
        ts = timestamp_of(article.date)
        original = self._hash_owner.get(prepared.digest) or self.store.original_of(prepared.digest)
        minhash = None
        if original is None:
            minhash = signature_from_bytes(prepared.signature) if prepared.signature is not None else minhash_of(text)
            original = self.near.find(minhash)
        if original is not None:
            self._queue_copy(article, prepared.digest, ts, original)
        else:
            features = prepared.features or featurize(text, article.title)
            self._queue_new(article, text, prepared.digest, ts, minhash, features)
        if len(self._pending) >= self.commit_every:
            self.commit()

    def _queue_copy(self, article: Article, digest: str, ts: float | None, original: str) -> None:
        self.report.copies += 1
        # Its story now: revisions may have moved the original since it was stored.
        story = self._story_of.get(original)
        if story is None:
            story = self.store.story_of(original)
        row = _row(article, digest, ts, story_id=story, duplicate_of=original)

        def write(conn) -> None:
            self.store.insert_article(conn, row)
            if story is not None:
                self.store.upsert_story(conn, story, title=row["title"], source=article.source, ts=row["ts"], cosine=0.0, copy=True)

        self._pending.append(write)

    def _queue_new(self, article: Article, text: str, digest: str, ts: float | None, minhash, features: ArticleFeatures) -> None:
        assignment = self.clusterer.add(features, ts, key=article.id)
        moves = {m.key: m.new_story for m in assignment.moved}
        closed = list(assignment.closed)
        self._story_of.update(moves)
        keys, values = weigh(features, self.clusterer.df)
        self._hash_owner[digest] = article.id
        self._story_of[article.id] = assignment.story_id
        self.near.add(article.id, minhash)
        self.report.added += 1
        self.report.new_stories += len(assignment.created)  # the article's own, and any a split started
        self.report.closed_stories += len(closed)
        row = _row(article, digest, ts, story_id=assignment.story_id, anchors=sorted(features.anchors), cosine=assignment.cosine)
        title = story_title(article.title, text)

        def write(conn) -> None:
            self.store.insert_article(conn, row)
            self.store.insert_vector(conn, article.id, "tfidf", DIM, values.tobytes(), keys.tobytes())
            self.store.insert_vector(conn, article.id, "minhash", len(minhash.hashvalues), signature_bytes(minhash))
            self.store.upsert_story(conn, assignment.story_id, title=title, source=article.source, ts=row["ts"], cosine=assignment.cosine, copy=False)
            if moves:
                self.store.move_articles(conn, moves)
            self.store.close_stories(conn, closed)

        self._pending.append(write)

    def commit(self) -> None:
        """Write the pending articles, their stories and the clusterer state in one transaction."""
        if not self._pending:
            return
        with self.store.transaction() as conn:
            for write in self._pending:
                write(conn)
            self.store.save_array(conn, "df", self.clusterer.df.df)
            self.store.set_meta(conn, "n_docs", json.dumps(self.clusterer.df.n_docs).encode())
        self._pending.clear()

    def discard(self) -> None:
        """Forget uncommitted work (after an error); the next run reads it again."""
        self._pending.clear()


@dataclass(frozen=True, slots=True)
class Prepared:
    """What an article needs before its assignment, computed from the article alone."""

    article: Article  # cleaned
    text: str
    digest: str
    signature: bytes | None = None  # MinHash (``eager``), else computed when needed
    features: ArticleFeatures | None = None
    skip: str = ""  # why the article is not stored (a page with no article text)


def prepare(article: Article, clean: bool, eager: bool = True) -> Prepared:
    """Clean, hash and (``eager``, as a worker process does) MinHash and featurise one article.

    In a worker all of it is done ahead, though an exact copy needs neither MinHash nor
    features: the worker's time is free, the main process's is the pipeline's pace."""
    page = bool(article.html)
    article = _cleaned(article, clean)
    text = article.raw_text or article.text
    if page and not text:
        return Prepared(article, text, "", skip=NO_TEXT_IN_HTML)
    junk = not_an_article(text)  # a dead link, a cookie wall, a paywall stub, a menu: no story's
    if junk:
        return Prepared(article, text, "", skip=junk)
    if not eager:
        return Prepared(article, text, content_hash(text))
    return Prepared(article, text, content_hash(text), signature_bytes(minhash_of(text)), featurize(text, article.title))


def _cleaned(article: Article, clean: bool) -> Article:
    """The article as the store keeps it: its body alone (``raw_text`` and ``text`` alike, no
    HTML). A page is always extracted; flat text is cleaned unless ``clean`` is off; a
    record that carries only its body (``text``, nothing read) is kept as it is."""
    if not article.html and (not clean or not article.raw_text):
        return article
    cleaned = clean_story([article])[0]
    # flat text that cleaning empties is kept whole (a store of bodies should not lose one)
    body = cleaned.text.strip() or ("" if article.html else article.raw_text)
    return replace(cleaned, text=body, raw_text=body, html="")


def _prepare_eagerly(item: tuple[Article, bool]) -> Prepared:
    return prepare(*item)


def ingest(
    sources: Sequence[str] | Iterable[Article],
    store: Store,
    *,
    config: StoryConfig = StoryConfig(),
    limits: FetchLimits = FetchLimits(),
    fetcher: PoliteFetcher | None = None,
    progress: Callable[[IngestReport], None] | None = None,
    commit_every: int = COMMIT_EVERY,
    clean: bool = True,
    workers: int = 1,
) -> IngestReport:
    """Ingest every source (paths, JSONL, WARC, feed URLs; or Article records) into ``store``.

    ``clean=False`` keeps flat text as given (a corpus of article bodies). ``workers`` > 1
    cleans and featurises in that many processes while this one assigns and stores (the
    stories are the same; see ``parallel``)."""
    t0 = time.perf_counter()
    ingestor = Ingestor(store, config, commit_every=commit_every, clean=clean)
    fetcher = fetcher or PoliteFetcher(limits)
    new = ((item, clean) for item in _articles(sources, store, fetcher, limits, ingestor.report) if _counted(ingestor, item, progress))
    try:
        with store.writer(), assignment_threads():  # one writer a store; one BLAS thread (see cluster.BLAS_THREADS)
            if workers <= 1:
                prepared = (prepare(*item, eager=False) for item in new)
            else:
                prepared = ordered_map(_prepare_eagerly, new, workers=workers, inline_first=INLINE_FIRST)
            for item in prepared:
                ingestor.add_prepared(item)
                if progress:
                    progress(ingestor.report)
            ingestor.commit()
    except BaseException:
        # Committed batches stay; the uncommitted one is read again next time.
        ingestor.discard()
        raise
    ingestor.report.seconds = time.perf_counter() - t0
    return ingestor.report


def _counted(ingestor: Ingestor, article: Article, progress: Callable[[IngestReport], None] | None) -> bool:
    """``ingestor.is_new``, reporting progress for what is skipped as already stored."""
    if ingestor.is_new(article):
        return True
    if progress:
        progress(ingestor.report)
    return False


def _articles(sources, store: Store, fetcher: PoliteFetcher, limits: FetchLimits, report: IngestReport) -> Iterable[Article]:
    for source in sources:
        if isinstance(source, Article):
            yield source
            continue
        try:
            for item in iter_source(str(source), store=store, fetcher=fetcher, limits=limits):
                if isinstance(item, Skipped):
                    report.skipped.append(item)
                else:
                    yield item
        except ManysidesError as exc:  # one bad source must not sink the others
            report.skipped.append(Skipped(str(source), str(exc)))


def _row(article: Article, digest: str, ts: float | None, *, story_id: int | None, duplicate_of: str | None = None, anchors: list[str] | None = None, cosine: float = 0.0) -> dict:
    return {
        "id": article.id, "content_hash": digest, "story_id": story_id, "duplicate_of": duplicate_of,
        "source": article.source, "title": article.title, "url": article.url, "date": article.date, "ts": time.time() if ts is None else ts,
        "origin": article.origin, "text": article.raw_text or article.text, "anchors": json.dumps(anchors or []), "cosine": float(cosine),
    }


def timestamp_of(date: str) -> float | None:
    """Epoch seconds of an article's date (ISO 8601 or RFC 822); None when it has none."""
    date = (date or "").strip()
    if date:
        for parse in (lambda d: datetime.fromisoformat(d.replace("Z", "+00:00")), parsedate_to_datetime):
            try:
                dt = parse(date)
                return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).timestamp()
            except (ValueError, TypeError):
                continue
    return None
