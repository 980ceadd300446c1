"""The library's facade: ``brief()`` over a configurable ``Pipeline``."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Sequence

from ._brief import Brief
from .config import BriefConfig
from .ingest import ArticleInput
from .pipeline import Pipeline, Progress

__all__ = ["brief", "get_pipeline"]


@lru_cache(maxsize=8)
def get_pipeline(config: BriefConfig = BriefConfig()) -> Pipeline:
    """A pipeline per config, models loaded once per process."""
    return Pipeline(config)


def brief(
    inputs: Sequence[ArticleInput] | ArticleInput,
    *,
    config: BriefConfig | None = None,
    progress: Progress | None = None,
    stdin: Any = None,
    **options: Any,
) -> Brief:
    """Brief one story from several articles.

    ``inputs``: paths, folders, URLs, "-" (stdin), or dicts like
    ``{"text": ..., "source": "Outlet"}``. Options are ``BriefConfig`` fields
    (``words=120``, ``sentences=5``, ``encoder="tfidf"``...).

    >>> from manysides import brief
    >>> b = brief(["examples/pinewood-bridge"])          # doctest: +SKIP
    >>> print(b.to_markdown())                            # doctest: +SKIP
    """
    if isinstance(inputs, (str, dict)) or not isinstance(inputs, Sequence):
        inputs = [inputs]  # type: ignore[list-item]
    cfg = (config or BriefConfig()).with_(**options) if options else (config or BriefConfig())
    return get_pipeline(cfg).run(list(inputs), progress=progress, stdin=stdin)
