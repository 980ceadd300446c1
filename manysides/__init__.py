"""manysides: many outlets' coverage of one story, turned into one trustworthy brief.

>>> from manysides import brief
>>> b = brief(["a.txt", "b.html", "https://example.org/story"])   # doctest: +SKIP
>>> b.to_json()                                                    # doctest: +SKIP
"""

import logging

from .api import brief, get_pipeline
from .brief import Brief
from .config import BriefConfig, FetchLimits
from .errors import DependencyError, FetchError, InputError, ManysidesError, UsageError
from .pipeline import Pipeline
from .records import (
    Article, Divergence, Entity, Fact, Framing, Quote, RemovedLine, Sentence, Skipped,
    SummarySentence, TermContrast, TimelineEvent,
)

__version__ = "0.1.0"

__all__ = [
    "brief", "get_pipeline", "Pipeline", "Brief", "BriefConfig", "FetchLimits",
    "ManysidesError", "InputError", "FetchError", "UsageError", "DependencyError",
    "Article", "Sentence", "RemovedLine", "SummarySentence", "Fact", "Divergence", "Quote",
    "TermContrast", "Framing", "Entity", "TimelineEvent", "Skipped", "__version__",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
