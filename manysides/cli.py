"""The command line: parse, build the config, call the library, print, exit.

Exit codes: 0 done · 1 other manysides error · 2 bad input · 3 a URL could not be
fetched or was refused · 64 bad usage · 69 an optional dependency is missing ·
130 interrupted. Errors print one line on stderr, never a traceback
(``MANYSIDES_DEBUG=1`` shows it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from .errors import ManysidesError, UsageError

app = typer.Typer(
    name="manysides",
    help="Many outlets' coverage of one news story, turned into one cited brief. Offline, on your CPU.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
bench_app = typer.Typer(help="Benchmarks that print numbers (quality and speed).", no_args_is_help=True)
train_app = typer.Typer(help="Rebuild the small models shipped inside the package.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")
app.add_typer(train_app, name="train")

err = Console(stderr=True)


def _shown(text: str) -> str:
    """Untrusted text (a file name, a title) as the terminal may show it: control characters
    made visible, and no square bracket read as Rich markup."""
    from rich.markup import escape

    from .report import terminal_safe

    return escape(terminal_safe(text))


def fail(exc: ManysidesError) -> "typer.Exit":
    if os.environ.get("MANYSIDES_DEBUG"):
        raise exc
    err.print(f"[bold red]manysides: error:[/] {_shown(str(exc))}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(exc.exit_code)


def _write_atomically(path: Path, text: str) -> None:
    """Write beside the target, then rename over it: a full disk or a kill leaves the old file
    (or none), never a truncated one."""
    import tempfile

    from .errors import InputError

    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent or Path("."), prefix=f".{path.name}.", delete=False) as tmp:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp.name, 0o666 & ~umask)  # as an ordinary write would leave it, not the temp file's 0600
        os.replace(tmp.name, path)
    except OSError as exc:
        try:
            os.unlink(tmp.name)
        except (OSError, UnboundLocalError):
            pass
        raise InputError(str(path), f"cannot be written ({exc.strerror or exc})", "check the folder exists, is writable and has space") from exc


def _progress_bar():
    return Progress(TextColumn("[progress.description]{task.description:<10}"), BarColumn(), TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)


@app.command()
def brief(
    inputs: List[str] = typer.Argument(..., help="Articles: files, folders, URLs, a Multi-News line file, JSONL, or - for stdin.", metavar="PATH_OR_URL..."),
    format: str = typer.Option("md", "--format", "-f", help="md (for reading), json, or html (one self-contained file)."),
    words: Optional[int] = typer.Option(None, "--words", "-w", help="Summary length in words (default 150)."),
    sentences: Optional[int] = typer.Option(None, "--sentences", "-s", help="Summary length in sentences (overrides --words)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    show_removed: bool = typer.Option(False, "--show-removed", help="List the clutter removed from each article, and why."),
    encoder: str = typer.Option("auto", "--encoder", help="Sentence similarity: auto, minilm or tfidf."),
    no_clean: bool = typer.Option(False, "--no-clean", help="Keep flat text as given (no clutter removal; an HTML page is still extracted)."),
) -> None:
    """Brief one story from several articles.

    Examples:

      manysides brief examples/pinewood-bridge

      manysides brief a.txt b.html https://example.org/story --format html -o brief.html

      sed -n 3p validation.src | manysides brief - --words 230
    """
    from .parse import prestart

    prestart()  # spaCy starts loading in its own process while we import and load the rest
    from .api import brief as run_brief
    from .config import DEFAULT_WORDS, BriefConfig
    from .report import FORMATS, render

    if format not in FORMATS:
        raise fail(UsageError(f"--format {format!r}; choose one of {', '.join(FORMATS)}"))
    try:
        # One cold brief: spaCy in a side process, off this one's GIL (see manysides/parse.py).
        config = BriefConfig(words=words or DEFAULT_WORDS, sentences=sentences, encoder=encoder, clean=not no_clean, parse_in="process")
        with _progress_bar() as bar:
            task = bar.add_task("reading", total=1.0)
            result = run_brief(inputs, config=config, progress=lambda stage, done: bar.update(task, description=stage, completed=done))
        text = render(result, format, show_removed=show_removed)
        if output:
            _write_atomically(output, text)
            err.print(f"wrote {output} ({len(result.articles)} articles, {len(result.summary)} summary sentences)")
        else:
            sys.stdout.write(text)
        for s in result.skipped:
            err.print(f"[yellow]skipped[/] {_shown(s.origin)}: {_shown(s.reason)}", highlight=False)
    except ManysidesError as exc:
        raise fail(exc)
    except KeyboardInterrupt:
        raise typer.Exit(130)


# ---------------------------------------------------------------------------------------------
# stories / batch (issue #7): thin wrappers over manysides.stories, manysides.batch, benches.
# ---------------------------------------------------------------------------------------------
stories_app = typer.Typer(help="Group a stream of articles into stories, kept in a database.", no_args_is_help=True)
app.add_typer(stories_app, name="stories")
_DB_HELP = "SQLite file, or a postgresql://user@host/db URL."


def _open_store(database: str):
    from .store import open_store

    return open_store(database)


@stories_app.command("ingest")
def stories_ingest(
    sources: List[str] = typer.Argument(..., help="Folders, JSONL, WARC files, RSS/Atom feed URLs.", metavar="SOURCE..."),
    database: str = typer.Option("stories.db", "--database", "-d", help=_DB_HELP),
    quiet_hours: Optional[float] = typer.Option(None, "--quiet-hours", min=1, help="Hours after which a story with no new article closes (default: StoryConfig's, a month: see docs/benchmarks.md, issue #24)."),
    quiet_articles: Optional[int] = typer.Option(None, "--quiet-articles", min=1, help="Close a story with no dated article once this many articles have come and none joined it (undated streams have no clock; default: StoryConfig's, 50,000)."),
    no_clean: bool = typer.Option(False, "--no-clean", help="Flat text is article bodies already: skip clutter removal (~10 ms an article)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="Processes that clean and featurise while the main one assigns stories (default: the cores, at most 8; 1: all in one process). The stories are the same."),
) -> None:
    """Read sources, drop duplicates, assign each article to a story (re-running adds nothing twice)."""
    from dataclasses import replace

    from .stories import StoryConfig, ingest
    from .stories.parallel import default_workers

    config = StoryConfig()  # its defaults are the tuned ones: an option given replaces one
    if quiet_hours is not None:
        config = replace(config, quiet_hours=quiet_hours)
    if quiet_articles is not None:
        config = replace(config, quiet_articles=quiet_articles)
    try:
        store = _open_store(database)
        with _progress_bar() as bar:
            task = bar.add_task("ingest", total=None)
            report = ingest(sources, store, config=config, clean=not no_clean,
                            workers=workers or default_workers(),
                            progress=lambda r: bar.update(task, description=f"{r.read} read", completed=r.read))
        for s in report.skipped:
            err.print(f"[yellow]skipped[/] {_shown(s.origin)}: {_shown(s.reason)}", highlight=False)
        d = report.as_dict()
        err.print(f"{d['read']} read · {d['added']} new · {d['copies']} copies · {d['already_stored']} already stored · "
                  f"{d['new_stories']} new stories · {d['closed_stories']} closed · {d['seconds']:.1f} s", highlight=False)
        if not d["read"] and report.skipped:
            raise typer.Exit(2)  # nothing could be read at all ("/nonexistent"): a script must see it failed
    except ManysidesError as exc:
        raise fail(exc)
    except KeyboardInterrupt:
        raise typer.Exit(130)


@stories_app.command("list")
def stories_list(
    database: str = typer.Option("stories.db", "--database", "-d", help=_DB_HELP),
    sort: str = typer.Option("newest", "--sort", help="newest, biggest or divergent."),
    limit: int = typer.Option(20, "--limit", "-n"),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """List stories."""
    import json as _json

    from .records import as_dict
    from .report import terminal_safe
    from .stories import list_stories, render_list

    try:
        stories = list_stories(_open_store(database), sort=sort, limit=limit)
        sys.stdout.write(_json.dumps(as_dict(stories), indent=2) + "\n" if format == "json" else terminal_safe(render_list(stories)))
    except ManysidesError as exc:
        raise fail(exc)


@stories_app.command("show")
def stories_show(
    story_id: int = typer.Argument(..., metavar="ID"),
    database: str = typer.Option("stories.db", "--database", "-d", help=_DB_HELP),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Show a story's articles and copies."""
    import json as _json

    from .report import terminal_safe
    from .stories import render_story, show_story

    try:
        detail = show_story(_open_store(database), story_id)
        sys.stdout.write(_json.dumps(detail.to_dict(), indent=2) + "\n" if format == "json" else terminal_safe(render_story(detail)))
    except ManysidesError as exc:
        raise fail(exc)


