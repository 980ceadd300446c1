"""The FastAPI app: server-rendered pages, a JSON API, briefs run as background jobs.

Everything an article carries (text, title, outlet name, URL) is untrusted: templates
autoescape it and never mark it safe, no script runs inline (the CSP forbids it; scripts
and styles are static files), links are only made from http(s) URLs, URLs are checked
before a job starts and fetched with ``fetch_url`` (public addresses only, every hop).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, AsyncIterator, Awaitable, Callable, Sequence
from urllib.parse import urlsplit

import httpx
from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from .._brief import Brief
from ..config import BriefConfig, FetchLimits
from ..errors import InputError, ManysidesError
from ..ingest import looks_html
from ..ingest.decode import decode_bytes
from ..ingest.fetch import check_url
from ..report.html import OUTLET_COLORS, article_segments
from ..report.markdown import KIND_TITLES
from .jobs import BriefInput, Job, JobManager, QueueFull
from .models import LIMITS, BriefOut, BriefRequest, ErrorOut, JobOut
from .storage import BriefStore

__all__ = ["create_app", "CSP"]

log = logging.getLogger(__name__)

HERE = Path(__file__).parent

#: No inline script or style, nothing from elsewhere, no framing, forms post only here.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
#: The downloadable report carries its styles inline (it is one self-contained file).
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; frame-ancestors 'none'; sandbox"
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    # "same-origin", not "no-referrer": under no-referrer a browser sends "Origin: null" with the
    # app's own form posts, which the same-origin check must refuse; other sites still get nothing.
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
WORD_CHOICES = (("80", "short (80 words)"), ("150", "standard (150 words)"), ("250", "long (250 words)"))
STORY_SORTS = ("newest", "biggest", "divergent")
DIVERGENCE_KINDS = tuple(KIND_TITLES.items())


#: A box line that is one "scheme:rest" token is meant as an address (and then checked).
_URL_LIKE = re.compile(r"^[a-z][a-z0-9+.-]{1,15}:\S+$", re.IGNORECASE)


class _TooLarge(Exception):
    pass


class _BodyStalled(Exception):
    pass


#: Methods that change state: a browser sends them cross-site from any page (a form), so they must
#: come from this app's own pages.
_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _host_of(value: str) -> str:
    """The host name of a Host header or an Origin/Referer URL, lower-cased, without the port."""
    value = value.strip().lower()
    if "://" in value:
        try:
            return (urlsplit(value).hostname or "").strip("[]")
        except ValueError:
            return ""
    if value.startswith("["):  # "[::1]:8000"
        return value[1 : value.find("]")] if "]" in value else ""
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _authority(value: str) -> str:
    """host[:port] of an Origin/Referer URL, to compare with the Host header."""
    try:
        return urlsplit(value.strip()).netloc.lower()
    except ValueError:
        return ""


class GuardMiddleware:
    """Caps request bodies, answers only to the allowed host names (DNS rebinding), refuses
    state-changing requests another site's page sends (a cross-origin form: CSRF), turns an
    unhandled error into a plain 500, and adds the security headers to every response,
    errors included (pure ASGI)."""

    def __init__(self, app: Any, max_body: int, allowed_hosts: Sequence[str] | None = None, body_idle: float = LIMITS.body_idle_seconds) -> None:
        self.app = app
        self.max_body = max_body
        self.body_idle = body_idle
        self.allowed_hosts = {h.lower().strip("[]") for h in allowed_hosts} if allowed_hosts is not None else None

    async def __call__(self, scope: dict, receive: Callable[[], Awaitable[dict]], send: Callable[[dict], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        host = headers.get(b"host", "")
        if self.allowed_hosts is not None and _host_of(host) not in self.allowed_hosts:
            await self._refuse(send, 400, "this server answers only to the address it listens on; use that address")
            return
        if scope.get("method", "GET") in _UNSAFE_METHODS and not self._same_origin(headers, host):
            await self._refuse(send, 403, "refused: the request came from another site's page")
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > self.max_body:
            await self._too_large(scope, send)
            return
        seen = 0
        started = stalled = False
        stalled_detail = f"the request body stopped arriving for {self.body_idle:g} s; send it again"

        async def counting_receive() -> dict:
            nonlocal seen, stalled
            try:
                message = await asyncio.wait_for(receive(), self.body_idle)
            except asyncio.TimeoutError:
                stalled = True
                raise _BodyStalled() from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge()
            return message

        async def secure_send(message: dict) -> None:
            nonlocal started
            if stalled:  # the app answered a body it could not read (FastAPI says 400): say why
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await self._refuse(send, 408, stalled_detail)
                return
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in names]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, counting_receive, secure_send)
        except _TooLarge:
            if not started:
                await self._too_large(scope, secure_send)
        except _BodyStalled:
            if not started:
                await self._refuse(send, 408, stalled_detail)
        except Exception:  # an error no route handled: logged, and answered with the headers too
            logging.getLogger(__name__).exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await self._refuse(send, 500, "internal error; the server log has the details")

    @staticmethod
    def _same_origin(headers: dict[bytes, str], host: str) -> bool:
        """An unsafe request is this app's own when its Origin (else its Referer) names the host
        it was sent to. A request with neither is a script's or the command line's, not a page's."""
        source = headers.get(b"origin") or headers.get(b"referer")
        if not source:
            return True
        if source == "null":
            return False  # a sandboxed page or a file: never this app's own form
        return _authority(source) == host.strip().lower()

    async def _refuse(self, send: Callable[[dict], Awaitable[None]], status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"content-security-policy", CSP.encode()),
                                *((k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items())]})
        await send({"type": "http.response.body", "body": body})

    async def _too_large(self, scope: dict, send: Callable[[dict], Awaitable[None]]) -> None:
        mb = self.max_body / 1e6
        body = f'{{"detail": "the request is larger than {mb:.0f} MB; send fewer or smaller files"}}'.encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"content-security-policy", CSP.encode()),
                                *((k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items())]})
        await send({"type": "http.response.body", "body": body})


