"""The orchestrator: the stages of a brief, in order.

1. ingest      paths, URLs, folders, Multi-News, JSONL, stdin -> Articles: raw text, or a
               page's HTML and the metadata its head declares (ingest only reads)
2. clean       by what each article carries (``clean.clean_story``): an HTML page extracted
               and cleaned, flat text cleaned with the story's other texts, a body marked
               ``already_clean`` kept as given; what was removed kept with its reason, for
               every kind; then articles whose clean text is another's are counted once
3. language    English is briefed; other languages, and pages with no sentence of prose
               ("no article text found"), are skipped, and the brief says which and why
4. sentences   each clean text split into sentences with character spans
5. embed       every sentence encoded once (MiniLM, or TF-IDF fallback), shared below
6. align       facts with k-of-n support; divergences (one outlet only, omissions, conflicts)
7. summarize   extractive, length-controlled, every sentence cited; it prefers the lines
               other outlets also state (the facts of step 6), and then cites every outlet
               that states the same fact, in its own words
8. quotes      who said what, merged across outlets (spaCy parses each article once, beside
               the encoder, on a thread or a side process: ``parse.py``; entities reuse the parse)
9. framing     per outlet: loaded terms, opinion share, lead, whose quotes
10. entities (from the parse) and the timeline (made while the encoder runs; once the
    vectors are there, one day's events that say the same thing are merged)

``Pipeline`` holds the models, so a batch job builds it once and briefs many stories.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Collection, Mapping, Sequence

import numpy as np

from .align import SentenceIndex, align_facts, carried_by_others, cited_as_carried, facts_with_disputes, find_divergences, lines_with_disputes, readable_facts, without_restatements
from ._brief import Brief
from .clean import NO_TEXT_IN_HTML, clean_story
from .clean.model import ClutterModel, load_model
from .clean.prose import MIN_ARTICLE_WORDS, unbriefable
from .config import BriefConfig
from .errors import InputError
from .framing import frame_articles
from .ingest import ArticleInput, drop_copies, load_inputs
from .parse import Analyser
from .quotes.named import with_speaker_named
from .records import Article, Divergence, Entity, Fact, Quote, Sentence, Skipped, SummarySentence
from .summarize import Summarizer, summarize
from .summarize.support import cite_fact_support
from .text.embeddings import SAME_MEANING, Encoder, get_encoder
from .text.copies import copied_groups, whose_word
from .text.cues import filed_as_commentary
from .text.names import LEAD_SENTENCES, full_names, introduce_surnames, story_names
from .text.sentences import sentences_of
from .text.timeline import (apart_in_time, date_contradicted, merge_same_events, overtaken, parse_date, subject_words, timeline_of,
                            parse_stamp, with_periods_dated)

if TYPE_CHECKING:
    import httpx

__all__ = ["Pipeline", "Progress"]

log = logging.getLogger(__name__)

#: progress(stage, fraction done 0..1): the CLI draws a bar, the web app streams events.
Progress = Callable[[str, float], None]


#: Events a brief's timeline lists at most.
TIMELINE_EVENTS = 12

#: In a story of three or more articles, an article none of whose sentences comes this close
#: (MiniLM cosine) to a sentence of another article shares no statement with them: another
#: story, or a capture that is not the article (a video page's two lines, a site's banner, a
#: search page). On the 64 real stories five captures fall under it, all such stubs (2 to 5
#: sentences: an index page, a disclaimer, two video pages, a town guide's banner); the next
#: article up is at 0.369 and carries the story.
OFF_STORY_COSINE = 0.35
OFF_STORY_REASON = ("shares no statement with the other articles (another story, or a capture that is not the "
                    "article: a video page, a banner, an index); left out of the comparison")

#: A sentence this close (MiniLM cosine) to a sentence of another article tells the story they
#: tell (between align's CANDIDATE_FLOOR 0.45 and SAME_TOPIC 0.58).
ON_STORY_COSINE = 0.5
#: In a story of three or more, a capture with fewer words than this in such sentences, and
#: under ``ON_STORY_MAX_SHARE`` of its words, is mostly not coverage of the story: a search
#: page's snippets, a listing of other items, an author's bio, a copyright notice, another
#: story's entry of a live page. The same floor as an article's words (``MIN_ARTICLE_WORDS``).
#: On the 64 real stories, beyond the five ``off_story`` stubs, five captures fall under it
#: (0 to 2 words on the story, 0 to 3 % of theirs), none an article of the story; the next
#: up are a TV show's rundown (21 words) and a 24-word wire item, all 24 on the story.
ON_STORY_MIN_WORDS = MIN_ARTICLE_WORDS
#: ...a short item most of whose words tell the story is kept, whatever its length.
ON_STORY_MAX_SHARE = 0.25
#: Page text cleaned: this many times an article's share of the word budget, and at least
#: RAW_MIN_WORDS (a page's clutter is seldom more than its article; 20 000 words is about
#: 120 kB, four long features).
RAW_FACTOR, RAW_MIN_WORDS = 4, 20_000


def off_story(index: SentenceIndex, article_ids: Sequence[str]) -> set[str]:
    """Articles (of three or more) with no sentence within ``OFF_STORY_COSINE`` of another
    article's; never so many that fewer than two would remain."""
    if len(article_ids) < 3 or not index.sentences:
        return set()
    best = index.best_other()
    closest: dict[str, float] = {}
    for s, b in zip(index.sentences, best):
        closest[s.article_id] = max(closest.get(s.article_id, -1.0), float(b))
    off = {a for a in article_ids if closest.get(a, -1.0) < OFF_STORY_COSINE}
    return off if len(article_ids) - len(off) >= 2 else set()