@stories_app.command("brief")
def stories_brief(
    story_id: int = typer.Argument(..., metavar="ID"),
    database: str = typer.Option("stories.db", "--database", "-d", help=_DB_HELP),
    format: str = typer.Option("md", "--format", "-f", help="md, json or html."),
    refresh: bool = typer.Option(False, "--refresh", help="Brief again even if a stored brief is current."),
) -> None:
    """Brief one story (the brief is stored; it is reused until the story grows)."""
    from .report import FORMATS, render
    from .stories import brief_story

    if format not in FORMATS:
        raise fail(UsageError(f"--format {format!r}; choose one of {', '.join(FORMATS)}"))
    try:
        sys.stdout.write(render(brief_story(_open_store(database), story_id, refresh=refresh), format))
    except ManysidesError as exc:
        raise fail(exc)


@app.command("batch")
def batch(
    source: str = typer.Argument(..., help="A Multi-News file (one story a line) or a story store (.db, postgresql://).", metavar="INPUT"),
    output: Path = typer.Argument(..., help="JSONL output; a rerun skips the stories already in it.", metavar="OUTPUT"),
    engine: str = typer.Option("ray", "--engine", help="ray (local Ray, or --address) or local (in-process)."),
    workers: int = typer.Option(2, "--workers", "-j", help="Ray workers (each loads the models once)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N stories."),
    address: Optional[str] = typer.Option(None, "--address", help="Join an existing Ray cluster (e.g. ray://head:10001)."),
    encoder: str = typer.Option("auto", "--encoder", help="auto, minilm or tfidf."),
) -> None:
    """Brief many stories into JSONL, crash-safe and resumable."""
    from rich.progress import MofNCompleteColumn

    from .batch import run_batch
    from .config import BriefConfig

    try:
        with Progress(TextColumn("batch"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as bar:
            task = bar.add_task("batch", total=None)

            def tick(r) -> None:
                bar.update(task, total=r.total, completed=r.done_before + r.briefed + r.failed)

            report = run_batch(source, output, engine=engine, workers=workers, limit=limit, address=address,
                               config=BriefConfig(encoder=encoder), progress=tick)
        for e in report.errors[:20]:
            err.print(f"[yellow]failed[/] {e}", highlight=False)
        err.print(f"{report.briefed} briefed · {report.failed} failed · {report.done_before} already done · "
                  f"{report.seconds:.1f} s ({report.per_second:.2f} stories/s) → {output}", highlight=False)
    except ManysidesError as exc:
        raise fail(exc)
    except KeyboardInterrupt:
        raise typer.Exit(130)


@bench_app.command("stories")
def bench_stories(
    ecbplus: Optional[Path] = typer.Option(None, "--ecbplus", help="ecbplus_docs.jsonl"),
    stream: Optional[Path] = typer.Option(None, "--stream", help="a labelled JSONL stream ({text, story, title?, date?} a line), e.g. real_stories/stream.jsonl"),
    seeds: int = typer.Option(5, "--seeds", help="shuffled orders to average over (ECB+)"),
    limit: Optional[int] = typer.Option(None, "--limit"),
    workers: int = typer.Option(2, "--workers", "-j", min=1, help="also stream each order with this many featurising processes, as stories ingest -j does (1: skip)"),
    json_out: bool = typer.Option(False, "--json", help="print one JSON object instead of the tables"),
) -> None:
    """Online story clustering on ECB+ and/or a labelled dated stream: BCubed vs a TF-IDF + average-link baseline, articles/s."""
    import json as _json

    from .bench import stories as bench

    if ecbplus is None and stream is None:
        raise fail(UsageError("pass --ecbplus FILE, --stream FILE, or both"))
    try:
        results = {}
        if ecbplus is not None:
            results["ecbplus"] = bench.run(ecbplus, seeds=seeds, limit=limit, workers=workers)
        if stream is not None:
            results["stream"] = bench.run_stream(stream)
    except ManysidesError as exc:
        raise fail(exc)
    if json_out:
        sys.stdout.write(_json.dumps(results, indent=1, default=float) + "\n")
        return
    sys.stdout.write("\n\n".join(bench.render(r) if k == "ecbplus" else bench.render_stream(r) for k, r in results.items()) + "\n")


# web app (issue #4): a thin wrapper over manysides.web.serve.
@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (keep 127.0.0.1 unless behind a proxy)"),
    port: int = typer.Option(8000, "--port"),
    database: Optional[str] = typer.Option(None, "--database", envvar="MANYSIDES_DATABASE",
                                           help="briefs.sqlite3 path, sqlite:///PATH or postgresql://USER@HOST/DB (default: ~/.local/share/manysides/briefs.sqlite3)"),
    stories: Optional[str] = typer.Option(None, "--stories", help="a story store from 'manysides stories ingest' (SQLite file or postgresql:// URL), listed at /stories"),
) -> None:
    """Run the web app: paste articles or URLs, read the brief in a browser; JSON API at /docs."""
    from .web import serve as run_server

    try:
        run_server(host, port, database, stories)
    except ManysidesError as exc:
        raise fail(exc)
    except KeyboardInterrupt:
        raise typer.Exit(130)


# Benchmarks and training with many knobs keep their own argparse (``python -m`` works too);
# the CLI forwards the arguments, so ``manysides bench extract --help`` shows the module's help.
_FORWARD = {"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}


def _forward(module: str, ctx: typer.Context) -> None:
    import importlib

    mod = importlib.import_module(module)
    prog = f"manysides {ctx.parent.info_name if ctx.parent else ''} {ctx.info_name}".replace("  ", " ")
    saved = sys.argv
    sys.argv = [prog, *ctx.args]
    try:
        code = mod.main()
    except ManysidesError as exc:
        raise fail(exc)
    finally:
        sys.argv = saved
    raise typer.Exit(int(code or 0))


#: (sub-app, command, module with ``main()``, one-line help).
_FORWARDED = (
    (bench_app, "clutter", "manysides.bench.clutter", "Flat-text clutter removal on held-out labelled page lines ([--corpus scrapinghub|l3s] [--data DIR]), vs jusText and trafilatura."),
    (bench_app, "extract", "manysides.bench.extract", "HTML article extraction ([--corpus scrapinghub|l3s] [--data DIR] or --html DIR --truth FILE): token P/R/F1 on held-out and all pages and pages/s vs trafilatura, readability and jusText (the peers `make install` installs)."),
    (bench_app, "multinews", "manysides.bench.multinews", "Summary quality on Multi-News (--src --tgt [--limit] [--words] [--peers] [--as-brief] [--order] [--json]): ROUGE-1/2/Lsum, line order, clusters/s."),
    (bench_app, "stream", "manysides.bench.stream", "A long undated stream (--multinews validation.src [--limit] [--seed]): articles/s per block, open groups, BCubed vs the lines, with and without the candidate cap."),
    (bench_app, "batch", "manysides.bench.batch", "manysides batch throughput (--multinews validation.src [--limit] [--encoder] [--json]): local vs Ray with 1 and 2 workers."),
    (bench_app, "quotes", "manysides.bench.quotes", "Quotes and speakers (--polnear DIR [--basil DIR] [--limit] [--json]): content P/R/F1 and speaker accuracy on PolNeAR (BASIL as a check)."),
    (bench_app, "load", "manysides.bench.load", "Web app under load ([--clients] [--duration] [--mode same|unique] [--large] [--json]): concurrent clients posting briefs; requests/s, p50/p95 latency, errors."),
    (bench_app, "claims", "manysides.bench.claims", "Claim precision of briefs of labelled real stories (--stories FILE [--labels FILE] [--split dev|held-out|all] [--unlabelled FILE] [--json]), judged with CLAIMS.md."),
    (bench_app, "neus", "manysides.bench.neus", "Neutral summaries of partisan coverage (--data DIR, or --source/--target): ROUGE and loaded-term rate vs peers."),
    (bench_app, "pairs", "manysides.bench.pairs", "The sentence-pair cross-encoder on each labelled set's held-out part (--data ../shared/data/pairs [--articles DIR] [--json]): accuracy, F1 vs MiniLM and TF-IDF cosine at their best threshold, calibration, pairs/s alone and in a brief."),
    (train_app, "pairs", "manysides.text.pairs_cross_train", "Fine-tune the sentence-pair cross-encoder (same / supports / contradicts) on labelled pairs: train|eval|ship --out DIR [--data ../shared/data/pairs]; needs torch."),
    (train_app, "clutter", "manysides.clean.train", "Retrain the clutter model from labelled pages (--data DIR [DIR ...] --out FILE [--cv [--cv-pages SHARE]]): CV scores, a learning curve."),
    (train_app, "summarizer", "manysides.summarize.train", "Retrain the summary sentence scorer on Multi-News-format clusters (--src --tgt --out)."),
)


def _forwarding_command(module: str, help_text: str) -> Callable[[typer.Context], None]:
    def command(ctx: typer.Context) -> None:
        _forward(module, ctx)

    command.__doc__ = help_text
    return command


for _app, _name, _module, _help in _FORWARDED:
    _app.command(_name, context_settings=_FORWARD, add_help_option=False)(_forwarding_command(_module, _help))


#: Commands after which the process ends at once: once ``brief`` has written its report,
#: the interpreter's own teardown (modules, models, the parse process's pipes) is time a
#: user waits for and gains nothing from.
QUICK_EXIT = frozenset({"brief"})


def main() -> None:
    try:
        app()
    except ManysidesError as exc:  # raised outside a command's own handler
        err.print(f"manysides: error: {exc}", highlight=False)
        sys.exit(exc.exit_code)
    except SystemExit as done:
        if sys.argv[1:2] and sys.argv[1] in QUICK_EXIT:
            _exit_now(done.code)
        raise


def _exit_now(code: object) -> None:
    import logging

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message") prints it and exits 1
        print(code, file=sys.stderr)
        code = 1
    os._exit(code)


if __name__ == "__main__":
    main()