# -- templates ----------------------------------------------------------------------------

def _http_href(url: str) -> str:
    """Only http(s) URLs become links; ``javascript:`` and friends stay text."""
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else ""


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["oneline"] = lambda s: " ".join(str(s).split())
    env.filters["http_href"] = _http_href
    env.filters["pct"] = lambda x: f"{round(float(x) * 100)}%"
    return env


def _when(ts: float) -> str:
    import time as _time

    return _time.strftime("%Y-%m-%d %H:%M", _time.gmtime(ts)) if ts else ""


def outlet_css() -> str:
    """One class per palette colour (``o0``…``o7``): inline styles are forbidden by the CSP."""
    rules = []
    for n, color in enumerate(OUTLET_COLORS):
        r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
        ink = "#111" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else "#fff"  # readable text on the colour
        rules.append(f".o{n}{{--oc:{color};--oink:{ink}}}")
    return "\n".join(rules) + "\n"


class BriefView:
    """What the brief and article pages need, computed once per stored brief."""

    def __init__(self, brief_id: str, created: float, brief: Brief) -> None:
        self.id = brief_id
        self.created = created
        self.b = brief
        self.color = {a.id: f"o{(n - 1) % len(OUTLET_COLORS)}" for n, a in enumerate(brief.articles, 1)}
        self.segments = article_segments(brief)
        # sentence -> its <mark> id, per article (a sentence cited twice is marked once)
        self.marks = {aid: {seg.text: seg.anchor for para in paras for seg in para if seg.anchor}
                      for aid, paras in self.segments.items()}
        self.by_outlet = {a.id: self._outlet(a.id) for a in brief.articles}

    def cite_href(self, i: int, aid: str) -> str:
        """The cited article's page, scrolled to the sentence when it could be marked."""
        n = self.b.number_of(aid)
        anchor = self.marks[aid].get(self.b.summary[i].source_sentences.get(aid, ""))
        return f"/briefs/{self.id}/articles/{n}" + (f"#{anchor}" if anchor else "")

    def _outlet(self, aid: str) -> dict[str, Any]:
        framing = next((f for f in self.b.framing if f.article_id == aid), None)
        return {
            "framing": framing,
            "quotes": [q for q in self.b.quotes if aid in q.sources],
            "only_here": [d.evidence.get(aid) or d.text for d in self.b.divergences if d.kind == "only_one" and d.articles == (aid,)],
            "left_out": [d for d in self.b.divergences if d.kind == "omitted" and aid in d.articles],
        }


