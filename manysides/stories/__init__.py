"""Stories at scale: ingest streams of articles, drop duplicates, group them into stories.

    from manysides.stories import ingest, list_stories, brief_story
    from manysides.store import open_store
    store = open_store("stories.db")                   # or "postgresql://user@host/db"
    ingest(["feeds.txt", "https://example.org/rss"], store)
    for story in list_stories(store, sort="biggest"): ...
"""

from .api import SORTS, StoryDetail, articles_as_inputs, brief_story, list_stories, render_list, render_story, show_story
from .cluster import Assignment, OnlineClusterer, StoryConfig
from .features import featurize
from .ingest import IngestReport, Ingestor, ingest

__all__ = [
    "ingest", "Ingestor", "IngestReport", "list_stories", "show_story", "brief_story", "StoryDetail", "SORTS",
    "articles_as_inputs", "render_list", "render_story", "OnlineClusterer", "StoryConfig", "Assignment", "featurize",
]
