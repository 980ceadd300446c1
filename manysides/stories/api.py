"""Reading the story store: list, show, and brief a story (the brief is kept in the store)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..config import BriefConfig
from ..store import Store, StoredArticle, StoredStory

if TYPE_CHECKING:
    from .._brief import Brief

__all__ = ["list_stories", "show_story", "brief_story", "StoryDetail", "SORTS", "articles_as_inputs", "render_list", "render_story"]

SORTS = ("newest", "biggest", "divergent")


@dataclass(frozen=True, slots=True)
class StoryDetail:
    story: StoredStory
    articles: tuple[StoredArticle, ...]  # distinct reports, oldest first
    copies: tuple[StoredArticle, ...]  # exact/syndicated copies folded in

    def to_dict(self) -> dict[str, Any]:
        from ..records import as_dict

        return {"story": as_dict(self.story), "articles": [_article_summary(a) for a in self.articles],
                "copies": [_article_summary(a) for a in self.copies]}


def list_stories(store: Store, *, sort: str = "newest", limit: int = 20, status: str | None = None) -> list[StoredStory]:
    """Stories, newest (last article), biggest (articles + copies) or most divergent first.

    "divergent" ranks briefed stories by their brief's divergences, then the others by how
    far their articles are from each other (1 - mean similarity when they joined).
    """
    return store.list_stories(sort=sort, limit=limit, status=status)


def show_story(store: Store, story_id: int) -> StoryDetail:
    story = store.get_story(story_id)
    everything = store.articles_of(story_id, include_copies=True)
    return StoryDetail(story, tuple(a for a in everything if a.duplicate_of is None), tuple(a for a in everything if a.duplicate_of))


def articles_as_inputs(articles: tuple[StoredArticle, ...] | list[StoredArticle]) -> list[dict[str, Any]]:
    """Stored articles as the ``{"text", "source", ...}`` records ``brief()`` reads; their text
    is the body ``stories ingest`` cleaned, so it is marked clean (not cleaned twice)."""
    return [{"text": a.text, "source": a.source or a.origin, "title": a.title, "url": a.url, "date": a.date, "clean": True} for a in articles]


def brief_story(store: Store, story_id: int, *, config: BriefConfig = BriefConfig(), refresh: bool = False, pipeline: Any = None) -> "Brief":
    """The story's brief: the stored one while no article was added since, else a new one."""
    from .._brief import Brief

    detail = show_story(store, story_id)
    cached = store.get_brief_json(story_id)
    if cached and not refresh and cached[1] == len(detail.articles):
        return Brief.from_dict(json.loads(cached[0]))
    if pipeline is None:
        from ..api import get_pipeline

        pipeline = get_pipeline(config)
    brief = pipeline.run(articles_as_inputs(detail.articles))
    brief = _with_story_meta(brief, detail)
    store.save_brief(story_id, brief.to_json(indent=None), len(detail.articles), len(brief.divergences))
    return brief


def _with_story_meta(brief: "Brief", detail: StoryDetail) -> "Brief":
    from dataclasses import replace

    meta = dict(brief.meta) | {"story_id": detail.story.id, "copies": len(detail.copies), "briefed_at": time.time()}
    return replace(brief, meta=meta)


def _article_summary(a: StoredArticle) -> dict[str, Any]:
    return {"id": a.id, "source": a.source, "title": a.title, "url": a.url, "date": a.date,
            "duplicate_of": a.duplicate_of, "words": len(a.text.split())}


def _when(ts: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(ts))


def render_list(stories: list[StoredStory]) -> str:
    """A plain table for the terminal."""
    if not stories:
        return "no stories yet: run 'manysides stories ingest SOURCE...'\n"
    lines = [f"{'id':>6}  {'last (UTC)':<16}  {'arts':>4}  {'copies':>6}  {'srcs':>4}  {'spread':>6}  {'div':>4}  {'status':<6}  title"]
    for s in stories:
        div = "" if s.n_divergences is None else str(s.n_divergences)
        lines.append(f"{s.id:>6}  {_when(s.last_ts):<16}  {s.n_articles:>4}  {s.n_copies:>6}  {s.n_sources:>4}  {s.spread:>6.2f}  {div:>4}  {s.status:<6}  {s.title[:70]}")
    return "\n".join(lines) + "\n"


def render_story(detail: StoryDetail) -> str:
    s = detail.story
    lines = [f"story {s.id}: {s.title}", f"{s.n_articles} articles, {s.n_copies} copies, {s.n_sources} sources, {_when(s.first_ts)} – {_when(s.last_ts)} UTC, {s.status}", ""]
    for a in detail.articles:
        lines.append(f"  {a.id}  {a.source[:24]:<24}  {(a.title or a.text[:60]).strip()[:70]}")
    for a in detail.copies:
        lines.append(f"  {a.id}  {a.source[:24]:<24}  (copy of {a.duplicate_of})")
    return "\n".join(lines) + "\n"