def _story_id_in_range(story_id: int) -> None:
    """Story ids are 64-bit database keys: a larger number is no story (not a database error)."""
    if not 0 < story_id < 2**63:
        raise HTTPException(status_code=404, detail=f"no story {story_id}")


# -- the app ------------------------------------------------------------------------------

class _Site:
    """What every route needs: the stores, the jobs, the templates and the views of briefs."""

    def __init__(self, store: BriefStore, jobs: JobManager, limits: FetchLimits, stories: str | None) -> None:
        self.store, self.jobs, self.limits, self.stories = store, jobs, limits, stories
        self.env = _environment()
        self.css = outlet_css()
        self.view_of = lru_cache(maxsize=64)(self._view_of)
        self._story_store: Any = None

    def _view_of(self, brief_id: str) -> BriefView | None:
        stored = self.store.get(brief_id)
        return BriefView(stored.id, stored.created, Brief.from_dict(stored.data)) if stored else None

    def page(self, name: str, code: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(limits=LIMITS, **context)
        return HTMLResponse(html, status_code=code)

    def find_view(self, brief_id: str) -> BriefView:
        view = self.view_of(brief_id)
        if view is None:
            raise HTTPException(404, "no brief with this id (the link may be mistyped, or the brief was made on another server)")
        return view

    @staticmethod
    def job_out(job: Job) -> JobOut:
        done = job.brief_id is not None
        return JobOut(**job.as_dict(), status_url=f"/api/jobs/{job.id}",
                      brief_url=f"/api/brief/{job.brief_id}" if done else None,
                      page_url=f"/briefs/{job.brief_id}" if done else None)

    def story_store(self) -> Any:
        """The story store the app was started with (opened on first use), else 404."""
        if self.stories is None:
            raise HTTPException(404, "no story store is open: start the app with 'manysides serve --stories stories.db'")
        if self._story_store is None:
            from ..store import open_store

            self._story_store = open_store(self.stories)
        return self._story_store

    def submit(self, inputs: list[BriefInput], config: BriefConfig) -> Job:
        try:
            return self.jobs.submit(inputs, config)
        except QueueFull as exc:
            raise HTTPException(503, str(exc), headers={"Retry-After": "30"}) from exc


def create_app(database: str | None = None, *, workers: int | None = None, fetch_limits: FetchLimits | None = None,
               transport: httpx.BaseTransport | None = None, warm_up: bool = False,
               announce: bool = False, stories: str | None = None, allowed_hosts: Sequence[str] | None = None,
               body_idle: float = LIMITS.body_idle_seconds) -> FastAPI:
    """The web app, with briefs stored in ``database`` (see ``storage.database_url``).

    ``workers``: briefs run at once (default ``$MANYSIDES_WEB_WORKERS`` or 1; each brief
    already keeps a core busy). ``warm_up`` loads the models at startup; ``announce`` logs
    where briefs are stored. ``transport`` is for tests (an httpx.MockTransport).
    ``stories``: a story store made by ``manysides stories ingest`` (SQLite path or
    PostgreSQL URL), listed under ``/stories``; each story can be briefed like a paste.
    ``allowed_hosts``: the host names requests may be addressed to (``manysides serve`` gives
    the address it listens on); ``None`` accepts any, for tests and a proxy that checks itself.
    ``body_idle``: seconds a request body may pause before it is answered 408.
    """
    store = BriefStore(database)
    limits = fetch_limits or FetchLimits()
    jobs = JobManager(store, workers=workers or int(os.environ.get("MANYSIDES_WEB_WORKERS", "1")),
                      fetch_limits=limits, transport=transport)
    site = _Site(store, jobs, limits, stories)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if announce:  # uvicorn's logger is the one a person running ``manysides serve`` sees
            logging.getLogger("uvicorn.error").info("manysides: briefs are stored in %s", store.url_for_humans)
        if warm_up:
            jobs.warm_up()
        yield
        jobs.shutdown()

    app = FastAPI(
        title="manysides",
        summary="Many outlets' coverage of one story, turned into one cited brief.",
        description=("Post the articles of one story (texts, HTML pages or public URLs) to `/api/brief`; "
                     "you get a job. Poll `/api/jobs/{id}` until it is done, then read `/api/brief/{brief_id}`. "
                     "Identical requests share one brief."),
        version=_version(),
        lifespan=lifespan,
        # The interactive docs load scripts from a CDN the app's own policy forbids: the schema
        # stays at /openapi.json, and the API is described on the home page.
        docs_url=None,
        redoc_url=None,
    )
    app.state.store, app.state.jobs = store, jobs
    app.add_middleware(GuardMiddleware, max_body=LIMITS.max_request_bytes, allowed_hosts=allowed_hosts, body_idle=body_idle)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return site.page("error.html", exc.status_code, message=exc.detail, status=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = ["; ".join(str(e.get("msg", "")) + f" (at {'.'.join(str(p) for p in e.get('loc', ()))})" for e in exc.errors())]
        return JSONResponse({"detail": problems[0]}, status_code=422)

    app.include_router(_pages(site))
    app.include_router(_story_pages(site))
    app.include_router(_api(site))
    return app


def _pages(site: _Site) -> APIRouter:
    """The pages a person reads: the form, a job's progress, a brief, its articles, its report."""
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def home() -> HTMLResponse:
        return site.page("home.html", boxes=[("", ""), ("", ""), ("", "")], errors=[], words="150", word_choices=WORD_CHOICES)

    @router.post("/briefs")
    async def submit_form(request: Request) -> Response:
        try:
            form = await request.form(max_files=LIMITS.max_inputs + 1, max_fields=4 * LIMITS.max_inputs + 10,
                                      max_part_size=4 * LIMITS.max_text_chars)
        except _TooLarge:
            raise
        except Exception as exc:  # multipart errors: a part too large, too many fields
            raise HTTPException(400, f"the form could not be read ({exc})") from exc
        items = [str(v) for v in form.getlist("item")]
        sources = [str(v) for v in form.getlist("source")]
        words = str(form.get("words") or "150")
        inputs, errors = _inputs_from_boxes(items, sources)
        for upload in form.getlist("files"):
            if isinstance(upload, UploadFile) and (upload.filename or upload.size):
                item, error = await _input_from_upload(upload)
                inputs += [item] if item else []
                errors += [error] if error else []
        if len(inputs) > LIMITS.max_inputs:
            errors.append(f"{len(inputs)} articles: one brief takes at most {LIMITS.max_inputs}")
        if not inputs and not errors:
            errors.append("paste at least one article's text or URL, or choose files")
        if not errors:
            errors += await run_in_threadpool(_url_problems, inputs, site.limits)
        config = _config(words=int(words) if words.isdigit() else None)
        if isinstance(config, str):
            errors.append(config)
        if errors:
            boxes = list(zip(items, sources + [""] * (len(items) - len(sources)))) or [("", "")]
            return site.page("home.html", 400, boxes=boxes, errors=errors, words=words, word_choices=WORD_CHOICES)
        job = await run_in_threadpool(site.submit, inputs, config)
        target = f"/briefs/{job.brief_id}" if job.brief_id else f"/jobs/{job.id}"
        return RedirectResponse(target, status_code=303)

    @router.get("/jobs/{job_id}", response_class=HTMLResponse)
    def job_page(job_id: str) -> Response:
        job = site.jobs.get(job_id)
        if job is None:
            raise HTTPException(404, "no such job (jobs are forgotten when the server restarts; please submit again)")
        if job.status == "done":
            return RedirectResponse(f"/briefs/{job.brief_id}", status_code=303)
        return site.page("job.html", job=job)

    @router.get("/briefs/{brief_id}", response_class=HTMLResponse)
    def brief_page(brief_id: str) -> HTMLResponse:
        return site.page("brief.html", v=site.find_view(brief_id), kinds=DIVERGENCE_KINDS)

    @router.get("/briefs/{brief_id}/articles/{number}", response_class=HTMLResponse)
    def article_page(brief_id: str, number: int) -> HTMLResponse:
        v = site.find_view(brief_id)
        if not 1 <= number <= len(v.b.articles):
            raise HTTPException(404, f"this brief has articles 1 to {len(v.b.articles)}")
        return site.page("article.html", v=v, a=v.b.articles[number - 1], number=number)

    @router.get("/briefs/{brief_id}/report.html")
    def download_report(brief_id: str) -> Response:
        v = site.find_view(brief_id)
        return HTMLResponse(v.b.to_html(), headers={
            "content-disposition": f'attachment; filename="manysides-brief-{brief_id[:8]}.html"',
            "content-security-policy": REPORT_CSP,
        })

    @router.get("/assets/outlets.css")
    def outlets_css() -> Response:
        return Response(site.css, media_type="text/css", headers={"cache-control": "max-age=3600"})

    return router


def _story_pages(site: _Site) -> APIRouter:
    """The stories a store filled by ``manysides stories ingest`` holds; each can be briefed."""
    router = APIRouter(include_in_schema=False)

    @router.get("/stories", response_class=HTMLResponse)
    def stories_page(sort: str = "newest") -> HTMLResponse:
        if sort not in STORY_SORTS:
            raise HTTPException(400, f"sort by one of: {', '.join(STORY_SORTS)}")
        from ..stories import list_stories

        rows = list_stories(site.story_store(), sort=sort, limit=50)
        return site.page("stories.html", rows=rows, sort=sort, sorts=STORY_SORTS, when=_when)

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: int) -> HTMLResponse:
        _story_id_in_range(story_id)
        from ..stories import show_story

        try:
            detail = show_story(site.story_store(), story_id)
        except InputError as exc:
            raise HTTPException(404, f"{exc.source} {exc.problem}") from exc
        return site.page("story.html", d=detail, when=_when)

    @router.post("/stories/{story_id}/brief")
    async def brief_a_story(story_id: int) -> Response:
        _story_id_in_range(story_id)
        from ..stories import show_story

        try:
            detail = await run_in_threadpool(show_story, site.story_store(), story_id)
        except InputError as exc:
            raise HTTPException(404, f"{exc.source} {exc.problem}") from exc
        inputs = [BriefInput(text=a.text, source=a.source or a.origin, title=a.title)
                  for a in detail.articles[:LIMITS.max_inputs]]
        job = await run_in_threadpool(site.submit, inputs, BriefConfig())
        return RedirectResponse(f"/briefs/{job.brief_id}" if job.brief_id else f"/jobs/{job.id}", status_code=303)

    return router


def _api(site: _Site) -> APIRouter:
    """The JSON API: post a brief, poll its job, read the stored brief."""
    router = APIRouter(prefix="/api")

    @router.post("/brief", response_model=JobOut, status_code=202, tags=["briefs"],
                 responses={200: {"model": JobOut, "description": "the same request was briefed before: done at once"},
                            400: {"model": ErrorOut, "description": "a URL was refused (scheme, private address, unresolvable)"},
                            413: {"model": ErrorOut}, 422: {"model": ErrorOut}, 503: {"model": ErrorOut, "description": "too many briefs waiting"}})
    def post_brief(request: BriefRequest) -> Response:
        """Start a brief of one story's articles; returns a job to poll."""
        inputs = [BriefInput(text=a.text or "", html=a.html or "", url=(a.url or "").strip(), source=a.source or "", title=a.title or "")
                  for a in request.articles]
        problems = _url_problems(inputs, site.limits)
        if problems:
            raise HTTPException(400, "; ".join(problems))
        config = _config(words=request.words, sentences=request.sentences)
        if isinstance(config, str):
            raise HTTPException(422, config)
        job = site.submit(inputs, config)
        out = site.job_out(job)
        return JSONResponse(out.model_dump(), status_code=200 if job.status == "done" else 202)

    @router.get("/jobs/{job_id}", response_model=JobOut, tags=["briefs"], responses={404: {"model": ErrorOut}})
    def get_job(job_id: str) -> JobOut:
        """A job's progress: stage, fraction done, and the brief id once done."""
        job = site.jobs.get(job_id)
        if job is None:
            raise HTTPException(404, "no such job (jobs are forgotten when the server restarts; post the brief again)")
        return site.job_out(job)

    @router.get("/brief/{brief_id}", response_model=BriefOut, tags=["briefs"], responses={404: {"model": ErrorOut}})
    def get_brief(brief_id: str) -> Any:
        """A stored brief: summary with citations, facts, divergences, quotes, framing, entities, timeline."""
        stored = site.store.get(brief_id)
        if stored is None:
            raise HTTPException(404, "no brief with this id")
        return {"id": stored.id, "created": stored.created, "title": stored.title, "page_url": f"/briefs/{stored.id}",
                "report_url": f"/briefs/{stored.id}/report.html", "brief": stored.data}

    @router.get("/health", tags=["service"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "workers": site.jobs.workers, "database": site.store.url_for_humans.split(":", 1)[0]}

    return router


# -- form handling ------------------------------------------------------------------------

def _inputs_from_boxes(items: list[str], sources: list[str]) -> tuple[list[BriefInput], list[str]]:
    """Each box holds one article's text or HTML, or URLs (one per line)."""
    inputs, errors = [], []
    for n, raw in enumerate(items, 1):
        text = raw.replace("\r\n", "\n").strip()
        source = (sources[n - 1] if n - 1 < len(sources) else "").strip()[:LIMITS.max_name_chars]
        if not text:
            continue
        if len(text) > LIMITS.max_text_chars:
            errors.append(f"box {n}: {len(text):,} characters; the limit is {LIMITS.max_text_chars:,} per article")
            continue
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        if all(_URL_LIKE.match(ln) for ln in lines):
            inputs += [BriefInput(url=ln[:LIMITS.max_url_chars], source=source) for ln in lines]
        elif looks_html(text):
            inputs.append(BriefInput(html=text, source=source))
        else:
            inputs.append(BriefInput(text=text, source=source))
    return inputs, errors


async def _input_from_upload(upload: UploadFile) -> tuple[BriefInput | None, str | None]:
    name = Path(upload.filename or "upload").name[:LIMITS.max_name_chars]
    data = await upload.read(LIMITS.max_file_bytes + 1)
    if len(data) > LIMITS.max_file_bytes:
        return None, f"{name}: larger than {LIMITS.max_file_bytes / 1e6:.0f} MB; upload the article itself"
    try:
        text = decode_bytes(data, name, max_bytes=LIMITS.max_file_bytes).strip()
    except InputError as exc:
        return None, str(exc)
    if not text:
        return None, f"{name}: the file is empty"
    if len(text) > LIMITS.max_text_chars:
        return None, f"{name}: {len(text):,} characters; the limit is {LIMITS.max_text_chars:,} per article"
    if looks_html(text, name=name):
        return BriefInput(html=text), None  # the outlet name comes from the page
    return BriefInput(text=text, source=Path(name).stem), None


def _url_problems(inputs: list[BriefInput], limits: FetchLimits) -> list[str]:
    """Refuse bad URLs before queuing: other schemes, private and local addresses."""
    problems = []
    for item in inputs:
        if item.url:
            try:
                check_url(item.url, limits)
            except ManysidesError as exc:
                problems.append(str(exc))
    return problems


def _config(*, words: int | None = None, sentences: int | None = None) -> BriefConfig | str:
    try:
        config = BriefConfig()
        return config.with_(words=words or config.words, sentences=sentences) if (words or sentences) else config
    except ManysidesError as exc:
        return str(exc)


def _version() -> str:
    from .. import __version__

    return __version__
