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
from typing import List, Optional

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


def fail(exc: ManysidesError) -> "typer.Exit":
    if os.environ.get("MANYSIDES_DEBUG"):
        raise exc
    err.print(f"[bold red]manysides: error:[/] {exc}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(exc.exit_code)


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
    no_clean: bool = typer.Option(False, "--no-clean", help="Keep the text as given (no clutter removal)."),
) -> None:
    """Brief one story from several articles.

    Examples:

      manysides brief examples/pinewood-bridge

      manysides brief a.txt b.html https://example.org/story --format html -o brief.html

      sed -n 3p validation.src | manysides brief - --words 230
    """
    from .api import brief as run_brief
    from .config import BriefConfig
    from .report import FORMATS, render

    if format not in FORMATS:
        raise fail(UsageError(f"--format {format!r}; choose one of {', '.join(FORMATS)}"))
    try:
        config = BriefConfig(words=words if words else 150, sentences=sentences, encoder=encoder, clean=not no_clean)
        with _progress_bar() as bar:
            task = bar.add_task("reading", total=1.0)
            result = run_brief(inputs, config=config, progress=lambda stage, done: bar.update(task, description=stage, completed=done))
        text = render(result, format, show_removed=show_removed)
        if output:
            output.write_text(text, encoding="utf-8")
            err.print(f"wrote {output} ({len(result.articles)} articles, {len(result.summary)} summary sentences)")
        else:
            sys.stdout.write(text)
        for s in result.skipped:
            err.print(f"[yellow]skipped[/] {s.origin}: {s.reason}", highlight=False)
    except ManysidesError as exc:
        raise fail(exc)
    except KeyboardInterrupt:
        raise typer.Exit(130)


def main() -> None:
    try:
        app()
    except ManysidesError as exc:  # raised outside a command's own handler
        err.print(f"manysides: error: {exc}", highlight=False)
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
