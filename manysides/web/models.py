"""The JSON API's request and response shapes (they are its OpenAPI schema)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..records import Divergence, Entity, Fact, Framing, Quote, RemovedLine, Skipped, SummarySentence, TimelineEvent

__all__ = ["ArticleIn", "BriefRequest", "JobOut", "BriefOut", "BriefData", "ArticleOut", "ErrorOut", "LIMITS"]


class Limits(BaseModel):
    """Caps on what one request may carry (articles and URLs are untrusted)."""

    max_inputs: int = 20
    max_text_chars: int = 1_000_000  # one pasted text or HTML page
    max_url_chars: int = 2_000
    max_name_chars: int = 300  # outlet name, title
    max_file_bytes: int = 5_000_000  # one uploaded file
    max_request_bytes: int = 20_000_000  # a whole request, files included
    #: Seconds the body may pause between two chunks: a client that stops sending mid-body
    #: (a slow-loris upload) is answered 408 instead of holding a connection and a worker.
    body_idle_seconds: float = 20.0


LIMITS = Limits()


class ArticleIn(BaseModel):
    """One article: its text, its HTML page, or a public http(s) URL to fetch."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"text": "RIVERTON — The Pinewood Bridge was closed on Tuesday…", "source": "Harbor Wire"},
        {"url": "https://example.org/news/bridge-closed"},
    ]})

    text: str | None = Field(None, max_length=LIMITS.max_text_chars, description="the article as plain text")
    html: str | None = Field(None, max_length=LIMITS.max_text_chars, description="the article's HTML page")
    url: str | None = Field(None, max_length=LIMITS.max_url_chars, description="a public http(s) URL, fetched by the server")
    source: str | None = Field(None, max_length=LIMITS.max_name_chars, description="outlet name (default: from the page or URL)")
    title: str | None = Field(None, max_length=LIMITS.max_name_chars)

    @model_validator(mode="after")
    def exactly_one_body(self) -> "ArticleIn":
        given = [k for k in ("text", "html", "url") if (getattr(self, k) or "").strip()]
        if len(given) != 1:
            raise ValueError(f"give exactly one of text, html or url (got {', '.join(given) or 'none'})")
        return self


class BriefRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(..., min_length=1, max_length=LIMITS.max_inputs)
    words: int | None = Field(None, ge=10, le=2000, description="summary length in words (default 150)")
    sentences: int | None = Field(None, ge=1, le=100, description="or in sentences (wins when set)")


class JobOut(BaseModel):
    """A brief being made. Poll ``status_url`` until ``status`` is done or failed."""

    id: str
    status: Literal["queued", "running", "done", "failed"]
    stage: str
    fraction: float = Field(..., ge=0, le=1)
    brief_id: str | None = None
    error: str | None = None
    worker_mb: int | None = Field(None, description="a large brief's worker process: its peak resident memory (MB) so far")
    status_url: str
    brief_url: str | None = Field(None, description="the brief's JSON, once done")
    page_url: str | None = Field(None, description="the brief's web page, once done")


class ArticleOut(BaseModel):
    number: int = Field(..., description="citation number, as in [2]")
    id: str
    source: str
    title: str
    text: str = Field(..., description="clean text")
    url: str = ""
    date: str = ""
    author: str = ""
    origin: str = ""
    language: str = "en"
    removed: list[RemovedLine] = Field(default_factory=list, description="clutter the cleaner took out, and why")


class BriefData(BaseModel):
    """``Brief.to_dict()``: article ids in the other fields refer to ``articles[].id``."""

    schema_version: int
    articles: list[ArticleOut]
    summary: list[SummarySentence]
    facts: list[Fact]
    divergences: list[Divergence]
    quotes: list[Quote]
    framing: list[Framing]
    entities: list[Entity]
    timeline: list[TimelineEvent]
    skipped: list[Skipped]
    notes: list[str]
    meta: dict[str, Any]


class BriefOut(BaseModel):
    id: str
    created: float = Field(..., description="unix time")
    title: str
    page_url: str
    report_url: str = Field(..., description="the self-contained HTML report")
    brief: BriefData


class ErrorOut(BaseModel):
    detail: str