def on_story_words(index: SentenceIndex) -> dict[str, tuple[int, int]]:
    """Per article: (words in sentences within ``ON_STORY_COSINE`` of another article's, its words)."""
    words: dict[str, list[int]] = {}
    for s, b in zip(index.sentences, index.best_other()):
        n = len(s.text.split())
        counts = words.setdefault(s.article_id, [0, 0])
        counts[0] += n if b >= ON_STORY_COSINE else 0
        counts[1] += n
    return {a: (on, total) for a, (on, total) in words.items()}


def little_on_story(index: SentenceIndex, article_ids: Sequence[str], off: Collection[str] = ()) -> dict[str, str]:
    """Articles (of three or more, beside those already ``off``) that are mostly not coverage of the
    story (see ``ON_STORY_MIN_WORDS``), each with its reason; never so many that fewer than two
    would remain."""
    if len(article_ids) < 3 or not index.sentences:
        return {}
    found = {}
    for a, (on, total) in on_story_words(index).items():
        if a not in off and on < ON_STORY_MIN_WORDS and on < ON_STORY_MAX_SHARE * total:
            found[a] = (f"mostly not coverage of this story: {on} of its {total} words are in sentences another "
                        f"outlet also carries (a search or listing page, a bio or notice, another story's item); "
                        f"left out of the comparison")
    return found if len(article_ids) - len(off) - len(found) >= 2 else {}


def input_name(article: Article, number: int) -> str:
    """A skipped input as a reader finds it again: its outlet, title and where it came from (a
    URL, or a path when it has none). Its place among the inputs only when nothing else tells it
    apart: the brief numbers the articles it keeps, and "input 5" read beside them as their [5]."""
    name = article.source
    if article.title:
        name += f" “{article.title}”"
    where = article.url or (article.origin if article.origin not in ("", "input", article.source) else "")
    if where:
        return f"{name} ({where})"
    return name if article.title else f"{name} (input {number} as given)"


def _without_articles(quotes: Sequence[Quote], entities: Sequence[Entity], off: set[str]) -> tuple[list[Quote], list[Entity]]:
    """Quotes and entities as the kept articles carry them."""
    kept_quotes = []
    for q in quotes:
        sources = tuple(a for a in q.sources if a not in off)
        if sources:
            kept_quotes.append(replace(q, sources=sources, contexts={a: c for a, c in q.contexts.items() if a not in off}))
    kept_entities = []
    for e in entities:
        sources = tuple(a for a in e.sources if a not in off)
        if sources:
            kept_entities.append(replace(e, sources=sources))
    return kept_quotes, kept_entities


