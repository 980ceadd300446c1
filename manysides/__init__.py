"""manysides: many outlets' coverage of one story, turned into one trustworthy brief.

>>> from manysides import brief
>>> b = brief(["a.txt", "b.html", "https://example.org/story"])   # doctest: +SKIP
>>> b.to_json()                                                    # doctest: +SKIP

The pipeline (models, spaCy, onnxruntime) is imported on first use, so that
``import manysides.ingest`` or ``manysides --help`` stay light.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from .config import BriefConfig, FetchLimits
from .errors import DependencyError, FetchError, InputError, ManysidesError, UsageError
from .records import (
    Article, Divergence, Entity, Fact, Framing, Quote, RemovedLine, Sentence, Skipped,
    SummarySentence, TermContrast, TimelineEvent,
)

if TYPE_CHECKING:
    from ._brief import Brief
    from .api import brief, get_pipeline
    from .pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "brief", "get_pipeline", "Pipeline", "Brief", "BriefConfig", "FetchLimits",
    "ManysidesError", "InputError", "FetchError", "UsageError", "DependencyError",
    "Article", "Sentence", "RemovedLine", "SummarySentence", "Fact", "Divergence", "Quote",
    "TermContrast", "Framing", "Entity", "TimelineEvent", "Skipped", "__version__",
]

_LAZY = {"brief": ".api", "get_pipeline": ".api", "Brief": "._brief", "Pipeline": ".pipeline"}



def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'manysides' has no attribute {name!r}")


logging.getLogger(__name__).addHandler(logging.NullHandler())
