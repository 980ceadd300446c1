"""spaCy's parse and the two stages that read it (quotes, entities), run where asked.

The parse is the brief's second-largest cost after the sentence encoder, and the two
are independent, so they run side by side. Where (``BriefConfig.parse_in``):

* ``"thread"``  a background thread of this process (the default: the API and the web
  app). spaCy and onnxruntime release the GIL in their native code, but importing and
  loading spaCy is Python work that contends with this process's own.
* ``"process"`` a side process (the CLI's choice for one cold brief): spaCy imports,
  loads and parses on the other core with no GIL shared, and this process never
  imports spaCy. Only our records cross the pipe (articles in; quotes and entities out).
* ``"inline"``  in the caller's thread, after the encoder (batch workers: one worker is
  one core, so N workers scale on N cores).

Every placement returns the same records. A side process that cannot start or dies
falls back to the thread, with a log line, so a brief never fails for it.
"""

from __future__ import annotations

import logging
import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Sequence

from .errors import UsageError
from .records import Article, Entity, Quote

__all__ = ["Analysis", "PLACES", "analyse", "Analyser"]

log = logging.getLogger(__name__)

PLACES = ("thread", "process", "inline")

#: (quotes, entities) of one brief.
Analysis = tuple[list[Quote], list[Entity]]


def _load() -> None:
    from .text.entities import nlp

    nlp(parser=True)


def analyse(articles: Sequence[Article]) -> Analysis:
    """Parse each article once (tagger, parser, NER); quotes and entities share the parse."""
    from .quotes import extract_quotes
    from .text.entities import entities_of, nlp

    docs = list(nlp(parser=True).pipe([a.text for a in articles], batch_size=8))
    return extract_quotes(articles, docs), entities_of([(a.id, a.text) for a in articles], docs=docs)


def _serve(conn: Any) -> None:
    """The side process: load spaCy at once, then analyse each batch of articles sent."""
    try:
        _load()
    except Exception as exc:  # reported with the first request, like any other failure
        failure: Exception | None = exc
    else:
        failure = None
    while True:
        try:
            articles = conn.recv()
        except (EOFError, OSError):
            return
        if articles is None:
            return
        try:
            if failure is not None:
                raise failure
            conn.send(("ok", analyse(articles)))
        except Exception as exc:
            conn.send(("error", exc))


class _SideProcess:
    """One daemon process holding spaCy; requests are answered in order."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")  # never fork a process that may hold threads
        self._conn, child = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(child,), daemon=True, name="manysides-parse")
        self._process.start()
        child.close()

    def result_later(self, articles: Sequence[Article]) -> Callable[[], Analysis]:
        """Send now, read the answer when asked: the side process works meanwhile."""
        try:
            self._conn.send(list(articles))
        except (EOFError, OSError) as exc:
            raise ConnectionError(f"the parse process ended ({exc})") from exc

        def read() -> Analysis:
            try:
                status, value = self._conn.recv()
            except (EOFError, OSError) as exc:
                raise ConnectionError(f"the parse process ended ({exc or 'no reply'})") from exc
            if status == "ok":
                return value
            raise value

        return read

    def close(self) -> None:
        try:
            self._conn.send(None)
        except (EOFError, OSError):
            pass
        self._conn.close()


class Analyser:
    """Runs ``analyse`` in the place chosen; ``start`` returns a function that gives the result."""

    def __init__(self, place: str = "thread") -> None:
        if place not in PLACES:
            raise UsageError(f"parse_in={place!r}; choose one of {', '.join(PLACES)}")
        self.place = place
        self._side: _SideProcess | None = None
        self._thread: ThreadPoolExecutor | None = None
        if place == "process":
            try:
                self._side = _SideProcess()
            except Exception as exc:  # no spawn here (a sandbox, a frozen app): degrade to a thread
                log.warning("could not start the parse process (%s); parsing on a thread", exc)
                self.place = "thread"
        if self.place == "thread":
            # spaCy loads now, while the encoder loads and the first articles are read.
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="manysides-parse")
            self._thread.submit(_load)

    def start(self, articles: Sequence[Article]) -> Callable[[], Analysis]:
        articles = list(articles)
        if self._side is not None:
            try:
                read = self._side.result_later(articles)
            except ConnectionError as exc:
                return self._fall_back(articles, exc)

            def result() -> Analysis:
                try:
                    return read()
                except ConnectionError as exc:
                    return self._fall_back(articles, exc)()

            return result
        if self._thread is not None:
            future = self._thread.submit(analyse, articles)
            return future.result
        return lambda: analyse(articles)

    def _fall_back(self, articles: list[Article], exc: Exception) -> Callable[[], Analysis]:
        log.warning("%s; parsing in this process instead", exc)
        self._side = None
        self.place = "thread"
        self._thread = self._thread or ThreadPoolExecutor(max_workers=1, thread_name_prefix="manysides-parse")
        return self._thread.submit(analyse, articles).result

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
        if self._thread is not None:
            self._thread.shutdown(wait=False, cancel_futures=True)
