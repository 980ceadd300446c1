"""Dispatch each input to its reader; one function per kind of input."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Sequence, Union
from urllib.parse import urlsplit

from ..config import BriefConfig
from ..errors import InputError
from ..records import Article, Skipped
from .decode import MAX_INPUT_BYTES, decode_bytes
from .page import HTML_SUFFIXES, fetch_page, looks_html, page_metadata

if TYPE_CHECKING:
    import httpx

__all__ = ["ArticleInput", "load_inputs", "article_id", "split_multinews"]

#: What ``brief()`` accepts per input: a path, a URL, "-" for stdin, or a JSONL-style dict.
ArticleInput = Union[str, Path, Mapping[str, Any]]

MULTINEWS_SEPARATOR = "|||||"
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FOLDER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | {".src"}


def article_id(text: str, source: str = "") -> str:
    """Stable short id: the same text from the same outlet always gets the same id."""
    return hashlib.sha1(f"{source}\n{text}".encode("utf-8", "replace")).hexdigest()[:10]


def split_multinews(line: str) -> list[str]:
    """Articles of one Multi-News line; ``NEWLINE_CHAR`` markers become line breaks."""
    parts = [p.replace("NEWLINE_CHAR", "\n").strip() for p in line.split(MULTINEWS_SEPARATOR)]
    return [p for p in parts]


def load_inputs(
    inputs: Sequence[ArticleInput], config: BriefConfig = BriefConfig(), *, stdin: Any = None,
    transport: httpx.BaseTransport | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read every input; return the articles and what was skipped (with why).

    One input that cannot be read (a bad URL, a missing file) is an error when it is the only
    one, or when nothing else can be read; beside others it is skipped with its reason.
    ``transport``: what URLs are fetched through (None: the network; tests inject a mock)."""
    reader = _Reader(config, stdin, transport)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    errors: list[InputError] = []
    for item in inputs:
        try:
            for result in reader.read_one(item):
                (skipped if isinstance(result, Skipped) else articles).append(result)
        except InputError as exc:
            if len(inputs) == 1:
                raise
            errors.append(exc)
            skipped.append(Skipped(exc.source, f"{exc.problem}; {exc.remedy}" if exc.remedy else exc.problem))
    if errors and not articles:
        raise errors[0]
    articles, dupes = drop_copies(articles, lambda a: a.html or a.raw_text)
    skipped += dupes
    if len(articles) > config.max_articles:
        skipped += [Skipped(a.origin, f"over the limit of {config.max_articles} articles per brief") for a in articles[config.max_articles :]]
        articles = articles[: config.max_articles]
    return articles, skipped


def drop_copies(articles: Sequence[Article], text_of: Callable[[Article], str],
                name_of: Callable[[Article], str] = lambda a: a.origin) -> tuple[list[Article], list[Skipped]]:
    """Articles whose text (``text_of``: what was read at ingest, the clean body in the pipeline)
    is an earlier one's, counted once, with a note naming both (``name_of``); white space and
    case do not count."""
    seen: dict[str, Article] = {}
    kept, skipped = [], []
    for a in articles:
        key = " ".join(text_of(a).split()).lower()
        if key and key in seen:
            skipped.append(Skipped(name_of(a), f"same text as {name_of(seen[key])}; counted once"))
            continue
        seen.setdefault(key, a)
        kept.append(a)
    return kept, skipped