class _CachedEncoder:
    """Encode each distinct sentence once per brief, whichever stage asks first."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not self.dim:  # vectors that depend on the batch (TF-IDF): no caching
            return self.inner.encode(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            for t, v in zip(missing, self.inner.encode(missing)):
                self._cache[t] = v
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


class Pipeline:
    """Models loaded once; ``run`` briefs one story."""

    def __init__(
        self, config: BriefConfig = BriefConfig(), *, encoder: Encoder | None = None, summarizer: Summarizer | None = None,
        clutter_model: ClutterModel | None = None, analyser: Analyser | None = None,
        transport: "httpx.BaseTransport | None" = None,
    ) -> None:
        """Each component may be given (a test's, a worker's own, another trained model);
        otherwise the packaged one is loaded, once a process (each loader's documented cache).
        ``analyser``: where spaCy's parse runs (default: made here from ``config.parse_in``,
        and closed with the pipeline; one given stays the caller's to close). ``transport``:
        what every URL input is fetched through (None: the network; tests inject a mock)."""
        self.config = config
        # Started first: spaCy loads (on a thread or a side process) while the encoder
        # loads and the first articles are read and cleaned.
        self._owns_analyser = analyser is None
        self.analyser = analyser or Analyser(config.parse_in)
        self.transport = transport
        self.encoder = encoder or get_encoder(config.encoder)
        self.summarizer = summarizer or Summarizer.packaged()
        self.clutter_model = clutter_model or (load_model() if config.clean else None)

    def close(self) -> None:
        """Release the parse's side process or thread, if this pipeline made it (the models
        are shared caches)."""
        if self._owns_analyser:
            self.analyser.close()

    def __enter__(self) -> "Pipeline":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, inputs: Sequence[ArticleInput], *, progress: Progress | None = None, stdin=None) -> Brief:
        tick = progress or (lambda stage, done: None)
        t0 = time.perf_counter()
        tick("ingest", 0.0)
        articles, skipped = load_inputs(inputs, self.config, stdin=stdin, transport=self.transport)
        return self.run_articles(articles, skipped=skipped, progress=progress, started=t0)

    def run_articles(self, articles: Sequence[Article], *, skipped: Sequence[Skipped] = (), progress: Progress | None = None, started: float | None = None) -> Brief:
        tick = progress or (lambda stage, done: None)
        t0 = started or time.perf_counter()
        skipped = list(skipped)
        numbers = {a.id: n for n, a in enumerate(articles, 1)}  # how a skip note names its input
        tick("clean", 0.1)
        articles, long_pages = self._pages_within_budget(articles)
        # two pages (or a page and a text) may differ only in what cleaning took out
        articles, copies = drop_copies(self._clean(articles), lambda a: a.text, lambda a: input_name(a, numbers[a.id]))
        skipped += copies
        articles, skipped = self._keep_supported(articles, skipped, numbers)
        articles, shortened = self._within_budget(articles)
        shortened = long_pages + shortened
        if not articles:
            what = "; ".join(f"{s.origin}: {s.reason}" for s in skipped[:3]) or "no input"
            raise InputError("the inputs", f"left no article to brief ({what})", "pass at least one readable English article")
        tick("sentences", 0.2)
        sentences = {a.id: sentences_of(a.id, a.text) for a in articles}
        articles, undated = _with_date_lines_checked(articles, sentences)
        flat = [s for a in articles for s in sentences[a.id]]
        tick("embed", 0.3)
        # spaCy's parse (quotes and entities) runs beside the sentence encoder, unless the
        # config puts it inline (a batch worker: one core each), where it runs when asked.
        analysis = self.analyser.start(articles, [sentences[a.id] for a in articles])
        encoder = _CachedEncoder(self.encoder)
        with ThreadPoolExecutor(1, thread_name_prefix="manysides-encode") as pool:
            # The timeline needs no embeddings: it is made while onnxruntime encodes (it
            # computes without the GIL), on the core the parse leaves free once it is done.
            vectors = pool.submit(encoder.encode, [s.text for s in flat])
            tick("timeline", 0.4)
            names = _story_names(articles, flat)
            timeline = self._timeline(articles, flat, names)
            tick("embed", 0.5)  # what is left of the encoding
            index = SentenceIndex(tuple(flat), vectors.result())
        # A capture that shares nothing with the others, or tells the story in a few words
        # among other matter (a search page's snippets, a listing), is not coverage of this
        # story: it counts in no "k of n", omission or one-outlet list.
        ids = [a.id for a in articles]
        reasons = dict.fromkeys(off_story(index, ids), OFF_STORY_REASON)
        reasons.update(little_on_story(index, ids, set(reasons)))
        off = set(reasons)
        if off:
            skipped += [Skipped(input_name(a, numbers[a.id]), reasons[a.id]) for a in articles if a.id in off]
            articles = [a for a in articles if a.id not in off]
            flat = [s for s in flat if s.article_id not in off]
            index = SentenceIndex(tuple(flat), index.vectors[[k for k, s in enumerate(index.sentences) if s.article_id not in off]])
            names = _story_names(articles, flat)
            timeline = self._timeline(articles, flat, names)
        apart = _apart_ids(articles)
        timeline = merge_same_events(timeline, index.sentences, index.vectors, limit=TIMELINE_EVENTS, apart=apart)
        tick("align", 0.65)
        ids = [a.id for a in articles]
        copy_groups = copied_groups([a.text for a in articles])  # a wire story under several names
        outlets = whose_word(ids, [a.outlet for a in articles], copy_groups)
        facts = align_facts(index, len(articles), outlets=outlets)
        misdated = _misdated(apart, index, facts)
        misdated_notes = _misdated_notes(articles, misdated)
        if misdated:  # read as of the others' moment, as an undated article is (the note says what date it gave)
            articles = [replace(a, date="") if a.id in misdated else a for a in articles]
            apart -= misdated
        divergences = find_divergences(index, facts, ids, published={a.id: a.date for a in articles}, outlets=outlets,
                                       copies=whose_word(ids, ids, copy_groups))
        # The neutral summary of many outlets is what they report in common: it prefers the
        # lines other outlets also state (all facts found, before readability is asked).
        tick("summarize", 0.7)
        summary = self._summary(articles, sentences, carried_by_others(index, facts), index, apart)
        facts = without_restatements(index, cited_as_carried(index, readable_facts(facts), outlets), SAME_MEANING)
        # A line or fact another outlet contests (a number, a date, a name) says so.
        facts = facts_with_disputes(facts, divergences)
        summary = lines_with_disputes(cite_fact_support(summary, facts, ids), divergences)
        tick("quotes", 0.75)
        quotes, entities = analysis()
        if off:
            quotes, entities = _without_articles(quotes, entities, off)
        quotes = _of_this_moment_first(quotes, apart)
        tick("framing", 0.85)
        framing = frame_articles(articles, sentences, facts, quotes)
        summary, facts, divergences = _speakers_named(summary, facts, divergences, quotes)
        names = full_names((s.text for s in flat), people=(q.speaker for q in quotes),
                           persons=(e.text for e in entities if e.label == "PERSON"))
        summary = _summary_names_introduced(summary, names)
        facts, divergences = _names_introduced(facts, divergences, names)
        summary, facts, divergences = _periods_dated(articles, summary, facts, divergences)
        tick("done", 1.0)
        return Brief(
            articles=tuple(articles),
            summary=tuple(summary),
            facts=tuple(facts),
            divergences=tuple(divergences),
            quotes=tuple(quotes),
            framing=tuple(framing),
            entities=tuple(entities),
            timeline=tuple(timeline),
            skipped=tuple(skipped),
            notes=tuple(self._notes(articles, skipped, copy_groups) + misdated_notes + shortened + _undated_notes(articles, undated)),
            meta={"encoder": self.encoder.name, "seconds": round(time.perf_counter() - t0, 3), "words": self.config.words, "sentences": self.config.sentences},
        )

    def _timeline(self, articles: Sequence[Article], flat: Sequence, names: frozenset[str]) -> list:
        """The dated events; twice those shown: merging the same event told twice makes room for more."""
        return timeline_of(flat, {a.id: a.date for a in articles}, limit=2 * TIMELINE_EVENTS, apart=_apart_ids(articles),
                           subject=subject_words([a.title for a in articles], [a.text for a in articles]),
                           names=names)

    def _summary(self, articles: Sequence[Article], sentences: dict, carried: dict | None = None, index: SentenceIndex | None = None,
                 apart: Collection[str] = ()) -> list:
        """The cited summary; ``carried``: how many other outlets state each sentence;
        ``index``: the sentences' encoder vectors, so that no line repeats another in other words;
        ``apart``: the articles of another moment of the story (``_apart_ids`` less ``_misdated``)."""
        meaning = {(s.article_id, s.index): v for s, v in zip(index.sentences, index.vectors)} if index is not None else None
        return summarize(
            [sentences[a.id] for a in _in_story_order(articles)], words=self.config.words, sentences=self.config.sentences,
            titles={a.id: a.title for a in articles if a.title}, summarizer=self.summarizer, carried=carried, meaning=meaning,
            elsewhere_in_time=apart, overtaken_in_time={articles[n].id for n in overtaken([a.date for a in articles])},
            commentary={a.id for a in articles if filed_as_commentary(a.url)},
            published={a.id: parse_date(a.date) for a in articles},
        )

    def _clean(self, articles: Sequence[Article]) -> list[Article]:
        """The clean stage; ``--no-clean`` keeps flat text as given, but a page is still
        extracted (its HTML is no text to brief)."""
        if self.config.clean:
            return clean_story(articles, model=self.clutter_model)
        pages = iter(clean_story([a for a in articles if a.html], model=self.clutter_model))
        return [next(pages) if a.html else replace(a, text=a.raw_text.strip()) for a in articles]

    def _keep_supported(self, articles: Sequence[Article], skipped: list[Skipped], numbers: dict[str, int]) -> tuple[list[Article], list[Skipped]]:
        kept = []
        for a in articles:
            reason = NO_TEXT_IN_HTML if a.html and not a.text.strip() else unbriefable(a.text)
            if reason:
                skipped.append(Skipped(input_name(a, numbers[a.id]), reason))
            else:
                kept.append(replace(a, language="en"))
        return kept, skipped

    def _article_budget(self, n_articles: int) -> int:
        """Words of clean text read from each of ``n_articles``."""
        return min(self.config.max_article_words, max(100, self.config.max_story_words // max(1, n_articles)))

    def _pages_within_budget(self, articles: Sequence[Article]) -> tuple[list[Article], list[str]]:
        """Flat page text cut, at a line, before cleaning: cleaning reads every line of a page
        (45 s for a request's 18 MB), and past ``RAW_FACTOR`` times an article's budget no
        line would be read after cleaning anyway; a note for each page cut."""
        cap = max(RAW_MIN_WORDS, RAW_FACTOR * self._article_budget(len(articles)))
        out, notes = [], []
        for n, a in enumerate(articles, 1):
            if a.html or a.already_clean or len(a.raw_text.split()) <= cap:  # a page is capped at ingest
                out.append(a)
                continue
            kept, count = [], 0
            for line in a.raw_text.splitlines():
                words = line.split()
                if count + len(words) > cap:
                    if not kept:  # one endless line: its first words
                        kept.append(" ".join(words[:cap]))
                    break
                kept.append(line)
                count += len(words)
            out.append(replace(a, raw_text="\n".join(kept)))
            notes.append(f"Article [{n}] ({a.source}) is a very long page: the brief cleans its first {cap:,} words.")
        return out, notes

    def _within_budget(self, articles: Sequence[Article]) -> tuple[list[Article], list[str]]:
        """Each article cut, at a paragraph, to its share of the brief's word budget (a brief of a
        500 kB text must not take minutes and gigabytes); a note for each article cut."""
        per_article = self._article_budget(len(articles))
        out, notes = [], []
        for n, a in enumerate(articles, 1):
            words = len(a.text.split())
            if words <= per_article:
                out.append(a)
                continue
            kept, count = [], 0
            for paragraph in a.text.split("\n\n"):
                size = len(paragraph.split())
                if count + size > per_article and kept:
                    break
                kept.append(paragraph if size <= per_article else " ".join(paragraph.split()[:per_article]))
                count += min(size, per_article)
            out.append(replace(a, text="\n\n".join(kept)))
            notes.append(f"Article [{n}] ({a.source}) is long: the brief reads its first {count:,} of {words:,} words.")
        return out, notes

    def _notes(self, articles: Sequence[Article], skipped: Sequence[Skipped], copy_groups: Sequence[Sequence[int]]) -> list[str]:
        notes = []
        if len(articles) == 1:
            notes.append("Only one article: no cross-outlet comparison is possible; facts and divergences are empty.")
        if skipped:
            notes.append(f"{len(skipped)} input(s) skipped; see 'skipped' for each reason.")
        if self.encoder.name == "tfidf":
            notes.append("Sentence similarity used TF-IDF (MiniLM not installed): paraphrases match less well.")
        return notes + _one_outlet_notes(articles) + _one_report_notes(copy_groups) + _out_of_time_notes(articles)


def _with_date_lines_checked(articles: Sequence[Article], sentences: Mapping[str, Sequence]) -> tuple[list[Article], dict[str, tuple[str, str]]]:
    """``articles`` less the date lines that cannot be when they were published, and for each
    such article id (its date line, why): a date line its own text contradicts (an event it
    tells as past falls after it: ``text.timeline.date_contradicted``), or one time stamp, to
    the minute, on several pages of one outlet (``_capture_stamps``). Such a date would set the
    article apart in time and date its "on Tuesday" a year off."""
    captured = _capture_stamps(articles)
    out, undated = [], {}
    for a in articles:
        if a.id in captured:
            out.append(replace(a, date=""))
            undated[a.id] = (a.date, _CAPTURED + captured[a.id])
            continue
        later = date_contradicted([s.text for s in sentences[a.id]], parse_date(a.date)) if a.date else None
        if later is None:
            out.append(a)
            continue
        out.append(replace(a, date=""))
        undated[a.id] = (a.date, f"tells of {later.surface} as past")
    return out, undated


_CAPTURED = "carry one time stamp to the minute, "
#: A date line with its time of day ("2017-11-27T12:15:00"), up to the minute.
_STAMP_TO_THE_MINUTE = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d)")


def _capture_stamps(articles: Sequence[Article]) -> dict[str, str]:
    """Articles whose time stamp, to the minute, another page of their outlet carries too: the
    time a crawler took them, not when each was published (three pages of one outlet about a
    shooting, all stamped eight weeks later at 12:15). A date without its time (midnight) is
    shared by every page of a day, and says nothing of the kind."""
    pages: dict[tuple[str, str], list[Article]] = {}
    for a in articles:
        m = _STAMP_TO_THE_MINUTE.match(a.date or "")
        if m and not m.group(1).endswith("T00:00"):
            pages.setdefault((a.outlet, m.group(1)), []).append(a)
    return {
        a.id: stamp.replace("T", " ") for (_, stamp), group in pages.items() if len({(a.title, a.text[:200]) for a in group}) > 1 for a in group
    }


def _undated_notes(articles: Sequence[Article], undated: Mapping[str, tuple[str, str]]) -> list[str]:
    """A note for the articles whose date line is not used (one for the pages of a shared stamp),
    numbered as the brief cites them."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for n, a in enumerate(articles, 1):
        if a.id in undated:
            groups.setdefault((a.source, *undated[a.id]), []).append(n)
    notes = []
    for (source, dated, why), numbers in groups.items():
        if why.startswith(_CAPTURED):
            notes.append(f"Articles {''.join(f'[{n}]' for n in numbers)} ({source}) {why}: when they were captured, not "
                         "published; their date lines are not used.")
        else:
            notes += [f"Article [{n}] ({source}) is dated {dated[:10]} but {why}: its date line is not used." for n in numbers]
    return notes


