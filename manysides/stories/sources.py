"""What ``stories ingest`` reads: folders, JSONL, WARC files and RSS/Atom feed URLs.

Folders and JSONL go through ``manysides.ingest.load_inputs`` (the same readers as a
brief); WARC response records and feed entries' pages become ``{"html", "url"}`` records
that the same readers extract. Unusable items are yielded as ``Skipped`` with a reason.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator
from urllib.parse import urlsplit

from ..config import BriefConfig, FetchLimits
from ..errors import DependencyError, FetchError, InputError
from ..ingest import load_inputs
from ..ingest.decode import decode_bytes
from ..records import Article, Skipped
from .feeds import PoliteFetcher, read_feed

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["iter_source"]

log = logging.getLogger(__name__)

#: No per-brief cap when reading a corpus (load_inputs caps a brief at 200 articles).
_CORPUS = BriefConfig(max_articles=10**9)
WARC_SUFFIXES = (".warc", ".warc.gz")


def iter_source(source: str, *, store: "Store | None" = None, fetcher: PoliteFetcher | None = None, limits: FetchLimits = FetchLimits()) -> Iterator[Article | Skipped]:
    """Articles of one source, in the order the source gives them."""
    if urlsplit(source).scheme in ("http", "https"):
        yield from _from_feed(source, store, fetcher or PoliteFetcher(limits), limits)
        return
    path = Path(source).expanduser()
    if path.is_file() and path.name.lower().endswith(WARC_SUFFIXES):
        yield from _from_warc(path, limits)
        return
    if path.is_dir():  # file by file, so one huge folder is not read into memory at once
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        if not files:
            raise InputError(str(path), "the folder is empty", "pass a folder of article files")
        for p in files:
            if p.name.lower().endswith(WARC_SUFFIXES):
                yield from _from_warc(p, limits)
                continue
            try:
                yield from _load([str(p)])
            except InputError as exc:
                yield Skipped(str(p), exc.problem)
        return
    yield from _load([source])


def _load(inputs: list) -> Iterator[Article | Skipped]:
    articles, skipped = load_inputs(inputs, _CORPUS)
    yield from articles
    # Duplicates inside one file are reported by the ingest's own dedup, not here.
    yield from (s for s in skipped if not s.reason.startswith("same text as"))


def _from_warc(path: Path, limits: FetchLimits) -> Iterator[Article | Skipped]:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:
        raise DependencyError("reading WARC files needs warcio: pip install 'warcio>=1.7'") from exc
    n = 0
    try:
        with open(path, "rb") as stream:
            for n, record in enumerate(ArchiveIterator(stream), start=1):
                yield from _warc_record(path, n, record, limits)
    except InputError:
        raise
    except Exception as exc:  # warcio's ArchiveLoadFailed, a truncated gzip member, a bad header
        # the records read so far are kept; past a damaged one there is no record boundary to find
        yield Skipped(f"{path}#{n + 1}", f"the WARC file is damaged here, the rest of it is not read ({type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else 'no detail'})")


def _warc_record(path: Path, n: int, record: Any, limits: FetchLimits) -> Iterator[Article | Skipped]:
    """One WARC record's article, or why it was skipped: one bad record never ends the file."""
    if record.rec_type != "response" or record.http_headers is None:
        return
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{path}#{n} {url}"
    status = record.http_headers.get_statuscode()
    ctype = record.http_headers.get_header("Content-Type") or ""
    if status != "200" or "html" not in ctype.lower():
        return  # redirects, images, scripts: not articles
    try:
        html = decode_bytes(record.content_stream().read(limits.max_bytes + 1), where, max_bytes=limits.max_bytes)
    except InputError as exc:  # too large, binary labelled HTML
        yield Skipped(where, exc.problem)
        return
    date = record.rec_headers.get_header("WARC-Date") or ""
    yield from _from_html(html, url, where, date=date)


def _from_html(html: str, url: str, where: str, *, date: str = "", title: str = "", source: str = "") -> Iterator[Article | Skipped]:
    try:
        articles, skipped = load_inputs([{"html": html, "url": url, "title": title, "source": source}], _CORPUS)
    except InputError as exc:
        yield Skipped(where, exc.problem)
        return
    for a in articles:
        yield replace(a, origin=where, date=a.date or date)
    yield from (replace(s, origin=where) for s in skipped)


def _from_feed(feed_url: str, store: "Store | None", fetcher: PoliteFetcher, limits: FetchLimits) -> Iterator[Article | Skipped]:
    etag, modified = store.feed_state(feed_url) if store else ("", "")
    answer = fetcher.get(feed_url, etag=etag, last_modified=modified)
    if answer.status == 304 or answer.fetched is None:
        log.info("%s: not modified since the last ingest", feed_url)
        return
    entries = read_feed(answer.fetched.content, feed_url)
    for entry in entries:
        if store is not None and store.has_url(entry.link):
            continue  # read before: don't fetch the page again
        try:
            page = fetcher.get(entry.link)
        except FetchError as exc:
            yield Skipped(entry.link, exc.problem)
            continue
        if page.fetched is None:
            continue
        html = decode_bytes(page.fetched.content, entry.link, max_bytes=limits.max_bytes)
        yield from _from_html(html, entry.link, entry.link, date=entry.date, title=entry.title, source=entry.source)
    if store is not None:  # only once every entry was read: an interrupted read retries the feed
        store.save_feed_state(feed_url, answer.etag, answer.last_modified)
