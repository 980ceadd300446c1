"""The CLI as a user runs it: formats, options, help that teaches, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from manysides.cli import app

runner = CliRunner()


def test_brief_markdown_of_example(example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir)])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("# ")
    assert "## Summary" in out and "[1]" in out
    assert "Riverton Daily" in out  # the HTML page's site name became the outlet


def test_json_has_the_documented_keys(example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--format", "json", "--words", "60"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("articles", "summary", "facts", "divergences", "quotes", "framing", "entities", "timeline"):
        assert key in data
    assert {"id", "source", "title", "text"} <= set(data["articles"][0])
    assert {"text", "sources", "source_sentences"} <= set(data["summary"][0])
    assert sum(len(s["text"].split()) for s in data["summary"]) <= 60


def test_sentences_budget(example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--format", "json", "--sentences", "2"])
    assert len(json.loads(result.stdout)["summary"]) == 2


def test_html_to_file(example_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    result = runner.invoke(app, ["brief", str(example_dir), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0
    html = out.read_text()
    assert html.startswith("<!doctype html>") and "<script" not in html


def test_show_removed_lists_clutter_with_reasons(example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--show-removed"])
    assert "## Removed clutter" in result.stdout
    assert "Leave a Reply" in result.stdout  # the blog's comment widget, listed as removed


def test_bad_format_is_a_usage_error(example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--format", "pdf"])
    assert result.exit_code == 64
    assert "choose one of md, json, html" in result.stderr


def test_too_short_words_budget() -> None:
    result = runner.invoke(app, ["brief", "x.txt", "--words", "3"])
    assert result.exit_code == 64 and "too short" in result.stderr


def test_help_teaches_with_examples() -> None:
    result = runner.invoke(app, ["brief", "--help"])
    assert "Examples" in result.stdout and "--show-removed" in result.stdout


def test_real_process_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    done = subprocess.run([sys.executable, "-m", "manysides.cli", "brief", str(missing)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert str(missing) in done.stderr and "Traceback" not in done.stderr