def _of_this_moment_first(quotes: Sequence[Quote], apart: set[str]) -> list[Quote]:
    """The quotes, those only articles dated apart carry after the rest (each list in its order):
    the brief tells the moment most outlets cover, and a reader found two later analysis pieces'
    voices filling most of an Equifax breach's list. They stay, marked with their article's date."""
    return sorted(quotes, key=lambda q: bool(apart) and bool(q.sources) and all(a in apart for a in q.sources))


def _story_names(articles: Sequence[Article], flat: Sequence[Sentence]) -> frozenset[str]:
    """The names the articles' headlines and openings share (``text.names.story_names``)."""
    leads: dict[str, list[str]] = {a.id: [] for a in articles}
    for s in flat:
        if s.article_id in leads and len(leads[s.article_id]) < LEAD_SENTENCES:
            leads[s.article_id].append(s.text)
    return story_names([a.title for a in articles], [leads[a.id] for a in articles])


def _apart_ids(articles: Sequence[Article]) -> set[str]:
    """Ids of the articles dated far from most of the story's (``text.timeline.apart_in_time``)."""
    _, apart = apart_in_time([a.date for a in articles])
    return {articles[n].id for n, _ in apart}


def _one_outlet_notes(articles: Sequence[Article]) -> list[str]:
    """Name the articles that come from one outlet: two of one outlet's pieces agreeing is
    that outlet's word twice ("k of n" counts it once)."""
    by_outlet: dict[str, list[int]] = {}
    for n, a in enumerate(articles, 1):
        if a.source:
            by_outlet.setdefault(a.outlet, []).append(n)

    def named(numbers: list[int]) -> str:  # editions of one site ("europe.", "africa.") by the site's name
        sources = {articles[n - 1].source for n in numbers}
        return sources.pop() if len(sources) == 1 else articles[numbers[0] - 1].outlet

    return [f"Articles {''.join(f'[{n}]' for n in numbers)} are all from {named(numbers)}: "
            "where they agree, that is one outlet's word." for numbers in by_outlet.values() if len(numbers) > 1]