@dataclass(frozen=True, slots=True)
class _Reader:
    """Reads inputs of every kind with one config, one stdin and one transport (the network
    by default; tests and the web app inject theirs, so every fetch takes the same path)."""

    config: BriefConfig
    stdin: Any = None
    transport: httpx.BaseTransport | None = None

    def read_one(self, item: ArticleInput) -> Iterator[Article | Skipped]:
        if isinstance(item, Mapping):
            yield from self.from_record(item, "input")
            return
        ref = str(item)
        if ref == "-":
            stream = self.stdin if self.stdin is not None else sys.stdin
            # the cap is enforced while reading: one byte over it is enough to refuse (/dev/zero)
            data = stream.buffer.read(MAX_INPUT_BYTES + 1) if hasattr(stream, "buffer") else stream.read(MAX_INPUT_BYTES + 1)
            data = data.encode() if isinstance(data, str) else data
            yield from self.from_text_blob(decode_bytes(data, "stdin"), "stdin")
            return
        try:
            scheme = urlsplit(ref).scheme.lower()
        except ValueError as exc:  # "http://[/"
            raise InputError(ref, f"is not a valid URL or path ({exc})", "check the URL") from exc
        if scheme in ("http", "https"):
            yield from self.from_url(ref, source="", title="")
            return
        if len(scheme) > 1 and "://" in ref:
            raise InputError(ref, f"the {scheme}:// scheme is not supported", "pass a local path or an http(s) URL")
        path = Path(ref).expanduser()
        if path.is_dir():
            yield from self.from_folder(path)
        elif path.is_file():
            yield from self.from_file(path)
        elif path.exists():  # a pipe, a socket or a device: reading it could wait forever
            raise InputError(ref, NOT_A_FILE, "pass a regular file, or - to read standard input")
        else:
            raise InputError(ref, "no such file, folder or URL", "check the path; URLs must start with http:// or https://")

    def from_folder(self, folder: Path) -> Iterator[Article | Skipped]:
        entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))  # hidden files are the system's
        for p in entries:
            if p.is_dir():
                yield Skipped(str(p), "a folder inside the folder is not read; pass it on its own")
            elif not p.is_file():
                yield Skipped(str(p), NOT_A_FILE)
        files = [p for p in entries if p.is_file()]
        usable = [p for p in files if p.suffix.lower() in FOLDER_SUFFIXES]
        for p in files:
            if p not in usable:
                yield Skipped(str(p), f"not a text, HTML or JSONL file ({p.suffix or 'no suffix'})")
        if not usable:
            raise InputError(str(folder), "the folder holds no text, HTML or JSONL files", "put one article per .txt or .html file in it")
        for p in usable:
            try:
                yield from self.from_file(p)
            except InputError as exc:  # one bad file must not sink the folder
                yield Skipped(str(p), exc.problem)

    def from_file(self, path: Path) -> Iterator[Article | Skipped]:
        try:
            size = path.stat().st_size
            if size > 10 * self.config.max_chars:  # don't read gigabytes to find out
                raise InputError(str(path), f"too large ({size / 1e6:.1f} MB)", "pass the article itself, not an archive")
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(str(path), f"cannot be read ({exc.strerror})", "check the file's permissions") from exc
        text = decode_bytes(data, str(path))
        suffix = path.suffix.lower()
        origin = str(path)
        if suffix in JSONL_SUFFIXES:
            yield from self.from_jsonl(text, origin)
        elif looks_html(text, name=path.name):
            yield _article_from_html(text, origin, self.config, source="", url="")
        else:
            yield from self.from_text_blob(text, origin, default_source=path.stem)

    def from_text_blob(self, text: str, origin: str, default_source: str = "") -> Iterator[Article | Skipped]:
        """Plain text, or a Multi-News line/file, or JSONL, or HTML read from stdin."""
        stripped = text.strip()
        if MULTINEWS_SEPARATOR in stripped:
            yield from self.from_multinews(stripped, origin)
        elif stripped.startswith("{") and stripped.split("\n", 1)[0].rstrip().endswith("}"):
            yield from self.from_jsonl(text, origin)
        elif looks_html(stripped):
            yield _article_from_html(text, origin, self.config, source="", url="")
        else:
            yield _article_from_text(text, origin, self.config, source=default_source or origin)

    def from_multinews(self, text: str, origin: str) -> Iterator[Article | Skipped]:
        lines = [ln for ln in text.split("\n") if ln.strip()]
        if len(lines) > 1:
            raise InputError(
                origin,
                f"holds {len(lines)} Multi-News lines (stories); a brief covers one story",
                "pass one line (e.g. sed -n 5p FILE | manysides brief -) or run 'manysides batch' for all",
            )
        for n, part in enumerate(split_multinews(lines[0]), start=1):
            where = f"{origin} (article {n})"
            if not part.strip():
                yield Skipped(where, "empty article in the Multi-News line")
                continue
            yield _article_from_text(part, where, self.config, source=f"article {n}")

    def from_jsonl(self, text: str, origin: str) -> Iterator[Article | Skipped]:
        # A record with no source and no URL is named by the file's name and line, never the path
        # as typed: its id (hashed with the name) must not change when the same file is given as
        # "../x.jsonl" one day and "/data/x.jsonl" the next, or a re-ingest would store it twice.
        name = Path(origin).name or origin
        for n, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            where = f"{origin}:{n}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Skipped(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(record, dict):
                yield Skipped(where, 'not a JSON object; expected {"text"|"html"|"url": ..., "source": ...}')
                continue
            try:
                yield from self.from_record(record, where, default_source=f"{name}:{n}")
            except InputError as exc:
                yield Skipped(where, exc.problem)

    def from_record(self, record: Mapping[str, Any], where: str, default_source: str = "") -> Iterator[Article | Skipped]:
        """One JSONL-style record: {"text"|"html"|"url": ..., "source"?, "title"?, "url"?, "date"?}."""
        source = _LONE_SURROGATE.sub("\ufffd", str(record.get("source") or ""))
        title = _LONE_SURROGATE.sub("\ufffd", str(record.get("title") or ""))
        url = str(record.get("url") or "").strip()
        has_body = any(isinstance(record.get(k), str) and record[k].strip() for k in ("text", "html"))
        if has_body and not _is_web_url(url):
            url = ""  # a provenance link must be http(s): a javascript: or file: URL is dropped, not linked
        if isinstance(record.get("text"), str) and record["text"].strip():
            article = _article_from_text(record["text"], where, self.config, source=source or _domain(url) or default_source or where, title=title, url=url, date=str(record.get("date") or ""))
            # "clean": true marks a body already cleaned (a story store's articles): the clean
            # stage keeps it as given (``clean.articles``)
            yield replace(article, already_clean=True) if record.get("clean") is True else article
        elif isinstance(record.get("html"), str) and record["html"].strip():
            yield _article_from_html(record["html"], where, self.config, source=source, url=url, title=title)
        elif url:
            yield from self.from_url(url, source=source, title=title)
        else:
            yield Skipped(where, 'no "text", "html" or "url" with content')

    def from_url(self, url: str, *, source: str, title: str) -> Iterator[Article]:
        page = fetch_page(url, self.config.fetch, transport=self.transport)
        if page.is_html:
            yield _article_from_html(page.text, url, self.config, source=source, url=page.url, title=title)
        else:
            yield _article_from_text(page.text, url, self.config, source=source or _domain(page.url), title=title, url=page.url)


