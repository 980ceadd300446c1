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
import os
import pickle
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO, Callable, Sequence

from .errors import UsageError
from .records import Article, Entity, Quote, Sentence
from .text.cues import gallery_captions, is_notice, is_site_prompt, picture_credits

__all__ = ["Analysis", "PLACES", "analyse", "Analyser", "prestart"]

log = logging.getLogger(__name__)

PLACES = ("thread", "process", "inline")

#: (quotes, entities) of one brief.
Analysis = tuple[list[Quote], list[Entity]]
#: What the parse is asked for: the clean articles, and each one's sentences when the
#: caller has split them already (the quote rules use them, and splitting is the slowest
#: part of those rules), else None.
Job = tuple[list[Article], "list[Sequence[Sentence]] | None"]


def _load() -> None:
    from .text.entities import nlp

    nlp(parser=True)


def analyse(articles: Sequence[Article], sentences: Sequence[Sequence[Sentence]] | None = None) -> Analysis:
    """Parse each article once (tagger, parser, NER); quotes and entities share the parse.

    ``sentences``: each article's sentences, when already split (else split here)."""
    from .quotes import extract_quotes
    from .text.entities import entities_of, nlp

    docs = list(nlp(parser=True).pipe([a.text for a in articles], batch_size=8))
    entities = entities_of([(a.id, a.text) for a in articles], docs=docs, asides=_aside_spans(sentences or ()))
    people = [e.text for e in entities if e.label == "PERSON"]  # a speaker is spelt as the list spells them
    return extract_quotes(articles, docs, sentences=sentences, people=people), entities