def _one_report_notes(copies: Sequence[Sequence[int]]) -> list[str]:
    """Name the articles that carry one report (``copies``: a wire or syndicated story under
    several names): where they agree, that is one report's word, not as many outlets'."""
    notes = []
    for group in copies:
        cited = "".join(f"[{i + 1}]" for i in group)
        notes.append(f"Articles {cited} carry one report nearly word for word (a wire or syndicated story): "
                     f"where they agree, that is one report's word, not {len(group)} outlets'.")
    return notes


def _out_of_time_notes(articles: Sequence[Article]) -> list[str]:
    """Name the articles dated a month or more from the median date of the others."""
    middle, apart = apart_in_time([a.date for a in articles])
    if not apart:
        return []
    named = ", ".join(f"[{n + 1}] {d.isoformat()}" for n, d in apart)
    return [f"Dated a month or more from most of the others (around {middle.isoformat()}): {named}. "
            "They may tell of another moment of the story, an earlier event or a later development: "
            "the summary takes from them only what the others also report, what they alone report or "
            "leave out is not listed as a divergence or a timeline event, and their quotes say so."]


def _misdated_notes(articles: Sequence[Article], misdated: Collection[str]) -> list[str]:
    """Name the articles dated apart that carry the others' report all the same (``_misdated``)."""
    if not misdated:
        return []
    middle, _ = apart_in_time([a.date for a in articles])
    named = ", ".join(f"[{n}] {a.date[:10]}" for n, a in enumerate(articles, 1) if a.id in misdated)
    it, says, its = ("it", "says", "its") if len(misdated) == 1 else ("they", "say", "their")
    return [f"Dated a month or more from most of the others (around {middle.isoformat() if middle else 'their dates'}): {named}; "
            f"yet most of what {it} {says} the others report too, so {it} {'is' if it == 'it' else 'are'} read as of their "
            f"moment and as undated ({its} date is likely {its} page's, not {its} report's)."]