#: Why a folder's entry that is not a regular file is not read (never followed into, never waited on).
NOT_A_FILE = "not a regular file (a pipe, a socket or a device)"


def _article_from_text(text: str, origin: str, config: BriefConfig, *, source: str, title: str = "", url: str = "", date: str = "") -> Article:
    text = _cap(text, origin, config)
    if not text.strip():
        raise InputError(origin, "is empty", "pass a file with the article's text")
    return Article(id=article_id(text, source), source=source, title=title, text="", raw_text=text, url=url, date=date, origin=origin)


def _article_from_html(html: str, origin: str, config: BriefConfig, *, source: str, url: str, title: str = "") -> Article:
    """The page as read, with what its head says; the clean stage extracts its article."""
    html = _cap(html, origin, config, factor=5)
    if not html.strip():
        raise InputError(origin, "is empty", "pass the article's page")
    meta = page_metadata(html, url)
    name = source or meta.sitename or _domain(url) or Path(origin).stem
    return Article(id=article_id(html, name), source=name, title=title or meta.title, text="", html=html, url=url,
                   date=meta.date, author=meta.author, origin=origin)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _cap(text: str, origin: str, config: BriefConfig, factor: int = 1) -> str:
    """The text within the size limit, with any lone surrogate (JSON's "\\ud800", which no
    encoder can write) replaced by U+FFFD so one bad character cannot sink a brief."""
    if len(text) > config.max_chars * factor:
        raise InputError(origin, f"too long ({len(text):,} characters; the limit is {config.max_chars * factor:,})", "pass one article, not a collection")
    return _LONE_SURROGATE.sub("\ufffd", text)


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _domain(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host