def _aside_spans(sentences: Sequence[Sequence[Sentence]]) -> dict[str, list[tuple[int, int]]]:
    """Article id -> character spans of what is not the story: its photo galleries' captions
    ("Port of Duisburg turns 300 …" under a report of a ship's crash), the people and places of
    another story, which a reader found listed among this one's; the site's prompts (a sign-up
    box's "Invalid email address." read a person "Invalid" into six briefs); the page's notices
    (copyright, a transcript's disclaimer, the desk's credits) and picture credits. Captions in
    general are not set aside: run together with the body, they took Isaac Newton out of a sky
    guide's list."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for article in sentences:
        for s, caption in zip(article, gallery_captions(article)):
            if caption or is_site_prompt(s.text) or is_notice(s.text):
                spans.setdefault(s.article_id, []).append((s.start, s.end))
            else:
                spans.setdefault(s.article_id, []).extend((s.start + a, s.start + b) for a, b in picture_credits(s.text))
    return spans


def _serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """The side process: load spaCy at once, then analyse each list of articles it reads."""
    try:
        _load()
        failure: Exception | None = None
    except Exception as exc:  # reported with the first request, like any other failure
        failure = exc
    while True:
        try:
            job: Job = pickle.load(requests)
        except (EOFError, OSError, pickle.UnpicklingError):
            return  # the brief is done, or its process has gone: so are we
        try:
            if failure is not None:
                raise failure
            reply: tuple[str, Any] = ("ok", analyse(*job))
        except Exception as exc:
            reply = ("error", exc)
        pickle.dump(reply, replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()


class _SideProcess:
    """``python -m manysides.parse``: spaCy in its own interpreter, fed over its stdin/stdout.

    A plain child interpreter rather than multiprocessing: it imports only what the parse
    needs (not the caller's main module), and it ends by itself when our end of the pipe
    closes, however this process ends.
    """

    def __init__(self) -> None:
        package_parent = str(Path(__file__).resolve().parents[1])
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
        # One core's worth of work: more BLAS threads would only contend with the encoder.
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(var, "1")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "manysides.parse"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )

    def result_later(self, job: Job) -> Callable[[], Analysis]:
        """Send now, read the answer when asked: the side process works meanwhile."""
        if not self.alive():
            raise ConnectionError(f"the parse process ended (exit code {self._process.returncode})")
        payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        # Written from a thread: until spaCy has loaded the child reads nothing, and a
        # payload larger than the pipe's buffer would block this process meanwhile.
        threading.Thread(target=self._send, args=(payload,), daemon=True, name="manysides-parse-send").start()

        def read() -> Analysis:
            try:
                status, value = pickle.load(self._process.stdout)
            except Exception as exc:  # no reply, or one that cannot be read: redo it here
                raise ConnectionError(f"the parse process ended ({exc or 'no reply'})") from exc
            if status == "ok":
                return value
            raise value

        return read

    def _send(self, payload: bytes) -> None:
        try:
            self._process.stdin.write(payload)
            self._process.stdin.flush()
        except (OSError, ValueError):
            pass  # the child has gone: the read that follows reports it

    def alive(self) -> bool:
        return self._process.poll() is None

    def close(self) -> None:
        for pipe in (self._process.stdin, self._process.stdout):
            try:
                pipe.close()
            except OSError:
                pass


_prestarted: list[_SideProcess] = []


def prestart() -> None:
    """Start the side process now (the CLI calls this first thing, before its own imports)."""
    if not _prestarted:
        try:
            _prestarted.append(_SideProcess())
        except OSError as exc:
            log.warning("could not start the parse process (%s)", exc)


class Analyser:
    """Runs ``analyse`` in the place chosen; ``start`` returns a function that gives the result.

    ``start`` is called as soon as the articles are clean; the function it returns is
    called when the quotes are needed. Inline, that call is where the work happens.
    """

    def __init__(self, place: str = "thread") -> None:
        if place not in PLACES:
            raise UsageError(f"parse_in={place!r}; choose one of {', '.join(PLACES)}")
        self.place = place
        self._side: _SideProcess | None = None
        self._side_free = threading.Lock()
        self._thread: ThreadPoolExecutor | None = None
        if place == "process":
            try:
                self._side = _prestarted.pop() if _prestarted else _SideProcess()
            except OSError as exc:  # no child interpreter here (a sandbox, a frozen app): a thread
                log.warning("could not start the parse process (%s); parsing on a thread", exc)
                self.place = "thread"
        if self.place == "thread":
            self._pool().submit(_load)  # spaCy loads now, while the encoder loads

    def start(self, articles: Sequence[Article], sentences: Sequence[Sequence[Sentence]] | None = None) -> Callable[[], Analysis]:
        """``sentences``: each article's sentences, if the caller has split them."""
        job: Job = (list(articles), None if sentences is None else [tuple(s) for s in sentences])
        # One request in flight on the side process, so replies cannot be crossed; a brief
        # that overlaps another (threads sharing a pipeline) parses on a thread instead.
        if self._side is not None and self._side_free.acquire(blocking=False):
            return self._on_side(self._side, job)
        if self.place == "inline":
            return lambda: analyse(*job)
        return self._pool().submit(analyse, *job).result

    def _on_side(self, side: _SideProcess, job: Job) -> Callable[[], Analysis]:
        try:
            read = side.result_later(job)
        except ConnectionError as exc:
            self._side_free.release()
            return self._fall_back(job, exc)

        def result() -> Analysis:
            try:
                return read()
            except ConnectionError as exc:
                return self._fall_back(job, exc)()
            finally:
                self._side_free.release()

        return result

    def _fall_back(self, job: Job, exc: Exception) -> Callable[[], Analysis]:
        log.warning("%s; parsing in this process instead", exc)
        self._side = None
        self.place = "thread"
        return self._pool().submit(analyse, *job).result

    def _pool(self) -> ThreadPoolExecutor:
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="manysides-parse")
        return self._thread

    def close(self) -> None:
        if self._side is not None:
            self._side.close()
        if self._thread is not None:
            self._thread.shutdown(wait=False, cancel_futures=True)


def _without_spacy_cli() -> None:
    """Keep spaCy's command line out of this process: ``import spacy`` loads it (weasel,
    requests, typer...) only to export ``spacy.info``, and that is a third of the import
    (0.3-0.5 s of the 1.1-1.3 s measured). The side process only parses; asking it for
    spaCy's CLI raises an error that says why."""
    import types

    def info(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("spaCy's CLI is not loaded in manysides' parse process")

    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so that "spacy.cli.info" resolves to the module below
    cli_info = types.ModuleType("spacy.cli.info")
    cli_info.info = info  # type: ignore[attr-defined]
    cli.info = cli_info  # type: ignore[attr-defined]
    sys.modules.setdefault("spacy.cli", cli)
    sys.modules.setdefault("spacy.cli.info", cli_info)


if __name__ == "__main__":  # the side process: requests on stdin, replies on stdout
    _replies = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by a library may corrupt the replies
    _without_spacy_cli()
    _serve(sys.stdin.buffer, _replies)