#: Share of an article's sentences that are wordings of facts the other outlets carry, over which
#: an article dated far from the others still tells their moment: readers found a press release
#: of December, dated April by its page (7 of its 8 sentences facts the others state), and a copy
#: of a zoo's report of May 2016 dated November 2017 (8 of 20) called "another moment of the
#: story". The articles of other moments in the real stories carry 0 to 2 facts (a year-old
#: report of a launch; a look back) or a few in a long report (Newsweek: 6 of 76).
CARRIES_THE_OTHERS_REPORT = 0.3


def _misdated(apart: Collection[str], index: SentenceIndex, facts: Sequence[Fact]) -> set[str]:
    """Of the articles dated apart, those most of whose sentences are facts the others carry."""
    if not apart:
        return set()
    sentences = Counter(s.article_id for s in index.sentences)
    carried = Counter(a for f in facts for a in f.wordings)
    return {a for a in apart if carried[a] >= 2 and carried[a] >= CARRIES_THE_OTHERS_REPORT * sentences[a]}


def _speakers_named(summary: Sequence[SummarySentence], facts: Sequence[Fact], divergences: Sequence[Divergence],
                    quotes: Sequence[Quote]) -> tuple[list[SummarySentence], list[Fact], list[Divergence]]:
    """Each summary line, agreed fact and one-outlet item whose speaker is only a title ("the
    scientist said") gets the name the quotes found for its sentence (quotes.named)."""
    def named(text: str, sentences: Mapping[str, str]) -> str:
        return with_speaker_named(text, sentences, quotes)

    return ([replace(s, text=named(s.text, s.source_sentences)) for s in summary],
            [replace(f, text=named(f.text, {a: w for a, w in f.wordings.items() if w == f.text} or f.wordings)) for f in facts],
            [replace(d, text=named(d.text, d.evidence)) if d.kind == "only_one" else d for d in divergences])


def _periods_dated(articles: Sequence[Article], summary: Sequence[SummarySentence], facts: Sequence[Fact],
                   divergences: Sequence[Divergence]) -> tuple[list[SummarySentence], list[Fact], list[Divergence]]:
    """Lines read out of their article say which year or month their "next year" or "last month"
    is, where the article was written in another one than the story's latest report
    (``text.timeline.with_periods_dated``)."""
    written = {a.id: parse_stamp(a.date) if a.date else None for a in articles}
    latest = max(filter(None, (parse_date(a.date) for a in articles if a.date)), default=None)

    def dated(text: str, article_id: str | None) -> str:
        return with_periods_dated(text, written.get(article_id) if article_id else None, latest)

    return ([replace(s, text=dated(s.text, s.sources[0] if s.sources else None)) for s in summary],
            [replace(f, text=dated(f.text, next((a for a, w in f.wordings.items() if _unbracketed(w) == _unbracketed(f.text)), None)))
             for f in facts],
            [replace(d, text=dated(d.text, d.articles[0])) if d.kind == "only_one" else d for d in divergences])


def _unbracketed(text: str) -> str:
    """A line less what the brief put in brackets ("[Mary] Horomanski"), as its article wrote it."""
    return " ".join(re.sub(r"\[[^\]]*\]", " ", text).split())


def _in_story_order(articles: Sequence[Article]) -> list[Article]:
    """The articles as the summary reads them: earliest report first, then by outlet. Never the
    order they came in: a stored story lists them otherwise than the command line, and lines at
    the same place in two articles would swap between the two briefs."""
    def key(a: Article) -> tuple:
        day = parse_date(a.date) if a.date else None
        return (day is None, day.toordinal() if day else 0, a.date, a.source, a.id)
    return sorted(articles, key=key)


def _summary_names_introduced(summary: Sequence[SummarySentence], names: dict[str, str]) -> list[SummarySentence]:
    """The summary's family names of people first named once, whom only the quotes tell are
    people ("[Kenneth] Janes said"), get their given name too; those the story names twice the
    summarizer introduced already, before the quotes were found (a name it bracketed counts as
    introduced)."""
    texts = introduce_surnames([s.text for s in summary], names)
    return [replace(s, text=t) if t != s.text else s for s, t in zip(summary, texts)]


def _names_introduced(facts: Sequence[Fact], divergences: Sequence[Divergence], names: dict[str, str]) -> tuple[list[Fact], list[Divergence]]:
    """Agreed facts, one-outlet items and left-out items are read one by one, out of their
    articles: each gives a family name it uses alone its given name, as the summary does
    ("[Lai] Mohammed said"; readers of the labelled stories: "'Mohammed' given no name").
    A conflict's text describes the figures; it quotes no one."""
    def alone(text: str) -> str:
        return introduce_surnames([text], names)[0]

    return ([replace(f, text=alone(f.text)) for f in facts],
            [d if d.kind == "conflict" else replace(d, text=alone(d.text)) for d in divergences])
